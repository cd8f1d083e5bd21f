/**
 * Kept-alive connections and creates (no nock here: its interceptor changes how sockets are pooled).
 * A server may close an idle connection just as a request is written on it; for a read the retry
 * covers that, but a create can't be sent twice, so it never goes out on a socket idle for long.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { runCard } from '../src/runtime/index.ts';

const TOKEN = 'keepalive-token-0123456789';
const LABEL_ID = 'lbc18v2lemBedxq6l1d7';
const createLabelInput = { name: 'Sensitivity', labelValues: [{ name: 'High' }] };

describe('a create never goes out on a long-idle kept-alive socket', () => {
  it('reads reuse the connection; a create after a second idle opens a new one (a server closing it then would leave the create in doubt)', async () => {
    const ports: number[] = [];
    const server = createServer((req, res) => {
      ports.push(req.socket.remotePort!);
      req.resume();
      req.on('end', () => res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ labelId: LABEL_ID })));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const connection = bearerConnection({ orgUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accessToken: TOKEN });
      const idle = () => new Promise((resolve) => setTimeout(resolve, 1200));
      await runCard('getLabel', { labelId: LABEL_ID }, connection);
      await idle();
      await runCard('getLabel', { labelId: LABEL_ID }, connection);
      await runCard('createLabel', createLabelInput, connection);
      await idle();
      await runCard('createLabel', createLabelInput, connection);
      expect(ports[1]).toBe(ports[0]);
      expect(ports[3]).not.toBe(ports[2]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
