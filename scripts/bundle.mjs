#!/usr/bin/env node
// Bundles the CLI and the library with esbuild into dist/ (ESM, Node 20). Runs on `npm ci` (prepare).
import { readdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const started = performance.now();
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies are bundled too: resolving hundreds of small module files dominated start-up.
  packages: 'bundle',
  // Except esbuild: `oig build` uses it, when present, to build from the current source (src/cli/from-source.ts).
  external: ['esbuild'],
  banner: { js: "import { createRequire as __oigCreateRequire } from 'node:module'; const require = __oigCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
};
// Splitting puts each CLI command in its own chunk, loaded when that command runs (start-up time).
// dist/types/ (declarations, made by scripts/declarations.mjs when packing) is left alone.
for (const name of await readdir('dist').catch(() => [])) if (name !== 'types') await rm(`dist/${name}`, { recursive: true, force: true });
await build({ ...common, splitting: true, entryPoints: { cli: 'src/cli/bin.ts', index: 'src/index.ts', simulator: 'src/simulator.ts' }, outdir: 'dist', chunkNames: 'chunks/[name]-[hash]' });
process.stderr.write(`bundle: dist/ in ${Math.round(performance.now() - started)} ms\n`);
