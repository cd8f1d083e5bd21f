import { createHash, generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { EmbeddedJWK, calculateJwkThumbprint, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair, jwtVerify, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { oauthConnection } from '../src/auth/index.ts';
import { dpopHtu } from '../src/auth/dpop.ts';
import { ConnectionError, OktaApiError, runCard } from '../src/runtime/index.ts';
import { useNock } from './support/nock.ts';

const ORG = 'https://acme.okta.com';
const TOKEN_URL = `${ORG}/oauth2/v1/token`;
const CLIENT_ID = '0oaServiceApp0123456';
const LABEL = '/governance/api/v1/labels/lbc18v2lemBedxq6l1d7';
const getLabel = { labelId: 'lbc18v2lemBedxq6l1d7' };

let clientPublic: CryptoKey;
let clientPem: string;
let clientJwk: JWK;

useNock();
beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  clientPublic = pair.publicKey;
  clientPem = await exportPKCS8(pair.privateKey);
  clientJwk = await exportJWK(pair.privateKey);
});

interface TokenRequest {
  form: URLSearchParams;
  dpop: string | undefined;
}

/** A token endpoint that records each request and answers with the given replies in turn. */
function tokenEndpoint(replies: [number, unknown, Record<string, string>?][]) {
  const seen: TokenRequest[] = [];
  for (const [status, body, headers] of replies) {
    nock(ORG)
      .post('/oauth2/v1/token')
      .reply(function (_path, requestBody) {
        seen.push({ form: new URLSearchParams(String(requestBody)), dpop: this.req.headers.dpop as string | undefined });
        return [status, body, headers ?? {}];
      });
  }
  return seen;
}

