#!/usr/bin/env node
// Rate-limit efficiency against the simulator with the real buckets: bulk jobs through (a) the
// runtime with its limiter (`pace`) and (b) Okta's Node SDK request executor, which retries a 429
// twice after X-Rate-Limit-Reset − Date + 1 s. Each job runs in its own process with its own
// simulator; the jobs mostly wait, so they run side by side. Throughput is read from the
// simulator's own log (when each request was answered), the same way for every client.
// Usage: node scripts/bundle.mjs && node bench/rate-limit.mjs [--quick]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dist, progress, round } from './lib/util.mjs';

const require = createRequire(import.meta.url);
const { runCard, iterateCard, bearerConnection, RateLimiter } = await import(dist().href);
const { startSimulator } = await import(dist('simulator.js').href);
const { Http } = require('@okta/okta-sdk-nodejs/src/http.js');
const { DefaultRequestExecutor } = require('@okta/okta-sdk-nodejs');

const REVIEWS = '/governance/api/v2/security-access-reviews';
const REVIEWS_LIMIT = 50; // the simulator's (and Okta's) per-minute bucket for this collection
const V2_REQUESTS_LIMIT = 30; // the v2 requests bucket the paging job stands in for

/**
 * A simulator plus the server's view of every request: when it arrived, which it was, its status.
 * The log line comes when the answer is sent and says how long the request took, so the arrival
 * is the log time minus that (a window opens when a request arrives, not when it is answered).
 */
async function simulator(options) {
  const answers = [];
  const log = (line) => {
    const m = /^(\w+) (\S+) → (\d+) \((\d+) ms\)/.exec(line);
    if (m) answers.push({ t: performance.now() - Number(m[4]), method: m[1], path: m[2].split('?')[0], status: Number(m[3]) });
  };
  const sim = await startSimulator({ ...options, log });
  return { sim, answers };
}

const reviewInput = (sim, i) => ({
  principalId: sim.seed.users.target.id,
  name: `Bench review ${i + 1}`,
  reviewerUserIds: sim.seed.users.security.map((u) => u.id),
});

/** The same review as the API's own body, for the SDK. */
const reviewBody = (sim, i) => ({
  principalId: sim.seed.users.target.id,
  name: `Bench review ${i + 1}`,
  reviewerSettings: { type: 'USER', userSettings: { includedUserIds: sim.seed.users.security.map((u) => u.id) } },
});

/** `workers` loops share the items; each failure is counted, never thrown. */
async function pool(count, workers, task) {
  let next = 0;
  const failures = [];
  await Promise.all(
    Array.from({ length: Math.min(workers, count) }, async () => {
      while (next < count) {
        const i = next++;
        try {
          await task(i);
        } catch (error) {
          failures.push(String(error?.message ?? error).split('\n')[0].slice(0, 160));
        }
      }
    }),
  );
  return failures;
}

function sdkHttp(sim) {
  const executor = new DefaultRequestExecutor(); // the SDK's default: 2 retries on 429
  const http = new Http({ requestExecutor: executor, cacheMiddleware: null });
  http.defaultHeaders = { Authorization: `Bearer ${sim.token}` };
  return http;
}

const clients = {
  runtimeLaunch: (workers) => ({
    client: workers === 1 ? 'runtime, pace, one by one' : `runtime, pace, ${workers} workers`,
    async run(sim, count) {
      const connection = bearerConnection({ orgUrl: sim.url, accessToken: sim.token });
      const pace = new RateLimiter();
      const failures = await pool(count, workers, (i) => runCard('createSecurityAccessReview', reviewInput(sim, i), connection, { pace }));
      return { failures };
    },
  }),
  sdkLaunch: (workers, label) => ({
    client: label,
    async run(sim, count) {
      const http = sdkHttp(sim);
      const failures = await pool(count, workers, (i) => http.postJson(`${sim.url}${REVIEWS}`, { body: reviewBody(sim, i) }));
      return { failures };
    },
  }),
  runtimePaging: () => ({
    client: 'runtime, iterateCard, pace',
    async run(sim, count) {
      const connection = bearerConnection({ orgUrl: sim.url, accessToken: sim.token });
      let items = 0;
      const failures = [];
      try {
        for await (const _ of iterateCard('listSecurityAccessReviews', { limit: 200 }, connection, { pace: new RateLimiter() })) items++;
      } catch (error) {
        failures.push(String(error?.message ?? error).split('\n')[0].slice(0, 160));
      }
      if (!failures.length && items !== count) failures.push(`paged ${items} of ${count} records`);
      return { failures, items };
    },
  }),
  sdkPaging: () => ({
    client: 'okta-sdk executor, follow next',
    async run(sim, count) {
      const http = sdkHttp(sim);
      let items = 0;
      const failures = [];
      try {
        for (let url = `${sim.url}${REVIEWS}?limit=200`; url; ) {
          const page = await http.getJson(url);
          items += page.data.length;
          url = page._links?.next?.href;
        }
      } catch (error) {
        failures.push(String(error?.message ?? error).split('\n')[0].slice(0, 160));
      }
      if (!failures.length && items !== count) failures.push(`paged ${items} of ${count} records`);
      return { failures, items };
    },
  }),
};

