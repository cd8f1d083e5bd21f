#!/usr/bin/env node
// Streaming: every record of a 100,000-record list (pages of 200 from a fast local server) through
// (1) iterateCard in a child process, RSS sampled against a warmed-up baseline, and (2) `oig invoke
// --all` piped into a counter here, its peak RSS (maxRSS) compared with the same command for one page.
// Target: peak RSS growth < 64 MB. Items/s printed.
// Usage: node scripts/bundle.mjs && node bench/streaming.mjs [--total N]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPageServer } from './lib/page-server.mjs';
import { mib, progress, round } from './lib/util.mjs';

const CARD = 'listSecurityAccessReviews';
const TOKEN = 'bench-bearer-token';
const LIMIT_MB = 64;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** The environment of a child: ours without any Okta credentials, plus the bench org. */
function childEnv(orgUrl, extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OKTA_')));
  return { ...env, OKTA_ORG_URL: orgUrl, OKTA_ACCESS_TOKEN: TOKEN, ...extra };
}

function collect(child) {
  const err = [];
  child.stderr.on('data', (c) => err.push(c));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr: Buffer.concat(err).toString('utf8') }));
  });
}

async function viaIterateCard(orgUrl, records) {
  const child = spawn(process.execPath, ['--expose-gc', here('./lib/stream-consumer.mjs'), orgUrl, TOKEN, ...(records ? [String(records)] : [])], { env: childEnv(orgUrl), stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  child.stdout.on('data', (c) => out.push(c));
  const { code, stderr } = await collect(child);
  if (code !== 0) throw new Error(`stream consumer exited ${code}: ${stderr.trim()}`);
  const r = JSON.parse(Buffer.concat(out).toString('utf8'));
  return { items: r.count, seconds: r.seconds, itemsPerSecond: r.count / r.seconds, growthMB: mib(r.peakRss - r.baselineRss), baselineMB: mib(r.baselineRss), peakHeapMB: mib(r.peakHeap) };
}

/** `oig invoke <card> …` with stdout counted as it streams: one record per line that starts with `{`. */
async function viaCli(orgUrl, args) {
  const dir = mkdtempSync(join(tmpdir(), 'oig-bench-'));
  const rssFile = join(dir, 'rss.json');
  try {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', new URL('./lib/rss-hook.mjs', import.meta.url).href, here('../bin/oig.js'), 'invoke', CARD, '--input', '{"limit":200}', ...args],
      { env: childEnv(orgUrl, { BENCH_RSS_FILE: rssFile }), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let records = 0;
    let bytes = 0;
    let lastByte = 0x0a;
    let tail = Buffer.alloc(0);
    child.stdout.on('data', (buf) => {
      bytes += buf.length;
      if (lastByte === 0x0a && buf[0] === 0x7b) records++;
      for (let i = buf.indexOf('\n{'); i !== -1; i = buf.indexOf('\n{', i + 1)) records++;
      lastByte = buf[buf.length - 1];
      tail = Buffer.concat([tail, buf]).subarray(-8);
    });
    const { code, stderr } = await collect(child);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`oig invoke ${args.join(' ')} exited ${code}: ${stderr.trim().slice(0, 500)}`);
    const { maxRss } = JSON.parse(readFileSync(rssFile, 'utf8'));
    return { records, bytes, seconds, complete: tail.toString('utf8').endsWith('\n]\n'), maxRss };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function streamingBench({ total = 100_000 } = {}) {
  const server = await startPageServer({ total });
  try {
    // A fifth of the records first: the growth should not follow the count.
    const fifth = Math.round(total / 5);
    progress(`streaming: ${fifth}, then ${total} records through iterateCard`);
    const libFifth = await viaIterateCard(server.url, fifth);
    const lib = await viaIterateCard(server.url);
    if (lib.items !== total || libFifth.items !== fifth) throw new Error(`iterateCard yielded ${lib.items} of ${total} (and ${libFifth.items} of ${fifth}) records`);

    progress(`streaming: ${total} records through oig invoke --all | counter`);
    const onePage = await viaCli(server.url, ['--max-records', '200']);
    const all = await viaCli(server.url, ['--all']);
    if (all.records !== total || !all.complete) throw new Error(`oig invoke --all printed ${all.records} of ${total} records${all.complete ? '' : ' and no closing ]'}`);
    const cli = {
      items: all.records,
      seconds: all.seconds,
      itemsPerSecond: all.records / all.seconds,
      outputMB: mib(all.bytes),
      maxRssMB: mib(all.maxRss),
      onePageMaxRssMB: mib(onePage.maxRss),
      growthMB: mib(all.maxRss - onePage.maxRss),
    };
    const r = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v, k.endsWith('PerSecond') ? 0 : 1)]));
    return {
      total,
      pages: server.requests(),
      iterateCard: r(lib),
      iterateCardFifth: r(libFifth),
      cli: r(cli),
      targets: [
        { name: 'streaming, iterateCard', want: `RSS growth < ${LIMIT_MB} MB`, got: `${lib.growthMB.toFixed(1)} MB`, met: lib.growthMB < LIMIT_MB },
        { name: 'streaming, oig invoke --all', want: `RSS growth < ${LIMIT_MB} MB`, got: `${cli.growthMB.toFixed(1)} MB`, met: cli.growthMB < LIMIT_MB },
      ],
    };
  } finally {
    await server.close();
  }
}

export function printStreaming({ total, iterateCard: lib, iterateCardFifth: fifth, cli }) {
  console.log(`Streaming — ${total} records, pages of 200 from a local server`);
  console.log(`  iterateCard (child process): ${lib.itemsPerSecond} items/s, ${lib.seconds} s, RSS growth ${lib.growthMB} MB over a warmed-up ${lib.baselineMB} MB (${fifth.growthMB} MB for ${fifth.items} records)`);
  console.log(`  oig invoke --all | counter:  ${cli.itemsPerSecond} items/s, ${cli.seconds} s with start-up, ${cli.outputMB} MB of JSON; maxRSS ${cli.maxRssMB} MB vs ${cli.onePageMaxRssMB} MB for one page (growth ${cli.growthMB} MB)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { total: { type: 'string' } } });
  printStreaming(await streamingBench({ total: values.total ? Number(values.total) : 100_000 }));
}
