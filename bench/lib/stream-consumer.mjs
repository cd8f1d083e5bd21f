// Child process of the streaming bench: iterates every record of a list card through iterateCard and
// reports, as one JSON line on stdout, the count, the time and its RSS growth over a warmed-up baseline.
// Usage: node --expose-gc bench/lib/stream-consumer.mjs <orgUrl> <token> [records]  (default: all of them)
import { dist } from './util.mjs';

const [orgUrl, accessToken, records] = process.argv.slice(2);
const { iterateCard, bearerConnection } = await import(dist().href);
const connection = bearerConnection({ orgUrl, accessToken });
const card = 'listSecurityAccessReviews';
const input = { limit: 200 };

// Warm-up: one page, so the schemas are compiled and the socket is open before the baseline.
for await (const _ of iterateCard(card, input, connection, { resultSet: 'firstN', limit: 200 }));
globalThis.gc?.();
const baselineRss = process.memoryUsage.rss();
let peakRss = baselineRss;
let peakHeap = process.memoryUsage().heapUsed;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
const timer = setInterval(sample, 10);

let count = 0;
const started = performance.now();
const resultSet = records ? { resultSet: 'firstN', limit: Number(records) } : { resultSet: 'all' };
for await (const _ of iterateCard(card, input, connection, resultSet)) {
  if (++count % 200 === 0) {
    sample();
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
}
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
sample();
process.stdout.write(`${JSON.stringify({ count, seconds, baselineRss, peakRss, peakHeap, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
