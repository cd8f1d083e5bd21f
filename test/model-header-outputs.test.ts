/**
 * Outputs read from response headers (`outHeader`): launch and end campaign answer 202 with no
 * body and a Location, which the cards expose as "Campaign link" — the path and query only,
 * re-based on the org, so a link on another host (Okta writes `<org>-admin`) never reaches a flow
 * as a place to send credentials. Compiled into cards and output schemas, run by the runtime, and
 * built by the Workflows helper the same way.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { createAjv } from '../src/model/ajv.ts';
import { compileCard, type Card } from '../src/compile/card.ts';
import { helperLibrary } from './support/exports.ts';
import { outputSchema } from '../src/compile/schemas.ts';
import { outHeader } from '../src/model/fields.ts';
import { findOperation, operations } from '../src/operations/index.ts';
import type { RunnableCard } from '../src/runtime/card-registry.ts';
import { runCard } from '../src/runtime/index.ts';
import { outputsOf } from '../src/runtime/parse-response.ts';
import { Interpreter } from './support/flow-interpreter.ts';
import { useNock } from './support/nock.ts';

const ORG = 'https://acme.okta.com';
const CAMPAIGN = 'ici10fubf8UnNtvb91d7';
const connection = () => bearerConnection({ orgUrl: ORG, accessToken: 'tok-model-headers-123456789' });

useNock();

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

describe('declaring a header output', () => {
  it('outHeader keeps the name in lower case and says whether it is a link', () => {
    expect(outHeader('Location', 'Where', { link: true, help: 'The new thing.' })).toEqual({ header: 'location', label: 'Where', link: true, help: 'The new thing.' });
    expect(outHeader('X-Okta-Request-Id', 'Request ID')).toEqual({ header: 'x-okta-request-id', label: 'Request ID' });
  });

  it.each(['launchCampaign', 'endCampaign'])('%s compiles it into the card and a string in the output schema', (id) => {
    const op = findOperation(id)!;
    const card = compileCard(op);
    expect(card.outputs).toEqual([expect.objectContaining({ key: 'campaignLink', type: 'text', header: 'location', link: true })]);
    expect(card.outputs[0]).not.toHaveProperty('from');
    const schema = outputSchema(op) as { properties: Record<string, { type?: string }> };
    expect(schema.properties.campaignLink).toMatchObject({ type: 'string', title: 'Campaign link' });
    expect(schema.properties).not.toHaveProperty('response');
  });
});

describe('running it', () => {
  it.each([
    ['on the -admin host', `https://acme-admin.okta.com/governance/api/v1/campaigns/${CAMPAIGN}`, `/governance/api/v1/campaigns/${CAMPAIGN}`],
    ['on a foreign host, with a query', `https://evil.example/governance/api/v1/campaigns/${CAMPAIGN}?x=1#frag`, `/governance/api/v1/campaigns/${CAMPAIGN}?x=1`],
    ['relative', `/governance/api/v1/campaigns/${CAMPAIGN}`, `/governance/api/v1/campaigns/${CAMPAIGN}`],
  ])('launchCampaign: a Location %s becomes a path on the org', async (_name, location, expected) => {
    nock(ORG).post(`/governance/api/v1/campaigns/${CAMPAIGN}/launch`).reply(202, '', { location });
    const result = await runCard('launchCampaign', { campaignId: CAMPAIGN }, connection());
    expect(result.outputs).toEqual({ campaignLink: expected });
    expect(JSON.stringify(result.outputs)).not.toMatch(/evil|admin/);
    expect(createAjv().compile(outputSchema(findOperation('launchCampaign')!))(result.outputs)).toBe(true);
  });

  it('endCampaign: no Location, no output (and nothing else made up)', async () => {
    nock(ORG).post(`/governance/api/v1/campaigns/${CAMPAIGN}/end`, { skipRemediation: true }).reply(202, '');
    const result = await runCard('endCampaign', { campaignId: CAMPAIGN, skipRemediation: true }, connection());
    expect(result.status).toBe(202);
    expect(result.outputs).toEqual({});
  });

  it('a plain header output is the header as sent; body outputs and the full response still come with it', () => {
    const card: Card = {
      ...compileCard(findOperation('getCampaign')!),
      outputs: [
        { key: 'requestId', label: 'Request ID', type: 'text', header: 'x-okta-request-id' },
        { key: 'name', label: 'Name', type: 'text', from: '/name' },
        { key: 'response', label: 'Full response', type: 'object', from: '' },
      ],
    };
    const entry = { card } as RunnableCard;
    const body = { name: 'Q3 review' };
    expect(outputsOf(entry, { body, headers: headers({ 'x-okta-request-id': 'req-1' }) }, new URL(ORG))).toEqual({ requestId: 'req-1', name: 'Q3 review', response: body });
    expect(outputsOf(entry, { body: null, headers: headers({ 'x-okta-request-id': 'req-1' }) }, new URL(ORG))).toEqual({ requestId: 'req-1' });
  });
});

describe('the Workflows helper', () => {
  const pack = helperLibrary();
  const interpreter = () => new Interpreter(pack, { baseUrl: ORG, token: 'tok-model-headers-123456789' });

  it('returns Campaign link as path and query, whatever host Okta wrote', async () => {
    nock(ORG).post(`/governance/api/v1/campaigns/${CAMPAIGN}/launch`).reply(202, '', { location: `https://acme-admin.okta.com/governance/api/v1/campaigns/${CAMPAIGN}?v=2` });
    const run = interpreter();
    const result = await run.run('OIG · Launch campaign', { campaignId: CAMPAIGN });
    expect(result.returned).toMatchObject({ statusCode: 202, campaignLink: `/governance/api/v1/campaigns/${CAMPAIGN}?v=2` });
  });

  it('returns an empty Campaign link when there is no Location', async () => {
    nock(ORG).post(`/governance/api/v1/campaigns/${CAMPAIGN}/end`).reply(202, '');
    const result = await interpreter().run('OIG · End campaign', { campaignId: CAMPAIGN });
    expect(result.returned).toMatchObject({ statusCode: 202, campaignLink: '' });
  });
});
