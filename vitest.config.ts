import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Test files share a worker and its module cache: the source, ajv and the compiled cards load once
    // per worker instead of once per file (before this, most of the suite's time). A file must leave
    // no global state behind: test/support/setup.ts checks, and stubbed env vars are undone.
    isolate: false,
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    unstubEnvs: true,
    // Vitest's default is one worker fewer than the cores: a single worker on 2 cores, idle whenever a
    // file waits on sockets or child processes. One per core (npm test runs tsc beside them).
    maxWorkers: availableParallelism(),
  },
});
