import { parseArgs } from 'node:util';
import { connectionFromEnv } from '../../auth/env.ts';
import { FlowInputError, flowContext, flows, runFlow, validateFlowInput } from '../../flows/index.ts';
import { UsageError, type Command } from '../command.ts';
import { EXIT_CODES, printEvent, readInput, report } from '../io.ts';
import { exampleInput, inputFlag, keyLines } from '../schema-help.ts';

const usage = `Usage: oig flow <name> --input '<json>'|@file [--org URL] [--pace]
       oig flow <name> --help    the template's inputs: type, required or optional, an example

Runs a flow template: a composition of cards for one job, over the same connection as \`oig invoke\`.
Templates:
${Object.values(flows).map((f) => `  ${f.name.padEnd(32)} ${f.title}`).join('\n')}

Credentials come from the environment as for \`oig invoke\`. Result JSON on stdout; progress on stderr.
${EXIT_CODES}`;

/** One template's help, read from its input schema. */
function templateHelp(name: string): string | null {
  const flow = flows[name];
  if (!flow) return null;
  const schema = flow.input as Record<string, unknown>;
  return [
    `Usage: oig flow ${name} --input '<json>'|@file [--org URL] [--pace]`,
    '',
    `${flow.title}: ${flow.description}`,
    '',
    'Inputs:',
    ...keyLines(schema),
    '',
    'Example:',
    `  oig flow ${name} ${inputFlag(exampleInput(schema))}`,
    '',
    `Cards it calls: ${flow.cards.join(', ')}`,
  ].join('\n');
}

export const flowCommand: Command = {
  usage,
  helpFor: (args) => (args[0] ? templateHelp(args[0]) : null),
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { input: { type: 'string' }, org: { type: 'string' }, pace: { type: 'boolean' } }, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    const name = positionals[0];
    if (!name) throw new UsageError('name the flow template to run');
    if (!flows[name]) throw new UsageError(`no flow template "${name}"; use one of ${Object.keys(flows).join(', ')}`);
    const input = readInput(values.input);
    try {
      validateFlowInput(name, input);
      const connection = connectionFromEnv(process.env, values.org ? { orgUrl: values.org } : {});
      const ctx = flowContext(connection, {
        onEvent: printEvent,
        ...(values.pace ? { pace: true } : {}),
        progress: (message) => process.stderr.write(`oig flow ${name}: ${message}\n`),
      });
      const result = await runFlow(name, input, ctx);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof FlowInputError) {
        process.stderr.write(`oig flow: ${error.message}\n`);
        return 2;
      }
      return report(error);
    }
  },
};
