/**
 * Runs around every test file (vitest.config.ts setupFiles). Files share workers (isolate: false), so
 * a file must leave the process as it found it: one that leaves nock on or fake timers installed fails
 * here, and the timers are undone so the next file runs clean.
 */
import { afterAll, vi } from 'vitest';
import { leftBehind } from './leaks.ts';

afterAll(() => {
  const found = leftBehind();
  vi.useRealTimers();
  if (found.length) throw new Error(`This test file left global state behind: ${found.join('; ')}.`);
});
