import { parseArgs } from 'node:util';
import { faultNames, parseFault, startSimulator, type FaultConfig } from '../../simulator/index.ts';
import { UsageError, type Command } from '../command.ts';

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        'time-scale': { type: 'string' },
        realism: { type: 'boolean' },
        'seed-scale': { type: 'string' },
        fault: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    // parseArgs explains unknown options and missing values well; it is still a usage error (exit 2).
    throw new UsageError((error as Error).message);
  }
}

export const simCommand: Command = {
  usage: [
    'Usage: oig sim [--port N] [--seed S] [--seed-scale N] [--time-scale X] [--realism] [--fault name=value …] [--quiet]',
    '',
    'Starts a stateful OIG org on 127.0.0.1 and runs until Ctrl-C (SIGINT) or SIGTERM.',
    'The first line on stdout is one JSON object: {"url": "http://127.0.0.1:PORT", "token": "…", "apiToken": "…"}',
    '(token: a Bearer token with every scope; apiToken: an SSWS API token of the same admin, for clients',
    'such as the Okta Node SDK). Request logs go to stderr.',
    '',
    '  --port N          port to listen on (default: a free one)',
    '  --seed S          seed of the org: same seed, same ids (default "oig-sim")',
    '  --seed-scale N    bulk seeding for benchmarks: N more users (with grants), v2 requests,',
    '                    campaigns, collections and security access reviews (default 0)',
    '  --time-scale X    60 makes a rate-limit minute last a second (default 1)',
    '  --realism         the recorded quirks: links on an -admin host, the teams links style',
    '  --fault name=val  switch a fault on, repeatable. Faults:',
    `                    ${faultNames.join(', ')}`,
    '                    e.g. --fault rateLimit=3 --fault slowMs=200 --fault adminLinks',
    '  --quiet           no request log',
  ].join('\n'),
  async run(args) {
    const values = parseOptions(args);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number from 0 to 65535, got "${values.port}"`);
    const seedScale = values['seed-scale'] === undefined ? 0 : Number(values['seed-scale']);
    if (!Number.isInteger(seedScale) || seedScale < 0) throw new UsageError(`--seed-scale takes a whole number of 0 or more, got "${values['seed-scale']}"`);
    const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
    if (!(timeScale > 0)) throw new UsageError(`--time-scale takes a number above 0, got "${values['time-scale']}"`);
    let faults: FaultConfig = {};
    for (const text of values.fault ?? []) {
      try {
        faults = { ...faults, ...parseFault(text) };
      } catch (error) {
        throw new UsageError(`--fault ${text}: ${(error as Error).message}`);
      }
    }
    const log = values.quiet ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
    // Listen for signals before anything is printed, so a caller that stops us right after the
    // first line still gets a clean close.
    let stopRequested: string | undefined;
    let stop: (signal: string) => void = (signal) => {
      stopRequested = signal;
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const detach = () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
    let sim;
    try {
      sim = await startSimulator({ port, timeScale, seedScale, faults, log, ...(values.seed ? { seed: values.seed } : {}), ...(values.realism ? { realism: true } : {}) });
    } catch (error) {
      detach();
      process.stderr.write(`oig sim: can't start: ${(error as Error).message}\n`);
      return 3;
    }
    process.stdout.write(`${JSON.stringify({ url: sim.url, token: sim.token, apiToken: sim.apiToken })}\n`);
    const running = sim;
    return new Promise<number>((resolve) => {
      stop = (signal) => {
        detach();
        log(`simulator: ${signal}, closing`);
        void running.close().then(() => resolve(0));
      };
      if (stopRequested) stop(stopRequested);
    });
  },
};
