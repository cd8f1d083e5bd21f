/**
 * Dependencies sit where they are used: a package src/ imports is a runtime dependency (the shipped
 * source and its types import it); one only tests, scripts, benchmarks or the build use is a dev
 * dependency, so installing the library doesn't pull it in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? files(path) : /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}

const builtin = new Set(builtinModules);
/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative and node: imports. */
function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('node:') || builtin.has(spec.split('/')[0]!)) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Package → the files that import (or require) it, over the given folders. */
function importers(...dirs: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of dirs.flatMap((d) => files(join(ROOT, d)))) {
    const text = readFileSync(file, 'utf8');
    const specs = [
      ...ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName),
      ...[...text.matchAll(/\brequire\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!),
    ];
    for (const name of specs.map(packageOf)) {
      if (name) found.set(name, [...(found.get(name) ?? []), relative(ROOT, file)]);
    }
  }
  return found;
}

/** Dev dependencies src/ may load when present, with why an installed package does without them. */
const CHECKOUT_ONLY: Record<string, string> = {
  esbuild: 'src/cli/from-source.ts bundles the current source for `oig build` in a checkout; an installed package runs its bundle',
};

describe('package.json dependencies', () => {
  const runtime = new Map([...importers('src')].filter(([name]) => !(name in CHECKOUT_ONLY)));
  const tooling = importers('test', 'scripts', 'bench', 'bin');

  it('lists as runtime dependencies exactly the packages src/ imports', () => {
    expect(Object.keys(pkg.dependencies).sort(), 'move a package only tests/scripts use to devDependencies, and add what src/ imports to dependencies').toEqual(
      [...runtime.keys()].sort(),
    );
  });

  it('lists every package tests, scripts and benchmarks import, as a dev dependency unless src/ needs it', () => {
    const missing = [...tooling.keys()].filter((name) => !(name in pkg.dependencies) && !(name in pkg.devDependencies));
    expect(missing.map((name) => `${name} (imported by ${tooling.get(name)!.join(', ')})`)).toEqual([]);
  });

  it('keeps the packages src/ loads only in a checkout as dev dependencies, out of the bundle', () => {
    const bundler = readFileSync(join(ROOT, 'scripts', 'bundle.mjs'), 'utf8');
    for (const name of Object.keys(CHECKOUT_ONLY)) {
      expect(pkg.devDependencies, name).toHaveProperty([name]);
      expect(bundler, `${name} must be external in scripts/bundle.mjs`).toMatch(new RegExp(`external: \\[[^\\]]*'${name}'`));
    }
  });

  it('has no dev dependency that is also a runtime one', () => {
    expect(Object.keys(pkg.devDependencies).filter((name) => name in pkg.dependencies)).toEqual([]);
  });
});
