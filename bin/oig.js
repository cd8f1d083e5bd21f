#!/usr/bin/env node
// The `oig` command. The CLI is bundled into dist/ by `npm ci` (prepare) or `npm run bundle`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('oig: dist/cli.js is missing. Run `npm run bundle` (npm ci does it for you).\n');
  process.exit(3);
}
await import(cli.href);