const dpopToken = (value: string, expiresIn = 3600) => [200, { token_type: 'DPoP', expires_in: expiresIn, access_token: value, scope: 'okta.governance.labels.read' }] as [number, unknown];
const nonceChallenge = [400, { error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof.' }, { 'dpop-nonce': 'server-nonce-1' }] as [number, unknown, Record<string, string>];

/** A resource endpoint recording the auth headers of each call. */
function resource(path: string, replies: [number, unknown, Record<string, string>?][]) {
  const seen: { authorization: string; dpop: string | undefined }[] = [];
  for (const [status, body, headers] of replies) {
    nock(ORG)
      .get(path)
      .query(true)
      .reply(function () {
        seen.push({ authorization: this.req.headers.authorization as string, dpop: this.req.headers.dpop as string | undefined });
        return [status, body, headers ?? {}];
      });
  }
  return seen;
}

async function verifyProof(proof: string | undefined) {
  expect(proof).toBeTypeOf('string');
  const { payload, protectedHeader } = await jwtVerify(proof!, EmbeddedJWK, { typ: 'dpop+jwt' });
  return { payload, protectedHeader };
}

describe('client credentials with private_key_jwt and DPoP', () => {
  it('does the nonce dance, then calls with DPoP-bound auth; every proof verifies', async () => {
    const tokens = tokenEndpoint([nonceChallenge, dpopToken('access-token-AAAA-0123456789')]);
    const calls = resource(LABEL, [[200, { labelId: 'lbc18v2lemBedxq6l1d7' }]]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem });

    const result = await runCard('getLabel', getLabel, connection);
    expect(result.status).toBe(200);
    expect(tokens).toHaveLength(2);

    // Token requests: client credentials, scopes of the card, a verifiable client assertion.
    for (const request of tokens) {
      expect(request.form.get('grant_type')).toBe('client_credentials');
      expect(request.form.get('scope')).toBe('okta.governance.labels.read');
      expect(request.form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      const { payload } = await jwtVerify(request.form.get('client_assertion')!, clientPublic, { issuer: CLIENT_ID, subject: CLIENT_ID, audience: TOKEN_URL });
      expect(payload.jti).toBeTypeOf('string');
      expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(3600);
    }
    expect(tokens[0]!.form.get('client_assertion')).not.toBe(tokens[1]!.form.get('client_assertion'));

    // First proof: no nonce; second: the server's nonce and a new jti.
    const first = await verifyProof(tokens[0]!.dpop);
    const second = await verifyProof(tokens[1]!.dpop);
    expect(first.payload).toMatchObject({ htm: 'POST', htu: TOKEN_URL });
    expect(first.payload.nonce).toBeUndefined();
    expect(second.payload).toMatchObject({ htm: 'POST', htu: TOKEN_URL, nonce: 'server-nonce-1' });
    expect(second.payload.jti).not.toBe(first.payload.jti);
    expect(first.payload.iat).toBeTypeOf('number');

    // The DPoP key is not the client key.
    expect(await calculateJwkThumbprint(first.protectedHeader.jwk as JWK)).not.toBe(await calculateJwkThumbprint(clientJwk));

    // Resource call: DPoP scheme, proof with htm/htu (no query)/ath.
    expect(calls[0]!.authorization).toBe('DPoP access-token-AAAA-0123456789');
    const proof = await verifyProof(calls[0]!.dpop);
    expect(proof.payload).toMatchObject({
      htm: 'GET',
      htu: `${ORG}${LABEL}`,
      ath: createHash('sha256').update('access-token-AAAA-0123456789').digest('base64url'),
    });
    expect(proof.protectedHeader.jwk).toEqual(first.protectedHeader.jwk);
  });

  it('leaves the query out of htu', async () => {
    tokenEndpoint([dpopToken('access-token-BBBB-0123456789')]);
    const calls = resource('/governance/api/v1/resource-labels', [[200, { data: [] }]]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem });
    await runCard('listLabelResources', { filter: 'resourceType eq "apps"' }, connection);
    expect((await verifyProof(calls[0]!.dpop)).payload.htu).toBe(`${ORG}/governance/api/v1/resource-labels`);
  });

  it('builds htu from the decoded path', () => {
    expect(dpopHtu(new URL('https://acme.okta.com/governance/api/v2/resources/orn%3Aokta%3Aidp%3A00o1/x%40y?filter=a'))).toBe(
      'https://acme.okta.com/governance/api/v2/resources/orn:okta:idp:00o1/x@y',
    );
  });

  it('caches the token per scope set and reuses it', async () => {
    const tokens = tokenEndpoint([dpopToken('access-token-CCCC-0123456789')]);
    resource(LABEL, [[200, {}], [200, {}], [200, {}]]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem });
    await Promise.all([runCard('getLabel', getLabel, connection), runCard('getLabel', getLabel, connection)]);
    await runCard('getLabel', getLabel, connection);
    expect(tokens).toHaveLength(1);
  });

  it('asks for the union of the scopes of the cards in use, and a token covering a card serves it', async () => {
    const tokens = tokenEndpoint([dpopToken('access-token-read-0123456789'), dpopToken('access-token-both-0123456789')]);
    resource(LABEL, [[200, {}], [200, {}]]);
    nock(ORG).delete(LABEL).reply(204);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem });
    await runCard('getLabel', getLabel, connection);
    await runCard('deleteLabel', getLabel, connection);
    await runCard('getLabel', getLabel, connection);
    expect(tokens.map((t) => t.form.get('scope'))).toEqual(['okta.governance.labels.read', 'okta.governance.labels.manage okta.governance.labels.read']);
  });

  it('uses the configured scopes when given', async () => {
    const tokens = tokenEndpoint([dpopToken('access-token-DDDD-0123456789')]);
    resource(LABEL, [[200, {}]]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem, scopes: ['okta.governance.labels.manage', 'okta.users.read'] });
    await runCard('getLabel', getLabel, connection);
    expect(tokens[0]!.form.get('scope')).toBe('okta.governance.labels.manage okta.users.read');
  });

  it('refreshes a token before it expires', async () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    const tokens = tokenEndpoint([dpopToken('access-token-EEEE-0123456789', 300), dpopToken('access-token-FFFF-0123456789', 300)]);
    const calls = resource(LABEL, [[200, {}], [200, {}], [200, {}]]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem, now: () => now });
    await runCard('getLabel', getLabel, connection);
    now += 200_000; // 100 s left: still used
    await runCard('getLabel', getLabel, connection);
    now += 50_000; // 50 s left: inside the refresh margin
    await runCard('getLabel', getLabel, connection);
    expect(tokens).toHaveLength(2);
    expect(calls.map((c) => c.authorization)).toEqual([
      'DPoP access-token-EEEE-0123456789',
      'DPoP access-token-EEEE-0123456789',
      'DPoP access-token-FFFF-0123456789',
    ]);
  });

  it('on 401 drops the token, fetches a new one and retries once', async () => {
    const tokens = tokenEndpoint([dpopToken('access-token-old0-0123456789'), dpopToken('access-token-new0-0123456789')]);
    const calls = resource(LABEL, [
      [401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorId: 'oae6' }],
      [200, { labelId: 'lbc18v2lemBedxq6l1d7' }],
    ]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem });
    expect((await runCard('getLabel', getLabel, connection)).status).toBe(200);
    expect(tokens).toHaveLength(2);
    expect(calls.map((c) => c.authorization)).toEqual(['DPoP access-token-old0-0123456789', 'DPoP access-token-new0-0123456789']);
  });

  it('retries a 401 only once', async () => {
    tokenEndpoint([dpopToken('access-token-one0-0123456789'), dpopToken('access-token-two0-0123456789'), dpopToken('access-token-three-0123456789')]);
    const calls = resource(LABEL, [
      [401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorId: 'oae7' }],
      [401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorId: 'oae8' }],
      [200, {}],
    ]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem });
    const error = await runCard('getLabel', getLabel, connection).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaApiError);
    expect((error as OktaApiError).status).toBe(401);
    expect(calls).toHaveLength(2);
  });

  it('answers a resource use_dpop_nonce challenge with the nonce, once', async () => {
    tokenEndpoint([dpopToken('access-token-GGGG-0123456789')]);
    const calls = resource(LABEL, [
      [401, '', { 'www-authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"', 'dpop-nonce': 'resource-nonce-7' }],
      [200, {}],
    ]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem });
    await runCard('getLabel', getLabel, connection);
    expect((await verifyProof(calls[0]!.dpop)).payload.nonce).toBeUndefined();
    expect((await verifyProof(calls[1]!.dpop)).payload.nonce).toBe('resource-nonce-7');
  });

  it('without DPoP: no proof, Bearer token', async () => {
    const tokens = tokenEndpoint([[200, { token_type: 'Bearer', expires_in: 3600, access_token: 'access-token-HHHH-0123456789' }]]);
    const calls = resource(LABEL, [[200, {}]]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem, dpop: false });
    await runCard('getLabel', getLabel, connection);
    expect(tokens[0]!.dpop).toBeUndefined();
    expect(calls[0]).toEqual({ authorization: 'Bearer access-token-HHHH-0123456789', dpop: undefined });
  });

  it('reports a refused token request as a ConnectionError with a fix and no secret', async () => {
    const tokens = tokenEndpoint([[401, { error: 'invalid_client', error_description: 'The client_assertion signature is invalid.' }]]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: clientPem });
    const error = await runCard('getLabel', getLabel, connection).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const message = (error as Error).message;
    expect(message).toMatch(/invalid_client.*signature is invalid.*Fix: check the client id/);
    expect(message).not.toContain(tokens[0]!.form.get('client_assertion')!);
    expect(message).not.toContain('PRIVATE KEY');
  });
});

