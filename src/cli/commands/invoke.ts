import { parseArgs } from 'node:util';
import { connectionFromEnv } from '../../auth/env.ts';
import { findOperation } from '../../operations/index.ts';
import type { RunOptions } from '../../runtime/options.ts';
import { iterateCard, prepareCard, runCard } from '../../runtime/run-card.ts';
import { UsageError, type Command } from '../command.ts';
import { printEvent, readInput, report } from '../io.ts';

const usage = `Usage: oig invoke <cardId> [--input '<json>' | --input @file.json] [--all | --limit N] [--org URL] [--pace]

Runs one card against an Okta org and prints its outputs as JSON on stdout.
  --input   the card's input as a JSON object, or @path to a file holding it (default {})
  --all     list cards: every record of every page (its outputs plus raw, the record as sent), one JSON array as it streams
  --limit   list cards: the first N records (default 200)
  --org     the org URL (default: OKTA_ORG_URL)
  --pace    wait for room in the rate-limit bucket instead of running into 429s

Credentials come from the environment: OKTA_ACCESS_TOKEN (Bearer, as an Okta Workflows connection
holds), OKTA_API_TOKEN (SSWS), or OKTA_CLIENT_ID + OKTA_PRIVATE_KEY (OAuth private_key_jwt; optional
OKTA_SCOPES, OKTA_KEY_ID, OKTA_DPOP=false).
Exit codes: 0 ok · 1 Okta answered with an error · 2 invalid input or usage (nothing sent) · 3 configuration or authentication failure.`;

export const invokeCommand: Command = {
  usage,
  async run(args) {
    const { values, positionals } = parseOptions(args);
    const id = positionals[0];
    if (!id) throw new UsageError('name the card to run, e.g. oig invoke getLabel --input \'{"labelId":"lbc…"}\'');
    if (positionals.length > 1) throw new UsageError(`one card at a time (got ${positionals.join(', ')})`);
    const op = findOperation(id);
    if (!op) throw new UsageError(`no card "${id}". \`oig cards\` lists them.`);
    if (values.all && values.limit !== undefined) throw new UsageError('give --all or --limit, not both');
    if ((values.all || values.limit !== undefined) && op.answer.kind !== 'list') throw new UsageError(`${id} is not a list card; --all and --limit are for list cards`);
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw new UsageError(`--limit must be a whole number ≥ 1 (got "${values.limit}")`);
    const input = readInput(values.input);

    try {
      // Input first: an invalid input is exit 2 whatever the configuration.
      prepareCard(id, input);
      const connection = connectionFromEnv(process.env, values.org ? { orgUrl: values.org } : {});
      const options: RunOptions = { onEvent: printEvent, ...(values.pace ? { pace: true } : {}) };
      if (values.all) {
        await streamAll(id, input, connection, options);
        return 0;
      }
      const result = await runCard(id, input, connection, { ...options, ...(limit !== undefined ? { resultSet: 'firstN', limit } : {}) });
      process.stdout.write(`${JSON.stringify(result.outputs, null, 2)}\n`);
      return 0;
    } catch (error) {
      return report(error);
    }
  },
};

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        input: { type: 'string' },
        all: { type: 'boolean' },
        limit: { type: 'string' },
        org: { type: 'string' },
        pace: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // node:util reports unknown or malformed options as a TypeError: they are usage errors here.
    throw new UsageError((error as Error).message);
  }
}


/** One JSON array, written record by record as the pages arrive. */
async function streamAll(id: string, input: Record<string, unknown>, connection: ReturnType<typeof connectionFromEnv>, options: RunOptions): Promise<void> {
  let first = true;
  for await (const item of iterateCard(id, input, connection, { ...options, resultSet: 'all' })) {
    await write(`${first ? '[\n' : ',\n'}${JSON.stringify(item)}`);
    first = false;
  }
  await write(first ? '[]\n' : '\n]\n');
}

/** Respect back-pressure so a long stream keeps memory flat. */
function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}
