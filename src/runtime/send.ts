import type { AuthorizeRequest, Connection, HeaderReader, Recovery } from '../auth/connection.ts';
import { packageVersion } from '../version.ts';
import { toApiError } from './api-error.ts';
import type { RunnableCard } from './card-registry.ts';
import { TransportError, redact } from '../model/errors.ts';
import type { Clock, RuntimeEvent } from './options.ts';
import { neverSent, sendHttp, type HttpAnswer, type ResponseHeaders } from '../auth/http-transport.ts';
import { readBody, UnreadableResponse } from './parse-response.ts';
import { bucketKey, readRateLimit, type RateLimit, type RateLimiter, type Ticket } from './rate-limit.ts';
import { planForNetworkError, planForStatus, type RetryPlan, type RetrySettings } from './retry-policy.ts';
import { rebaseOnOrg } from './url.ts';

/** Everything one exchange needs; made once per card run. */
export interface SendContext {
  entry: RunnableCard;
  connection: Connection;
  clock: Clock;
  retry: RetrySettings;
  timeoutMs: number;
  /** Local ms after which no attempt or wait is started (the total time budget), or Infinity. */
  deadline: number;
  maxResponseBytes: number;
  limiter: RateLimiter | undefined;
  signal: AbortSignal | undefined;
  emit: (event: RuntimeEvent) => void;
}

export interface Answer {
  status: number;
  headers: ResponseHeaders;
  body: unknown;
  url: URL;
  rateLimit: RateLimit | null;
}

const USER_AGENT = `oig-connector-bundle/${packageVersion} node/${process.versions.node}`;
const MAX_REDIRECTS = 5;

/**
 * One request, to its answer. The steps, in order: pace → authorize → fetch → learn the rate limit
 * → follow a redirect (re-based onto the org) → recover auth (new token / DPoP nonce, once each) →
 * retry 429/5xx/network per the policy → read the body → throw Okta's error or return the answer.
 */
