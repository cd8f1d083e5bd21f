import { UsageError, type Command } from './command.ts';
import { EXIT_CODES } from './io.ts';

/**
 * Each command is loaded only when it runs, so `oig invoke` doesn't pay for the simulator, the
 * Workflows builder or the linter at start-up.
 */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  build: { summary: 'write cards/, schemas/, connector/ and the per-card types (src/generated/) from the declarations (deterministic)', load: async () => (await import('./commands/build.ts')).buildCommand },
  cards: { summary: 'list every card (id, title, family, lifecycle)', load: async () => (await import('./commands/cards.ts')).cardsCommand },
  describe: { summary: 'show one card: inputs (with the keys of nested inputs), a ready-to-paste example, rules, outputs, scopes', load: async () => (await import('./commands/cards.ts')).describeCommand },
  invoke: { summary: 'run one card against an org and print its outputs as JSON (--all, or --max-records N for lists)', load: async () => (await import('./commands/invoke.ts')).invokeCommand },
  flow: { summary: 'run a flow template (launch a review, file a request, label resources, review on a risk event); `oig flow <name> --help` lists its inputs', load: async () => (await import('./commands/flow.ts')).flowCommand },
  demo: { summary: 'the main job of `npm start`: build, start the simulator, run the mission flows through the cards', load: async () => (await import('./commands/demo.ts')).demoCommand },
  lint: { summary: 'check an Okta Workflows export (.folder/.flow/.flopack) the way the importer plausibly does', load: async () => (await import('./commands/lint.ts')).lintCommand },
  sim: { summary: 'start the local OIG simulator on 127.0.0.1 (prints {url, token, apiToken} first)', load: async () => (await import('./commands/sim.ts')).simCommand },
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
    EXIT_CODES,
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`oig: unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.helpFor?.(rest.filter((a) => a !== '--help' && a !== '-h')) ?? command.usage}\n`);
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
