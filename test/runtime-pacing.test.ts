/**
 * Pacing that holds under concurrency (issue 14): one RateLimiter shared by many concurrent card
 * runs against a local server with an Okta-style bucket (a window that opens with its first request,
 * X-Rate-Limit-* and Date on every answer). The server and the runtime share a virtual clock, so a
 * run of several windows takes a fraction of a second: time jumps to the next timer whenever
 * nothing is on the wire.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { RateLimiter, runCard, type Clock, type RuntimeEvent } from '../src/runtime/index.ts';

class VirtualClock implements Clock {
  t = Date.parse('2026-03-11T10:00:00.000Z');
  private timers: { at: number; fire: () => void }[] = [];
  now = () => this.t;
  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = { at: this.t + ms, fire: () => resolve() };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  get pending() {
    return this.timers.length;
  }
  /** Jump to the earliest timer and fire every timer due by then. */
  advance() {
    this.t = Math.max(this.t, Math.min(...this.timers.map((x) => x.at)));
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.fire();
  }
}

interface Bucket {
  limit: number;
  windowMs: number;
}

let clock: VirtualClock;
let bucket: Bucket;
let window: { start: number; used: number } | undefined;
let answers: { status: number; at: number }[];
let onWire = 0;
/** Requests the runtime has started (its 'request' events); the wire is quiet when all are answered. */
let started = 0;
let maxOnWireBeforeFirstAnswer = 0;
let lastActivity = 0;
let server: Server;
let connection: ReturnType<typeof bearerConnection>;

beforeAll(async () => {
  server = createServer((req, res) => {
    onWire++;
    lastActivity = performance.now();
    if (!answers.length) maxOnWireBeforeFirstAnswer = Math.max(maxOnWireBeforeFirstAnswer, onWire);
    req.resume();
    req.on('end', () => {
      // Give the other callers' requests a moment to arrive alongside (a burst shows as one).
      setTimeout(() => {
        const now = clock.now();
        if (!window || now >= window.start + bucket.windowMs) window = { start: now, used: 0 };
        const allowed = window.used < bucket.limit;
        if (allowed) window.used++;
        answers.push({ status: allowed ? 201 : 429, at: now });
        onWire--;
        lastActivity = performance.now();
        res
          .writeHead(allowed ? 201 : 429, {
            'content-type': 'application/json',
            date: new Date(now).toUTCString(),
            'x-rate-limit-limit': String(bucket.limit),
            'x-rate-limit-remaining': String(bucket.limit - window.used),
            'x-rate-limit-reset': String(Math.ceil((window.start + bucket.windowMs) / 1000)),
          })
          .end(JSON.stringify(allowed ? { labelId: `lbc${answers.length}` } : { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' }));
      }, 2);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connection = bearerConnection({ orgUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accessToken: 'pacing-token-0123456789' });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  clock = new VirtualClock();
  window = undefined;
  answers = [];
  onWire = 0;
  started = 0;
  maxOnWireBeforeFirstAnswer = 0;
});

/** Run the jobs; whenever nothing has been on the wire for a few ms, move the clock to the next timer. */
async function drive<T>(jobs: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  let done = false;
  const all = Promise.allSettled(jobs).finally(() => (done = true));
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 3));
    if (started === answers.length && clock.pending > 0 && performance.now() - lastActivity > 6) clock.advance();
  }
  return all;
}

function creates(count: number, pace: RateLimiter, events: RuntimeEvent[] = []) {
  return Array.from({ length: count }, (_, i) =>
    runCard('createLabel', { name: `Label ${i}`, labelValues: [{ name: 'High' }] }, connection, { clock, pace, onEvent: (e) => (events.push(e), e.type === 'request' && (started++, (lastActivity = performance.now()))) }),
  );
}

describe('one limiter, many concurrent callers', () => {
  it('40 concurrent creates against a 10-per-2 s bucket: no 429, every create done, the windows used back to back', async () => {
    bucket = { limit: 10, windowMs: 2000 };
    const start = clock.now();
    const results = await drive(creates(40, new RateLimiter()));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(0);
    expect(answers).toHaveLength(40);
    // Four windows back to back: each opens within 100 ms of the last one's end, although Reset counts
    // whole seconds (waiting for Reset alone would open each a second late: 2.05 s, 5.05 s, 8.05 s).
    expect(Math.max(...answers.map((a) => a.at)) - start).toBeLessThanOrEqual(3 * (2000 + 100));
  }, 20_000);

  it('learns an unknown bucket from one probe before the first burst', async () => {
    bucket = { limit: 5, windowMs: 60_000 };
    const results = await drive(creates(20, new RateLimiter()));
    expect(maxOnWireBeforeFirstAnswer).toBe(1);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(0);
  }, 20_000);

  it('never has more requests out than the window has room for (in-flight ones count)', async () => {
    bucket = { limit: 7, windowMs: 2000 };
    const limiter = new RateLimiter();
    const results = await drive(creates(30, limiter));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(0);
    expect(limiter.peek('/governance/api/v1/labels')?.inFlight).toBe(0);
  }, 20_000);

  it('a bucket whose answers carry no rate-limit headers is not held back after the first answer', async () => {
    const limiter = new RateLimiter();
    const ticket = (await limiter.acquire('/x', clock)).ticket;
    let second = false;
    const waiting = limiter.acquire('/x', clock).then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    limiter.answered(ticket, { get: () => null }, clock.now());
    await waiting;
    expect(second).toBe(true);
    await limiter.acquire('/x', clock);
  });
});
