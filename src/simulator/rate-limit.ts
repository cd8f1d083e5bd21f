/**
 * Per-family rate-limit buckets (API-NOTES §3.1): a window of one minute that starts with the first
 * request, the real per-minute limits, and X-Rate-Limit-* headers for every response. `timeScale`
 * shrinks the minute (60 → one second) so tests can exhaust and refill a bucket quickly.
 */
import type { Headers } from './wire.ts';

export interface Bucket {
  name: string;
  limit: number;
}

/** Bucket names → limits. `'*'` in an override replaces every limit. */
export type RateLimitOverrides = Partial<Record<string, number>>;

const GOVERNANCE = /^\/governance\/api\/(v\d)\/([^/]+)/;

/** Which bucket a request draws from. List and get-by-id of one collection share a bucket. */
export function bucketFor(method: string, path: string): Bucket {
  if (path.startsWith('/oauth2/')) return { name: 'oauth2/token', limit: 600 }; // the simulator's choice; not a recorded value
  if (/^\/api\/v1\/users\/?$/.test(path)) return { name: 'api/v1/users', limit: 600 }; // Okta's documented default for the users list
  if (path.startsWith('/api/v1/users/')) return { name: 'api/v1/users/{id}', limit: 2000 }; // … and for a single user
  if (path.startsWith('/api/v1/apps')) return { name: 'api/v1/apps', limit: 100 }; // Okta's published default for app reads (not in the recordings)
  if (path.startsWith('/api/v1/groups')) return { name: 'api/v1/groups', limit: 500 }; // Okta's published default for group reads (not in the recordings)
  const m = GOVERNANCE.exec(path);
  if (!m) return { name: 'other', limit: 50 };
  const [, version, collection] = m;
  const family = `${version}/${collection}`;
  if (family === 'v1/request-types' && method === 'POST' && /^\/governance\/api\/v1\/request-types\/?$/.test(path)) {
    return { name: 'v1/request-types:create', limit: 15 };
  }
  if (family === 'v2/requests' || family === 'v2/request-settings' || family === 'v1/teams') return { name: family, limit: 30 };
  if (family === 'v1/delegates' || family === 'v1/settings') return { name: 'v1/delegates+settings', limit: 5000 };
  return { name: family, limit: 50 };
}

interface Window {
  start: number;
  used: number;
}

export interface Admission {
  allowed: boolean;
  headers: Headers;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private inflight = 0;

  constructor(
    private readonly timeScale: number,
    private readonly overrides: RateLimitOverrides = {},
    /** Concurrent requests before the concurrency form of 429 (75 for Workforce orgs, §3.1). */
    private readonly concurrency = 75,
  ) {}

  get windowMs(): number {
    return 60_000 / this.timeScale;
  }

  limitOf(bucket: Bucket): number {
    return this.overrides[bucket.name] ?? this.overrides['*'] ?? bucket.limit;
  }

  /** Counts one request against its bucket. */
  admit(bucket: Bucket, now = Date.now()): Admission {
    const limit = this.limitOf(bucket);
    let window = this.windows.get(bucket.name);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(bucket.name, window);
    }
    const allowed = window.used < limit;
    if (allowed) window.used += 1;
    return { allowed, headers: this.headers(limit, limit - window.used, window.start + this.windowMs) };
  }

  /** Headers of a forced per-minute 429 (fault): the bucket as it is, reported empty. */
  exhaustedHeaders(bucket: Bucket, now = Date.now()): Headers {
    const window = this.windows.get(bucket.name);
    const resetAt = window && now < window.start + this.windowMs ? window.start + this.windowMs : now + this.windowMs;
    return this.headers(this.limitOf(bucket), 0, resetAt);
  }

  /** Headers of the concurrency form: Limit 0, Remaining 0 and an estimated Reset. */
  concurrencyHeaders(now = Date.now()): Headers {
    return this.headers(0, 0, now + Math.min(this.windowMs, 5_000));
  }

  enter(): boolean {
    this.inflight += 1;
    return this.inflight <= this.concurrency;
  }

  leave(): void {
    this.inflight -= 1;
  }

  private headers(limit: number, remaining: number, resetAtMs: number): Headers {
    return {
      'X-Rate-Limit-Limit': String(limit),
      'X-Rate-Limit-Remaining': String(Math.max(0, remaining)),
      'X-Rate-Limit-Reset': String(Math.ceil(resetAtMs / 1000)),
    };
  }
}
