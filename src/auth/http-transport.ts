import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { agentFor } from './proxy.ts';

/**
 * One HTTP exchange over node:http/https with keep-alive agents (a third of global fetch's cost per
 * call, and what nock intercepts in tests). Redirects are not followed here (the pipeline decides,
 * so a redirect can never carry the credential to another host). The timeout covers the whole
 * exchange, body included, and the body is read with a size limit after decompression.
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (see proxy.ts).
 */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  headers: ResponseHeaders;
  /** The body as text, refused past `maxBytes`. */
  text(maxBytes: number): Promise<string>;
  /** Drop the body without reading it. */
  discard(): void;
}

export interface HttpInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** False for a request that must not be sent twice (a create): it never goes out on a long-idle socket. */
  idempotent?: boolean;
}

/** Response headers by lower-case name; repeated ones joined with ", " (as fetch's Headers does). */
export class ResponseHeaders {
  constructor(private readonly raw: IncomingMessage['headers']) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of Object.keys(this.raw)) out[name] = this.get(name)!;
    return out;
  }
}

/** The body was larger than allowed. */
export class BodyTooLarge extends Error {}

/**
 * A failure before any answer came. `sent` is false when the request provably never left this
 * machine (DNS failure, refused or unreachable connection, a timeout before the connection was
 * made): such a request may be sent again whatever its method.
 */
export class NetworkFailure extends Error {
  override name = 'NetworkFailure';
  constructor(
    message: string,
    readonly code: string,
    readonly sent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Connection-level codes that mean no byte of the request reached the server. */
const NOT_SENT = new Set(['EPROXY', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export function neverSent(error: unknown): boolean {
  type Failure = { code?: unknown; cause?: Failure; errors?: Failure[]; sent?: unknown } | undefined;
  const check = (e: Failure): boolean =>
    (e instanceof NetworkFailure && !e.sent) ||
    (typeof e?.code === 'string' && NOT_SENT.has(e.code)) ||
    (Array.isArray(e?.errors) && e.errors.length > 0 && e.errors.every(check)) ||
    (e?.cause ? check(e.cause) : false);
  return check(error as Failure);
}

const direct = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};
/**
 * A server closes idle kept-alive connections after its own timeout (Node's 5 s, a load balancer's
 * more); a request written as it does fails with a reset that can't prove the request unread. A
 * retry covers reads, but a create is never sent twice, so creates use sockets idle less than 1 s.
 */
const FRESH_MS = 1000;
const fresh = {
  'http:': new http.Agent({ keepAlive: true, timeout: FRESH_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: FRESH_MS }),
};

export async function sendHttp(url: URL, init: HttpInit): Promise<HttpAnswer> {
  const secure = url.protocol === 'https:';
  const proxied = agentFor(url);
  const agent = (proxied && (await proxied)) || (init.idempotent === false ? fresh : direct)[secure ? 'https:' : 'http:'];
  const send = secure ? https.request : http.request;

  return new Promise<HttpAnswer>((resolve, reject) => {
    let connected = false;
    let settled = false;
    let response: IncomingMessage | undefined;
    let bodyWaiter: ((error: Error) => void) | undefined;

    const fail = (error: Error) => {
      cleanup();
      if (!settled) {
        settled = true;
        reject(error);
      } else bodyWaiter?.(error);
    };
    const timer = setTimeout(() => {
      const error = Object.assign(new NetworkFailure(`no answer within ${init.timeoutMs} ms`, 'ETIMEDOUT', connected), { name: 'TimeoutError', timeoutMs: init.timeoutMs });
      request.destroy(error);
      fail(error);
    }, init.timeoutMs);
    const onAbort = () => {
      request.destroy(init.signal!.reason as Error);
      fail(init.signal!.reason as Error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', onAbort);
    };
    if (init.signal?.aborted) {
      clearTimeout(timer);
      reject(init.signal.reason);
      return;
    }
    init.signal?.addEventListener('abort', onAbort, { once: true });

    const headers = init.body === undefined ? init.headers : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) };
    const request = send(url, { method: init.method, headers, agent });
    // Connected (a reused keep-alive socket already is): from then on the request may have arrived.
    request.on('socket', (socket) => {
      if ((socket as { connecting?: boolean }).connecting) socket.once('connect', () => (connected = true));
      else connected = true;
    });
    // https-proxy-agent hands a refused CONNECT's answer on as if the org had sent it: it is the proxy's.
    request.on('proxyConnect', (connect: { statusCode?: number; statusText?: string }) => {
      if (typeof connect.statusCode !== 'number' || connect.statusCode === 200) return;
      const error = new NetworkFailure(`the proxy refused to open a tunnel to ${url.host} (HTTP ${connect.statusCode} ${connect.statusText ?? ''}`.trim() + ')', 'EPROXY', false);
      request.destroy(error);
      fail(error);
    });
    request.on('error', (error: Error & { code?: string }) => {
      const code = error.code ?? 'ENETWORK';
      fail(error instanceof NetworkFailure ? error : new NetworkFailure(error.message || code, code, !NOT_SENT.has(code), { cause: error }));
    });
    request.on('response', (res) => {
      response = res;
      settled = true;
      res.on('error', (error) => fail(error));
      resolve(answer(res, request, (waiter) => (bodyWaiter = waiter), cleanup));
    });
    request.end(init.body);
  });
}

function answer(res: IncomingMessage, request: http.ClientRequest, onFailure: (waiter: (error: Error) => void) => void, done: () => void): HttpAnswer {
  const headers = new ResponseHeaders(res.headers);
  const status = res.statusCode ?? 0;
  const drop = () => {
    done();
    // Read to the end when it is short, so the socket goes back to the pool; otherwise close it.
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared <= 64 * 1024) res.resume();
    else request.destroy();
  };
  return {
    status,
    ok: status >= 200 && status < 300,
    headers,
    discard: drop,
    text(maxBytes) {
      return new Promise<string>((resolve, reject) => {
        const tooLarge = (message: string) => {
          request.destroy();
          done();
          reject(new BodyTooLarge(message));
        };
        onFailure((error) => reject(error));
        const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
        const declared = Number(res.headers['content-length']);
        if (!encoding && res.headers['content-length'] !== undefined && Number.isFinite(declared) && declared > maxBytes) {
          return tooLarge(`the answer is ${declared} bytes, more than the ${maxBytes} allowed`);
        }
        let stream: Readable = res;
        if (encoding && encoding !== 'identity') {
          const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
          if (!decoder) return tooLarge(`the answer is encoded as "${encoding}", which can't be read`);
          decoder.on('error', (error) => {
            request.destroy();
            done();
            reject(error);
          });
          stream = res.pipe(decoder);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            stream.removeAllListeners('data');
            return tooLarge(`the answer is more than the ${maxBytes} bytes allowed`);
          }
          chunks.push(chunk);
        });
        stream.on('end', () => {
          done();
          if (!res.complete) return reject(new NetworkFailure('the connection closed before the answer was complete', 'ECONNRESET', true));
          const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8');
          // A leading byte-order mark is dropped, as fetch's response.text() does.
          resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        });
        res.on('aborted', () => reject(new NetworkFailure('the connection closed before the answer was complete', 'ECONNRESET', true)));
      });
    },
  };
}
