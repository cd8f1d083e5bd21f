/**
 * The safety rules of DESIGN.md, one describe block each. Other suites test the same machinery in
 * more detail; this one is the checklist.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { apiTokenConnection, bearerConnection, oauthConnection, parseOrgUrl } from '../src/auth/index.ts';
import { compileCard } from '../src/compile/card.ts';
import { pathParam } from '../src/model/fields.ts';
import type { Operation } from '../src/model/operation.ts';
import { buildRequest } from '../src/runtime/build-request.ts';
import type { RunnableCard } from '../src/runtime/card-registry.ts';
import { CardInputError, ConnectionError, OktaApiError, TransportError, runCard, type RuntimeEvent } from '../src/runtime/index.ts';
import { useNock } from './support/nock.ts';


/** A socket-level failure as node reports it (an Error with a code). */
const networkError = (code: string, message: string) => Object.assign(new Error(message), { code });
const ORG = 'https://acme.okta.com';
const TOKEN = 'workflows-secret-token-0123456789';
const LABEL = '/governance/api/v1/labels/lbc18v2lemBedxq6l1d7';
const connection = bearerConnection({ orgUrl: ORG, accessToken: TOKEN });
const noWait = { now: () => Date.now(), sleep: async () => undefined };

/** Every request to any host, with the Authorization header it carried. */
function everyRequest() {
  const seen: { host: string; method: string; path: string; authorization: unknown }[] = [];
  for (const host of [ORG, 'https://acme-admin.okta.com', 'https://evil.example']) {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      nock(host)
        .persist()
        .intercept(() => true, method)
        .reply(function (path) {
          seen.push({ host: new URL(host).host, method, path, authorization: this.req.headers.authorization });
          return [599, {}];
        });
    }
  }
  return seen;
}

useNock();

describe('no request for input that fails its schema or a business rule; the field is named', () => {
  it.each([
    ['schema', 'createLabel', { name: '', labelValues: [{ name: 'High' }] }, 'name'],
    ['business rule', 'createLabel', { name: 'S', labelValues: [{ name: 'A' }, { name: 'a' }] }, 'labelValues'],
    ['business rule', 'createSecurityAccessReview', { principalId: '00u8f2ks1VbQrZy6h0g1', name: 'R', reviewerUserIds: ['00u8f2ks1VbQrZy6h0g1'] }, 'reviewerUserIds'],
  ])('%s: %s', async (_kind, card, input, field) => {
    nock.cleanAll();
    const seen = everyRequest();
    const error = await runCard(card as never, input as never, connection).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardInputError);
    expect((error as CardInputError).field).toBe(field);
    expect((error as Error).message).toContain(field);
    expect(seen).toEqual([]);
  });
});

describe('a credential never goes to a host other than the org', () => {
  it('a next link on another host is re-based onto the org (path + query only)', async () => {
    nock(ORG).get('/governance/api/v1/resource-labels').query(true).reply(200, { data: [{ orn: 'a' }], _links: { next: { href: 'https://evil.example/steal?after=a' } } });
    const seen = everyRequest();
    // The catch-all answers the re-based page with an error; what matters is where it went.
    await runCard('listLabelResources', { filter: 'resourceType eq "apps"' }, connection, { resultSet: 'all', retry: { maxRetries: 0 } }).catch(() => undefined);
    expect(seen).toEqual([{ host: 'acme.okta.com', method: 'GET', path: '/steal?after=a', authorization: `Bearer ${TOKEN}` }]);
  });

  it('a redirect Location on another host is followed on the org only', async () => {
    nock(ORG).get(LABEL).reply(307, '', { location: `https://evil.example${LABEL}?x=1` });
    const seen = everyRequest();
    await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, connection, { retry: { maxRetries: 0 } }).catch(() => undefined);
    expect(seen).toEqual([{ host: 'acme.okta.com', method: 'GET', path: `${LABEL}?x=1`, authorization: `Bearer ${TOKEN}` }]);
  });

  it('a protocol-relative or dot-dot path in a link cannot change the host', async () => {
    nock(ORG)
      .get('/governance/api/v1/resource-labels')
      .query(true)
      .reply(200, { data: [{ orn: 'a' }], _links: { next: { href: '//evil.example/x' } } });
    const seen = everyRequest();
    await runCard('listLabelResources', { filter: 'x' }, connection, { resultSet: 'all', retry: { maxRetries: 0 } }).catch(() => undefined);
    expect(seen.map((r) => r.host)).toEqual(['acme.okta.com']);
  });

  it('the OAuth token request goes to the org\'s own token endpoint', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const token = nock(ORG).post('/oauth2/v1/token').reply(200, { token_type: 'DPoP', access_token: 'access-token-LLLL-0123456789', expires_in: 3600 });
    nock(ORG).get(LABEL).reply(200, {});
    await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, oauthConnection({ orgUrl: ORG, clientId: '0oa1', privateKey: key }));
    expect(token.isDone()).toBe(true);
  });
});

