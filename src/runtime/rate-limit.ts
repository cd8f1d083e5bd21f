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

/** A permit to send one request; give it back with `answered` or `abandoned`. */
export interface Ticket {
  readonly key: string;
  /** Local ms when the request was let go. */
  readonly sentAt: number;
  /** The bucket's window it was counted in. */
  readonly window: number;
}

interface Bucket {
  /** Unknown until the first answer with rate-limit headers; null: the server sends none. */
  limit: number | null | undefined;
  /** Remaining as the server last said it in this window (requests still in flight not yet deducted). */
  remaining: number;
  /** Local ms when the window ends (Infinity: not yet known for this window). */
  endsAt: number;
  /** Reset (epoch s) of the current window; answers from older windows are ignored. */
  reset: number;
  /** Counts windows, so a permit from an earlier window is not counted in this one. */
  window: number;
  /** Requests let go in this window and not yet answered. */
  inFlight: number;
  /** Local ms the request that opened this window was let go, when it was ours. */
  openedAt?: number;
  /** Windows this client opened (the latest few): their Reset and when their opening request was let go. */
  openings: { reset: number; sentAt: number }[];
}

/** Margin after the computed end of a window (timer and network jitter). */
const MARGIN_MS = 50;

/**
 * Pacing shared by any number of concurrent callers (one limiter per connection, or one passed to
 * every run of a bulk job). Per bucket (API collection) it:
 * - learns the bucket before the first burst: the first request goes alone, the others wait for
 *   its answer's X-Rate-Limit-* headers;
 * - lets go only as many requests as the server's Remaining allows minus those already in flight;
 * - when the window ends (Reset on the server's clock, the offset read from Date headers), lets go
 *   at most the bucket's limit at once, then waits for the new window's first answer.
 * A bucket whose answers carry no rate-limit headers is not paced.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly waiters = new Set<() => void>();
  /** Bounds of (server clock − local clock) in ms, narrowed by every Date header seen. */
  private offsetLow = -Infinity;
  private offsetHigh = Infinity;

  /** Resolves when a request to `key` may go, with its ticket and how long it waited (ms). */
  async acquire(key: string, clock: { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> }): Promise<{ ticket: Ticket; waited: number }> {
    const started = clock.now();
    for (;;) {
      const now = clock.now();
      const bucket = this.bucket(key);
      if (now >= bucket.endsAt) this.openWindow(bucket);
      if (this.mayGo(bucket)) {
        bucket.inFlight += 1;
        if (bucket.limit !== null) bucket.remaining -= 1;
        return { ticket: { key, sentAt: now, window: bucket.window }, waited: clock.now() - started };
      }
      await this.change(clock, Number.isFinite(bucket.endsAt) ? bucket.endsAt - now : undefined);
    }
  }

  /** Learn from an answer (any status) and give the permit back. */
  answered(ticket: Ticket, headers: HeaderReader, receivedAt: number, status = 200): void {
    this.learnOffset(headers, ticket.sentAt, receivedAt);
    const bucket = this.bucket(ticket.key);
    if (ticket.window === bucket.window) bucket.inFlight -= 1;
    const limit = readRateLimit(headers);
    if (!limit) {
      // No headers: an unpaced bucket, unless its limit is already known (a concurrency 429, a proxy's answer).
      if (bucket.limit === undefined) bucket.limit = null;
    } else if (limit.limit > 0) {
      bucket.limit = limit.limit;
      // Refused although let go after the window's computed end: what was learnt of its length is wrong.
      if (status === 429) bucket.openings = [];
      if (limit.reset > bucket.reset) {
        // The first answer of a newer window: the server's count, less what is still on its way.
        bucket.reset = limit.reset;
        bucket.remaining = limit.remaining - bucket.inFlight;
        bucket.openedAt = undefined;
      } else if (limit.reset === bucket.reset && ticket.window === bucket.window) {
        bucket.remaining = Math.min(bucket.remaining, limit.remaining - bucket.inFlight);
      } else {
        this.notify();
        return;
      }
      if (limit.remaining === limit.limit - 1) this.learnLength(bucket, ticket.sentAt);
      bucket.endsAt = Math.min(bucket.reset * 1000 - this.offset(), (bucket.openedAt ?? Infinity) + this.lengthAtMost(bucket)) + MARGIN_MS;
    }
    this.notify();
  }

  /** The request got no answer (network failure): give the permit back without learning. */
  abandoned(ticket: Ticket): void {
    const bucket = this.bucket(ticket.key);
    if (ticket.window === bucket.window) bucket.inFlight -= 1;
    this.notify();
  }

  /** What the limiter knows of a bucket (for progress output and tests). */
  peek(key: string): Readonly<{ limit: number | null | undefined; remaining: number; endsAt: number; inFlight: number }> | undefined {
    return this.buckets.get(key);
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { limit: undefined, remaining: 0, endsAt: Infinity, reset: 0, window: 0, inFlight: 0, openings: [] };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private mayGo(bucket: Bucket): boolean {
    if (bucket.limit === null) return true;
    // Unknown bucket: one probe at a time until an answer says what the bucket is.
    if (bucket.limit === undefined) return bucket.inFlight === 0;
    // Nothing on its way to tell when this window ends: one request goes to find out.
    return bucket.remaining > 0 || (bucket.inFlight === 0 && !Number.isFinite(bucket.endsAt));
  }

  /** The window ended: a fresh one allows the bucket's limit; its end is learnt from its first answer. */
  private openWindow(bucket: Bucket): void {
    bucket.window += 1;
    bucket.inFlight = 0;
    bucket.endsAt = Infinity;
    bucket.remaining = bucket.limit ?? 0;
  }

  /**
   * This request opened the window (Remaining = Limit − 1): the window started when it arrived,
   * between `sentAt` and `receivedAt`, and ends one window length later. Reset counts whole
   * seconds (the end rounded up), which alone would cost up to a second per window; each window
   * this client opens bounds the length from above, and the end is then known to the latency.
   */
  private learnLength(bucket: Bucket, sentAt: number): void {
    bucket.openedAt = sentAt;
    bucket.openings = [...bucket.openings.slice(-7), { reset: bucket.reset, sentAt }];
  }

  /** The longest the window can be, from every window this client opened (read with today's offset, the best yet). */
  private lengthAtMost(bucket: Bucket): number {
    const offset = this.offset();
    return Math.min(...bucket.openings.map((o) => o.reset * 1000 - offset - o.sentAt).filter((ms) => ms > 0));
  }

  private offset(): number {
    if (Number.isFinite(this.offsetLow)) return this.offsetLow;
    return Number.isFinite(this.offsetHigh) ? this.offsetHigh - 1000 : 0;
  }

  /**
   * Date has one-second resolution, but each answer bounds the offset from both sides: the server
   * wrote it at a moment between sending and receiving, and in [Date, Date + 1 s). Intersecting
   * the bounds over many answers pins the offset to a few ms; the low bound is the safe reading
   * (the window is over by Reset − low on our clock).
   */
  private learnOffset(headers: HeaderReader, sentAt: number, receivedAt: number): void {
    const date = Date.parse(headers.get('date') ?? '');
    if (!Number.isFinite(date)) return;
    const low = date - receivedAt;
    const high = date + 1000 + MARGIN_MS - sentAt;
    if (low > this.offsetHigh || high < this.offsetLow) {
      // Contradicts what was learnt (the server's clock jumped): start again from this answer.
      this.offsetLow = low;
      this.offsetHigh = high;
      return;
    }
    this.offsetLow = Math.max(this.offsetLow, low);
    this.offsetHigh = Math.min(this.offsetHigh, high);
  }

  private notify(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /** Until an answer changes what is known, or `ms` pass (when given). */
  private change(clock: { sleep(ms: number, signal?: AbortSignal): Promise<void> }, ms: number | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const stop = new AbortController();
      const wake = () => {
        this.waiters.delete(wake);
        stop.abort();
        resolve();
      };
      this.waiters.add(wake);
      if (ms !== undefined) clock.sleep(Math.max(0, ms), stop.signal).then(wake, () => undefined);
    });
  }
}

/** The bucket key of a request: its API collection, e.g. GET+POST /governance/api/v1/labels share one. */
export function bucketKey(path: string): string {
  return path.split('?')[0]!.split('/').slice(0, 5).join('/');
}
