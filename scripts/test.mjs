#!/usr/bin/env node
// `npm test`: bundle the CLI (tests run bin/oig.js), then the type check and the test suites side by
// side. tsc is one single-threaded process of ~20 s of CPU; run before vitest it kept a core idle.
// It is incremental (its state in node_modules/.cache), so re-runs check only what changed.
// Arguments go to vitest (`npm test -- test/build.test.ts`). Fails when either fails.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const node = (args, stdio) => spawn(process.execPath, args, { stdio });
const exit = (child) => new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

const bundled = spawnSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
if (bundled.status !== 0) process.exit(bundled.status ?? 1);

const started = performance.now();
const tscArgs = ['--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/oig-test/tsc.tsbuildinfo'];
const tsc = node([require.resolve('typescript/bin/tsc'), ...tscArgs], ['ignore', 'pipe', 'pipe']);
const tscOutput = [];
tsc.stdout.on('data', (chunk) => tscOutput.push(chunk));
tsc.stderr.on('data', (chunk) => tscOutput.push(chunk));
const vitest = node([join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs'), 'run', ...process.argv.slice(2)], 'inherit');

const [tscCode, vitestCode] = await Promise.all([exit(tsc), exit(vitest)]);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (tscCode === 0) {
  process.stderr.write(`typecheck (tsc --noEmit): no errors; tests and typecheck took ${seconds} s\n`);
} else {
  process.stderr.write(`\ntypecheck (tsc --noEmit) failed:\n${Buffer.concat(tscOutput).toString('utf8')}\n`);
}
process.exit(vitestCode || tscCode);
