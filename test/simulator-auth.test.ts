/**
 * Authentication against the simulator, signed with jose in the test: SSWS and Bearer tokens,
 * per-token scopes with 403 insufficient_scope, and the org token endpoint — private_key_jwt client
 * assertions, the DPoP use_dpop_nonce dance, and DPoP proofs (with ath) on resource calls.
 */
import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';

const LABELS = '/governance/api/v1/labels';
type Keys = { privateKey: CryptoKey; publicKey: CryptoKey; jwk: JWK };

async function keys(alg: 'RS256' | 'ES256'): Promise<Keys> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { ...pair, jwk: await exportJWK(pair.publicKey) };
}

async function assertion(sim: Simulator, clientId: string, key: CryptoKey, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${sim.url}/oauth2/v1/token`)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

async function proof(dpop: Keys, method: string, url: string, extra: Record<string, unknown> = {}, alg = 'ES256'): Promise<string> {
  return new SignJWT({ htm: method, htu: url, jti: randomUUID(), iat: Math.floor(Date.now() / 1000), ...extra })
    .setProtectedHeader({ alg, typ: 'dpop+jwt', jwk: dpop.jwk })
    .sign(dpop.privateKey);
}

async function tokenRequest(sim: Simulator, form: Record<string, string>, dpopProof?: string) {
  const res = await fetch(`${sim.url}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(dpopProof ? { DPoP: dpopProof } : {}) },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string>, headers: res.headers };
}

const ath = (token: string) => createHash('sha256').update(token).digest('base64url');

