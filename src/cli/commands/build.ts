import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILD_DIRS, buildArtifacts } from '../../artifacts/build.ts';
import { operations } from '../../operations/index.ts';
import { packageVersion } from '../../version.ts';
import type { Command } from '../command.ts';

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

export const buildCommand: Command = {
  usage: 'Usage: oig build [--out DIR]\n\nWrites cards/, schemas/, connector/ and src/generated/card-types.ts under DIR (default: the current directory).',
  async run(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
    const root = values.out ?? process.cwd();
    const files = buildArtifacts({ version: packageVersion });
    const { written, removed, total } = await writeArtifacts(root, files);
    process.stderr.write(`oig build: ${operations.length} cards, ${total} files (${written} written, ${removed} removed) in ${root}\n`);
    return 0;
  },
};
