/**
 * A raw TCP server on 127.0.0.1 that speaks just enough HTTP to be hostile: it reads each request's
 * head and lets the test write any bytes back (malformed JSON, bare CRs in headers, endless bodies,
 * redirects elsewhere). Every connection answers one request and is then closed by the handler or
 * the peer, so no request can hide behind another on a kept-alive socket. Each request seen is kept.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent. */
  target: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The request head as received, for checks on raw bytes. */
  head: string;
}

export type RawHandler = (request: RawRequest, socket: Socket) => void;

export interface RawServer {
  readonly url: string;
  readonly port: number;
  readonly requests: RawRequest[];
  /** What to answer from now on. */
  handle(handler: RawHandler): void;
  close(): Promise<void>;
}

const HEAD_END = '\r\n\r\n';

function parseHead(head: string): RawRequest {
  const [requestLine = '', ...lines] = head.split('\r\n');
  const [method = '', target = ''] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method, target, headers, head };
}

export async function startRawServer(initial: RawHandler = (_r, socket) => socket.end(http(200, {}, '{}'))): Promise<RawServer> {
  let handler = initial;
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that gives up mid-answer resets the socket: expected here, not a failure.
    socket.on('error', () => {});
    let buffered = '';
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf(HEAD_END);
      if (end < 0) return;
      answered = true;
      const request = parseHead(buffered.slice(0, end));
      requests.push(request);
      handler(request, socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const REASONS: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect', 400: 'Bad Request', 404: 'Not Found' };

/** A response head (and body), written as given: no header is checked or escaped. */
export function http(status: number, headers: Record<string, string | number>, body = '', { length = true } = {}): string {
  const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (length && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length' || h.toLowerCase() === 'transfer-encoding')) {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Writes `total` bytes of `chunk` repeated, respecting back-pressure, until done or the peer leaves. */
export function pour(socket: Socket, chunk: Buffer, total: number, then?: () => void): void {
  let sent = 0;
  const write = () => {
    while (sent < total && !socket.destroyed) {
      const piece = sent + chunk.length <= total ? chunk : chunk.subarray(0, total - sent);
      sent += piece.length;
      if (!socket.write(piece)) return void socket.once('drain', write);
    }
    if (sent >= total && !socket.destroyed) then?.();
  };
  write();
}
