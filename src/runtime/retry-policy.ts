import type { HeaderReader } from '../auth/connection.ts';
import { neverSent } from '../auth/http-transport.ts';
import { tooManyRequests } from './rate-limit.ts';

/**
 * When to send a request again (API-NOTES §3–§4):
 * - 429, any method: Okta did not process it. Wait Reset − Date + 1 s (concurrency form: back off).
 * - 500/502/503/504 and network failures: only for idempotent requests. A create that may have
 *   reached the server is never sent twice. (A refused connection never reached it, so any
 *   request may go again.)
 * Always bounded: a number of retries and a total time budget.
 */
export interface RetrySettings {
  /** Re-sends after 429, 5xx or network failures (default 3). */
  maxRetries: number;
  /** Total time from the first attempt after which no retry is started (default 120 s). */
  budgetMs: number;
}

export const defaultRetrySettings: RetrySettings = { maxRetries: 3, budgetMs: 120_000 };

export type RetryReason = 'rate-limit' | 'concurrency-limit' | 'server-error' | 'network';

export interface RetryPlan {
  reason: RetryReason;
  waitMs: number;
}

export interface RetryState {
  idempotent: boolean;
  /** Retries already made for this request. */
  retries: number;
  elapsedMs: number;
  now: number;
}

const RETRYABLE_5XX = new Set([500, 502, 503, 504]);

export function planForStatus(status: number, headers: HeaderReader, state: RetryState, settings: RetrySettings): RetryPlan | null {
  if (status === 429) {
    const { form, waitMs } = tooManyRequests(headers, state.retries, state.now);
    return withinBounds({ reason: form === 'rate' ? 'rate-limit' : 'concurrency-limit', waitMs: waitMs + jitter(waitMs) }, state, settings);
  }
  if (RETRYABLE_5XX.has(status) && state.idempotent) {
    return withinBounds({ reason: 'server-error', waitMs: backoff(state.retries) }, state, settings);
  }
  return null;
}

export function planForNetworkError(error: unknown, state: RetryState, settings: RetrySettings): RetryPlan | null {
  if (!state.idempotent && !neverSent(error)) return null;
  // A name that does not resolve won't resolve a second later.
  if ((error as { code?: unknown } | undefined)?.code === 'ENOTFOUND') return null;
  return withinBounds({ reason: 'network', waitMs: backoff(state.retries) }, state, settings);
}

function withinBounds(plan: RetryPlan, state: RetryState, settings: RetrySettings): RetryPlan | null {
  if (state.retries >= settings.maxRetries) return null;
  if (state.elapsedMs + plan.waitMs > settings.budgetMs) return null;
  return plan;
}

function backoff(retries: number): number {
  const base = Math.min(500 * 2 ** retries, 10_000);
  return base + jitter(base);
}

/** Up to a quarter of the wait (at most 1 s), so callers that failed together don't return together. */
function jitter(waitMs: number): number {
  return Math.floor(Math.random() * Math.min(1000, waitMs / 4));
}
