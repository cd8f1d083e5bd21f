/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (issue 14): a local proxy on 127.0.0.1 sees the runtime's
 * requests when the variables say so and none when NO_PROXY exempts the org; HTTPS goes through a
 * CONNECT tunnel, so the proxy never sees the credential; proxy credentials go to the proxy only.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { bearerConnection, oauthConnection } from '../src/auth/index.ts';
import { runCard } from '../src/runtime/index.ts';

const TOKEN = 'proxy-test-token-0123456789';
const LABEL_ID = 'lbc18v2lemBedxq6l1d7';

interface Seen {
  method: string;
  target: string;
  authorization?: string;
  proxyAuthorization?: string;
}

let org: Server;
let proxy: Server;
let orgUrl: string;
let proxyUrl: string;
const orgSeen: Seen[] = [];
const proxySeen: Seen[] = [];
const sockets = new Set<Socket>();

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

beforeAll(async () => {
  org = createServer((req, res) => {
    orgSeen.push({ method: req.method!, target: req.url!, authorization: req.headers.authorization, proxyAuthorization: req.headers['proxy-authorization'] });
    req.resume();
    const body = req.url === '/oauth2/v1/token' ? { access_token: 'proxied-access-token-0123', token_type: 'Bearer', expires_in: 3600 } : { labelId: LABEL_ID, name: 'Sensitivity' };
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
  });
  // A forward proxy: absolute-form requests are passed on to the org; CONNECT is refused (no TLS org here).
  proxy = createServer((req, res) => {
    proxySeen.push({ method: req.method!, target: req.url!, authorization: req.headers.authorization, proxyAuthorization: req.headers['proxy-authorization'] });
    const target = new URL(req.url!);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest({ host: '127.0.0.1', port: new URL(orgUrl).port, path: `${target.pathname}${target.search}`, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on('connect', (req, socket: Socket) => {
    proxySeen.push({ method: 'CONNECT', target: req.url!, authorization: req.headers.authorization, proxyAuthorization: req.headers['proxy-authorization'] });
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
  });
  proxy.on('connection', (s: Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  orgUrl = await listen(org);
  proxyUrl = await listen(proxy);
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  org.closeAllConnections();
  await Promise.all([new Promise((r) => org.close(r)), new Promise((r) => proxy.close(r))]);
});
afterEach(() => {
  vi.unstubAllEnvs();
  orgSeen.length = 0;
  proxySeen.length = 0;
});

function clearProxyEnv() {
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy']) vi.stubEnv(name, '');
}

const getLabel = (url: string) => runCard('getLabel', { labelId: LABEL_ID }, bearerConnection({ orgUrl: url, accessToken: TOKEN }), { retry: { maxRetries: 0 } });

describe('proxies from the environment', () => {
  it('HTTP_PROXY: the request goes through the proxy, and the org gets the credential (and no proxy credential)', async () => {
    clearProxyEnv();
    vi.stubEnv('HTTP_PROXY', proxyUrl.replace('http://', 'http://agent:proxy-pass@'));
    const result = await getLabel(orgUrl);
    expect(result.outputs).toMatchObject({ labelId: LABEL_ID });
    expect(proxySeen).toHaveLength(1);
    expect(proxySeen[0]!.target).toBe(`${orgUrl}/governance/api/v1/labels/${LABEL_ID}`);
    expect(proxySeen[0]!.proxyAuthorization).toBe(`Basic ${Buffer.from('agent:proxy-pass').toString('base64')}`);
    expect(orgSeen).toEqual([{ method: 'GET', target: `/governance/api/v1/labels/${LABEL_ID}`, authorization: `Bearer ${TOKEN}`, proxyAuthorization: undefined }]);
  });

  it('a service app (OAuth) gets its token through the proxy too', async () => {
    clearProxyEnv();
    vi.stubEnv('HTTP_PROXY', proxyUrl);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const connection = oauthConnection({ orgUrl, clientId: '0oaproxyclient', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), dpop: false });
    const result = await runCard('getLabel', { labelId: LABEL_ID }, connection, { retry: { maxRetries: 0 } });
    expect(result.outputs).toMatchObject({ labelId: LABEL_ID });
    expect(proxySeen.map((r) => `${r.method} ${new URL(r.target).pathname}`)).toEqual(['POST /oauth2/v1/token', `GET /governance/api/v1/labels/${LABEL_ID}`]);
    expect(orgSeen.at(-1)!.authorization).toBe('Bearer proxied-access-token-0123');
  });

  it('NO_PROXY exempts the org: straight to it, the proxy sees nothing', async () => {
    clearProxyEnv();
    vi.stubEnv('HTTP_PROXY', proxyUrl);
    vi.stubEnv('NO_PROXY', 'localhost,127.0.0.1');
    await getLabel(orgUrl);
    expect(proxySeen).toEqual([]);
    expect(orgSeen).toHaveLength(1);
  });

  it('no proxy variable: a direct connection', async () => {
    clearProxyEnv();
    await getLabel(orgUrl);
    expect(proxySeen).toEqual([]);
    expect(orgSeen).toHaveLength(1);
  });

  it('HTTPS_PROXY: an https org is reached through a CONNECT tunnel, so the proxy never sees the credential', async () => {
    clearProxyEnv();
    vi.stubEnv('HTTPS_PROXY', proxyUrl);
    // The org's name is never resolved here: only the proxy is asked to connect to it.
    const error = await getLabel('https://acme.okta.example').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(proxySeen).toEqual([{ method: 'CONNECT', target: 'acme.okta.example:443', authorization: undefined, proxyAuthorization: undefined }]);
    expect(error!.message).not.toContain(TOKEN);
    // The proxy's refusal is told as the proxy's, not as an answer from Okta.
    expect(error).toMatchObject({ failure: 'unreachable' });
    expect(error!.message).toMatch(/the proxy refused to open a tunnel to acme\.okta\.example \(HTTP 403 Forbidden\)\. Nothing was sent/);
  });
});
