import { connect, type ConnectionConfig } from '../auth/index.ts';
import type { Connection } from '../auth/connection.ts';
import { runnableCard, type RunnableCard } from './card-registry.ts';
import { buildRequest, type PlannedRequest } from './build-request.ts';
import { checkRules } from './check-rules.ts';
import { recordBudget, systemClock, type RunOptions } from './options.ts';
import { nextPageHref } from './pagination.ts';
import { listItemsOf, outputsOf } from './parse-response.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';
import { defaultRetrySettings } from './retry-policy.ts';
import { send, type Answer, type SendContext } from './send.ts';
import { hasIdsForOrns, writeIdsAsOrns } from './orn-ids.ts';
import { orgUrlFor, rebaseOnOrg } from './url.ts';
import { validateInput } from './validate-input.ts';
import { TransportError } from '../model/errors.ts';
import type { CardId, InputFor, ItemFor, OutputsFor } from './card-types.ts';

export interface CardResult<O = Record<string, unknown>> {
  /** HTTP status of the (last) answer. */
  status: number;
  /** Non-list cards: each declared output plus `response`; list cards: `{items, count}`, each item its item outputs plus `raw`. */
  outputs: O;
  /** The body of the (last) answer, as parsed. */
  body: unknown;
  /** Headers of the (last) answer, lower-case names. */
  headers: Record<string, string>;
  /** X-Rate-Limit-Limit/-Remaining/-Reset of the (last) answer, when Okta sent them. */
  rateLimit: RateLimit | null;
}

export interface PreparedCard {
  entry: RunnableCard;
  request: PlannedRequest;
}

/**
 * Validate an input and build its request, sending nothing: schema, friendly/API-form pairs, path
 * safety, then the business rules. Throws CardInputError naming the card, field, rule and value.
 */
export function prepareCard(id: string, input: unknown, now: Date = new Date()): PreparedCard {
  const entry = runnableCard(id);
  const values = validateInput(entry, input);
  const request = buildRequest(entry, values);
  checkRules(entry, values, request, now);
  return { entry, request };
}

/** Run a card once: one request, or for list cards the pages its result set needs (default first 200). */
export async function runCard<Id extends CardId>(
  id: Id,
  input: InputFor<Id>,
  connection: Connection | ConnectionConfig,
  options: RunOptions = {},
): Promise<CardResult<OutputsFor<Id>>> {
  const clock = options.clock ?? systemClock;
  const prepared = prepareCard(id, input, new Date(clock.now()));
  const { entry } = prepared;
  const budget = recordBudget(options);
  const ctx = sendContext(entry, connect(connection), options);
  const request = await withOrns(prepared, input, ctx, options);
  const url = firstUrl(ctx, request);

  if (!entry.card.list) {
    const answer = await send(ctx, request.method, url, request.body);
    return result(answer, outputsOf(entry, answer, ctx.connection.orgUrl)) as CardResult<OutputsFor<Id>>;
  }
  const items: unknown[] = [];
  let last: Answer | undefined;
  for await (const page of pages(ctx, request, url, budget, options.maxPages ?? DEFAULT_MAX_PAGES)) {
    for (const item of page.items) items.push(item);
    last = page.answer;
  }
  return result(last!, { items, count: items.length }) as CardResult<OutputsFor<Id>>;
}

/**
 * The records of a list card as an async iterable, page by page: only one page is held at a time.
 * The input is checked right away (a CardInputError is thrown here, before anything is sent).
 * Result set defaults to all.
 */
export function iterateCard<Id extends CardId>(
  id: Id,
  input: InputFor<Id>,
  connection: Connection | ConnectionConfig,
  options: RunOptions = {},
): AsyncIterable<ItemFor<Id>> {
  const clock = options.clock ?? systemClock;
  const prepared = prepareCard(id, input, new Date(clock.now()));
  const { entry } = prepared;
  const budget = recordBudget({ resultSet: 'all', ...options });
  const ctx = sendContext(entry, connect(connection), options);
  return {
    async *[Symbol.asyncIterator](): AsyncGenerator<ItemFor<Id>> {
      const request = await withOrns(prepared, input, ctx, options);
      if (!entry.card.list) {
        const answer = await send(ctx, request.method, firstUrl(ctx, request), request.body);
        if (answer.body !== null) yield answer.body as ItemFor<Id>;
        return;
      }
      for await (const page of pages(ctx, request, firstUrl(ctx, request), budget, options.maxPages ?? DEFAULT_MAX_PAGES)) yield* page.items as ItemFor<Id>[];
    },
  };
}

