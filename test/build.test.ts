import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILD_DIRS, buildArtifacts } from '../src/artifacts/build.ts';
import { operations } from '../src/operations/index.ts';
import { packageVersion } from '../src/version.ts';
import { builtArtifacts } from './support/built.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

describe('oig build', () => {
  const files = builtArtifacts();

  it('is deterministic: two builds give byte-identical files in the same order', () => {
    const again = buildArtifacts({ version: packageVersion });
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [path, content] of files) expect(again.get(path), path).toBe(content);
  });

  it('committed cards/, schemas/ and connector/ are fresh (run `npm run build` and commit if this fails)', () => {
    const stale = [...files].filter(([path, content]) => {
      try {
        return readFileSync(join(root, path), 'utf8') !== content;
      } catch {
        return true;
      }
    });
    expect(stale.map(([path]) => path)).toEqual([]);
    const extra = BUILD_DIRS.flatMap((dir) => walk(join(root, dir)))
      .map((f) => relative(root, f))
      .filter((f) => !files.has(f));
    expect(extra).toEqual([]);
  });

  it('writes a card and both schemas for every declared operation, and ids are unique', () => {
    const ids = operations.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(files.has(`cards/${id}.json`), id).toBe(true);
      expect(files.has(`schemas/${id}.input.json`), id).toBe(true);
      expect(files.has(`schemas/${id}.output.json`), id).toBe(true);
    }
  });

  it('connector.json lists every card and the union of their scopes', () => {
    const manifest = JSON.parse(files.get('connector/connector.json')!) as { version: string; cards: { id: string }[]; auth: { scopes: string[] } };
    expect(manifest.cards.map((c) => c.id)).toEqual(operations.map((o) => o.id));
    expect(manifest.auth.scopes).toEqual([...new Set(operations.flatMap((o) => o.scopes))].sort());
    expect(manifest.version).toBe(packageVersion);
  });

  it('the version in connector.json is the package version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(packageVersion).toBe(pkg.version);
  });

  it('CARDS.md names every card with its scope', () => {
    const reference = files.get('connector/CARDS.md')!;
    for (const op of operations) {
      expect(reference).toContain(`(\`${op.id}\`)`);
      expect(reference).toContain(op.scopes[0] ?? 'no scope (public)');
    }
  });
});
