/**
 * The rooms of src/ import one way (DESIGN.md): model ← operations ← compile ← (workflows, runtime)
 * ← flows ← cli. Each room lists the rooms it may import; anything else — a loop, or an import
 * against the direction — fails here, naming the file and the import.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Room → the rooms it may import (besides itself). Top-level files count as rooms of their own name. */
const MAY_IMPORT: Record<string, string[]> = {
  version: [],
  model: [],
  // Types only, written by \`oig build\` (src/generated/card-types.ts).
  generated: [],
  operations: ['model'],
  compile: ['model', 'operations'],
  auth: ['model'],
  runtime: ['model', 'operations', 'compile', 'auth', 'version', 'generated'],
  missions: ['model', 'compile'],
  workflows: ['model', 'compile', 'missions'],
  simulator: ['model'],
  flows: ['model', 'compile', 'auth', 'runtime', 'missions'],
  artifacts: ['model', 'operations', 'compile', 'workflows', 'missions'],
  cli: ['version', 'model', 'operations', 'compile', 'auth', 'runtime', 'missions', 'workflows', 'simulator', 'flows', 'artifacts'],
  // The package's entry points.
  index: ['model', 'operations', 'compile', 'auth', 'runtime', 'missions', 'flows', 'artifacts'],
  simulator_entry: ['simulator'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function roomOf(file: string): string {
  const rel = relative(SRC, file).split('/');
  if (rel.length === 1) return rel[0] === 'simulator.ts' ? 'simulator_entry' : rel[0]!.replace(/\.ts$/, '');
  return rel[0]!;
}

const edges = files(SRC).flatMap((file) =>
  ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => ({ file: relative(SRC, file), spec, from: roomOf(file), to: roomOf(resolve(dirname(file), spec)) })),
);

describe('import direction between the rooms of src/', () => {
  it('sees the imports (the check is not vacuous)', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((e) => e.from === 'runtime' && e.to === 'compile')).toBe(true);
    expect(edges.some((e) => e.from === 'auth' && e.to === 'model')).toBe(true);
  });

  it('every room is listed', () => {
    const unknown = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((room) => !(room in MAY_IMPORT));
    expect(unknown, 'a new folder in src/ needs its place in MAY_IMPORT').toEqual([]);
  });

  it('no import runs against the direction', () => {
    const wrong = edges.filter((e) => e.from !== e.to && !MAY_IMPORT[e.from]!.includes(e.to)).map((e) => `${e.file} imports ${e.spec} (${e.from} → ${e.to})`);
    expect(wrong).toEqual([]);
  });

  it('the allowed imports themselves form no loop', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const loop = (room: string, path: string[]): string[] | undefined => {
      if (visiting.has(room)) return [...path, room];
      if (done.has(room)) return undefined;
      visiting.add(room);
      for (const next of MAY_IMPORT[room]!) {
        const found = loop(next, [...path, room]);
        if (found) return found;
      }
      visiting.delete(room);
      done.add(room);
      return undefined;
    };
    for (const room of Object.keys(MAY_IMPORT)) expect(loop(room, [])).toBeUndefined();
  });
});
