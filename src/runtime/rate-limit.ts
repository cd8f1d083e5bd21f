import type { HeaderReader } from '../auth/connection.ts';
/**
 * Okta's rate-limit headers (API-NOTES §3): X-Rate-Limit-Limit / -Remaining / -Reset (epoch
 * seconds), on every response. The 429 wait is Reset − the server's Date + 1 s; a 429 with
 * Limit: 0 is the concurrency limit, whose Reset is only an estimate.
 */
export interface RateLimit {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

function headerNumber(headers: HeaderReader, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null) return undefined;
  // A duplicated header arrives comma-joined; the largest value is the safe reading.
  const values = raw.split(',').map((v) => Number(v.trim())).filter((v) => Number.isFinite(v));
  return values.length ? Math.max(...values) : undefined;
}

export function readRateLimit(headers: HeaderReader): RateLimit | null {
  const limit = headerNumber(headers, 'x-rate-limit-limit');
  const remaining = headerNumber(headers, 'x-rate-limit-remaining');
  const reset = headerNumber(headers, 'x-rate-limit-reset');
  if (limit === undefined || remaining === undefined || reset === undefined) return null;
  return { limit, remaining, reset };
}

/** The server's clock minus ours (ms), from the Date header; 0 when there is none. */
export function serverClockOffset(headers: HeaderReader, now: number): number {
  const date = Date.parse(headers.get('date') ?? '');
  return Number.isFinite(date) ? date - now : 0;
}

export interface TooManyRequests {
  form: 'rate' | 'concurrency';
  /** How long to wait before the next attempt, without jitter. */
  waitMs: number;
}

/** How to wait out a 429. `retry` counts earlier 429 retries of this request (for the backoff). */
export function tooManyRequests(headers: HeaderReader, retry: number, now: number): TooManyRequests {
  const limit = headerNumber(headers, 'x-rate-limit-limit');
  const reset = headerNumber(headers, 'x-rate-limit-reset');
  if (limit === 0 || reset === undefined) {
    return { form: 'concurrency', waitMs: Math.min(1000 * 2 ** retry, 30_000) };
  }
  const date = Date.parse(headers.get('date') ?? '');
  const serverNow = Number.isFinite(date) ? date : now;
  return { form: 'rate', waitMs: Math.max(1000, reset * 1000 - serverNow + 1000) };
}

interface Bucket {
  remaining: number;
  /** Local-clock ms when the window resets. */
  resetAt: number;
}

/**
 * Pacing for bulk callers: share one limiter between runs and each request waits for room in its
 * bucket instead of bouncing off a 429. The bucket is learnt from the headers of earlier answers
 * (keyed by API collection); the first request of a bucket goes straight away.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Resolves when a request to `key` may go; how long it waited (ms) is returned. */
  async acquire(key: string, clock: { now(): number; sleep(ms: number): Promise<void> }): Promise<number> {
    let waited = 0;
    for (;;) {
      const bucket = this.buckets.get(key);
      const now = clock.now();
      if (!bucket || now >= bucket.resetAt) {
        if (bucket) this.buckets.delete(key);
        return waited;
      }
      if (bucket.remaining > 0) {
        bucket.remaining -= 1;
        return waited;
      }
      const wait = bucket.resetAt - now;
      waited += wait;
      await clock.sleep(wait);
    }
  }

  /** Learn from an answer's headers. The server's count wins, minus requests already on their way. */
  update(key: string, limit: RateLimit, headers: HeaderReader, now: number): void {
    // +1 s like the 429 wait: the server's window may close a little after its Reset second.
    const resetAt = limit.reset * 1000 - serverClockOffset(headers, now) + 1000;
    const bucket = this.buckets.get(key);
    if (!bucket || resetAt > bucket.resetAt + 500) {
      this.buckets.set(key, { remaining: limit.remaining, resetAt });
    } else {
      bucket.remaining = Math.min(bucket.remaining, limit.remaining);
    }
  }

  /** What the limiter knows of a bucket (for progress output). */
  peek(key: string): Readonly<Bucket> | undefined {
    return this.buckets.get(key);
  }
}

/** The bucket key of a request: its API collection, e.g. GET+POST /governance/api/v1/labels share one. */
export function bucketKey(path: string): string {
  return path.split('?')[0]!.split('/').slice(0, 5).join('/');
}
