import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILD_DIRS, buildArtifacts } from '../../artifacts/build.ts';
import { operations } from '../../operations/index.ts';
import { packageVersion } from '../../version.ts';
import type { Command } from '../command.ts';
import { loadFromSource } from '../from-source.ts';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

/** Write the artifacts under `root`, leaving unchanged files untouched and removing stale ones. */
export async function writeArtifacts(root: string, files: Map<string, string>) {
  let written = 0;
  let removed = 0;
  for (const [rel, content] of files) {
    const target = join(root, rel);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === content) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
    written++;
  }
  const wanted = new Set([...files.keys()].map((rel) => join(root, rel)));
  for (const dir of BUILD_DIRS) {
    for (const file of await listFiles(join(root, dir))) {
      if (!wanted.has(file)) {
        await rm(file);
        removed++;
      }
    }
  }
  return { written, removed, total: files.size };
}

interface Builder {
  buildArtifacts: typeof buildArtifacts;
  operations: typeof operations;
  packageVersion: string;
}

/**
 * The declarations as they are now. The bundle in dist/ was made at install and would write the cards
 * of that moment ("0 written" after an edit), so in a source checkout they are bundled afresh.
 */
async function currentBuilder(): Promise<Builder & { from: string }> {
  const fresh = await loadFromSource<Builder>(
    ['artifacts/build.ts', 'operations/index.ts', 'version.ts'].map((f) => `export * from './src/${f}';`).join('\n'),
  );
  return fresh ? { ...fresh.module, from: fresh.src } : { buildArtifacts, operations, packageVersion, from: 'the installed bundle' };
}

export const buildCommand: Command = {
  usage: [
    'Usage: oig build [--out DIR]',
    '',
    'Writes cards/, schemas/, connector/ and src/generated/card-types.ts under DIR (default: the current directory).',
    'In a source checkout it compiles the declarations in src/ as they are now (no `npm run bundle` needed).',
  ].join('\n'),
  async run(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
    const root = values.out ?? process.cwd();
    const builder = await currentBuilder();
    const files = builder.buildArtifacts({ version: builder.packageVersion });
    const { written, removed, total } = await writeArtifacts(root, files);
    process.stderr.write(`oig build: ${builder.operations.length} cards, ${total} files (${written} written, ${removed} removed) in ${root}, from ${builder.from}\n`);
    return 0;
  },
};