describe('path parameters are validated and percent-encoded', () => {
  it('ids that are not one clean segment are refused before sending', async () => {
    const seen = everyRequest();
    for (const labelId of ['../../api/v1/users', 'lbc/../../x', 'lbc18v2lemBedxq6l1d?', 'lbc18v2lemBedxq6l1d#']) {
      await expect(runCard('getLabel', { labelId }, connection)).rejects.toBeInstanceOf(CardInputError);
    }
    expect(seen).toEqual([]);
  });

  // Every declared path parameter has a pattern, so the check behind the schema is shown on a
  // declaration made for this test, with a loose id schema.
  const loose: Operation = {
    id: 'getThing',
    title: 'Get thing',
    family: 'Test',
    description: 'A test declaration.',
    docs: 'https://example.invalid',
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v1/things/{thingId}',
    successStatus: 200,
    scopes: [],
    adminRoles: [],
    inputs: { thingId: pathParam('thingId', Type.String(), { label: 'Thing', help: 'A thing.' }) },
    answer: { kind: 'none', outputs: {} },
  };
  const card = compileCard(loose);
  const entry: RunnableCard = { op: loose, card, inputSchema: {}, outputSchema: {}, inputs: new Map(card.inputs.map((i) => [i.key, i])), validate: Object.assign(() => true, { errors: null }) as never };

  it.each(['..', 'a..b', 'a/b', 'a\\b', 'a?b', 'a#b', 'a\nb', ''])('refuses %j', (thingId) => {
    expect(() => buildRequest(entry, { thingId })).toThrow(CardInputError);
  });

  it('encodes what may stay', () => {
    expect(buildRequest(entry, { thingId: 'orn:okta:idp:00o1:apps:x y%z' }).path).toBe('/governance/api/v1/things/orn:okta:idp:00o1:apps:x%20y%25z');
  });
});

describe('tokens, private keys and client assertions never appear in errors, logs or thrown messages', () => {
  const leaks = (value: unknown, secrets: string[]) => {
    const text = [
      value instanceof Error ? value.message : '',
      value instanceof Error ? String(value.stack) : '',
      JSON.stringify(value),
      JSON.stringify(value instanceof OktaApiError ? value.toJSON() : null),
    ].join('\n');
    return secrets.filter((s) => text.includes(s));
  };

  it('an error body that echoes the token is scrubbed', async () => {
    nock(ORG)
      .get(LABEL)
      .reply(400, { errorCode: 'E0000001', errorSummary: `Bad header: Bearer ${TOKEN}`, errorId: 'oae9', errorCauses: [{ errorSummary: TOKEN, location: TOKEN }] });
    const error = await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, connection).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaApiError);
    expect(leaks(error, [TOKEN])).toEqual([]);
    expect((error as Error).message).toContain('[redacted]');
  });

  it('a text error body that echoes an SSWS token is scrubbed', async () => {
    const ssws = '00abcdefSSWSsecretvalue';
    nock(ORG).get(LABEL).reply(500, `Authorization: SSWS ${ssws}`, { 'content-type': 'text/plain' });
    const error = await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, apiTokenConnection({ orgUrl: ORG, apiToken: ssws }), {
      retry: { maxRetries: 0 },
    }).catch((e: unknown) => e);
    expect(leaks(error, [ssws])).toEqual([]);
  });

  it('events carry no credential', async () => {
    const events: RuntimeEvent[] = [];
    nock(ORG).get(LABEL).reply(503);
    nock(ORG).get(LABEL).reply(200, {});
    await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, connection, { clock: noWait, onEvent: (e) => events.push(e) });
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it('network failures and token failures name no secret', async () => {
    nock(ORG).get(LABEL).replyWithError(networkError('ECONNRESET', `reset while sending Bearer ${TOKEN}`));
    const network = await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, connection, { retry: { maxRetries: 0 } }).catch((e: unknown) => e);
    expect(network).toBeInstanceOf(TransportError);
    expect(leaks(network, [TOKEN])).toEqual([]);

    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    let assertion = '';
    nock(ORG)
      .post('/oauth2/v1/token')
      .reply((_p, body) => {
        assertion = new URLSearchParams(String(body)).get('client_assertion')!;
        return [400, { error: 'invalid_client', error_description: `assertion ${assertion} rejected` }];
      });
    const token = await runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' }, oauthConnection({ orgUrl: ORG, clientId: '0oa1', privateKey: key })).catch((e: unknown) => e);
    expect(token).toBeInstanceOf(ConnectionError);
    expect(assertion.length).toBeGreaterThan(100);
    const keyBody = key.split('\n')[1]!;
    expect(leaks(token, [assertion, keyBody])).toEqual([]);
  });
});

describe('a create is never re-sent after it may have reached the server, except on 429', () => {
  it('500 and a reset: one request; 429: retried', async () => {
    const input = { name: 'Sensitivity', labelValues: [{ name: 'High' }] };
    let posts = 0;
    nock(ORG).persist().post('/governance/api/v1/labels').reply(() => (posts++, [500, {}]));
    await runCard('createLabel', input, connection, { clock: noWait }).catch(() => undefined);
    expect(posts).toBe(1);
    nock.cleanAll();
    posts = 0;
    nock(ORG).persist().post('/governance/api/v1/labels').replyWithError(networkError('ECONNRESET', 'reset'));
    await runCard('createLabel', input, connection, { clock: noWait }).catch(() => undefined);
    nock.cleanAll();
    posts = 0;
    nock(ORG)
      .persist()
      .post('/governance/api/v1/labels')
      .reply(() => (++posts === 1 ? [429, {}, { 'x-rate-limit-limit': '0', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '0' }] : [201, {}]));
    expect((await runCard('createLabel', input, connection, { clock: noWait })).status).toBe(201);
    expect(posts).toBe(2);
  });
});

describe('the org URL is https, plain http only on loopback', () => {
  it('refuses http to a real host and accepts the local simulator', () => {
    expect(() => bearerConnection({ orgUrl: 'http://acme.okta.com', accessToken: TOKEN })).toThrow(ConnectionError);
    expect(bearerConnection({ orgUrl: 'http://127.0.0.1:4000', accessToken: TOKEN }).orgUrl.origin).toBe('http://127.0.0.1:4000');
    expect(parseOrgUrl('http://localhost:4000').protocol).toBe('http:');
  });
});
