#!/usr/bin/env node
// Emits the library's declaration files into dist/types/ (run by `npm pack`/`npm publish`, prepack).
// The sources import each other with `.ts` extensions; the emitted declarations say `.js`, so they
// resolve in any consumer (NodeNext, bundler, older TypeScript) with no special compiler flags.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const started = performance.now();
const out = 'dist/types';
await rm(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const relativeTs = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g;
let files = 0;
for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const path = join(entry.parentPath, entry.name);
  const text = await readFile(path, 'utf8');
  await writeFile(path, text.replace(relativeTs, '$1$2.js$3'));
  files++;
}
process.stderr.write(`declarations: ${files} files in ${out}/ in ${Math.round(performance.now() - started)} ms\n`);