/** The request to send: when the input has app or group ids where ORNs go, rebuilt with their ORNs (and checked again). */
async function withOrns(prepared: PreparedCard, input: unknown, ctx: SendContext, options: RunOptions): Promise<PlannedRequest> {
  if (!hasIdsForOrns(prepared.entry, input)) return prepared.request;
  const lookup = async (card: string, lookupInput: Record<string, string>) => (await runCard(card as CardId, lookupInput as never, ctx.connection, options)).body;
  const orns = await writeIdsAsOrns(prepared.entry, input as Record<string, unknown>, ctx, lookup);
  return prepareCard(prepared.entry.card.id, orns, new Date(ctx.clock.now())).request;
}

/**
 * Follow next links (body `_links`, body `links`, `Link` header), re-based onto the org, until the
 * budget is met. Always ends: a link seen before in this iteration (a cycle, however long), a run
 * of pages that add nothing new, or more pages than `maxPages` stops it with an error naming the
 * card and the link.
 */
async function* pages(ctx: SendContext, request: PlannedRequest, first: URL, budget: number, maxPages: number): AsyncGenerator<{ answer: Answer; items: unknown[] }> {
  let url = first;
  let left = budget;
  const seen = new Set<string>([first.href]);
  let stale = 0;
  let previous: string | undefined;
  for (let page = 1; ; page++) {
    const answer = await send(ctx, request.method, url, request.body);
    let items: unknown[] = listItemsOf(ctx.entry.card, answer.body);
    const next = left > items.length && ctx.entry.card.list?.paginated ? nextPageHref(answer.body, answer.headers) : undefined;
    if (items.length > left) items = items.slice(0, left);
    left -= items.length;
    ctx.emit({ type: 'page', card: ctx.entry.card.id, page, items: items.length });
    yield { answer, items };
    if (left <= 0 || next === undefined) return;
    const nextUrl = rebaseOnOrg(ctx.connection.orgUrl, next);
    const link = `${nextUrl.pathname}${nextUrl.search}`;
    if (seen.has(nextUrl.href)) throw pagingError(ctx, page, `its next link ${link} points back to a page already read (a cycle)`);
    if (page >= maxPages) throw pagingError(ctx, page, `it still has a next link (${link}) after ${maxPages} pages, the most one listing may take (the maxPages option)`);
    // The same records again, or none, page after page: a cursor that moves without the listing moving.
    const content = items.length ? JSON.stringify(items) : '';
    stale = content === '' || content === previous ? stale + 1 : 0;
    previous = content;
    if (stale >= MAX_STALE_PAGES) throw pagingError(ctx, page, `its last ${stale} pages added no new records and it still has a next link (${link})`);
    seen.add(nextUrl.href);
    url = nextUrl;
  }
}

/** Pages in a row that add nothing before the listing is called endless. */
const MAX_STALE_PAGES = 20;
const DEFAULT_MAX_PAGES = 50_000;

function pagingError(ctx: SendContext, page: number, what: string): TransportError {
  const id = ctx.entry.card.id;
  return new TransportError(
    `${id}: stopped paging after ${page} page${page === 1 ? '' : 's'}: ${what}. The server's paging would never end; the records read so far were returned or streamed. Narrow the listing (a filter) or report the link to Okta.`,
    id,
    false,
    'answer',
  );
}

const limiters = new WeakMap<Connection, RateLimiter>();

function sendContext(entry: RunnableCard, connection: Connection, options: RunOptions): SendContext {
  let limiter: RateLimiter | undefined;
  if (options.pace instanceof RateLimiter) limiter = options.pace;
  else if (options.pace) {
    limiter = limiters.get(connection) ?? new RateLimiter();
    limiters.set(connection, limiter);
  }
  const onEvent = options.onEvent;
  return {
    entry,
    connection,
    clock: options.clock ?? systemClock,
    retry: { ...defaultRetrySettings, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
    deadline: options.totalTimeoutMs === undefined ? Infinity : (options.clock ?? systemClock).now() + options.totalTimeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? 32 * 1024 * 1024,
    limiter,
    signal: options.signal,
    emit: onEvent ? (event) => onEvent(event) : () => undefined,
  };
}

function firstUrl(ctx: SendContext, request: PlannedRequest): URL {
  return orgUrlFor(ctx.connection.orgUrl, request.query ? `${request.path}?${request.query}` : request.path);
}

function result(answer: Answer, outputs: Record<string, unknown>): CardResult {
  return { status: answer.status, outputs, body: answer.body, headers: answer.headers.toObject(), rateLimit: answer.rateLimit };
}
