#!/usr/bin/env node
// Bundles the CLI and the library with esbuild into dist/ (ESM, Node 20). Runs on `npm ci` (prepare).
import { build } from 'esbuild';

const started = performance.now();
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};
await Promise.all([
  build({ ...common, entryPoints: { cli: 'src/cli/bin.ts', index: 'src/index.ts' }, outdir: 'dist' }),
]);
process.stderr.write(`bundle: dist/ in ${Math.round(performance.now() - started)} ms\n`);
