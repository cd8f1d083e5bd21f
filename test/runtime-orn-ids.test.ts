import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { CardInputError, iterateCard, prepareCard, runCard } from '../src/runtime/index.ts';
import { useNock } from './support/nock.ts';

/** Ids found for the user: a login where a user id goes says how to find the id; app and group ids become ORNs. */
const ORG_ID = '00o11edPwGqbUrsDm0g4';
const APP = '0oafxqCAJWWGELFTYASJ';
const GROUP = '00g1emaKYZTWRYYRRTSK';
const VALUE = 'lbl18v2len2Lk29141d7';
const BUNDLE_ORN = 'orn:okta:governance:00o11edPwGqbUrsDm0g4:entitlement-bundles:enbhvuumiS6yrnQ5y1d7';

const connectionTo = (org: string) => bearerConnection({ orgUrl: org, accessToken: 'workflows-token-0123456789' });

function organization(org: string, times = 1) {
  return nock(org).get('/.well-known/okta-organization').times(times).reply(200, { id: ORG_ID, _links: { organization: { href: org } }, pipeline: 'idx' });
}

useNock();

describe('a login where a user id is expected', () => {
  it('says to use the id and names the card that finds it, with its input', () => {
    let error: unknown;
    try {
      prepareCard('createSecurityAccessReview', { principalId: 'jane.doe@acme.com', name: 'Check', reviewerUserIds: ['00u8f2ks1VbQrZy6h0g1'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CardInputError);
    const message = (error as Error).message;
    expect(message).toContain('"principalId"');
    expect(message).toContain('takes a user id (00u…');
    expect(message).toContain('listUsers');
    expect(message).toContain('profile.login eq \\"jane.doe@acme.com\\"');
    expect(message).not.toContain('at most 20 characters');
  });

  it('works in lists of user ids too, and names another kind of id for what it is', () => {
    expect(() => prepareCard('createSecurityAccessReview', { principalId: '00u8f2ks1VbQrZy6h0g1', name: 'Check', reviewerUserIds: ['bob'] })).toThrow(
      /"reviewerUserIds\[0\]" takes a user id \(00u…, 20 characters\), not a login or email like "bob": find the id with the listUsers card/,
    );
    expect(() => prepareCard('createSecurityAccessReview', { principalId: GROUP, name: 'Check', reviewerUserIds: ['00u8f2ks1VbQrZy6h0g1'] })).toThrow(
      /takes a user id \(00u…\), and "00g1emaKYZTWRYYRRTSK" is a group id/,
    );
  });
});

describe('label cards take app and group ids where ORNs go', () => {
  it('reads the org id once per org, looks up the app name, and sends ORNs (ORNs given stay as they are)', async () => {
    const org = 'https://ids-once.okta.com';
    const connection = connectionTo(org);
    const discovered = organization(org);
    const app = nock(org).get(`/api/v1/apps/${APP}`).twice().reply(200, { id: APP, name: 'salesforce', label: 'Salesforce' });
    const sent: unknown[] = [];
    nock(org)
      .post('/governance/api/v1/resource-labels/assign')
      .twice()
      .reply(200, (_path, body) => {
        sent.push(body);
        return { data: [] };
      });

    await runCard('assignResourceLabels', { resourceOrns: [APP, GROUP, BUNDLE_ORN], labelValueIds: [VALUE] }, connection);
    await runCard('assignResourceLabels', { resourceOrns: [APP], labelValueIds: [VALUE] }, connectionTo(org));

    expect(sent[0]).toEqual({
      resourceOrns: [`orn:okta:idp:${ORG_ID}:apps:salesforce:${APP}`, `orn:okta:directory:${ORG_ID}:groups:${GROUP}`, BUNDLE_ORN],
      labelValueIds: [VALUE],
    });
    expect(sent[1]).toEqual({ resourceOrns: [`orn:okta:idp:${ORG_ID}:apps:salesforce:${APP}`], labelValueIds: [VALUE] });
    expect(discovered.isDone()).toBe(true);
    expect(app.isDone()).toBe(true);
  });

  it('uses the oktapreview partition on a preview org, for removal too, and through iterateCard', async () => {
    const org = 'https://acme.oktapreview.com';
    organization(org);
    const bodies: unknown[] = [];
    nock(org).post('/governance/api/v1/resource-labels/unassign').reply(204, (_p, body) => (bodies.push(body), ''));
    nock(org).post('/governance/api/v1/resource-labels/assign').reply(200, (_p, body) => (bodies.push(body), { data: [{ orn: 'x' }] }));
    await runCard('removeResourceLabels', { resourceOrns: [GROUP], labelValueIds: [VALUE] }, connectionTo(org));
    const items = [];
    for await (const item of iterateCard('assignResourceLabels', { resourceOrns: [GROUP], labelValueIds: [VALUE] }, connectionTo(org))) items.push(item);
    expect(bodies).toEqual([
      { resourceOrns: [`orn:oktapreview:directory:${ORG_ID}:groups:${GROUP}`], labelValueIds: [VALUE] },
      { resourceOrns: [`orn:oktapreview:directory:${ORG_ID}:groups:${GROUP}`], labelValueIds: [VALUE] },
    ]);
    expect(items).toEqual([{ orn: 'x', raw: { orn: 'x' } }]);
  });

  it('asks nothing of the org when only ORNs are given', async () => {
    const org = 'https://orns-only.okta.com';
    const discovered = organization(org);
    nock(org).post('/governance/api/v1/resource-labels/assign').reply(200, { data: [] });
    await runCard('assignResourceLabels', { resourceOrns: [BUNDLE_ORN], labelValueIds: [VALUE] }, connectionTo(org));
    expect(discovered.isDone()).toBe(false);
  });

  it('refuses anything else before sending, saying what the field takes', async () => {
    const org = 'https://refuses.okta.com';
    const discovered = organization(org);
    const error = await runCard('assignResourceLabels', { resourceOrns: ['Salesforce'], labelValueIds: [VALUE] }, connectionTo(org)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardInputError);
    expect((error as Error).message).toMatch(/"resourceOrns\[0\]" matches none of the forms it can take \(an Okta Resource Name \(orn:…\), an app id \(0oa…\) or a group id \(00g…\)\)/);
    expect(discovered.isDone()).toBe(false);
  });

  it('does not remember a failed discovery', async () => {
    const org = 'https://flaky.okta.com';
    nock(org).get('/.well-known/okta-organization').reply(404, { errorCode: 'E0000007', errorSummary: 'Not found' });
    const first = await runCard('assignResourceLabels', { resourceOrns: [GROUP], labelValueIds: [VALUE] }, connectionTo(org)).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(Error);
    organization(org);
    const assign = nock(org).post('/governance/api/v1/resource-labels/assign').reply(200, { data: [] });
    await runCard('assignResourceLabels', { resourceOrns: [GROUP], labelValueIds: [VALUE] }, connectionTo(org));
    expect(assign.isDone()).toBe(true);
  });
});
