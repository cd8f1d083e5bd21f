/**
 * An independent check of the wire: a proxy on 127.0.0.1 that forwards every request to a target
 * (the simulator) and checks the request and the response against the official OIG spec with
 * openapi-backend (a validator this project doesn't write). Each exchange is recorded with the
 * operation it matched, its status and every problem the validator found.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import addFormatsModule from 'ajv-formats';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';

// ajv-formats is CommonJS: under NodeNext the default import is the module, whose .default is the plugin.
const addFormats = addFormatsModule.default;

/** Mark a request that breaks the spec on purpose: only its answer is checked. */
export const REFUSAL_HEADER = 'x-conformance-refusal';

export interface Exchange {
  method: string;
  path: string;
  operationId?: string;
  status: number;
  /** Problems with the request, as the validator words them. */
  request: string[];
  /** Problems with the response, including a status the spec doesn't declare. */
  response: string[];
}

export interface ValidatingProxy {
  url: string;
  /** Where requests go (a new simulator per test is fine). */
  target: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

/** openapi-backend over the spec (standard formats checked; Okta's own formats are labels and pass). */
export async function specValidator(definition: Document): Promise<OpenAPIBackend> {
  const api = new OpenAPIBackend({
    definition,
    strict: false,
    // quick: no check of the document against the OpenAPI meta-schema (the official spec has
    // $ref siblings it rejects), dereferenced synchronously, validators compiled on first use.
    quick: true,
    validate: true,
    ajvOpts: { strict: false, logger: false, allErrors: true, discriminator: false },
    customizeAjv: (ajv) => {
      addFormats(ajv, ['date-time', 'date', 'email', 'uuid', 'uri']);
      return ajv;
    },
  });
  await api.init();
  return api;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}

function describe(errors: { instancePath?: string; message?: string; params?: unknown }[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}`.trim());
}

function declared(operation: Operation, status: number): boolean {
  const responses = operation.responses ?? {};
  return String(status) in responses || `${String(status)[0]}XX` in responses || 'default' in responses;
}

export async function startValidatingProxy(api: OpenAPIBackend, target: string): Promise<ValidatingProxy> {
  const exchanges: Exchange[] = [];
  const state = { target };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await read(req);
      const url = new URL(req.url ?? '/', 'http://proxy.invalid');
      const method = (req.method ?? 'GET').toLowerCase();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      const upstream = await fetch(`${state.target}${req.url}`, { method: req.method, headers, ...(raw ? { body: raw } : {}) });
      const text = await upstream.text();
      const exchange: Exchange = { method: method.toUpperCase(), path: url.pathname, status: upstream.status, request: [], response: [] };
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const request = { method, path: url.pathname, query: queryObject(url.searchParams), headers, ...(body !== undefined ? { body } : {}) };
      const operation = api.matchOperation(request);
      if (operation) {
        exchange.operationId = operation.operationId;
        // A request sent broken on purpose (to check the error answer) is only checked on the way back.
        if (!headers[REFUSAL_HEADER]) exchange.request = describe(api.validateRequest(request, operation).errors);
        if (!declared(operation, upstream.status)) exchange.response.push(`status ${upstream.status} is not declared by the spec`);
        else if (text) exchange.response.push(...describe(api.validateResponse(JSON.parse(text), operation, upstream.status).errors));
      }
      exchanges.push(exchange);
      const out: Record<string, string | string[]> = {};
      upstream.headers.forEach((value, key) => {
        if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'content-encoding'].includes(key)) out[key] = value;
      });
      res.writeHead(upstream.status, out);
      res.end(text);
    })().catch((error: unknown) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`validating proxy: ${(error as Error).stack ?? String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get target() {
      return state.target;
    },
    set target(value: string) {
      state.target = value;
    },
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
