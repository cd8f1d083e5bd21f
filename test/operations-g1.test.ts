/**
 * Cards of the Campaigns, Reviews, Entitlements, Entitlement Bundles, Grants, Principal Entitlements,
 * Principal Access and Principal Access - V2 families: their schemas compile strictly, take their own
 * example and refuse what Okta would refuse — naming the field — and the shapes these families are
 * known for (202 + Location, array bodies, required filters, the history envelope, a body id that
 * repeats the path) come out right through the runtime.
 */
import { readFileSync } from 'node:fs';
import { createAjv, type ErrorObject } from '../src/model/ajv.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { compileCard } from '../src/compile/card.ts';
import { inputSchema, type JsonSchema } from '../src/compile/schemas.ts';
import type { Operation } from '../src/model/operation.ts';
import { campaignOperations } from '../src/operations/campaigns.ts';
import { entitlementBundleOperations } from '../src/operations/entitlement-bundles.ts';
import { entitlementOperations } from '../src/operations/entitlements.ts';
import { grantOperations } from '../src/operations/grants.ts';
import { findOperation, operations } from '../src/operations/index.ts';
import { principalAccessOperations } from '../src/operations/principal-access.ts';
import { principalAccessV2Operations } from '../src/operations/principal-access-v2.ts';
import { principalEntitlementOperations } from '../src/operations/principal-entitlements.ts';
import { reviewOperations } from '../src/operations/reviews.ts';
import { prepareCard, runCard } from '../src/runtime/index.ts';
import { loadRecorded } from './support/recorded.ts';
import { hasShared, sharedPath } from './support/shared.ts';
import { exampleOf, NOW, refusal } from './support/cards.ts';
import { useNock } from './support/nock.ts';

const cards: readonly Operation[] = [
  ...campaignOperations,
  ...reviewOperations,
  ...entitlementOperations,
  ...entitlementBundleOperations,
  ...grantOperations,
  ...principalEntitlementOperations,
  ...principalAccessOperations,
  ...principalAccessV2Operations,
];
const families = ['Campaigns', 'Reviews', 'Entitlements', 'Entitlement Bundles', 'Grants', 'Principal Entitlements', 'Principal Access', 'Principal Access - V2'];


const ajv = createAjv();
const validators = new Map(cards.map((op) => [op.id, ajv.compile(inputSchema(op))]));
const validate = (id: string, input: unknown) => {
  const v = validators.get(id)!;
  const ok = v(input);
  return { ok, errors: (v.errors ?? []) as ErrorObject[] };
};
const example = (id: string) => exampleOf(cards.find((o) => o.id === id)!);


const ORG = 'https://acme.okta.com';
const connection = () => bearerConnection({ orgUrl: ORG, accessToken: 'tok-g1-123456789' });
useNock();

