import { parseArgs } from 'node:util';
import { connectionFromEnv } from '../../auth/env.ts';
import { DEFAULT_FIRST_N, type Card } from '../../compile/card.ts';
import { compiledCard } from '../../compile/registry.ts';
import type { CardId } from '../../runtime/card-types.ts';
import type { RunOptions, RuntimeEvent } from '../../runtime/options.ts';
import { nextPageHref } from '../../runtime/pagination.ts';
import { itemsOf } from '../../runtime/parse-response.ts';
import { iterateCard, prepareCard, runCard, type CardResult } from '../../runtime/run-card.ts';
import { rebaseOnOrg } from '../../runtime/url.ts';
import { UsageError, type Command } from '../command.ts';
import { EXIT_CODES, NETWORK_OPTIONS, NETWORK_USAGE, networkOptions, printEvent, readInput, report } from '../io.ts';

const usage = `Usage: oig invoke <cardId> [--input '<json>' | --input @file.json] [--all | --max-records N] [--org URL] [--pace]
       [--timeout S] [--max-time S]

Runs one card against an Okta org and prints its outputs as JSON on stdout.
  --input        the card's input as a JSON object, or @path to a file holding it (default {});
                 \`oig describe <cardId>\` shows its keys and an example
  --all          list cards: every record of every page (its outputs plus raw, the record as sent),
                 printed as one JSON array as it streams
  --max-records  list cards: print at most N records (default ${DEFAULT_FIRST_N}). When more exist, the output
                 says "truncated": true with the "next" page's link, and stderr says so too.
                 Not the card's page size: that is its own "limit" input (--input '{"limit": 50}').
  --org          the org URL (default: OKTA_ORG_URL)
  --pace         wait for room in the rate-limit bucket instead of running into 429s
${NETWORK_USAGE}

Credentials come from the environment: OKTA_ACCESS_TOKEN (Bearer, as an Okta Workflows connection
holds), OKTA_API_TOKEN (SSWS), or OKTA_CLIENT_ID + OKTA_PRIVATE_KEY (OAuth private_key_jwt; optional
OKTA_SCOPES, OKTA_KEY_ID, OKTA_DPOP=false).
HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.
${EXIT_CODES}`;

export const invokeCommand: Command = {
  usage,
  async run(args) {
    const { values, positionals } = parseOptions(args);
    const id = positionals[0];
    if (!id) throw new UsageError('name the card to run, e.g. oig invoke getLabel --input \'{"labelId":"lbc…"}\'');
    if (positionals.length > 1) throw new UsageError(`one card at a time (got ${positionals.join(', ')})`);
    const card = compiledCard(id)?.card;
    if (!card) throw new UsageError(`no card "${id}". \`oig cards\` lists them.`);
    if (values.limit !== undefined) {
      throw new UsageError(
        `--limit is now --max-records ${values.limit} (how many records to print). The card's page size is its own "limit" input: --input '{"limit": ${values.limit}}'.`,
      );
    }
    const maxFlag = values['max-records'];
    if (values.all && maxFlag !== undefined) throw new UsageError('give --all or --max-records, not both');
    if ((values.all || maxFlag !== undefined) && !card.list) throw new UsageError(`${id} is not a list card; --all and --max-records are for list cards`);
    const max = maxFlag === undefined ? DEFAULT_FIRST_N : Number(maxFlag);
    if (!(Number.isInteger(max) && max >= 1)) throw new UsageError(`--max-records must be a whole number ≥ 1 (got "${maxFlag}")`);
    const input = readInput(values.input);
    const network = networkOptions(values);

    try {
      // Input first: an invalid input is exit 2 whatever the configuration.
      prepareCard(id, input);
      const connection = connectionFromEnv(process.env, values.org ? { orgUrl: values.org } : {});
      const options: RunOptions = { onEvent: printEvent, ...network, ...(values.pace ? { pace: true } : {}) };
      if (values.all) {
        await streamAll(id, input, connection, options);
        return 0;
      }
      let lastPage = 0;
      const onEvent = (event: RuntimeEvent) => {
        if (event.type === 'page') lastPage = event.items;
        printEvent(event);
      };
      const result = await runCard(id as CardId, input as never, connection, { ...options, onEvent, resultSet: 'firstN', limit: max });
      if (!card.list) {
        process.stdout.write(`${JSON.stringify(result.outputs, null, 2)}\n`);
        return 0;
      }
      const more = moreRecords(card, result, lastPage, connection.orgUrl, max);
      if (more.truncated) {
        process.stderr.write(
          `oig: ${id}: printed the first ${max} records (--max-records ${max}); more exist${more.next ? `, from ${more.next}` : ''}. Use --all for every record, or a larger --max-records.\n`,
        );
      }
      process.stdout.write(`${JSON.stringify({ ...result.outputs, ...more }, null, 2)}\n`);
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
        'max-records': { type: 'string' },
        // Refused with a message pointing at --max-records and the card's own "limit" input.
        limit: { type: 'string' },
        org: { type: 'string' },
        pace: { type: 'boolean' },
        ...NETWORK_OPTIONS,
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
  for await (const item of iterateCard(id as CardId, input as never, connection, { ...options, resultSet: 'all' })) {
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

/**
 * Whether a list stopped at --max-records before its end: records of the last page read were left
 * out, or it has a next page. `next` is that page's link (path and query on the org); records left
 * out of the last page come before it.
 */
function moreRecords(card: Card, result: CardResult, takenFromLastPage: number, orgUrl: URL, max: number): { truncated: boolean; next?: string } {
  const count = (result.outputs as { count?: number }).count ?? 0;
  if (count < max) return { truncated: false };
  const leftInPage = itemsOf(result.body, card.list?.itemsAt).length - takenFromLastPage;
  const href = card.list?.paginated ? nextPageHref(result.body, { get: (name) => result.headers[name.toLowerCase()] ?? null }) : undefined;
  const url = href ? rebaseOnOrg(orgUrl, href) : undefined;
  if (leftInPage <= 0 && !url) return { truncated: false };
  return { truncated: true, ...(url ? { next: `${url.pathname}${url.search}` } : {}) };
}
