#!/usr/bin/env node
// `npm run bench`: every benchmark in sequence, one markdown table on stdout (progress on stderr),
// everything measured in bench/results.json. Ratios compare variants measured side by side in this
// run; absolute times depend on the machine and its load, which are recorded with them.
// Usage: npm run bench [-- --quick]   (--quick: smaller counts for a smoke run; results.json untouched)
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { overheadBench } from './overhead.mjs';
import { rateLimitBench } from './rate-limit.mjs';
import { streamingBench } from './streaming.mjs';
import { startupBench } from './startup.mjs';
import { machine, progress, round } from './lib/util.mjs';

const { values } = parseArgs({ options: { quick: { type: 'boolean' } } });
const quick = Boolean(values.quick);
const load = () => loadavg().map((x) => round(x, 2));

const started = performance.now();
const info = { ...machine(), loadAverageAtStart: load() };

progress(`card overhead: ${quick ? 500 : 3000} calls per variant (about ${quick ? 5 : 20} s)`);
const overhead = await overheadBench({ calls: quick ? 500 : 3000 });
const rateLimit = await rateLimitBench({ quick });
const streaming = await streamingBench({ total: quick ? 20_000 : 100_000 });
const startup = await startupBench({ runs: quick ? 3 : 10, buildRuns: quick ? 1 : 3 });
info.loadAverageAtEnd = load();
const durationS = round((performance.now() - started) / 1000, 0);

const OVERHEAD_TARGET = 1.1;
const SDK_TARGET = 1.0;
const targets = [
  ...overhead.results.map((r) => ({
    name: `card overhead, ${r.workload}`,
    want: `card/fetch ≤ ${OVERHEAD_TARGET.toFixed(2)}× and card/sdk ≤ ${SDK_TARGET.toFixed(2)}×`,
    got: `${r.runCardVsFetch.toFixed(2)}× and ${r.runCardVsOktaSdk.toFixed(2)}×`,
    met: r.runCardVsFetch <= OVERHEAD_TARGET && r.runCardVsOktaSdk <= SDK_TARGET,
  })),
  ...rateLimit.targets,
  ...streaming.targets,
];

// ---- the table ----
const n = (x) => Math.round(x).toLocaleString('en-US');
const x2 = (x) => `${x.toFixed(2)}×`;
const rows = [];
const row = (bench, workload, measured, ratio, target = '', met = '') => rows.push([bench, workload, measured, ratio, target, met]);
const metCell = (t) => (t ? (t.met ? 'met' : 'not met') : '');

for (const r of overhead.results) {
  const t = targets.find((t) => t.name === `card overhead, ${r.workload}`);
  row(
    '1 card overhead',
    r.workload,
    `median µs: fetch ${n(r.fetchUs)} · runCard ${n(r.runCardUs)} · okta-sdk ${n(r.oktaSdkUs)} · node:http ${n(r.httpUs)}`,
    `card/fetch ${x2(r.runCardVsFetch)} · card/sdk ${x2(r.runCardVsOktaSdk)} · card/http ${x2(r.runCardVsHttp)}`,
    t.want,
    metCell(t),
  );
}
for (const r of rateLimit.runs) {
  const t = r.target ? rateLimit.targets.find((t) => t.id === r.id) : undefined;
  row(
    '2 rate limits',
    `${r.job}, clock ×${r.timeScale} (window ${r.windowS} s): ${r.client}`,
    `${r.requestsOk} ok in ${r.windows} windows · ${r.throttled429} × 429 (${((100 * r.throttled429) / (r.requestsOk + r.throttled429)).toFixed(1)} %) · ${r.failed} failed · ${Number.isFinite(r.idlePerWindowS) ? `${r.idlePerWindowS.toFixed(1)} s idle per window` : 'one window'} · ${r.wallS} s`,
    `${r.throughputRatio.toFixed(2)} of the bucket`,
    t ? t.want : '',
    metCell(t),
  );
}
{
  const [tl, tc] = streaming.targets;
  const { iterateCard: l, cli: c } = streaming;
  const f = streaming.iterateCardFifth;
  row('3 streaming', `${n(streaming.total)} records via iterateCard`, `${n(l.itemsPerSecond)} items/s · peak RSS ${l.growthMB} MB above ${l.baselineMB} MB warmed up (${f.growthMB} MB for ${n(f.items)} records)`, `growth ${l.growthMB} MB`, tl.want, metCell(tl));
  row('3 streaming', `${n(streaming.total)} records via oig invoke --all \\| counter`, `${n(c.itemsPerSecond)} items/s (start-up included) · ${c.outputMB} MB of JSON · maxRSS ${c.maxRssMB} MB vs ${c.onePageMaxRssMB} MB for one page`, `growth ${c.growthMB} MB`, tc.want, metCell(tc));
}
{
  const { startup: s, build: b, bundles } = startup;
  row('4 start-up', 'oig invoke getLabel: spawn → first request', `${n(s.oigToFirstRequestMs)} ms (exit ${n(s.oigToExitMs)} ms) · bare node + fetch ${n(s.nodeToFirstRequestMs)} ms`, `oig/node ${x2(s.firstRequestRatio)}`);
  row('4 build', `oig build: ${b.cards} cards, ${b.files} files, empty dir`, `${n(b.buildMs)} ms (process included)`, '');
  row('4 bundle', bundles.map((x) => x.file).join(' · '), bundles.map((x) => `${n(x.kB)} kB (${n(x.gzipKB)} kB gzip)`).join(' · '), '', '', '');
}

const m = info;
console.log(`Benchmarks — ${m.date.slice(0, 16).replace('T', ' ')} UTC · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB · ${m.os} · Node ${m.node} · load ${m.loadAverageAtStart.join('/')} → ${m.loadAverageAtEnd.join('/')} · ${durationS} s${quick ? ' · QUICK RUN (smaller counts)' : ''}`);
console.log('');
console.log('| bench | workload | measured | ratio | target | met |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log('');
console.log('* Security access reviews in a bucket set to 30/min stand in for v2 requests (the simulator has no bulk seeding for them).');
console.log(`Targets met: ${targets.filter((t) => t.met).length} of ${targets.length}.`);

const results = { machine: info, durationS, quick, overhead, rateLimit, streaming, startup, targets };
if (quick) progress('quick run: bench/results.json left as it was');
else {
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  progress('wrote bench/results.json');
}
