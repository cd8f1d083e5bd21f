/**
 * Test files share workers (vitest.config.ts: isolate: false): useNock keeps a file's nock to itself,
 * and test/support/setup.ts fails a file that leaves nock or fake timers behind.
 */
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import { leftBehind, nockLeftOn } from './support/leaks.ts';
import { useNock } from './support/nock.ts';

describe('useNock', () => {
  describe('while a block uses it', () => {
    useNock();
    it('intercepts, and refuses connections nothing intercepts', async () => {
      expect(nockLeftOn()).toBe(true);
      nock('https://acme.okta.com').get('/ping').reply(200, 'pong');
      nock('https://acme.okta.com').get('/never-called').reply(200);
      expect(await (await fetch('https://acme.okta.com/ping')).text()).toBe('pong');
      await expect(fetch('https://elsewhere.example/')).rejects.toThrow();
    });
    it('starts each test without the previous test’s interceptors', () => {
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  it('switches nock off after the block, so the next file talks to real sockets', () => {
    expect(nock.isActive()).toBe(false);
    expect(leftBehind()).toEqual([]);
  });

  describe('a later block', () => {
    useNock();
    it('switches it on again', () => {
      expect(nock.isActive()).toBe(true);
      expect(leftBehind()).toEqual([expect.stringContaining('useNock()')]);
    });
  });
});

describe('leftBehind', () => {
  it('names fake timers still installed, with the fix', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      expect(leftBehind()).toEqual([expect.stringContaining('vi.useRealTimers()')]);
    } finally {
      vi.useRealTimers();
    }
    expect(leftBehind()).toEqual([]);
  });
});
