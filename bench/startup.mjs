#!/usr/bin/env node
// Start-up and build: `oig invoke` from process start to its first request (a local server notes the
// moment), next to a bare `node` process that sends one fetch, runs interleaved; `oig build` for all
// cards into an empty directory; the size of the bundles in dist/.
// Usage: node scripts/bundle.mjs && node bench/startup.mjs [--runs N]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { listen, median, progress, round } from './lib/util.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const LABEL_ID = 'lbc18v2lemBedxq6l1d7';
const LABEL = JSON.stringify({ labelId: LABEL_ID, name: 'Sensitivity', values: [{ labelValueId: 'lbl18v2len2Lk29141d7', name: 'High' }] });

function childEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OKTA_')));
  return { ...env, ...extra };
}

/** Runs a command; resolves to ms from spawn to the server's first request and to exit. */
function timed(args, env, firstRequest) {
  return new Promise((resolve, reject) => {
    const err = [];
    const started = performance.now();
    firstRequest.arm();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const exited = performance.now();
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString('utf8').trim().slice(0, 400)}`));
      const seen = firstRequest.at();
      if (seen === undefined) return reject(new Error(`${args.join(' ')} sent no request`));
      resolve({ toFirstRequestMs: seen - started, toExitMs: exited - started });
    });
  });
}

async function startupTimes(runs) {
  let firstAt;
  const firstRequest = { arm: () => (firstAt = undefined), at: () => firstAt };
  const server = await listen((req, res) => {
    firstAt ??= performance.now();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(LABEL) }).end(LABEL);
  });
  try {
    const env = childEnv({ OKTA_ORG_URL: server.url, OKTA_ACCESS_TOKEN: 'bench-bearer-token' });
    const variants = {
      oig: ['bin/oig.js', 'invoke', 'getLabel', '--input', JSON.stringify({ labelId: LABEL_ID })].map((a, i) => (i === 0 ? here(`../${a}`) : a)),
      node: ['--input-type=module', '-e', `await (await fetch(${JSON.stringify(`${server.url}/governance/api/v1/labels/${LABEL_ID}`)})).json();`],
    };
    const times = { oig: [], node: [] };
    for (const args of Object.values(variants)) await timed(args, env, firstRequest); // warm the file cache
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of Object.entries(variants)) times[name].push(await timed(args, env, firstRequest));
    }
    const med = (name, key) => median(times[name].map((t) => t[key]));
    return {
      runs,
      oigToFirstRequestMs: round(med('oig', 'toFirstRequestMs'), 0),
      oigToExitMs: round(med('oig', 'toExitMs'), 0),
      nodeToFirstRequestMs: round(med('node', 'toFirstRequestMs'), 0),
      nodeToExitMs: round(med('node', 'toExitMs'), 0),
      firstRequestRatio: round(med('oig', 'toFirstRequestMs') / med('node', 'toFirstRequestMs'), 2),
    };
  } finally {
    await server.close();
  }
}

/** `oig build --out <empty dir>`: every card, schema and connector file written from scratch. */
async function buildTimes(runs) {
  const times = [];
  let summary = '';
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'oig-build-'));
    try {
      const started = performance.now();
      const child = spawn(process.execPath, [here('../bin/oig.js'), 'build', '--out', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
      const err = [];
      child.stderr.on('data', (c) => err.push(c));
      const code = await new Promise((resolve, reject) => child.on('error', reject).on('close', resolve));
      times.push(performance.now() - started);
      summary = Buffer.concat(err).toString('utf8').trim();
      if (code !== 0) throw new Error(`oig build exited ${code}: ${summary.slice(0, 400)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const m = /(\d+) cards, (\d+) files/.exec(summary);
  return { runs, buildMs: round(median(times), 0), cards: m ? Number(m[1]) : undefined, files: m ? Number(m[2]) : undefined };
}

/** The whole bundle (entries and their chunks, dependencies included), without source maps. */
function bundleSizes() {
  const files = ['index.js', 'cli.js', ...readdirSync(here('../dist/chunks')).filter((f) => f.endsWith('.js')).map((f) => `chunks/${f}`)];
  const bytes = files.map((f) => readFileSync(here(`../dist/${f}`)));
  const total = Buffer.concat(bytes);
  return [{ file: `dist/ (${files.length} files)`, kB: round(total.length / 1000, 0), gzipKB: round(gzipSync(total).length / 1000, 0) }];
}

export async function startupBench({ runs = 15, buildRuns = 3 } = {}) {
  progress(`start-up: oig invoke vs bare node, ${runs} runs each`);
  const startup = await startupTimes(runs);
  progress(`build: oig build into an empty directory, ${buildRuns} runs`);
  const build = await buildTimes(buildRuns);
  return { startup, build, bundles: bundleSizes() };
}

export function printStartup({ startup, build, bundles }) {
  console.log(`Start-up and build — medians of ${startup.runs} runs`);
  console.log(`  oig invoke getLabel: ${startup.oigToFirstRequestMs} ms from spawn to first request (${startup.oigToExitMs} ms to exit); bare node + fetch: ${startup.nodeToFirstRequestMs} ms (${startup.nodeToExitMs} ms) → ${startup.firstRequestRatio}×`);
  console.log(`  oig build: ${build.cards} cards, ${build.files} files in ${build.buildMs} ms (median of ${build.runs}, process included)`);
  console.log(`  bundles: ${bundles.map((b) => `${b.file} ${b.kB} kB (${b.gzipKB} kB gzip)`).join(', ')}; dependencies bundled, one chunk per CLI command`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  printStartup(await startupBench({ runs: values.runs ? Number(values.runs) : 15 }));
}