/**
 * Throughput ÷ bucket limit, from the server's answers. The simulator's window opens with the first
 * request after the previous one closed, so the windows are rebuilt from the successful answers; the
 * job held the bucket from its first window's opening to its last window's end. A client that fills
 * each window the moment it opens scores 1.00 when the count is a whole number of windows; every
 * second it sits idle between a window's end and the next request costs it.
 */
function efficiency(answers, { method, path, limit, windowMs }) {
  const mine = answers.filter((a) => a.method === method && a.path === path);
  const ok = mine.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.t).sort((a, b) => a - b);
  const throttled = mine.filter((a) => a.status === 429).length;
  if (!ok.length) return { ok: 0, throttled, ratio: 0, windows: 0, idlePerWindowS: NaN };
  const opened = [ok[0]];
  for (const t of ok) if (t >= opened.at(-1) + windowMs) opened.push(t);
  const span = opened.at(-1) - opened[0] + windowMs;
  const idle = opened.length > 1 ? (opened.at(-1) - opened[0]) / (opened.length - 1) - windowMs : NaN;
  return { ok: ok.length, throttled, ratio: ok.length / (span / windowMs) / limit, windows: opened.length, idlePerWindowS: idle / 1000 };
}

function scenarios(quick) {
  const launch = (timeScale, count) => ({ kind: 'launch', timeScale, count, limit: REVIEWS_LIMIT, method: 'POST', path: REVIEWS });
  const paging = (timeScale, count) => ({
    kind: 'paging',
    timeScale,
    count,
    limit: V2_REQUESTS_LIMIT,
    method: 'GET',
    path: REVIEWS,
    // The simulator can't seed v2 requests in bulk: reviews in a bucket set to the v2 requests limit stand in.
    rateLimits: { 'v2/security-access-reviews': V2_REQUESTS_LIMIT },
  });
  const [x1, x6, pages] = quick ? [[6, 100], [30, 300], [30, 12_000]] : [[1, 100], [6, 300], [6, 24_000]];
  return [
    { id: 'launch-real-runtime', job: launch(...x1), ...clients.runtimeLaunch(1), target: true },
    { id: 'launch-real-runtime-4', job: launch(...x1), ...clients.runtimeLaunch(4), target: true },
    { id: 'launch-real-sdk-loop', job: launch(...x1), ...clients.sdkLaunch(1, 'okta-sdk executor, one by one') },
    { id: 'launch-runtime', job: launch(...x6), ...clients.runtimeLaunch(1) },
    { id: 'launch-runtime-4', job: launch(...x6), ...clients.runtimeLaunch(4) },
    { id: 'launch-sdk-loop', job: launch(...x6), ...clients.sdkLaunch(1, 'okta-sdk executor, one by one') },
    { id: 'launch-sdk-all', job: launch(...x6), ...clients.sdkLaunch(Infinity, 'okta-sdk executor, Promise.all') },
    // Issue 14's goal: 20 concurrent callers sharing one limiter, the SDK's executor with 20 workers as the peer.
    { id: 'launch-runtime-20', job: launch(...x6), ...clients.runtimeLaunch(20), target: 'concurrent' },
    { id: 'launch-sdk-20', job: launch(...x6), ...clients.sdkLaunch(20, 'okta-sdk executor, 20 workers') },
    { id: 'paging-runtime', job: paging(...pages), ...clients.runtimePaging() },
    { id: 'paging-sdk', job: paging(...pages), ...clients.sdkPaging() },
  ];
}

