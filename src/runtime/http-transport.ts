import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

/**
 * One HTTP exchange over node:http/https with keep-alive. (The runtime used global fetch first;
 * undici's per-request cost was most of a card's overhead — see bench/overhead.mjs.) Redirects
 * are not followed here: the pipeline decides. The timeout covers the whole exchange, body included.
 */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  headers: ResponseHeaders;
  /** The body as text (decompressed), refused past `maxBytes`. */
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
}

/** Node's parsed response headers (lower-case names, repeated ones joined with ", "). */
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

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export function sendHttp(url: URL, init: HttpInit): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const headers: Record<string, string | number> = { 'accept-encoding': 'gzip, deflate, br', ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const req = (secure ? httpsRequest : httpRequest)(url, { method: init.method, headers, agent: secure ? agents.https : agents.http });

    let settled = false;
    let bodyFailure: ((error: Error) => void) | undefined;
    const fail = (error: Error) => {
      cleanup();
      if (!settled) {
        settled = true;
        reject(error);
      } else bodyFailure?.(error);
    };
    const timer = setTimeout(() => {
      const error = new Error(`no answer within ${init.timeoutMs} ms`);
      error.name = 'TimeoutError';
      req.destroy(error);
    }, init.timeoutMs);
    const onAbort = () => req.destroy(init.signal!.reason instanceof Error ? init.signal!.reason : new Error('aborted'));
    init.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', onAbort);
    };

    req.on('error', fail);
    req.on('response', (res) => {
      settled = true;
      resolve(answer(res, cleanup, (onError) => (bodyFailure = onError)));
    });
    req.end(init.body);
  });
}

function answer(res: IncomingMessage, done: () => void, onBodyFailure: (handler: (error: Error) => void) => void): HttpAnswer {
  const status = res.statusCode ?? 0;
  const headers = new ResponseHeaders(res.headers);
  return {
    status,
    ok: status >= 200 && status < 300,
    headers,
    discard() {
      done();
      res.resume();
    },
    text(maxBytes) {
      return new Promise((resolve, reject) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          done();
          res.destroy();
          return reject(new BodyTooLarge(`the answer is ${declared} bytes, more than the ${maxBytes} allowed`));
        }
        const stream = decoded(res);
        const chunks: Buffer[] = [];
        let size = 0;
        let finished = false;
        const finish = (error?: Error) => {
          if (finished) return;
          finished = true;
          done();
          if (error) reject(error);
          else resolve(Buffer.concat(chunks).toString('utf8'));
        };
        onBodyFailure(finish);
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            finish(new BodyTooLarge(`the answer is more than the ${maxBytes} bytes allowed`));
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => finish());
        stream.on('error', finish);
        res.on('error', finish);
        res.on('aborted', () => finish(new Error('the connection closed before the whole answer arrived')));
      });
    },
  };
}

/** Decompressed, so the size limit applies to what is parsed (a small gzip can't become a huge body). */
function decoded(res: IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(createGunzip());
  if (encoding === 'deflate') return res.pipe(createInflate());
  if (encoding === 'br') return res.pipe(createBrotliDecompress());
  return res;
}
