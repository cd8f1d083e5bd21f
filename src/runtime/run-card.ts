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
import { orgUrlFor, rebaseOnOrg } from './url.ts';
import { validateInput } from './validate-input.ts';
import type { CardId, InputFor, OutputsFor } from './card-types.ts';

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
  const { entry, request } = prepareCard(id, input, new Date(clock.now()));
  const budget = recordBudget(options);
  const ctx = sendContext(entry, connect(connection), options);
  const url = firstUrl(ctx, request);

  if (!entry.card.list) {
    const answer = await send(ctx, request.method, url, request.body);
    return result(answer, outputsOf(entry, answer, ctx.connection.orgUrl)) as CardResult<OutputsFor<Id>>;
  }
  const items: unknown[] = [];
  let last: Answer | undefined;
  for await (const page of pages(ctx, request, url, budget)) {
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
): AsyncIterable<unknown> {
  const clock = options.clock ?? systemClock;
  const { entry, request } = prepareCard(id, input, new Date(clock.now()));
  const budget = recordBudget({ resultSet: 'all', ...options });
  const ctx = sendContext(entry, connect(connection), options);
  return {
    async *[Symbol.asyncIterator]() {
      if (!entry.card.list) {
        const answer = await send(ctx, request.method, firstUrl(ctx, request), request.body);
        if (answer.body !== null) yield answer.body;
        return;
      }
      for await (const page of pages(ctx, request, firstUrl(ctx, request), budget)) yield* page.items;
    },
  };
}

/** Follow next links (body `_links`, body `links`, `Link` header), re-based onto the org, until the budget is met. */
async function* pages(ctx: SendContext, request: PlannedRequest, first: URL, budget: number): AsyncGenerator<{ answer: Answer; items: unknown[] }> {
  let url = first;
  let left = budget;
  for (let page = 1; ; page++) {
    const answer = await send(ctx, request.method, url, request.body);
    let items: unknown[] = listItemsOf(ctx.entry.card, answer.body);
    if (items.length > left) items = items.slice(0, left);
    left -= items.length;
    ctx.emit({ type: 'page', card: ctx.entry.card.id, page, items: items.length });
    yield { answer, items };
    if (left <= 0 || !ctx.entry.card.list?.paginated) return;
    const href = nextPageHref(answer.body, answer.headers);
    if (!href) return;
    const next = rebaseOnOrg(ctx.connection.orgUrl, href);
    // A next link back to the same page would loop for ever.
    if (next.href === url.href) return;
    url = next;
  }
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
