/**
 * A local HTTP server on 127.0.0.1 that answers every request with 200 `{}` and remembers what
 * reached it (method, raw target, authorization). Requests node refuses before the handler
 * (e.g. a target over the header size limit) are counted too, so "no request" really means none.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  /** The request target exactly as it arrived (path and query, still percent-encoded). */
  target: string;
  authorization: string | undefined;
}

export interface CountingServer {
  url: string;
  seen: SeenRequest[];
  /** Requests node rejected before they reached the handler (malformed or oversized). */
  refused: number;
  /** Everything that reached the server in any form. */
  total(): number;
  close(): Promise<void>;
}

export async function startCountingServer(answer: () => { status: number; body: unknown } = () => ({ status: 200, body: {} })): Promise<CountingServer> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let refused = 0;
  // A large header limit, so a long query string reaches the handler rather than a socket error.
  const server: Server = createServer({ maxHeaderSize: 4 * 1024 * 1024 }, (req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => {
      const { status, body } = answer();
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  // Idle keep-alive sockets stay open for the whole suite: with the default 5 s, a busy machine lets
  // the server close one just as the client reuses it (ECONNRESET, and a request counted late).
  server.keepAliveTimeout = 120_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => {
    refused++;
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: CountingServer = {
    url: `http://127.0.0.1:${port}`,
    seen,
    get refused() {
      return refused;
    },
    total: () => seen.length + refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}
