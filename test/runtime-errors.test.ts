import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bearerConnection, oauthConnection } from '../src/auth/index.ts';
import { OktaApiError, TransportError, runCard } from '../src/runtime/index.ts';
import { parseChallenge } from '../src/runtime/api-error.ts';
import { useNock } from './support/nock.ts';

const ORG = 'https://acme.okta.com';
const LABEL = '/governance/api/v1/labels/lbc18v2lemBedxq6l1d7';
const connection = bearerConnection({ orgUrl: ORG, accessToken: 'workflows-token-0123456789' });
const getLabel = { labelId: 'lbc18v2lemBedxq6l1d7' };

async function apiError(promise: Promise<unknown>): Promise<OktaApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OktaApiError);
  return error as OktaApiError;
}

useNock();

describe('error normalization', () => {
  it('reads the core Okta shape', async () => {
    nock(ORG)
      .post('/governance/api/v1/labels')
      .reply(400, {
        errorCode: 'E0000001',
        errorSummary: 'Api validation failed: Label',
        errorLink: 'E0000001',
        errorId: 'oaeUui5Rf5cTEiglhFS4IxRzg',
        errorCauses: [{ errorSummary: 'Label name already exists' }],
      });
    const error = await apiError(runCard('createLabel', { name: 'Sensitivity', labelValues: [{ name: 'High' }] }, connection));
    expect(error).toMatchObject({
      card: 'createLabel',
      status: 400,
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: Label',
      errorId: 'oaeUui5Rf5cTEiglhFS4IxRzg',
      causes: [{ summary: 'Label name already exists' }],
      method: 'POST',
      path: '/governance/api/v1/labels',
    });
    expect(error.message).toBe(
      'createLabel: Okta answered 400 E0000001: Api validation failed: Label. Causes: Label name already exists. errorId oaeUui5Rf5cTEiglhFS4IxRzg',
    );
  });

  it('reads the access-request shape with location, locationType and domain', async () => {
    nock(ORG)
      .get(LABEL)
      .reply(400, {
        errorCode: 'E0000001',
        errorSummary: 'Api validation failed: resourceSettings/targetResources/0/resourceId format is invalid',
        errorLink: 'E0000001',
        errorCauses: [{ domain: 'governance', errorSummary: 'format is invalid', locationType: 'body', location: '/resourceSettings/targetResources/0/resourceId' }],
        errorId: '3ca52a0477229de8d8049c7c79d71300',
      });
    const error = await apiError(runCard('getLabel', getLabel, connection));
    expect(error.causes).toEqual([
      { summary: 'format is invalid', domain: 'governance', locationType: 'body', location: '/resourceSettings/targetResources/0/resourceId' },
    ]);
    expect(error.errorId).toBe('3ca52a0477229de8d8049c7c79d71300');
    expect(error.message).toContain('/resourceSettings/targetResources/0/resourceId: format is invalid');
  });

  it('turns a 403 insufficient_scope challenge into the missing scope and what to do (Workflows connection)', async () => {
    nock(ORG)
      .get(LABEL)
      .reply(
        403,
        { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action.', errorId: 'oae5', errorCauses: [] },
        {
          'www-authenticate':
            'Bearer authorization_uri="https://acme.okta.com/oauth2/v1/authorize", realm="IdpError", scope="okta.governance.labels.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/governance/api/v1/labels/lbc18v2lemBedxq6l1d7"',
        },
      );
    const error = await apiError(runCard('getLabel', getLabel, connection));
    expect(error.missingScope).toBe('okta.governance.labels.read');
    expect(error.hint).toBe('Grant scope okta.governance.labels.read to the Okta Workflows OAuth app and re-authorize the connection');
    expect(error.toJSON()).toMatchObject({ status: 403, errorCode: 'E0000006', missingScope: 'okta.governance.labels.read' });
  });

  it('reads the OAuth error shape and a challenge without a body', async () => {
    nock(ORG).get(LABEL).reply(401, '', { 'www-authenticate': 'Bearer realm="IdpError", error="invalid_token", error_description="The token has expired."' });
    const error = await apiError(runCard('getLabel', getLabel, connection));
    expect(error).toMatchObject({ status: 401, errorCode: 'invalid_token', errorSummary: 'The token has expired.' });
    expect(error.hint).toMatch(/expired or revoked/);
    nock(ORG).get(LABEL).reply(400, { error: 'invalid_request', error_description: 'Bad thing.' });
    expect(await apiError(runCard('getLabel', getLabel, connection))).toMatchObject({ errorCode: 'invalid_request', errorSummary: 'Bad thing.' });
  });

  it('keeps a non-JSON error body as the summary', async () => {
    nock(ORG).get(LABEL).reply(404, '<html>not here</html>', { 'content-type': 'text/html' });
    expect(await apiError(runCard('getLabel', getLabel, connection))).toMatchObject({ status: 404, errorSummary: '<html>not here</html>' });
  });

  it('parses WWW-Authenticate parameters, quoted or not', () => {
    expect(parseChallenge('DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs=ES256')).toEqual({
      error: 'use_dpop_nonce',
      error_description: 'Resource server requires nonce in DPoP proof',
      algs: 'ES256',
    });
  });

  it('names the service app in the scope hint for OAuth connections', async () => {
    const oauth = oauthConnection({ orgUrl: ORG, clientId: '0oa1', privateKey: '{}', scopes: ['okta.governance.labels.read'] });
    // The token endpoint is never reached: headersFor is replaced with a fixed token for this check.
    Object.assign(oauth, { headersFor: async () => ({ authorization: 'Bearer fixed-token-0123456789' }) });
    nock(ORG).get(LABEL).reply(403, {}, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="okta.governance.labels.read"' });
    const error = await apiError(runCard('getLabel', getLabel, oauth));
    expect(error.hint).toMatch(/to the service app/);
  });
});

describe('tolerant parsing', () => {
  it('keeps undeclared fields, and timestamps with or without milliseconds', async () => {
    const body = {
      labelId: 'lbc18v2lemBedxq6l1d7',
      name: 'Sensitivity',
      values: [{ labelValueId: 'lbl1', name: 'High', metadata: { additionalProperties: { backgroundColor: 'red' } }, created: '2026-03-11T07:59:42.123Z' }],
      created: '2026-03-11T07:59:42Z',
      somethingNew: { nested: true },
    };
    nock(ORG).get(LABEL).reply(200, body, { 'content-type': 'application/json;charset=utf-8' });
    const result = await runCard('getLabel', getLabel, connection);
    expect(result.outputs.response).toEqual(body);
    expect(result.outputs.values).toEqual(body.values);
  });

  it('treats 204 and 202-without-body as no body: no outputs, no response', async () => {
    nock(ORG).delete(LABEL).reply(204);
    const deleted = await runCard('deleteLabel', getLabel, connection);
    expect(deleted).toMatchObject({ status: 204, outputs: {}, body: null });
    nock(ORG).get(LABEL).reply(202, '');
    expect((await runCard('getLabel', getLabel, connection)).outputs).toEqual({});
  });

  it('accepts a {data} envelope and a bare array for list cards', async () => {
    nock(ORG).get('/governance/api/v1/labels').reply(200, { data: [{ labelId: 'a' }], _links: { self: { href: 'x', hints: {} } } });
    expect((await runCard('listLabels', {}, connection)).outputs).toEqual({ items: [{ labelId: 'a', raw: { labelId: 'a' } }], count: 1 });
    nock(ORG).get('/governance/api/v1/labels').reply(200, [{ labelId: 'b' }]);
    expect((await runCard('listLabels', {}, connection)).outputs).toEqual({ items: [{ labelId: 'b', raw: { labelId: 'b' } }], count: 1 });
  });

  it('ends with a clear error on a success body that is not JSON, or too large', async () => {
    nock(ORG).get(LABEL).reply(200, '{"labelId": ', { 'content-type': 'application/json' });
    const broken = await runCard('getLabel', getLabel, connection).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(TransportError);
    expect((broken as Error).message).toMatch(/getLabel: the answer is not valid JSON/);
    nock(ORG).get(LABEL).reply(200, JSON.stringify({ big: 'x'.repeat(5000) }), { 'content-type': 'application/json' });
    const big = await runCard('getLabel', getLabel, connection, { maxResponseBytes: 1000 }).catch((e: unknown) => e);
    expect(big).toBeInstanceOf(TransportError);
    expect((big as Error).message).toMatch(/more than the 1000 bytes allowed/);
  });
});