describe('client keys', () => {
  it('signs with a JWK and puts its kid in the header', async () => {
    const tokens = tokenEndpoint([dpopToken('access-token-IIII-0123456789')]);
    resource(LABEL, [[200, {}]]);
    const connection = oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: JSON.stringify({ ...clientJwk, kid: 'key-2' }) });
    await runCard('getLabel', getLabel, connection);
    const assertion = tokens[0]!.form.get('client_assertion')!;
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: 'RS256', kid: 'key-2' });
    await jwtVerify(assertion, clientPublic);
  });

  it('reads PKCS#1 RSA and SEC1 EC PEMs (EC signs ES256)', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const tokens = tokenEndpoint([dpopToken('access-token-JJJJ-0123456789'), dpopToken('access-token-KKKK-0123456789')]);
    resource(LABEL, [[200, {}], [200, {}]]);
    await runCard('getLabel', getLabel, oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string }));
    await runCard('getLabel', getLabel, oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey: ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string }));
    await jwtVerify(tokens[0]!.form.get('client_assertion')!, rsa.publicKey);
    await jwtVerify(tokens[1]!.form.get('client_assertion')!, ec.publicKey);
    expect(decodeProtectedHeader(tokens[1]!.form.get('client_assertion')!).alg).toBe('ES256');
  });

  it('refuses a public key or junk without echoing it', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const publicJwk = JSON.stringify(await exportJWK(publicKey));
    for (const privateKey of [publicJwk, '-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----']) {
      const error = await runCard('getLabel', getLabel, oauthConnection({ orgUrl: ORG, clientId: CLIENT_ID, privateKey })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).not.toContain('not-a-key');
      expect((error as Error).message).not.toContain(JSON.parse(publicJwk).n);
    }
  });
});
