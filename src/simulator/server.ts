/**
 * One request, start to end: faults → concurrency and rate-limit buckets (headers on every
 * response) → token endpoint or route → authentication and scope → JSON body → handler → reply.
 * Anything a handler throws becomes an error body of the route's shape; nothing crashes the server.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReplyError, type AuthService } from './auth.ts';
import type { SimCore } from './core.ts';
import type { Principal } from './state.ts';
import { bucketFor, type RateLimiter } from './rate-limit.ts';
import { matchRoute } from './routes/index.ts';
import { ApiError, errorBody, errors, type ErrorShape, type Headers, type Reply } from './wire.ts';

const MAX_BODY = 1024 * 1024;
const TOKEN_PATH = '/oauth2/v1/token';
/** The caller of a public route (no credentials were asked for). */
const anonymous: Principal = { type: 'USER', id: '' };

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

interface Target {
  segments: string[];
  path: string;
  query: URLSearchParams;
}

/** Splits the raw target into decoded path segments and the query; undefined when undecodable. */
function parseTarget(raw: string): Target | undefined {
  const q = raw.indexOf('?');
  const rawPath = (q < 0 ? raw : raw.slice(0, q)).split('#')[0]!;
  try {
    const segments = rawPath.split('/').slice(1).map((s) => decodeURIComponent(s));
    return { segments, path: `/${segments.join('/')}`, query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
  } catch {
    return undefined;
  }
}

export function createHandler(core: SimCore, auth: AuthService, limiter: RateLimiter) {
  const { faults } = core;

  function send(res: ServerResponse, reply: Reply, base: Headers): void {
    if (res.headersSent || res.destroyed) return;
    const headers: Headers = { ...base, 'X-Okta-Request-Id': randomBytes(15).toString('base64url'), ...reply.headers };
    let payload: string | undefined;
    if (reply.body !== undefined) {
      payload = JSON.stringify(reply.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  function failure(error: unknown, shape: ErrorShape): Reply {
    if (error instanceof ReplyError) return error.reply;
    if (error instanceof ApiError) return { status: error.status, body: errorBody(error, shape, core.ids), headers: error.headers };
    core.log(`simulator: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return failure(errors.internal(), shape);
  }

  /** Token endpoint or route: authentication, scope, JSON body, handler. */
  async function dispatch(req: IncomingMessage, method: string, target: Target, raw: string, setShape: (s: ErrorShape) => void): Promise<Reply | 'reset'> {
    const { path } = target;
    if (path === TOKEN_PATH) {
      if (method !== 'POST') throw errors.methodNotAllowed(method);
      return auth.token({ method, path, headers: req.headers }, raw);
    }
    const match = matchRoute(method, target.segments);
    if (match.kind === 'none') throw errors.notFound(path);
    if (match.kind === 'method') {
      const error = errors.methodNotAllowed(method);
      return { ...failure(error, 'core'), headers: { Allow: [...match.allowed].sort().join(', ') } };
    }
    const { route } = match;
    setShape(route.shape ?? 'core');
    if (!route.public && faults.take('unauthorized', path)) throw errors.unauthorized();
    const caller = route.public ? anonymous : await auth.authenticate({ method, path, headers: req.headers }, route.scope, route.path, faults.dpopNonceOnResources);
    let body: unknown;
    if (raw.trim() !== '' && method !== 'GET' && method !== 'DELETE') {
      try {
        body = JSON.parse(raw);
      } catch {
        throw errors.malformedBody();
      }
    }
    core.tick();
    const reply = route.handler({ core, method, path, params: match.params, query: target.query, body, caller });
    return faults.take('resetAfterHandling', path) ? 'reset' : reply;
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const target = parseTarget(req.url ?? '/');
    const path = target?.path ?? '/';
    let outcome = 'reset';
    let shape: ErrorShape = 'core';
    let rateHeaders: Headers = {};
    const respond = (reply: Reply) => {
      outcome = String(reply.status);
      send(res, reply, rateHeaders);
    };
    const reset = () => {
      outcome = 'connection reset (fault)';
      req.socket.destroy();
    };

    if (faults.take('reset', path)) return reset();
    const within = limiter.enter();
    try {
      if (faults.slowMs > 0 && faults.applies(path)) await sleep(faults.slowMs);
      const bucket = bucketFor(method, path);
      // A refused request is still read to the end, so the connection can be reused.
      if (!within || faults.take('concurrencyLimit', path)) {
        rateHeaders = limiter.concurrencyHeaders();
        await readBody(req).catch(() => '');
        return respond(failure(errors.rateLimited(), shape));
      }
      if (faults.take('rateLimit', path)) {
        rateHeaders = limiter.exhaustedHeaders(bucket);
        await readBody(req).catch(() => '');
        return respond(failure(errors.rateLimited(), shape));
      }
      const admission = limiter.admit(bucket);
      rateHeaders = admission.headers;
      let raw: string;
      try {
        raw = await readBody(req);
      } catch (e) {
        return respond(failure(e instanceof BodyTooLarge ? errors.tooLarge() : errors.malformedBody(), shape));
      }
      if (!admission.allowed) return respond(failure(errors.rateLimited(), shape));
      if (faults.take('serverError', path)) {
        const code = faults.serverErrorStatus;
        return respond(failure(code === 500 ? errors.internal() : errors.serviceUnavailable(code), shape));
      }
      if (!target) return respond(failure(errors.notFound(req.url), shape));
      const reply = await dispatch(req, method, target, raw, (s) => (shape = s));
      if (reply === 'reset') return reset();
      respond(reply);
    } catch (error) {
      respond(failure(error, shape));
    } finally {
      limiter.leave();
      core.log(`${method} ${req.url} → ${outcome} (${Math.round(performance.now() - started)} ms)`);
    }
  };
}