export async function send(ctx: SendContext, method: string, url: URL, body: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const started = ctx.clock.now();
  const recovered = new Set<Recovery>();
  let retries = 0;
  let redirects = 0;
  let target = url;

  for (let attempt = 1; ; attempt++) {
    const auth: AuthorizeRequest = { method, url: target, scopes: ctx.entry.card.scopes };
    const ticket = await pace(ctx, target);
    let headers: Record<string, string>;
    try {
      headers = await requestHeaders(ctx, auth, payload, retries);
    } catch (error) {
      if (ticket) ctx.limiter!.abandoned(ticket);
      throw error;
    }
    ctx.emit({ type: 'request', card: ctx.entry.card.id, method, path: target.pathname, attempt });

    let response: HttpAnswer;
    try {
      response = await sendHttp(target, {
        method,
        headers,
        ...(payload !== undefined ? { body: payload } : {}),
        timeoutMs: attemptTimeout(ctx),
        idempotent: ctx.entry.card.idempotent,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
    } catch (error) {
      if (ticket) ctx.limiter!.abandoned(ticket);
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      const plan = inTime(ctx, planForNetworkError(error, retryState(ctx, retries, started), ctx.retry));
      if (!plan) throw networkFailure(ctx, error, retries);
      retries = await wait(ctx, plan, attempt, retries);
      continue;
    }
    if (ticket) ctx.limiter!.answered(ticket, response.headers, ctx.clock.now(), response.status);
    const rateLimit = readRateLimit(response.headers);

    const location = response.headers.get('location');
    if (isRedirect(response.status) && location && redirects < MAX_REDIRECTS && followable(response.status, method)) {
      discard(response);
      redirects++;
      target = rebaseOnOrg(ctx.connection.orgUrl, location);
      continue;
    }

    if (response.status === 401 || response.status === 400) {
      const recovery = ctx.connection.recover({ status: response.status, headers: response.headers }, auth);
      if (recovery && !recovered.has(recovery)) {
        recovered.add(recovery);
        discard(response);
        ctx.emit({ type: 'retry', card: ctx.entry.card.id, reason: recovery, status: response.status, waitMs: 0, attempt });
        continue;
      }
    }

    const plan = response.ok ? null : inTime(ctx, planForStatus(response.status, response.headers, retryState(ctx, retries, started), ctx.retry));
    if (plan) {
      discard(response);
      retries = await wait(ctx, plan, attempt, retries, response.status);
      continue;
    }

    let parsed: unknown;
    try {
      parsed = await readBody(response, ctx.maxResponseBytes);
    } catch (error) {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      if (error instanceof UnreadableResponse) {
        throw new TransportError(`${ctx.entry.card.id}: ${error.message} (${method} ${target.pathname}).`, ctx.entry.card.id, false);
      }
      throw networkFailure(ctx, error, retries);
    }
    if (!response.ok) {
      throw toApiError({
        card: ctx.entry.card.id,
        method,
        path: `${target.pathname}${target.search}`,
        status: response.status,
        headers: response.headers,
        body: parsed,
        connectionKind: ctx.connection.kind,
        secrets: ctx.connection.secrets(),
      });
    }
    return { status: response.status, headers: response.headers, body: parsed, url: target, rateLimit };
  }
}

async function pace(ctx: SendContext, url: URL): Promise<Ticket | undefined> {
  if (!ctx.limiter) return undefined;
  const bucket = bucketKey(url.pathname);
  const { ticket, waited } = await ctx.limiter.acquire(bucket, { now: ctx.clock.now, sleep: (ms, signal) => ctx.clock.sleep(ms, anySignal(signal, ctx.signal)) });
  if (waited > 0) ctx.emit({ type: 'pace', card: ctx.entry.card.id, bucket, waitMs: waited });
  return ticket;
}

function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

/** Each attempt gets its timeout, cut short by the total time budget. */
function attemptTimeout(ctx: SendContext): number {
  if (!Number.isFinite(ctx.deadline)) return ctx.timeoutMs;
  const left = ctx.deadline - ctx.clock.now();
  if (left <= 0) throw outOfTime(ctx);
  return Math.min(ctx.timeoutMs, left);
}

function outOfTime(ctx: SendContext): TransportError {
  const card = ctx.entry.card;
  return new TransportError(
    `${card.id}: the time budget ran out before ${card.method} ${card.path} could complete at ${ctx.connection.orgUrl.origin}. Give it more time (totalTimeoutMs, or oig --max-time) or try later.`,
    card.id,
    false,
    'no-answer',
  );
}

/** Auth first, so a token failure surfaces as itself and never as a network error. */
async function requestHeaders(ctx: SendContext, auth: AuthorizeRequest, payload: string | undefined, retries: number): Promise<Record<string, string>> {
  // The credential only ever goes to the org's own origin.
  if (auth.url.origin !== ctx.connection.orgUrl.origin) throw new Error(`refusing to send credentials to ${auth.url.origin}`);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': USER_AGENT,
    ...(await ctx.connection.headersFor(auth)),
  };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (retries > 0) headers['x-okta-retry-count'] = String(retries);
  return headers;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** 307/308 repeat the same request; the older codes only for reads (they would turn a POST into a GET). */
function followable(status: number, method: string): boolean {
  return status === 307 || status === 308 || method === 'GET';
}

function retryState(ctx: SendContext, retries: number, started: number) {
  const now = ctx.clock.now();
  return { idempotent: ctx.entry.card.idempotent, retries, elapsedMs: now - started, now };
}

async function wait(ctx: SendContext, plan: RetryPlan, attempt: number, retries: number, status?: number): Promise<number> {
  ctx.emit({ type: 'retry', card: ctx.entry.card.id, reason: plan.reason, ...(status ? { status } : {}), waitMs: plan.waitMs, attempt });
  await ctx.clock.sleep(plan.waitMs, ctx.signal);
  return retries + 1;
}

function discard(response: HttpAnswer): void {
  response.discard();
}

/** A retry whose wait would end past the total time budget is not started. */
function inTime(ctx: SendContext, plan: RetryPlan | null): RetryPlan | null {
  return plan && ctx.clock.now() + plan.waitMs < ctx.deadline ? plan : null;
}

/**
 * The message says what happened and whether the request reached Okta: a DNS failure or a refused
 * connection means nothing was sent (so even a create was safe to try again); a timeout or a
 * dropped connection after sending means it may have been received.
 */
function networkFailure(ctx: SendContext, error: unknown, retries: number): TransportError {
  const card = ctx.entry.card;
  const origin = ctx.connection.orgUrl;
  const err = error as { name?: string; message?: string; code?: string; timeoutMs?: number } | undefined;
  const sent = !neverSent(error);
  const after = retries ? ` Gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'}.` : '';
  let reason: string;
  if (err?.name === 'TimeoutError') {
    const ms = err.timeoutMs ?? ctx.timeoutMs;
    const within = `within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}${ms < ctx.timeoutMs ? ' (what was left of the time budget)' : ''}`;
    reason = sent ? `no answer ${within}` : `no connection to ${origin.host} ${within}`;
  } else if (err?.code === 'ENOTFOUND' || err?.code?.startsWith('EAI_')) {
    reason = `the host name ${origin.hostname} could not be resolved (DNS ${err.code}); check the org URL and the network`;
  } else if (err?.code === 'ECONNREFUSED') {
    reason = `the connection to ${origin.host} was refused (nothing listens there, or a firewall said no)`;
  } else if (err?.code === 'EHOSTUNREACH' || err?.code === 'ENETUNREACH') {
    reason = `the network can't reach ${origin.host} (${err.code})`;
  } else {
    reason = err?.message || err?.code || String(error);
  }
  const advice = !sent
    ? ` Nothing was sent, so Okta did not act on it${card.idempotent ? '' : ' and it is safe to run again'}.${after}`
    : card.idempotent
      ? after
      : ' The request may have reached Okta, so it was not sent again (this card is not idempotent and a second try could make a duplicate). Check the result with a get or list card before running it again.';
  const message = `${card.id}: could not complete ${card.method} ${card.path} at ${origin.origin}: ${reason}.${advice}`;
  return new TransportError(redact(message, ctx.connection.secrets()), card.id, (card.idempotent || !sent) && retries > 0, sent ? 'no-answer' : 'unreachable');
}
