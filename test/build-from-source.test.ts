/**
 * `oig build` follows the source, not the bundle made at install: in a temporary copy of the
 * checkout (the repo itself is left alone) a declaration is edited after bundling, and the build
 * writes the edited card. A copy without esbuild (as an installed package is) uses its bundle.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const DECLARATION = join('src', 'operations', 'labels.ts');
const EDITED = 'List labels (edited after bundling)';

let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'oig-checkout-'));
  for (const entry of ['package.json', 'bin', 'dist', 'src']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  const declaration = join(copy, DECLARATION);
  const text = readFileSync(declaration, 'utf8');
  expect(text).toContain("title: 'List labels'");
  writeFileSync(declaration, text.replace("title: 'List labels'", `title: '${EDITED}'`));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Link the checkout's installed packages into the copy, one by one (the copy's own cache stays its own). */
function linkPackages() {
  mkdirSync(join(copy, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (!name.startsWith('.')) symlinkSync(join(ROOT, 'node_modules', name), join(copy, 'node_modules', name));
  }
}

const build = (out: string) => run(process.execPath, [join(copy, 'bin', 'oig.js'), 'build', '--out', join(copy, out)], { cwd: copy });
const title = (out: string) => (JSON.parse(readFileSync(join(copy, out, 'cards', 'listLabels.json'), 'utf8')) as { title: string }).title;

// Each test spawns a full build (hundreds of files, megabytes): generous on a loaded machine.
describe('oig build after a declaration is edited', { timeout: 120_000 }, () => {
  it('without esbuild (an installed package) builds from its bundle, and says so', async () => {
    const { stderr } = await build('from-bundle');
    expect(stderr).toMatch(/oig build: \d+ cards, \d+ files \(\d+ written, 0 removed\) .* from the installed bundle/);
    expect(title('from-bundle')).toBe('List labels');
  });

  it('in a source checkout compiles src/ as it is now, without touching dist/', async () => {
    linkPackages();
    const bundle = readdirSync(join(copy, 'dist'), { recursive: true }).map(String).sort();
    const { stderr } = await build('from-source');
    expect(stderr).toContain(`from ${join(copy, 'src')}`);
    expect(title('from-source')).toBe(EDITED);
    expect(readdirSync(join(copy, 'dist'), { recursive: true }).map(String).sort()).toEqual(bundle);
    expect(readdirSync(join(copy, 'node_modules', '.cache', 'oig'))).toEqual([]);
  });
});
