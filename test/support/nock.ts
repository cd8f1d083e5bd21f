import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * nock for the calling file (or describe block): no real connections while it runs, interceptors
 * cleared after each test (unless `perTest: false`, for persistent ones set up in beforeAll), and nock
 * switched off afterwards. Test files share workers (vitest.config.ts: isolate: false), so nock left
 * on would intercept the HTTP of whichever file runs next; test/support/setup.ts fails a file that does.
 */
export function useNock({ perTest = true }: { perTest?: boolean } = {}): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  if (perTest) afterEach(() => void nock.cleanAll());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  });
}
