import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { apiTokenConnection, bearerConnection, connect, connectionFromEnv, parseOrgUrl } from '../src/auth/index.ts';
import { ConnectionError, runCard } from '../src/runtime/index.ts';
import { useNock } from './support/nock.ts';

const LABEL = '/governance/api/v1/labels/lbc18v2lemBedxq6l1d7';
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

useNock();

describe('org URL', () => {
  it('accepts https, and a bare host as https', () => {
    expect(parseOrgUrl('https://acme.okta.com/').href).toBe('https://acme.okta.com/');
    expect(parseOrgUrl('acme.okta.com').href).toBe('https://acme.okta.com/');
  });

  it('allows plain http only on loopback', () => {
    for (const ok of ['http://127.0.0.1:8080', 'http://127.4.5.6', 'http://localhost:3000', 'http://[::1]:9000']) {
      expect(parseOrgUrl(ok).protocol).toBe('http:');
    }
    for (const bad of ['http://acme.okta.com', 'http://10.0.0.1', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example']) {
      expect(() => parseOrgUrl(bad)).toThrow(ConnectionError);
    }
  });

  it('refuses other schemes, credentials, paths and queries', () => {
    for (const bad of ['ftp://acme.okta.com', 'https://user:pw@acme.okta.com', 'https://acme.okta.com/oauth2/default', 'https://acme.okta.com?x=1', 'https://']) {
      expect(() => parseOrgUrl(bad)).toThrow(ConnectionError);
    }
  });
});

describe('static-token connections', () => {
  it('sends the Workflows token as Bearer and the API token as SSWS', async () => {
    const seen: unknown[] = [];
    nock('https://acme.okta.com')
      .get(LABEL)
      .times(2)
      .reply(function () {
        seen.push(this.req.headers.authorization);
        return [200, {}];
      });
    await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, bearerConnection({ orgUrl: 'https://acme.okta.com', accessToken: 'eyJworkflows.token.value' }));
    await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, apiTokenConnection({ orgUrl: 'https://acme.okta.com', apiToken: '00abcSSWStokenvalue' }));
    expect(seen).toEqual(['Bearer eyJworkflows.token.value', 'SSWS 00abcSSWStokenvalue']);
  });

  it('refuses empty tokens or tokens with a prefix', () => {
    expect(() => bearerConnection({ orgUrl: 'https://acme.okta.com', accessToken: ' ' })).toThrow(ConnectionError);
    expect(() => apiTokenConnection({ orgUrl: 'https://acme.okta.com', apiToken: 'SSWS 00abc' })).toThrow(/without a prefix/);
  });

  it('turns a plain config object into one connection, reused', () => {
    const config = { orgUrl: 'https://acme.okta.com', apiToken: '00abcSSWStokenvalue' };
    const connection = connect(config);
    expect(connection.kind).toBe('ssws');
    expect(connect(config)).toBe(connection);
    expect(connect(connection)).toBe(connection);
  });
});

describe('connectionFromEnv', () => {
  const org = { OKTA_ORG_URL: 'https://acme.okta.com' };

  it('picks the kind from the variables that are set', () => {
    expect(connectionFromEnv({ ...org, OKTA_ACCESS_TOKEN: 'eyJworkflows.token.value' }).kind).toBe('bearer');
    expect(connectionFromEnv({ ...org, OKTA_API_TOKEN: '00abcSSWStokenvalue' }).kind).toBe('ssws');
    expect(connectionFromEnv({ ...org, OKTA_CLIENT_ID: '0oa1', OKTA_PRIVATE_KEY: pem }).kind).toBe('oauth');
  });

  it('lets --org override OKTA_ORG_URL', () => {
    const connection = connectionFromEnv({ ...org, OKTA_API_TOKEN: '00abcSSWStokenvalue' }, { orgUrl: 'http://127.0.0.1:7777' });
    expect(connection.orgUrl.origin).toBe('http://127.0.0.1:7777');
  });

  it('explains what is missing or ambiguous', () => {
    expect(() => connectionFromEnv({})).toThrow(/OKTA_ORG_URL is not set/);
    expect(() => connectionFromEnv(org)).toThrow(/No credential/);
    expect(() => connectionFromEnv({ ...org, OKTA_ACCESS_TOKEN: 'a'.repeat(20), OKTA_API_TOKEN: 'b'.repeat(20) })).toThrow(/keep exactly one/);
    expect(() => connectionFromEnv({ ...org, OKTA_CLIENT_ID: '0oa1' })).toThrow(/OKTA_PRIVATE_KEY is not/);
    expect(() => connectionFromEnv({ ...org, OKTA_PRIVATE_KEY: pem })).toThrow(/OKTA_CLIENT_ID is not/);
    expect(() => connectionFromEnv({ OKTA_ORG_URL: 'http://acme.okta.com', OKTA_API_TOKEN: 'b'.repeat(20) })).toThrow(/https/);
  });

  it('reads OKTA_SCOPES, OKTA_DPOP=false and a key file path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oig-key-'));
    writeFileSync(join(dir, 'key.pem'), pem);
    const tokens: URLSearchParams[] = [];
    const dpop: unknown[] = [];
    nock('https://acme.okta.com')
      .post('/oauth2/v1/token')
      .reply(function (_p, body) {
        tokens.push(new URLSearchParams(String(body)));
        dpop.push(this.req.headers.dpop);
        return [200, { token_type: 'Bearer', access_token: 'access-token-env0-0123456789', expires_in: 3600 }];
      });
    nock('https://acme.okta.com').get(LABEL).reply(200, {});
    const connection = connectionFromEnv({
      ...org,
      OKTA_CLIENT_ID: '0oa1',
      OKTA_PRIVATE_KEY: join(dir, 'key.pem'),
      OKTA_SCOPES: 'okta.governance.labels.read, okta.users.read',
      OKTA_DPOP: 'false',
    });
    await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, connection);
    expect(tokens[0]!.get('scope')).toBe('okta.governance.labels.read okta.users.read');
    expect(dpop).toEqual([undefined]);
  });

  it('says a key path that cannot be read is not a key, without echoing secrets', () => {
    expect(() => connectionFromEnv({ ...org, OKTA_CLIENT_ID: '0oa1', OKTA_PRIVATE_KEY: '/nonexistent/key.pem' })).toThrow(/neither a PEM, a JWK nor a readable file/);
  });
});
