/**
 * The build's output, computed once per test worker (test files share a worker's module cache):
 * several suites read it, and building every Workflows export takes seconds.
 */
import { buildArtifacts } from '../../src/artifacts/build.ts';
import { compiledCards } from '../../src/compile/registry.ts';
import { packageVersion } from '../../src/version.ts';
import { buildExports } from '../../src/workflows/folder.ts';

let artifacts: Map<string, string> | undefined;
let exports: ReturnType<typeof buildExports> | undefined;

/** Everything `oig build` writes, path → content. */
export const builtArtifacts = () => (artifacts ??= buildArtifacts({ version: packageVersion }));
/** The Workflows exports and their summary, as objects. */
export const builtExports = () => (exports ??= buildExports(compiledCards()));