async function runScenario({ id, job, client, run, target }) {
  const { sim, answers } = await simulator({ timeScale: job.timeScale, ...(job.rateLimits ? { rateLimits: job.rateLimits } : {}) });
  try {
    if (job.kind === 'paging') sim.addReviews(job.count);
    const before = sim.state.reviews.size;
    const started = performance.now();
    // Paging reads every review, the simulator's seeded ones too.
    const { failures, items } = await run(sim, job.kind === 'paging' ? sim.state.reviews.size : job.count);
    const wallS = (performance.now() - started) / 1000;
    const windowMs = 60_000 / job.timeScale;
    const e = efficiency(answers, { method: job.method, path: job.path, limit: job.limit, windowMs });
    const created = sim.state.reviews.size - before;
    const pages = Math.ceil(job.count / 200);
    return {
      id,
      count: job.count,
      job: job.kind === 'launch' ? `launch ${job.count} reviews @ ${job.limit}/min` : `page ${job.count} records (${pages} pages) @ ${job.limit}/min*`,
      client,
      timeScale: job.timeScale,
      windowS: windowMs / 1000,
      requestsOk: e.ok,
      windows: e.windows,
      throttled429: e.throttled,
      failed: failures.length,
      firstFailure: failures[0],
      ...(job.kind === 'launch' ? { created } : { items }),
      throughputRatio: round(e.ratio, 3),
      idlePerWindowS: round(e.idlePerWindowS, 2),
      wallS: round(wallS, 1),
      target: target ?? false,
    };
  } finally {
    await sim.close();
  }
}

/** One scenario per child process, so no job's event loop waits on another job's simulator. */
function inChild(id, quick) {
  const args = [fileURLToPath(import.meta.url), '--scenario', id, ...(quick ? ['--quick'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`rate-limit scenario ${id} exited ${code}: ${Buffer.concat(err).toString('utf8').trim().slice(0, 500)}`));
      resolve(JSON.parse(Buffer.concat(out).toString('utf8')));
    });
  });
}

export async function rateLimitBench({ quick = false } = {}) {
  const list = scenarios(quick);
  progress(`rate limits: ${list.length} jobs side by side, each in its own process with its own simulator (about ${quick ? 25 : 70} s)`);
  const runs = await Promise.all(list.map((s) => inChild(s.id, quick)));
  const targets = runs
    .filter((r) => r.target)
    .map((r) => {
      const share429 = r.throttled429 / (r.requestsOk + r.throttled429);
      const strict = r.target === 'concurrent';
      return {
        id: r.id,
        name: `rate limit, ${r.client}, ×${r.timeScale} clock`,
        want: strict ? '≥ 0.95 of the bucket, 0 failed, ≤ 1 % 429' : '≥ 0.95 of the bucket, 0 failed',
        got: `${r.throughputRatio.toFixed(2)}, ${r.failed} failed, ${r.throttled429} × 429 (${(share429 * 100).toFixed(1)} %)`,
        met: r.throughputRatio >= 0.95 && r.failed === 0 && r.created === r.count && (!strict || share429 <= 0.01),
      };
    });
  return { runs, targets };
}

export function printRateLimit({ runs }) {
  console.log('Rate-limit efficiency — throughput ÷ bucket limit, from the simulator\'s answers');
  console.log(`${'job'.padEnd(41)}${'client'.padEnd(34)}${'clock'.padStart(6)}${'ok'.padStart(6)}${'429s'.padStart(6)}${'failed'.padStart(7)}${'ratio'.padStart(7)}${'idle/win'.padStart(9)}${'wall'.padStart(7)}${'win'.padStart(5)}`);
  for (const r of runs) {
    console.log(
      `${r.job.padEnd(41)}${r.client.padEnd(34)}${`×${r.timeScale}`.padStart(6)}${String(r.requestsOk).padStart(6)}${String(r.throttled429).padStart(6)}${String(r.failed).padStart(7)}${r.throughputRatio.toFixed(2).padStart(7)}${`${Number.isFinite(r.idlePerWindowS) ? r.idlePerWindowS.toFixed(1) : '–'} s`.padStart(9)}${`${r.wallS} s`.padStart(7)}${String(r.windows).padStart(5)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, scenario: { type: 'string' } } });
  if (values.scenario) {
    const scenario = scenarios(Boolean(values.quick)).find((s) => s.id === values.scenario);
    if (!scenario) throw new Error(`no rate-limit scenario "${values.scenario}"`);
    process.stdout.write(`${JSON.stringify(await runScenario(scenario))}\n`);
    process.exit(0);
  }
  const result = await rateLimitBench({ quick: values.quick });
  printRateLimit(result);
  console.log('* reviews in a bucket set to 30/min stand in for v2 requests, which the simulator cannot seed in bulk');
  for (const r of result.runs) if (r.firstFailure) console.log(`  ${r.id}: first failure: ${r.firstFailure}`);
}
