import type { RateLimiter } from './rate-limit.ts';
import type { RetrySettings } from './retry-policy.ts';
import { DEFAULT_FIRST_N } from '../compile/card.ts';

export type ResultSet = 'first' | 'firstN' | 'all';

/** Time, injectable so tests and simulations don't wait for real. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type RuntimeEvent =
  | { type: 'request'; card: string; method: string; path: string; attempt: number }
  | { type: 'retry'; card: string; reason: string; status?: number; waitMs: number; attempt: number }
  | { type: 'page'; card: string; page: number; items: number }
  | { type: 'pace'; card: string; bucket: string; waitMs: number };

export interface RunOptions {
  /** List cards: the first record, the first N (default 200) or all of them. */
  resultSet?: ResultSet;
  /** N for `firstN`. */
  limit?: number;
  /** Pace requests to the rate-limit bucket instead of running into 429s (true: one limiter per connection). */
  pace?: boolean | RateLimiter;
  /** Retries, pages and pacing as they happen (the CLI prints them on stderr). */
  onEvent?: (event: RuntimeEvent) => void;
  retry?: Partial<RetrySettings>;
  /** Per attempt, including reading the answer (default 30 s). */
  timeoutMs?: number;
  /**
   * The whole run: every attempt, retry wait, pacing wait and page (default: no limit beyond the
   * retry budget). No attempt or wait starts that would end past it; an attempt is cut short by it.
   */
  totalTimeoutMs?: number;
  /** List cards: the most pages one listing may take before it is called endless (default 50,000). */
  maxPages?: number;
  /** Larger answers are refused (default 32 MiB). */
  maxResponseBytes?: number;
  signal?: AbortSignal;
  clock?: Clock;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** How many records a result set allows (Infinity for all). */
export function recordBudget(options: RunOptions): number {
  const set = options.resultSet ?? 'firstN';
  if (set === 'first') return 1;
  if (set === 'all') return Infinity;
  const n = options.limit ?? DEFAULT_FIRST_N;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`limit must be a whole number of records ≥ 1 (got ${String(n)})`);
  return n;
}
