/**
 * Network failures told apart (issue 12): a refused connection or a DNS failure means nothing was
 * sent, so even a create is tried again and the message says so; a timeout after a create was sent
 * says it may have reached Okta; --timeout / timeoutMs and a total budget bound the wait; the CLI
 * exits 4 for "could not reach the org". Local servers on 127.0.0.1 and refused ports only; the
 * DNS failure is injected at the connection level (nock), never looked up.
 */
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { main } from '../src/cli/main.ts';
import { TransportError, runCard, type RunOptions, type RuntimeEvent } from '../src/runtime/index.ts';
import { useNock } from './support/nock.ts';

const TOKEN = 'network-secret-token-0123456789';
const LABEL_ID = 'lbc18v2lemBedxq6l1d7';
const noWait = { now: () => Date.now(), sleep: async () => undefined };
const createLabelInput = { name: 'Sensitivity', labelValues: [{ name: 'High' }] };

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, String((error as Error | undefined)?.stack)).toBeInstanceOf(TransportError);
  expect(JSON.stringify({ m: (error as Error).message })).not.toContain(TOKEN);
  return error as TransportError;
}

/** A port on 127.0.0.1 that nothing listens on: connections to it are refused at once. */
async function refusedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts connections and reads requests, never answers; counts the requests that arrived. */
async function silentServer(): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server: Server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('data', (chunk) => (requests += (chunk.toString('latin1').match(/ HTTP\/1\.1\r\n/g) ?? []).length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('a refused connection: nothing was sent', () => {
  it('a create is tried again, and the error says nothing reached Okta (not "may have reached")', async () => {
    const connection = bearerConnection({ orgUrl: `http://127.0.0.1:${await refusedPort()}`, accessToken: TOKEN });
    const events: RuntimeEvent[] = [];
    const error = await failure(runCard('createLabel', createLabelInput, connection, { clock: noWait, onEvent: (e) => events.push(e) }));
    expect(events.filter((e) => e.type === 'request')).toHaveLength(4);
    expect(error.message).toMatch(/^createLabel: could not complete POST \/governance\/api\/v1\/labels at http:\/\/127\.0\.0\.1:\d+: the connection to 127\.0\.0\.1:\d+ was refused/);
    expect(error.message).toMatch(/Nothing was sent, so Okta did not act on it and it is safe to run again\. Gave up after 3 retries\./);
    expect(error.message).not.toMatch(/may have reached/);
    expect(error).toMatchObject({ failure: 'unreachable', retried: true, card: 'createLabel' });
  });
});

describe('a DNS failure: nothing was sent', () => {
  useNock();

  it('names the host, is not retried (a name that does not resolve stays so), and says nothing was sent', async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND acme.okta.com'), { code: 'ENOTFOUND' });
    nock('https://acme.okta.com').post('/governance/api/v1/labels').replyWithError(dns);
    nock('https://acme.okta.com').post('/governance/api/v1/labels').reply(201, {});
    const connection = bearerConnection({ orgUrl: 'https://acme.okta.com', accessToken: TOKEN });
    const error = await failure(runCard('createLabel', createLabelInput, connection, { clock: noWait }));
    expect(error.message).toMatch(/the host name acme\.okta\.com could not be resolved \(DNS ENOTFOUND\)/);
    expect(error.message).toMatch(/Nothing was sent/);
    expect(error.failure).toBe('unreachable');
    expect(nock.pendingMocks()).toHaveLength(1);
  });
});

describe('no answer after sending', () => {
  let server: Awaited<ReturnType<typeof silentServer>>;
  beforeEach(async () => {
    server = await silentServer();
  });
  afterEach(() => server.close());

  it('a create that timed out is sent once and the error says it may have reached Okta', async () => {
    const connection = bearerConnection({ orgUrl: server.url, accessToken: TOKEN });
    const error = await failure(runCard('createLabel', createLabelInput, connection, { clock: noWait, timeoutMs: 200 }));
    expect(error.message).toMatch(/no answer within 200 ms\. The request may have reached Okta, so it was not sent again/);
    expect(error.failure).toBe('no-answer');
    expect(server.requests()).toBe(1);
  });

  it('totalTimeoutMs bounds the whole run: one 30 s attempt is cut short and no retry starts', async () => {
    const connection = bearerConnection({ orgUrl: server.url, accessToken: TOKEN });
    const started = Date.now();
    const options: RunOptions = { totalTimeoutMs: 300 };
    const error = await failure(runCard('getLabel', { labelId: LABEL_ID }, connection, options));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(error.message).toMatch(/^getLabel: could not complete GET .*: no answer within 3\d\d ms \(what was left of the time budget\)\./);
    expect(server.requests()).toBe(1);
  });
});

describe('oig invoke: --timeout, --max-time and exit code 4', () => {
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
    for (const name of ['OKTA_API_TOKEN', 'OKTA_CLIENT_ID', 'OKTA_PRIVATE_KEY']) vi.stubEnv(name, '');
    vi.stubEnv('OKTA_ACCESS_TOKEN', TOKEN);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('a refused connection exits 4 with a message that says nothing was sent', async () => {
    vi.stubEnv('OKTA_ORG_URL', `http://127.0.0.1:${await refusedPort()}`);
    // --max-time 0.4: the retries' backoff (0.5 s and more) would end past it, so none starts.
    expect(await main(['invoke', 'getLabel', '--input', JSON.stringify({ labelId: LABEL_ID }), '--max-time', '0.4'])).toBe(4);
    const printed = JSON.parse(err.trim().split('\n').at(-1)!);
    expect(printed).toMatchObject({ error: 'TransportError', card: 'getLabel', failure: 'unreachable' });
    expect(printed.message).toMatch(/was refused \(nothing listens there, or a firewall said no\)\. Nothing was sent/);
  });

  it('--timeout: a server that never answers ends the attempt, and the command exits 4', async () => {
    const server = await silentServer();
    try {
      vi.stubEnv('OKTA_ORG_URL', server.url);
      const started = Date.now();
      expect(await main(['invoke', 'createLabel', '--input', JSON.stringify(createLabelInput), '--timeout', '0.2'])).toBe(4);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(err).toMatch(/no answer within 200 ms\. The request may have reached Okta/);
    } finally {
      await server.close();
    }
  });

  it('refuses a --timeout that is not a positive number of seconds (exit 2)', async () => {
    vi.stubEnv('OKTA_ORG_URL', 'https://acme.okta.com');
    expect(await main(['invoke', 'getLabel', '--input', JSON.stringify({ labelId: LABEL_ID }), '--timeout', '0'])).toBe(2);
    expect(err).toMatch(/--timeout must be a number of seconds above 0/);
  });

  it('oig --help and oig invoke --help document exit code 4 beside 0-3', async () => {
    await main(['--help']);
    await main(['invoke', '--help']);
    expect(out.match(/4 could not reach the org/g)).toHaveLength(2);
    expect(out).toMatch(/--timeout S/);
  });
});