describe('the g1 families', () => {
  it('are every card of these families, each registered once', () => {
    expect(cards.map((o) => o.family).filter((f, i, all) => all.indexOf(f) === i)).toEqual(families);
    expect(operations.filter((o) => families.includes(o.family))).toEqual(cards);
    for (const o of cards) expect(findOperation(o.id), o.id).toBe(o);
  });

  it.skipIf(!hasShared)('cover exactly the operations the spec inventory lists under these tags', () => {
    const rows = readFileSync(sharedPath('oig', 'operations.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const fromSpec = rows.filter(([tag]) => families.includes(tag!)).map((r) => `${r[0]}: ${r[3]}`);
    expect(cards.map((o) => `${o.family}: ${o.id}`).sort()).toEqual(fromSpec.sort());
  });
});

describe.skipIf(!hasShared)('recorded answers', () => {
  it('fit the tolerant response schemas of these cards (undeclared fields, zoned dates, missing types and all)', () => {
    const check = createAjv();
    const byId = new Map(cards.map((o) => [o.id, o]));
    const misfits: string[] = [];
    let seen = 0;
    for (const { file, interactions } of loadRecorded()) {
      for (const i of interactions) {
        const op = byId.get(i.operation.operationId);
        if (!op || i.response.status !== op.successStatus || i.response.body === null) continue;
        seen++;
        const { answer } = op;
        const schema = answer.kind === 'list' ? { type: 'object', properties: { data: { type: 'array', items: answer.item } } } : answer.kind === 'object' ? answer.schema : {};
        const validate = check.compile(JSON.parse(JSON.stringify(schema)));
        if (!validate(i.response.body)) misfits.push(`${file}#${i.id} ${op.id}: ${check.errorsText(validate.errors)}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(misfits).toEqual([]);
  });
});

describe('campaigns', () => {
  it('build the API\'s nested schedule and reviewer from the flat fields', () => {
    const { request } = prepareCard('createCampaign', example('createCampaign'), NOW);
    expect(request.body).toMatchObject({
      scheduleSettings: { type: 'ONE_OFF', startDate: '2030-01-15T09:00:00Z', durationInDays: 14, timeZone: 'America/New_York' },
      reviewerSettings: { type: 'USER', reviewerId: '00up7fxeflB7BcC6J1d7' },
      remediationSettings: { accessApproved: 'NO_ACTION', accessRevoked: 'DENY', noResponse: 'NO_ACTION' },
    });
  });

  it('refuse a start date in the past, a half-given schedule and an unknown time zone, naming the field', () => {
    const base = example('createCampaign');
    expect(refusal('createCampaign', { ...base, startDate: '2026-05-31T00:00:00Z' })).toMatchObject({ field: 'startDate', rule: 'campaign-start-in-future' });
    const { timeZone: _tz, ...noTimeZone } = base;
    const half = refusal('createCampaign', noTimeZone);
    expect(half.rule).toBe('campaign-schedule-complete');
    expect(half.message).toMatch(/timeZone is missing/);
    expect(refusal('createCampaign', { ...base, timeZone: 'Mars/Olympus_Mons' })).toMatchObject({ field: 'timeZone', rule: 'campaign-time-zone-known' });
  });

  it('check that each reviewer type comes with its fields', () => {
    const { reviewerUserId: _r, ...base } = example('createCampaign');
    const group = refusal('createCampaign', { ...base, reviewerSettings: { type: 'GROUP' } });
    expect(group).toMatchObject({ field: 'reviewerSettings', rule: 'campaign-reviewer-fields' });
    expect(group.message).toMatch(/reviewerSettings\.reviewerGroupId/);
    expect(() => prepareCard('createCampaign', { ...base, reviewerSettings: { type: 'GROUP', reviewerGroupId: '00gnkw1sdqL30MdGk1d7' } }, NOW)).not.toThrow();
    const manager = { type: 'REVIEWER_EXPRESSION', reviewerScopeExpression: 'user.profile.managerId', fallBackReviewerId: '00unkw1sfbTw08c0g1d7' };
    expect(() => prepareCard('createCampaign', { ...base, reviewerSettings: manager }, NOW)).not.toThrow();
  });

  it('take a recurring schedule in the API form, and the empty interval Terraform sends on one-off campaigns', () => {
    const { startDate: _s, durationInDays: _d, timeZone: _t, ...base } = example('createCampaign');
    const schedule = { type: 'RECURRING', startDate: '2030-01-01T00:00:00Z', durationInDays: 30, timeZone: 'America/Los_Angeles', recurrence: { interval: 'P3M' } };
    expect(validate('createCampaign', { ...base, scheduleSettings: schedule }).ok).toBe(true);
    expect(validate('createCampaign', { ...base, scheduleSettings: { ...schedule, type: 'ONE_OFF', recurrence: { interval: '' } } }).ok).toBe(true);
    const bad = validate('createCampaign', { ...base, scheduleSettings: { ...schedule, recurrence: { interval: 'quarterly' } } });
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => e.instancePath)).toContain('/scheduleSettings/recurrence/interval');
  });

  it('refuse a campaign id without the ici prefix', () => {
    expect(validate('getCampaign', { campaignId: 'icr10fubf8UnNtvb91d7' }).errors[0]).toMatchObject({ instancePath: '/campaignId', keyword: 'pattern' });
  });

  it('launch: 202 with no body, the Location header as a path on the org and in the result headers', async () => {
    nock(ORG)
      .post('/governance/api/v1/campaigns/ici10fubf8UnNtvb91d7/launch')
      .reply(202, '', { location: 'https://acme-admin.okta.com/governance/api/v1/campaigns/ici10fubf8UnNtvb91d7' });
    const result = await runCard('launchCampaign', { campaignId: 'ici10fubf8UnNtvb91d7' }, connection());
    expect(result.status).toBe(202);
    expect(result.outputs).toEqual({ campaignLink: '/governance/api/v1/campaigns/ici10fubf8UnNtvb91d7' });
    expect(result.headers.location).toBe('https://acme-admin.okta.com/governance/api/v1/campaigns/ici10fubf8UnNtvb91d7');
  });

  it('end: sends skipRemediation only when given', () => {
    expect(prepareCard('endCampaign', { campaignId: 'ici10fubf8UnNtvb91d7' }, NOW).request.body).toBeUndefined();
    expect(prepareCard('endCampaign', { campaignId: 'ici10fubf8UnNtvb91d7', skipRemediation: true }, NOW).request.body).toEqual({ skipRemediation: true });
  });
});

describe('reviews', () => {
  it('reassign 1 to 50 reviews with a note of at most 300 characters, to a user', () => {
    const base = example('reassignReviews');
    const ids = Array.from({ length: 51 }, (_, i) => `icr${String(i).padStart(17, '0')}`);
    expect(validate('reassignReviews', { ...base, reviewIds: ids.slice(0, 50) }).ok).toBe(true);
    expect(validate('reassignReviews', { ...base, reviewIds: ids }).errors[0]).toMatchObject({ instancePath: '/reviewIds', keyword: 'maxItems' });
    expect(validate('reassignReviews', { ...base, note: 'x'.repeat(301) }).errors[0]).toMatchObject({ instancePath: '/note', keyword: 'maxLength' });
    expect(validate('reassignReviews', { ...base, reviewerId: '00gnkw1sdqL30MdGk1d7' }).errors[0]).toMatchObject({ instancePath: '/reviewerId', keyword: 'pattern' });
  });

  it('read the reassigned reviews as records, without paging', async () => {
    const card = compileCard(findOperation('reassignReviews')!);
    expect(card.list).toMatchObject({ paginated: false });
    expect(card.options).toEqual([]);
    nock(ORG)
      .post('/governance/api/v1/campaigns/ici10fubf8UnNtvb91d7/reviews/reassign')
      .reply(200, { data: [{ id: 'icrhdk4Lwhd2bBRQe0g2', decision: 'UNREVIEWED' }], _links: { self: { href: 'x' } } });
    const result = await runCard('reassignReviews', example('reassignReviews') as never, connection());
    const review = { id: 'icrhdk4Lwhd2bBRQe0g2', decision: 'UNREVIEWED' };
    expect(result.outputs).toEqual({ items: [{ reviewId: review.id, decision: 'UNREVIEWED', raw: review }], count: 1 });
  });
});

describe('entitlements', () => {
  it('need a filter that names the app to list across apps', () => {
    const { filter: _f, ...noFilter } = example('listEntitlements');
    expect(refusal('listEntitlements', noFilter)).toMatchObject({ field: 'filter', rule: 'required' });
    const noApp = refusal('listAllEntitlementValues', { filter: 'name sw "Pro"' });
    expect(noApp).toMatchObject({ field: 'filter', rule: 'entitlements-filter-names-app' });
    expect(noApp.message).toMatch(/parent\.externalId eq "0oa…"/);
    expect(() => prepareCard('listEntitlements', { filter: 'parentResourceOrn eq "orn:okta:idp:00o1:apps:oidc:0oa1"' }, NOW)).not.toThrow();
  });

  it('page values across entitlements 200 at a time by default, and at most 200', () => {
    const limit = compileCard(findOperation('listAllEntitlementValues')!).inputs.find((i) => i.key === 'limit')!;
    expect(limit.to).toEqual({ in: 'query', name: 'limit' });
    expect((inputSchema(findOperation('listAllEntitlementValues')!).properties as Record<string, JsonSchema>).limit).toMatchObject({ default: 200, maximum: 200 });
    expect(validate('listAllEntitlementValues', { ...example('listAllEntitlementValues'), limit: 201 }).errors[0]).toMatchObject({ keyword: 'maximum' });
  });

  it('take the update as the whole JSON-array body: 1 to 100 operations, value ops on /values paths only', () => {
    const card = compileCard(findOperation('updateEntitlement')!);
    expect(card.inputs.find((i) => i.key === 'operations')!.to).toEqual({ in: 'body-root' });
    const base = example('updateEntitlement');
    const { request } = prepareCard('updateEntitlement', base, NOW);
    expect(request.body).toEqual(base.operations);
    const rename = { op: 'REPLACE', path: '/name', value: 'Plan', refType: 'ENTITLEMENT' };
    expect(validate('updateEntitlement', { ...base, operations: Array(100).fill(rename) }).ok).toBe(true);
    expect(validate('updateEntitlement', { ...base, operations: Array(101).fill(rename) }).errors[0]).toMatchObject({ keyword: 'maxItems' });
    expect(validate('updateEntitlement', { ...base, operations: [] }).errors[0]).toMatchObject({ keyword: 'minItems' });
    expect(validate('updateEntitlement', { ...base, operations: [{ ...rename, refType: 'ENTITLEMENT-VALUE' }] }).ok).toBe(false);
  });

  it('create: the app id becomes the API\'s parent object', () => {
    const { request } = prepareCard('createEntitlement', example('createEntitlement'), NOW);
    expect(request.body).toMatchObject({ parent: { externalId: '0oao01ardu8r8qUP91d7', type: 'APPLICATION' }, dataType: 'string' });
  });

  it('replace: the record\'s id must be the one in the URL', () => {
    const base = example('replaceEntitlement');
    expect(refusal('replaceEntitlement', { ...base, id: 'esp10fubtcPVVTchk1d7' })).toMatchObject({ field: 'id', rule: 'entitlement-id-matches-path' });
  });
});

describe('entitlement bundles', () => {
  it('list: after is a bundle id, orderBy takes a comma list, include is a list sent as repeated keys', () => {
    expect(validate('listEntitlementBundles', { after: 'enb18v0ta5boKOyxA1d7', orderBy: 'lastUpdated asc,id asc' }).ok).toBe(true);
    expect(validate('listEntitlementBundles', { after: '00u68w6vzKLultXS97g6' }).errors[0]).toMatchObject({ instancePath: '/after', keyword: 'pattern' });
    expect(validate('listEntitlementBundles', { orderBy: 'name asc' }).errors[0]).toMatchObject({ instancePath: '/orderBy', keyword: 'pattern' });
    expect(validate('getEntitlementBundle', { entitlementBundleId: 'enb18v0ta5boKOyxA1d7', include: ['counts'] }).errors[0]).toMatchObject({ instancePath: '/include/0', keyword: 'enum' });
    const { request } = prepareCard('getEntitlementBundle', { entitlementBundleId: 'enb18v0ta5boKOyxA1d7', include: ['full_entitlements'] }, NOW);
    expect(request.query).toBe('include=full_entitlements');
  });

  it('create: values per entitlement are 1 to 1000 ids', () => {
    const base = example('createEntitlementBundle');
    const entitlement = { id: 'espzcbqd7Suwp4Y7A1d6', values: [] as { id: string }[] };
    expect(validate('createEntitlementBundle', { ...base, entitlements: [entitlement] }).errors[0]).toMatchObject({ keyword: 'minItems' });
    expect(validate('createEntitlementBundle', { ...base, entitlements: [{ ...entitlement, values: [{ id: '00u1' }] }] }).ok).toBe(false);
  });
});

describe('grants', () => {
  it('check the fields each grant type needs, naming grantType', () => {
    const base = example('createGrant');
    expect(() => prepareCard('createGrant', base, NOW)).not.toThrow();
    const { entitlementBundleId: _b, ...noBundle } = base;
    expect(refusal('createGrant', noBundle)).toMatchObject({ field: 'grantType', rule: 'grant-fields-match-type' });
    expect(refusal('createGrant', { ...noBundle, grantType: 'CUSTOM' }).message).toMatch(/needs target/);
    const policy = { ...noBundle, grantType: 'POLICY', target: { externalId: '0oao01ardu8r8qUP91d7', type: 'APPLICATION' } };
    expect(() => prepareCard('createGrant', policy, NOW)).not.toThrow();
    const withEntitlements = { ...policy, entitlements: [{ id: 'espzcbqd7Suwp4Y7A1d6' }] };
    expect(refusal('createGrant', withEntitlements).message).toMatch(/only apply to CUSTOM grants/);
  });

  it('refuse an expiration in the past', () => {
    expect(refusal('createGrant', { ...example('createGrant'), scheduleSettings: { expirationDate: '2026-01-01T00:00:00Z' } })).toMatchObject({
      field: 'scheduleSettings',
      rule: 'grant-expiration-in-future',
    });
    expect(refusal('updateGrant', { ...example('updateGrant'), expirationDate: '2026-01-01T00:00:00Z' }).rule).toBe('grant-expiration-in-future');
  });

  it('update: the body repeats the grant id, and the expiration goes under scheduleSettings', () => {
    const base = example('updateGrant');
    expect(prepareCard('updateGrant', { ...base, timeZone: 'America/Toronto' }, NOW).request.body).toEqual({
      id: '0ggb0oNGTSWTBKOLGLNR',
      scheduleSettings: { expirationDate: '2030-06-30T00:00:00Z', timeZone: 'America/Toronto' },
    });
    expect(refusal('updateGrant', { ...base, id: 'graaaaaaaaaaaaaaaaaa' })).toMatchObject({ field: 'id', rule: 'grant-id-matches-path' });
  });

  it('accept grant ids with the spec\'s gra prefix and the 0gg of its examples, nothing else', () => {
    expect(validate('getGrant', { grantId: 'gra1234567890abcdefg' }).ok).toBe(true);
    expect(validate('getGrant', { grantId: '0ggb0oNGTSWTBKOLGLNR' }).ok).toBe(true);
    expect(validate('getGrant', { grantId: '00ub0oNGTSWTBKOLGLNR' }).errors[0]).toMatchObject({ instancePath: '/grantId', keyword: 'pattern' });
  });

  it('list: the filter is required and include goes out as repeated keys', () => {
    expect(refusal('listGrants', {})).toMatchObject({ field: 'filter', rule: 'required' });
    const { request } = prepareCard('listGrants', { ...example('listGrants'), include: ['full_entitlements', 'metadata'] }, NOW);
    expect(request.query).toMatch(/include=full_entitlements&include=metadata/);
  });
});

describe('principal entitlements and access', () => {
  it('need both the app and the user in the filter, and say which is missing', () => {
    const appOnly = 'parent.externalId eq "0oao01ardu8r8qUP91d7" AND parent.type eq "APPLICATION"';
    for (const id of ['getPrincipalEntitlements', 'getPrincipalAccess']) {
      const error = refusal(id, { filter: appOnly });
      expect(error.field).toBe('filter');
      expect(error.message).toMatch(/must name the user/);
      expect(error.message).not.toMatch(/the app/);
    }
    const userOnly = refusal('getPrincipalEntitlementsHistory', { filter: 'principalOrn eq "orn:okta:directory:00o1:users:00unkw1sfbTw08c0g1d7"' });
    expect(userOnly.message).toMatch(/must name the app/);
    expect(() => prepareCard('getPrincipalEntitlementsHistory', { filter: 'resourceId eq "res503IOSVGTK5Jwx0g3" AND principalId eq "pri52knJhV4kPqp9j0g3"' }, NOW)).not.toThrow();
  });

  it('history: its own envelope, read as a list of periods that follows the envelope\'s next link', async () => {
    const card = compileCard(findOperation('getPrincipalEntitlementsHistory')!);
    expect(card.list).toMatchObject({ paginated: true, itemsAt: '/entitlementHistory' });
    expect(validate('getPrincipalEntitlementsHistory', { ...example('getPrincipalEntitlementsHistory'), limit: 101 }).errors[0]).toMatchObject({ keyword: 'maximum' });
    const envelope = {
      resource: { externalId: '0oao01ardu8r8qUP91d7', type: 'APPLICATION' },
      principal: { externalId: '00unkw1sfbTw08c0g1d7', type: 'OKTA_USER' },
      metadata: { total: 2 },
    };
    const first = { startDate: '2026-01-01T00:00:00Z', endDate: '2026-02-01T00:00:00Z', lifecycle: 'INACTIVE', entitlements: [] };
    const second = { startDate: '2026-02-01T00:00:00Z', lifecycle: 'ACTIVE', entitlements: [] };
    nock(ORG)
      .get('/governance/api/v1/principal-entitlements/history')
      .query((q) => q.after === undefined)
      .reply(200, { ...envelope, entitlementHistory: [first], _links: { next: { href: 'https://acme-admin.okta.com/governance/api/v1/principal-entitlements/history?after=abc' } } });
    nock(ORG)
      .get('/governance/api/v1/principal-entitlements/history')
      .query({ after: 'abc' })
      .reply(200, { ...envelope, entitlementHistory: [second], _links: {} });
    const result = await runCard('getPrincipalEntitlementsHistory', { ...example('getPrincipalEntitlementsHistory'), include: ['counts'] } as never, connection(), { resultSet: 'all' });
    expect(result.outputs.items.map((i) => i.raw)).toEqual([first, second]);
    expect(result.outputs.items[0]).toMatchObject({ startDate: first.startDate, endDate: first.endDate, lifecycle: 'INACTIVE' });
    expect(result.outputs.count).toBe(2);
  });

  it('changes: the id is "old:new" or just "new"', () => {
    expect(validate('getPrincipalEntitlementsChanges', { principalEntitlementsChangeId: 'espo3v6xlwdtEX2il1d6' }).ok).toBe(true);
    expect(validate('getPrincipalEntitlementsChanges', { principalEntitlementsChangeId: 'espo3v6yijysPW3ep3q9:' }).ok).toBe(false);
  });

  it('revoke: a user ORN, 1 to 5 resource ORNs, an app only on its own', async () => {
    const base = example('revokePrincipalAccess');
    const value = (n: number) => `orn:okta:governance:00o11edPwGqbUrsDm0g4:entitlement-values:ent${String(n).padStart(17, '0')}`;
    expect(validate('revokePrincipalAccess', { ...base, revokeOrns: [1, 2, 3, 4, 5].map(value) }).ok).toBe(true);
    expect(validate('revokePrincipalAccess', { ...base, revokeOrns: [1, 2, 3, 4, 5, 6].map(value) }).errors[0]).toMatchObject({ keyword: 'maxItems' });
    expect(validate('revokePrincipalAccess', { ...base, principalOrn: '00unkw1sfbTw08c0g1d7' }).errors[0]).toMatchObject({ instancePath: '/principalOrn' });
    const app = 'orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oao01ardu8r8qUP91d7';
    expect(() => prepareCard('revokePrincipalAccess', { ...base, revokeOrns: [app] }, NOW)).not.toThrow();
    expect(refusal('revokePrincipalAccess', { ...base, revokeOrns: [app, value(1)] })).toMatchObject({ field: 'revokeOrns', rule: 'revoke-app-alone' });

    nock(ORG)
      .post('/governance/api/v2/revoke-principal-access', { principalOrn: base.principalOrn as string, revokeOrns: base.revokeOrns as string[] })
      .reply(200, { data: [{ _links: { 'principal-access': { href: 'https://acme.okta.com/governance/api/v1/principal-access?filter=x' } } }] });
    const result = await runCard('revokePrincipalAccess', base as never, connection());
    expect(result.outputs).toMatchObject({ count: 1 });
  });
});
