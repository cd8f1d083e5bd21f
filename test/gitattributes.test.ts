/**
 * Build output is marked generated in .gitattributes (collapsed in reviews, out of language stats),
 * and the big Workflows folder exports are `-diff`, so a change's diff stays readable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_DIRS } from '../src/artifacts/build.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIG = 1024 * 1024;
const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT }).status === 0;
if (!inGit) process.stderr.write('notice: not a git checkout; the .gitattributes checks are skipped.\n');

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

/** path → attribute → value, as git resolves them. */
function attributes(paths: string[]): Map<string, Record<string, string>> {
  const out = execFileSync('git', ['check-attr', '-z', '--stdin', 'linguist-generated', 'diff'], { cwd: ROOT, input: paths.join('\0') + '\0', encoding: 'utf8' });
  const fields = out.split('\0');
  const result = new Map<string, Record<string, string>>();
  for (let i = 0; i + 2 < fields.length; i += 3) result.set(fields[i]!, { ...result.get(fields[i]!), [fields[i + 1]!]: fields[i + 2]! });
  return result;
}

describe.skipIf(!inGit)('.gitattributes', () => {
  const outputs = [...BUILD_DIRS.flatMap((dir) => files(join(ROOT, dir))), join(ROOT, 'bench', 'results.json')].map((f) => relative(ROOT, f));
  const attrs = attributes(outputs);

  it('marks every build output and the benchmark results as generated', () => {
    expect(outputs.length).toBeGreaterThan(300);
    expect(outputs.filter((f) => attrs.get(f)?.['linguist-generated'] !== 'true')).toEqual([]);
  });

  it('turns off line diffs for the Workflows folder exports and any output over 1 MiB', () => {
    const big = outputs.filter((f) => /\.(folder|flopack)$/.test(f) || statSync(join(ROOT, f)).size > BIG);
    expect(big).toContain('connector/templates/launch-security-access-review/launch-security-access-review.folder');
    expect(big.filter((f) => f.startsWith('connector/helpers/')).length).toBeGreaterThan(0);
    expect(big.filter((f) => attrs.get(f)?.diff !== 'unset')).toEqual([]);
  });
});