describe('simulator authentication', () => {
  let sim: Simulator;
  let client: Keys;
  let dpop: Keys;
  const clientId = '0oaServiceApp0000001';
  const form = async (scope = 'okta.governance.labels.read') => ({
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await assertion(sim, clientId, client.privateKey),
  });
  /** The full DPoP dance; returns the access token. */
  const dpopToken = async (scope?: string): Promise<string> => {
    const first = await tokenRequest(sim, await form(scope), await proof(dpop, 'POST', `${sim.url}/oauth2/v1/token`));
    const nonce = first.headers.get('dpop-nonce')!;
    const second = await tokenRequest(sim, await form(scope), await proof(dpop, 'POST', `${sim.url}/oauth2/v1/token`, { nonce }));
    return second.body.access_token!;
  };
  const dpopCall = (token: string, path: string, proofJwt?: string, scheme = 'DPoP') =>
    fetch(`${sim.url}${path}`, { headers: { Authorization: `${scheme} ${token}`, ...(proofJwt ? { DPoP: proofJwt } : {}) } });

  beforeAll(async () => {
    sim = await startSimulator();
    client = await keys('RS256');
    dpop = await keys('ES256');
    sim.registerClient({ clientId, publicJwk: client.jwk, scopes: ['okta.governance.labels.read', 'okta.governance.labels.manage'] });
  });
  afterAll(() => sim.close());

  it('accepts its own Bearer token and the SSWS token, and refuses anything else with 401 E0000011', async () => {
    expect((await fetch(`${sim.url}${LABELS}`, { headers: { Authorization: `Bearer ${sim.token}` } })).status).toBe(200);
    expect((await fetch(`${sim.url}${LABELS}`, { headers: { Authorization: `SSWS ${sim.apiToken}` } })).status).toBe(200);
    for (const authorization of [undefined, 'Bearer nope', `SSWS ${sim.token}`, 'Basic dXNlcjpwYXNz']) {
      const res = await fetch(`${sim.url}${LABELS}`, { headers: authorization ? { Authorization: authorization } : {} });
      expect(res.status, authorization).toBe(401);
      expect(((await res.json()) as { errorCode: string }).errorCode).toBe('E0000011');
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });

  it('answers a token without the scope with 403 and WWW-Authenticate error="insufficient_scope", scope="…"', async () => {
    const readOnly = sim.issueToken(['okta.governance.labels.read']);
    expect((await fetch(`${sim.url}${LABELS}`, { headers: { Authorization: `Bearer ${readOnly}` } })).status).toBe(200);
    const res = await fetch(`${sim.url}${LABELS}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${readOnly}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'X', values: [] }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { errorCode: string }).errorCode).toBe('E0000006');
    const challenge = res.headers.get('www-authenticate')!;
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="okta.governance.labels.manage"');
    expect(challenge).toContain('resource="/governance/api/v1/labels"');
    expect(sim.state.labels.size).toBe(2);
    // a manage scope covers reading
    const manage = sim.issueToken(['okta.governance.securityAccessReviews.admin.manage']);
    expect((await fetch(`${sim.url}/governance/api/v2/security-access-reviews`, { headers: { Authorization: `Bearer ${manage}` } })).status).toBe(200);
    const users = await fetch(`${sim.url}/api/v1/users`, { headers: { Authorization: `Bearer ${manage}` } });
    expect(users.status).toBe(403);
    expect(users.headers.get('www-authenticate')).toContain('scope="okta.users.read"');
  });

  it('runs the DPoP nonce dance on the token endpoint and issues a DPoP-bound token', async () => {
    const missing = await tokenRequest(sim, await form());
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof JWT header is missing.' });

    const first = await tokenRequest(sim, await form(), await proof(dpop, 'POST', `${sim.url}/oauth2/v1/token`));
    expect(first.status).toBe(400);
    expect(first.body.error).toBe('use_dpop_nonce');
    const nonce = first.headers.get('dpop-nonce');
    expect(nonce).toBeTruthy();

    const wrongNonce = await tokenRequest(sim, await form(), await proof(dpop, 'POST', `${sim.url}/oauth2/v1/token`, { nonce: 'stale' }));
    expect(wrongNonce.body.error).toBe('use_dpop_nonce');

    const second = await tokenRequest(sim, await form(), await proof(dpop, 'POST', `${sim.url}/oauth2/v1/token`, { nonce }));
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ token_type: 'DPoP', expires_in: 3600, scope: 'okta.governance.labels.read' });
    expect(second.headers.get('cache-control')).toBe('no-store');
  });

  it('checks the DPoP proof on every call made with a DPoP token: scheme, htm, htu, ath, jti, key', async () => {
    const token = await dpopToken();
    const url = `${sim.url}${LABELS}`;
    expect((await dpopCall(token, LABELS, await proof(dpop, 'GET', url, { ath: ath(token) }))).status).toBe(200);
    // the query is not part of htu
    expect((await dpopCall(token, `${LABELS}?filter=${encodeURIComponent('values.name co "x"')}`, await proof(dpop, 'GET', url, { ath: ath(token) }))).status).toBe(200);

    const failures: [string, Promise<Response>][] = [
      ['no proof', dpopCall(token, LABELS)],
      ['Bearer scheme', dpopCall(token, LABELS, await proof(dpop, 'GET', url, { ath: ath(token) }), 'Bearer')],
      ['wrong htm', dpopCall(token, LABELS, await proof(dpop, 'POST', url, { ath: ath(token) }))],
      ['wrong htu', dpopCall(token, LABELS, await proof(dpop, 'GET', `${sim.url}/governance/api/v1/teams`, { ath: ath(token) }))],
      ['no ath', dpopCall(token, LABELS, await proof(dpop, 'GET', url))],
      ['other key', dpopCall(token, LABELS, await proof(await keys('ES256'), 'GET', url, { ath: ath(token) }))],
      ['old iat', dpopCall(token, LABELS, await proof(dpop, 'GET', url, { ath: ath(token), iat: Math.floor(Date.now() / 1000) - 3600 }))],
    ];
    for (const [what, pending] of failures) {
      const res = await pending;
      expect(res.status, what).toBe(401);
      expect(res.headers.get('www-authenticate'), what).toMatch(/^DPoP /);
    }
    const once = await proof(dpop, 'GET', url, { ath: ath(token) });
    expect((await dpopCall(token, LABELS, once)).status).toBe(200);
    const replayed = await dpopCall(token, LABELS, once);
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as { error_description: string }).error_description).toContain('jti');
  });

  it('refuses bad client assertions, ungranted scopes, secrets and replays', async () => {
    const tokenUrl = `${sim.url}/oauth2/v1/token`;
    const withAssertion = async (a: string) => tokenRequest(sim, { ...(await form()), client_assertion: a }, await proof(dpop, 'POST', tokenUrl));
    expect((await withAssertion(await assertion(sim, clientId, (await keys('RS256')).privateKey))).body.error).toBe('invalid_client');
    const wrongAud = await new SignJWT({ jti: randomUUID() }).setProtectedHeader({ alg: 'RS256' }).setIssuer(clientId).setSubject(clientId).setAudience('https://example.okta.com/oauth2/v1/token').setIssuedAt().setExpirationTime('5m').sign(client.privateKey);
    expect((await withAssertion(wrongAud)).status).toBe(401);
    const farFuture = await new SignJWT({ jti: randomUUID() }).setProtectedHeader({ alg: 'RS256' }).setIssuer(clientId).setSubject(clientId).setAudience(tokenUrl).setIssuedAt().setExpirationTime('3h').sign(client.privateKey);
    expect((await withAssertion(farFuture)).body.error_description).toContain('one hour');
    expect((await withAssertion(await assertion(sim, 'unknown-client', client.privateKey))).body.error_description).toContain('unknown');
    expect((await tokenRequest(sim, { ...(await form('okta.users.manage')) })).body.error).toBe('invalid_scope');
    expect((await tokenRequest(sim, { ...(await form()), client_secret: 's3cret' })).body.error_description).toContain('private_key_jwt');
    expect((await tokenRequest(sim, { ...(await form()), grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
    // the DPoP key must not be the client authentication key
    const sameKeyFirst = await tokenRequest(sim, await form(), await proof(client, 'POST', tokenUrl, {}, 'RS256'));
    const sameKey = await tokenRequest(sim, await form(), await proof(client, 'POST', tokenUrl, { nonce: sameKeyFirst.headers.get('dpop-nonce') }, 'RS256'));
    expect(sameKey.body.error).toBe('invalid_dpop_proof');
    expect(sameKey.body.error_description).toContain('other than the client');

    // one assertion, one token
    const reused = await form();
    const first = await tokenRequest(sim, reused, await proof(dpop, 'POST', tokenUrl));
    const nonce = first.headers.get('dpop-nonce')!;
    expect((await tokenRequest(sim, reused, await proof(dpop, 'POST', tokenUrl, { nonce }))).status).toBe(200);
    const again = await tokenRequest(sim, reused, await proof(dpop, 'POST', tokenUrl, { nonce }));
    expect(again.status).toBe(401);
    expect(again.body.error_description).toContain('already used');
  });

  it('issues Bearer tokens to an app without DPoP, registered by PEM, that expire', async () => {
    const pem = await keys('RS256');
    const local = await startSimulator({ tokenLifetimeSeconds: 0 });
    try {
      local.registerClient({ clientId: 'plain-app', publicKeyPem: await exportSPKI(pem.publicKey), scopes: ['okta.governance.labels.read'], dpop: false });
      const res = await tokenRequest(local, {
        grant_type: 'client_credentials',
        scope: 'okta.governance.labels.read',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await assertion(local, 'plain-app', pem.privateKey),
      });
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('Bearer');
      // a lifetime of 0 s: the token is already expired
      const call = await fetch(`${local.url}${LABELS}`, { headers: { Authorization: `Bearer ${res.body.access_token}` } });
      expect(call.status).toBe(401);
    } finally {
      await local.close();
    }
  });

  it('asks for a nonce on resource calls when the dpopNonceOnResources switch is on', async () => {
    const token = await dpopToken();
    const url = `${sim.url}${LABELS}`;
    sim.faults.set({ dpopNonceOnResources: true });
    try {
      const first = await dpopCall(token, LABELS, await proof(dpop, 'GET', url, { ath: ath(token) }));
      expect(first.status).toBe(401);
      expect(first.headers.get('www-authenticate')).toContain('error="use_dpop_nonce"');
      const nonce = first.headers.get('dpop-nonce')!;
      expect((await dpopCall(token, LABELS, await proof(dpop, 'GET', url, { ath: ath(token), nonce }))).status).toBe(200);
    } finally {
      sim.faults.clear();
    }
  });

  it('acts as the service app: what it creates is createdBy its pca… principal, and its scopes are enforced', async () => {
    sim.registerClient({ clientId: 'requests-app', publicJwk: client.jwk, scopes: ['okta.accessRequests.request.manage'] });
    const tokenUrl = `${sim.url}/oauth2/v1/token`;
    const requestForm = async () => ({
      grant_type: 'client_credentials',
      scope: 'okta.accessRequests.request.manage',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await assertion(sim, 'requests-app', client.privateKey),
    });
    const nonce = (await tokenRequest(sim, await requestForm(), await proof(dpop, 'POST', tokenUrl))).headers.get('dpop-nonce')!;
    const token = (await tokenRequest(sim, await requestForm(), await proof(dpop, 'POST', tokenUrl, { nonce }))).body.access_token!;
    const url = `${sim.url}/governance/api/v2/requests`;
    const slack = sim.seed.catalogEntries.find((e) => e.key === 'slack')!;
    const res = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `DPoP ${token}`, DPoP: await proof(dpop, 'POST', url, { ath: ath(token) }), 'Content-Type': 'application/json' },
      body: JSON.stringify({ requested: { type: 'CATALOG_ENTRY', entryId: slack.id }, requestedFor: { type: 'OKTA_USER', externalId: sim.seed.users.requester.id } }),
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { createdBy: string; requestedBy: { type: string } };
    expect(body.createdBy).toMatch(/^pca[0-9a-zA-Z]{17}$/);
    expect(body.requestedBy.type).toBe('UNKNOWN');
    const labels = await dpopCall(token, LABELS, await proof(dpop, 'GET', `${sim.url}${LABELS}`, { ath: ath(token) }));
    expect(labels.status).toBe(403);
    const challenge = labels.headers.get('www-authenticate')!;
    expect(challenge).toMatch(/^DPoP /);
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="okta.governance.labels.read"');
  });
});
