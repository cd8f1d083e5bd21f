import { createRequire } from 'node:module';
import { vi } from 'vitest';

const require = createRequire(import.meta.url);

/** True when a test file has loaded nock in this worker and it still intercepts requests (without loading nock itself). */
export function nockLeftOn(): boolean {
  const loaded = require.cache[require.resolve('nock')];
  return Boolean(loaded && (loaded.exports as { isActive(): boolean }).isActive());
}

/**
 * What a test file left behind that would change the next file in the same worker (isolate: false),
 * each with its fix.
 */
export function leftBehind(): string[] {
  const found: string[] = [];
  if (nockLeftOn()) found.push("nock is still on and would intercept the next file's HTTP: call useNock() from test/support/nock.ts instead of setting nock up by hand");
  if (vi.isFakeTimers()) found.push('fake timers are still installed: call vi.useRealTimers() in a finally block or an afterEach');
  return found;
}
