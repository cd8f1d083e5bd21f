// Shared helpers for the benchmarks: statistics, the machine description, a loopback server.
import { createServer } from 'node:http';
import { cpus, totalmem, platform, arch, release } from 'node:os';

export const dist = (file = 'index.js') => new URL(`../../dist/${file}`, import.meta.url);
export const repoRoot = new URL('../../', import.meta.url);

export function median(xs) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function machine() {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** A node:http server on 127.0.0.1 with a free port; resolves to { server, url, close }. */
export function listen(handler) {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolve({ server, url, close });
    });
  });
}

/** Progress goes to stderr so stdout carries only the table. */
export const progress = (line) => process.stderr.write(`bench: ${line}\n`);

export const round = (x, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
export const mib = (bytes) => bytes / 2 ** 20;
