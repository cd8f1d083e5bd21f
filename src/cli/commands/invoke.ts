import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connectionFromEnv } from '../../auth/env.ts';
import { findOperation } from '../../operations/index.ts';
import { CardInputError, ConnectionError, OktaApiError, TransportError } from '../../runtime/errors.ts';
import type { RunOptions, RuntimeEvent } from '../../runtime/options.ts';
import { iterateCard, prepareCard, runCard } from '../../runtime/run-card.ts';
import { UsageError, type Command } from '../command.ts';

const usage = `Usage: oig invoke <cardId> [--input '<json>' | --input @file.json] [--all | --limit N] [--org URL] [--pace]

Runs one card against an Okta org and prints its outputs as JSON on stdout.
  --input   the card's input as a JSON object, or @path to a file holding it (default {})
  --all     list cards: every record of every page, printed as one JSON array as it streams
  --limit   list cards: the first N records (default 200)
  --org     the org URL (default: OKTA_ORG_URL)
  --pace    wait for room in the rate-limit bucket instead of running into 429s

Credentials come from the environment: OKTA_ACCESS_TOKEN (Bearer, as an Okta Workflows connection
holds), OKTA_API_TOKEN (SSWS), or OKTA_CLIENT_ID + OKTA_PRIVATE_KEY (OAuth private_key_jwt; optional
OKTA_SCOPES, OKTA_KEY_ID, OKTA_DPOP=false).
Exit codes: 0 ok · 1 Okta answered with an error · 2 invalid input or usage (nothing sent) · 3 configuration or authentication failure.`;

export const invokeCommand: Command = {
  summary: 'run one card against an org and print its outputs as JSON',
  usage,
  async run(args) {
    const { values, positionals } = parseOptions(args);
    const id = positionals[0];
    if (!id) throw new UsageError('name the card to run, e.g. oig invoke getLabel --input \'{"labelId":"lbc…"}\'');
    if (positionals.length > 1) throw new UsageError(`one card at a time (got ${positionals.join(', ')})`);
    const op = findOperation(id);
    if (!op) throw new UsageError(`no card "${id}". \`oig cards\` lists them.`);
    if (values.all && values.limit !== undefined) throw new UsageError('give --all or --limit, not both');
    if ((values.all || values.limit !== undefined) && !op.list) throw new UsageError(`${id} is not a list card; --all and --limit are for list cards`);
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

export function readInput(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) return {};
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = readFileSync(raw.slice(1), 'utf8');
    } catch {
      throw new UsageError(`can't read the input file ${raw.slice(1)}`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input is not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--input must be a JSON object of the card\'s inputs');
  return value as Record<string, unknown>;
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

export function printEvent(event: RuntimeEvent): void {
  if (event.type === 'retry') {
    const why = { 'rate-limit': 'rate limit (429)', 'concurrency-limit': 'concurrency limit (429)', 'server-error': `server error (${event.status})`, network: 'network failure', 'new-token': 'token refused; fetched a new one', 'dpop-nonce': 'DPoP nonce requested' }[event.reason] ?? event.reason;
    process.stderr.write(`oig: ${event.card}: ${why}; retrying in ${(event.waitMs / 1000).toFixed(1)} s\n`);
  } else if (event.type === 'pace') {
    process.stderr.write(`oig: ${event.card}: waiting ${(event.waitMs / 1000).toFixed(1)} s for the rate-limit window of ${event.bucket}\n`);
  }
}

/** Print the failure and return the exit code of DESIGN.md. */
export function report(error: unknown): number {
  if (error instanceof CardInputError) {
    process.stderr.write(`oig invoke: ${error.message}\n`);
    return 2;
  }
  if (error instanceof OktaApiError) {
    process.stderr.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
    return error.status === 401 ? 3 : 1;
  }
  if (error instanceof ConnectionError) {
    process.stderr.write(`oig invoke: ${error.message}\n`);
    return 3;
  }
  if (error instanceof TransportError) {
    process.stderr.write(`${JSON.stringify({ error: 'TransportError', card: error.card, message: error.message })}\n`);
    return 1;
  }
  throw error;
}
