#!/usr/bin/env node
// `npm start`: bundle the CLI if src/ changed since the last bundle, then run the main job (`oig demo`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, e) => {
    const path = join(dir, e.name);
    return Math.max(latest, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
const bundled = (() => {
  try {
    return statSync('dist/cli.js').mtimeMs;
  } catch {
    return 0;
  }
})();
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;

if (bundled < newest('src')) {
  const status = run(['scripts/bundle.mjs']);
  if (status !== 0) process.exit(status);
}
process.exit(run(['bin/oig.js', 'demo', ...process.argv.slice(2)]));
