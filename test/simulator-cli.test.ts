/**
 * `oig sim`: the first stdout line is exactly one JSON object {url, token, apiToken}, logs go to stderr, it
 * serves until SIGINT/SIGTERM and then closes cleanly; bad options exit 2 before anything starts.
 * The real process is spawned from a fresh bundle of src/cli/bin.ts (dist/ may be stale).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Inside the repo so the bundle's bare imports (jose, ajv …) resolve from node_modules.
const OUT_DIR = `${ROOT}node_modules/.cache/simulator-cli-test`;
const CLI = `${OUT_DIR}/cli.mjs`;

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const nl = buffer.indexOf('\n');
      if (nl >= 0) {
        child.stdout!.off('data', onData);
        resolve(buffer.slice(0, nl));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`oig sim exited with ${code} before printing a line`)));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('oig sim (a real process)', () => {
  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    await build({ entryPoints: [`${ROOT}src/cli/bin.ts`], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: CLI, logLevel: 'silent' });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints {url, token, apiToken} first, serves, logs to stderr and closes on ${signal}`, async () => {
      const child = spawn(process.execPath, [CLI, 'sim', '--seed', 'cli-test', '--seed-scale', '5', '--time-scale', '60', '--fault', 'adminLinks'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      const line = await firstLine(child);
      const first = JSON.parse(line) as Record<string, string>;
      expect(Object.keys(first)).toEqual(['url', 'token', 'apiToken']);
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const res = await fetch(`${first.url}/governance/api/v1/labels`, { headers: { Authorization: `Bearer ${first.token}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { _links: { self: { href: string } } };
      expect(body._links.self.href).toContain('localhost-admin');
      expect(res.headers.get('x-rate-limit-limit')).toBe('50');
      const ssws = await fetch(`${first.url}/governance/api/v1/labels`, { headers: { Authorization: `SSWS ${first.apiToken}` } });
      expect(ssws.status).toBe(200);
      const users = await fetch(`${first.url}/api/v1/users?search=${encodeURIComponent('profile.firstName eq "Bulk"')}`, { headers: { Authorization: `SSWS ${first.apiToken}` } });
      expect(((await users.json()) as unknown[]).length).toBe(5);

      const done = exited(child);
      child.kill(signal);
      expect(await done).toEqual({ code: 0, signal: null });
      expect(stderr).toContain('GET /governance/api/v1/labels → 200');
      expect(stderr).toContain('simulator: closed');
    });
  }
});

describe('oig sim options', () => {
  it('exits 2 with a sentence for bad options, before starting anything', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const [args, words] of [
        [['sim', '--port', 'eighty'], '--port takes a port number'],
        [['sim', '--time-scale', '0'], '--time-scale takes a number above 0'],
        [['sim', '--seed-scale', 'many'], '--seed-scale takes a whole number of 0 or more'],
        [['sim', '--fault', 'meteor=1'], 'unknown fault "meteor"'],
        [['sim', '--fault', 'rateLimit=lots'], 'whole number'],
        [['sim', '--colour'], 'Unknown option'],
      ] as const) {
        stderr.mockClear();
        expect(await main([...args])).toBe(2);
        expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain(words);
      }
    } finally {
      stderr.mockRestore();
    }
  });
});
