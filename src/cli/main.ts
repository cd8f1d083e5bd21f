import { UsageError, type Command } from './command.ts';
import { buildCommand } from './commands/build.ts';
import { cardsCommand, describeCommand } from './commands/cards.ts';
import { demoCommand } from './commands/demo.ts';
import { flowCommand } from './commands/flow.ts';
import { invokeCommand } from './commands/invoke.ts';
import { lintCommand } from './commands/lint.ts';
import { simCommand } from './commands/sim.ts';

const commands: Record<string, Command> = {
  build: buildCommand,
  cards: cardsCommand,
  describe: describeCommand,
  invoke: invokeCommand,
  flow: flowCommand,
  demo: demoCommand,
  lint: lintCommand,
  sim: simCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  return [
    'oig — Okta Identity Governance cards for Okta Workflows and code',
    '',
    'Usage: oig <command> [options]',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `oig <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`oig: unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    // node:util parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes: usage errors too.
    const parseArgsError = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || parseArgsError) {
      process.stderr.write(`oig ${name}: ${(error as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
