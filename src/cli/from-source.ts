/**
 * The CLI runs from the bundle in dist/, made at install. In a source checkout that bundle goes stale
 * as soon as a declaration is edited, so commands whose output must follow the source (`oig build`)
 * load the source modules afresh: esbuild bundles them in memory into a throwaway file next to
 * node_modules, which is imported and removed. An installed package has no esbuild and keeps the
 * bundle, which was made from the very source it ships.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface SourceModule<T> {
  module: T;
  /** The source folder the module was bundled from. */
  src: string;
}

/** The package root: the nearest folder above this file holding a package.json. */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return dir;
}

/**
 * `contents` (TypeScript importing from src/ by relative path) bundled from the package's current
 * src/, or undefined when this already runs from source (tests, tsx) or there is no source checkout
 * with esbuild to bundle it.
 */
export async function loadFromSource<T>(contents: string): Promise<SourceModule<T> | undefined> {
  if (import.meta.url.endsWith('.ts')) return undefined;
  const root = packageRoot();
  if (!root || !existsSync(join(root, 'src')) || !existsSync(join(root, 'node_modules'))) return undefined;
  // esbuild is a dev dependency, left out of the bundle (scripts/bundle.mjs): present only in a checkout.
  const esbuild = await import('esbuild').catch(() => undefined);
  if (!esbuild) return undefined;
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'oig-from-source.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  // Inside node_modules, so the external packages resolve from the package's own node_modules.
  const dir = join(root, 'node_modules', '.cache', 'oig');
  const file = join(dir, `from-source-${process.pid}-${Date.now()}.mjs`);
  await mkdir(dir, { recursive: true });
  await writeFile(file, result.outputFiles[0]!.contents);
  try {
    return { module: (await import(pathToFileURL(file).href)) as T, src: join(root, 'src') };
  } finally {
    await rm(file, { force: true });
  }
}
