/**
 * Cards of the Request Conditions, Request Sequences, Request Settings, Org Governance Settings,
 * Principal Settings and the end-user "My …" families: their schemas compile strictly, take their
 * own example and refuse what Okta would refuse — naming the field — and the shapes these families
 * are known for (required filters, `match` bounds, `type`-picked settings objects, access durations,
 * friendly settings fields merged into the API's nesting, delegate appointments) come out right
 * through the runtime, including on the recorded real responses.
 */
import { readFileSync } from 'node:fs';
import { createAjv, type ErrorObject } from '../src/model/ajv.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { outputSchema } from '../src/compile/schemas.ts';
import type { Operation } from '../src/model/operation.ts';
import { findOperation, operations } from '../src/operations/index.ts';
import { myAccessCertificationReviewOperations } from '../src/operations/my-access-certification-reviews.ts';
import { myCatalogOperations } from '../src/operations/my-catalogs.ts';
import { myRequestOperations } from '../src/operations/my-requests.ts';
import { mySecurityAccessReviewOperations } from '../src/operations/my-security-access-reviews.ts';
import { mySettingsOperations } from '../src/operations/my-settings.ts';
import { orgGovernanceSettingsOperations } from '../src/operations/org-governance-settings.ts';
import { principalSettingsOperations } from '../src/operations/principal-settings.ts';
import { requestConditionOperations } from '../src/operations/request-conditions.ts';
import { requestSequenceOperations } from '../src/operations/request-sequences.ts';
import { requestSettingsOperations } from '../src/operations/request-settings.ts';
import { prepareCard, runCard } from '../src/runtime/index.ts';
import { loadRecorded, recordedToInput } from './support/recorded.ts';
import { hasShared, sharedPath } from './support/shared.ts';
import { exampleOf, NOW, refusal } from './support/cards.ts';
import { useNock } from './support/nock.ts';

const cards: readonly Operation[] = [
  ...requestConditionOperations,
  ...requestSequenceOperations,
  ...requestSettingsOperations,
  ...orgGovernanceSettingsOperations,
  ...principalSettingsOperations,
  ...mySecurityAccessReviewOperations,
  ...myCatalogOperations,
  ...myRequestOperations,
  ...mySettingsOperations,
  ...myAccessCertificationReviewOperations,
];
/** The spec's tags, in the order of `cards`. */
const tags = [
  'Request Conditions',
  'Request Sequences',
  'Request Settings',
  'Org Governance Settings',
  'Principal Settings',
  'My Security Access Reviews',
  'My Catalogs',
  'My Requests',
  'My Settings',
  'My Access Certification Reviews',
];


const tolerantAjv = createAjv({ strict: false });

const example = (id: string) => exampleOf(findOperation(id)!);

/** The CardInputError prepareCard throws for this input (failing the test when it accepts it). */
const bodyOf = (id: string, input: unknown) => prepareCard(id, input, NOW).request.body;

const APP = '0oa8f2kzP4QvLm7Xw0g7';
const SEQUENCE = '66a1f0c2b9e84d0012ab34cd';
const ORG = 'https://acme.okta.com';
const connection = () => bearerConnection({ orgUrl: ORG, accessToken: 'tok-g3-123456789' });
useNock();

describe('the g3 families', () => {
  it('are every card of one family per spec tag, each registered once', () => {
    const families = [...new Set(cards.map((o) => o.family))];
    expect(families).toHaveLength(tags.length);
    expect(operations.filter((o) => families.includes(o.family))).toEqual(cards);
    for (const o of cards) expect(findOperation(o.id), o.id).toBe(o);
  });

  it.skipIf(!hasShared)('cover exactly the operations the spec inventory lists under these tags', () => {
    const rows = readFileSync(sharedPath('oig', 'operations.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const inventory = rows.filter((r) => tags.includes(r[0]!)).map((r) => r[3]!);
    expect([...cards.map((o) => o.id)].sort()).toEqual([...inventory].sort());
  });

  it('end-user cards need no admin role and say they act as the connection\'s own user', () => {
    const mine = cards.filter((o) => o.family.startsWith('My '));
    expect(mine.map((o) => o.id)).toEqual(operations.filter((o) => o.path.includes('/my/')).map((o) => o.id));
    for (const o of mine) {
      expect(o.adminRoles, o.id).toEqual([]);
      expect(o.path, o.id).toMatch(/\/my\//);
      expect(o.description, o.id).toMatch(/the connection's own user|the connection signs in as/);
    }
  });
});

describe('required filters and search bounds', () => {
  it.each(['listMyDefaultEntriesV2', 'listMyEntryUsersV2', 'listMyDelegateUsers'])('%s needs a filter and says so', (id) => {
    const { filter: _f, ...rest } = example(id);
    const error = refusal(id, rest);
    expect(error.field).toBe('filter');
    expect(error.rule).toBe('required');
    expect(error.message).toMatch(/"filter".*required/);
  });

  it('keeps a catalog search between 3 and 50 characters', () => {
    const base = example('listMyDefaultEntriesV2');
    expect(refusal('listMyDefaultEntriesV2', { ...base, match: 'ab' }).message).toMatch(/match.*at least 3/);
    expect(refusal('listMyDefaultEntriesV2', { ...base, match: 'x'.repeat(51) }).message).toMatch(/match.*at most 50/);
    expect(() => prepareCard('listMyDefaultEntriesV2', { ...base, match: 'abc' })).not.toThrow();
  });

  it('sends filter, match and limit as the API names them, and follows the pages', async () => {
    const first = nock(ORG)
      .get('/governance/api/v2/my/catalogs/default/entries')
      .query({ filter: 'not(parent pr)', match: 'finance', limit: '1' })
      .reply(200, {
        data: [{ id: 'cen8f3qBx2YuMc7Pt0g7', name: 'Finance app', requestable: true }],
        _links: { next: { href: `${ORG}/governance/api/v2/my/catalogs/default/entries?filter=not(parent%20pr)&after=cen8f3qBx2YuMc7Pt0g7&limit=1` } },
      });
    const second = nock(ORG)
      .get('/governance/api/v2/my/catalogs/default/entries')
      .query({ filter: 'not(parent pr)', after: 'cen8f3qBx2YuMc7Pt0g7', limit: '1' })
      .reply(200, { data: [{ id: 'cen9g4rCy3ZvNd8Qu0h8', name: 'Finance reports', requestable: false }], _links: {} });
    const result = await runCard('listMyDefaultEntriesV2', { filter: 'not(parent pr)', match: 'finance', limit: 1 }, connection(), { resultSet: 'all' });
    expect(first.isDone() && second.isDone()).toBe(true);
    expect(result.outputs).toMatchObject({ count: 2, items: [{ name: 'Finance app' }, { name: 'Finance reports' }] });
  });
});

describe('request conditions', () => {
  const create = (extra: Record<string, unknown>) => ({ ...example('createResourceRequestConditionV2'), ...extra });

  it('take an app by id or by ORN, and refuse anything else in the path', () => {
    const orn = `orn:okta:idp:00o8f2a1Bc3De4Fg5h6i:apps:oidc:${APP}`;
    const path = prepareCard('listResourceRequestConditionsV2', { resourceId: orn }).request.path;
    expect(decodeURIComponent(path)).toBe(`/governance/api/v2/resources/${orn}/request-conditions`);
    expect(prepareCard('listResourceRequestConditionsV2', { resourceId: APP }).request.path).toBe(`/governance/api/v2/resources/${APP}/request-conditions`);
    for (const bad of ['0oa123', '../../api/v1/users', 'orn:okta']) {
      expect(refusal('listResourceRequestConditionsV2', { resourceId: bad }).field).toBe('resourceId');
    }
  });

  it('take access durations in one unit up to 72 hours, 90 days or 12 weeks', () => {
    for (const duration of ['PT1H', 'PT72H', 'P1D', 'P90D', 'P1W', 'P12W']) {
      expect(() => prepareCard('createResourceRequestConditionV2', create({ accessDurationSettings: { type: 'ADMIN_FIXED_DURATION', duration } }))).not.toThrow();
    }
    for (const duration of ['PT73H', 'P91D', 'P13W', 'P1M', 'P1DT2H', '30 days']) {
      const error = refusal('createResourceRequestConditionV2', create({ accessDurationSettings: { type: 'ADMIN_FIXED_DURATION', duration } }));
      expect(error.field).toBe('accessDurationSettings');
    }
    expect(refusal('createResourceRequestConditionV2', create({ accessDurationSettings: { type: 'ADMIN_FIXED_DURATION', maximumDuration: 'P2W' } })).field).toBe(
      'accessDurationSettings',
    );
  });

  it('take requesters and scope in the shape their type names', () => {
    const accepted = [
      { requesterSettings: { type: 'EVERYONE' } },
      { requesterSettings: { type: 'TEAMS', teams: [{ id: '65f0c2b9e84d0012ab34cd01' }] } },
      { accessScopeSettings: { type: 'ENTITLEMENT_BUNDLES', entitlementBundles: [{ id: 'enb8f2lpV7SxZd4Mf0g7' }] } },
      { accessScopeSettings: { type: 'GROUPS', groups: [{ id: '00g8f2lmT5RwYc3Ke0g7' }] } },
    ];
    for (const extra of accepted) expect(() => prepareCard('createResourceRequestConditionV2', create(extra)), JSON.stringify(extra)).not.toThrow();
    const refused: [Record<string, unknown>, string][] = [
      [{ requesterSettings: { type: 'GROUPS' } }, 'requesterSettings'],
      [{ requesterSettings: { type: 'GROUPS', groups: [] } }, 'requesterSettings'],
      [{ requesterSettings: { type: 'EVERYONE', groups: [{ id: '00g8f2lmT5RwYc3Ke0g7' }] } }, 'requesterSettings'],
      [{ requesterSettings: { type: 'TEAMS', teams: [{ id: '00g8f2lmT5RwYc3Ke0g7' }] } }, 'requesterSettings'],
      [{ accessScopeSettings: { type: 'APPS' } }, 'accessScopeSettings'],
      [{ approvalSequenceId: 'not-a-sequence' }, 'approvalSequenceId'],
      [{ priority: -1 }, 'priority'],
      [{ name: '' }, 'name'],
    ];
    for (const [extra, field] of refused) expect(refusal('createResourceRequestConditionV2', create(extra)).field, JSON.stringify(extra)).toBe(field);
  });

  it('remove the duration limit on update with null, and refuse an update that changes nothing', () => {
    const ids = { resourceId: APP, requestConditionId: 'rco8f3pWq1ZtKb6Ns0g7' };
    expect(bodyOf('updateResourceRequestConditionV2', { ...ids, accessDurationSettings: null })).toEqual({ accessDurationSettings: null });
    const error = refusal('updateResourceRequestConditionV2', ids);
    expect(error.rule).toBe('request-condition-update-not-empty');
    expect(error.message).toMatch(/changes nothing/);
  });

  it('create one through the runtime: POST the body, 201, the condition\'s id and status as outputs', async () => {
    const input = example('createResourceRequestConditionV2');
    const { resourceId: _r, ...body } = input;
    const scope = nock(ORG)
      .post(`/governance/api/v2/resources/${APP}/request-conditions`, body as nock.DataMatcherMap)
      .reply(201, { ...body, id: 'rco8f3pWq1ZtKb6Ns0g7', status: 'INACTIVE', priority: 0, _links: { self: { href: `${ORG}/x` } } });
    const result = await runCard('createResourceRequestConditionV2', input as never, connection());
    expect(scope.isDone()).toBe(true);
    expect(result.status).toBe(201);
    expect(result.outputs).toMatchObject({ id: 'rco8f3pWq1ZtKb6Ns0g7', status: 'INACTIVE', requesterType: 'GROUPS', accessScopeType: 'RESOURCE_DEFAULT' });
  });
});

describe('settings with friendly fields', () => {
  const resource = { resourceId: APP };

  it('place the request-settings switches inside the API\'s nesting', () => {
    expect(
      bodyOf('updateResourceRequestSettingsV2', { ...resource, onBehalfOfAllowed: true, requestSubmissionType: 'ALLOWED_WITH_OVERRIDES', riskApprovalSequenceId: SEQUENCE }),
    ).toEqual({
      requestOnBehalfOfSettings: { allowed: true },
      riskSettings: { defaultSetting: { requestSubmissionType: 'ALLOWED_WITH_OVERRIDES', approvalSequenceId: SEQUENCE } },
    });
    expect(bodyOf('updateResourceRequestSettingsV2', { ...resource, requestOnBehalfOfSettings: null })).toEqual({ requestOnBehalfOfSettings: null });
  });

  it('refuse a risk setting the API would refuse, naming the field to fix', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ requestSubmissionType: 'ALLOWED_WITH_OVERRIDES' }, 'riskApprovalSequenceId'],
      [{ requestSubmissionType: 'RESTRICTED', riskApprovalSequenceId: SEQUENCE }, 'riskApprovalSequenceId'],
      [{ riskApprovalSequenceId: SEQUENCE }, 'requestSubmissionType'],
      [{ riskSettings: { defaultSetting: { requestSubmissionType: 'ALLOWED_WITH_OVERRIDES' } } }, 'riskSettings'],
      [{}, 'requestSubmissionType'],
    ];
    for (const [extra, field] of cases) {
      const error = refusal('updateResourceRequestSettingsV2', { ...resource, ...extra });
      expect(error.field, JSON.stringify(extra)).toBe(field);
    }
    expect(refusal('updateResourceRequestSettingsV2', { ...resource, requestSubmissionType: 'ALLOWED_WITH_OVERRIDES' }).message).toMatch(
      /riskApprovalSequenceId is required.*ALLOWED_WITH_OVERRIDES/,
    );
  });

  it('merge an org switch into the API form given next to it', () => {
    expect(
      bodyOf('updateOrgSettings', { escalations: { accessRequests: { endUserCanEscalate: false } }, endUserCanEscalate: true, sarAiSummariesEnabled: true }),
    ).toEqual({ escalations: { accessRequests: { endUserCanEscalate: true } }, governanceAI: { securityAccessReview: { enabled: true } } });
    expect(refusal('updateOrgSettings', { delegates: { enduser: { permissions: ['READ', 'WRITE'] } } }).field).toBe('delegates');
    expect(refusal('updateOrgSettings', { delegates: { enduser: { permissions: ['ADMIN'] } } }).field).toBe('delegates');
  });
});

describe('delegate appointments', () => {
  const appointment = { delegate: { externalId: '00u8f2ks1VbQrZy6h0g7', type: 'OKTA_USER' } };

  it.each(['updatePrincipalSettings', 'updateMySettings'])('%s sets one delegate or removes it, and refuses more', (id) => {
    const path = id === 'updatePrincipalSettings' ? { targetPrincipalId: '00u8f2kq7TxLmWn3p0g7' } : {};
    expect(bodyOf(id, { ...path, delegates: { appointments: [] } })).toEqual({ delegates: { appointments: [] } });
    expect(refusal(id, { ...path, delegates: { appointments: [appointment, appointment] } }).field).toBe('delegates');
    expect(refusal(id, { ...path, delegates: { appointments: [{ delegate: { externalId: '00g8f2lmT5RwYc3Ke0g7', type: 'OKTA_USER' } }] } }).field).toBe('delegates');
    expect(refusal(id, { ...path, delegates: {} }).rule).toBe('delegates-given');
    const backwards = { ...appointment, startTime: '2026-07-10T00:00:00Z', endTime: '2026-07-01T00:00:00Z' };
    const error = refusal(id, { ...path, delegates: { appointments: [backwards] } });
    expect(error.rule).toBe('delegate-appointment-window');
    expect(error.message).toMatch(/endTime .* must be after startTime/);
  });

  it('takes the user whose delegate is set by id or ORN', () => {
    const orn = 'orn:okta:directory:00o8f2a1Bc3De4Fg5h6i:users:00u8f2kq7TxLmWn3p0g7';
    expect(() => prepareCard('updatePrincipalSettings', { ...example('updatePrincipalSettings'), targetPrincipalId: orn })).not.toThrow();
    expect(refusal('updatePrincipalSettings', { ...example('updatePrincipalSettings'), targetPrincipalId: '00g8f2lmT5RwYc3Ke0g7' }).field).toBe('targetPrincipalId');
  });
});

describe('my requests and my security access reviews', () => {
  it('file a request with answers, including one for someone else, and refuse a field answered twice', async () => {
    const answers = [
      { id: 'OKTA_REQUESTED_FOR', value: '00u8f2kq7TxLmWn3p0g7' },
      { id: 'ACCESS_DURATION', value: 'PT8H' },
      { id: 'bf2a1c3e-6d4b-4a8f-9c21-7e5d3b0a9f14', values: ['Reports', 'Budgets'] },
    ];
    const scope = nock(ORG)
      .post('/governance/api/v2/my/catalogs/default/entries/cen8f3qBx2YuMc7Pt0g7/requests', { requesterFieldValues: answers })
      .reply(202, { id: 'req8f3rCy3ZvNd8Qu0g7', status: 'SUBMITTED', requestedFor: { externalId: '00u8f2kq7TxLmWn3p0g7', type: 'OKTA_USER' }, resolved: null });
    const result = await runCard('createMyRequestV2', { entryId: 'cen8f3qBx2YuMc7Pt0g7', requesterFieldValues: answers }, connection());
    expect(scope.isDone()).toBe(true);
    expect(result.status).toBe(202);
    expect(result.outputs).toMatchObject({ id: 'req8f3rCy3ZvNd8Qu0g7', status: 'SUBMITTED', requestedForUserId: '00u8f2kq7TxLmWn3p0g7' });
    const error = refusal('createMyRequestV2', { entryId: 'cen8f3qBx2YuMc7Pt0g7', requesterFieldValues: [answers[1], answers[1]] });
    expect(error.rule).toBe('my-request-answers-once');
    expect(error.message).toContain('ACCESS_DURATION');
    expect(refusal('createMyRequestV2', { entryId: 'cen8f3qBx2YuMc7Pt0g7', requesterFieldValues: [{ id: 'x', value: 'y'.repeat(1001) }] }).field).toBe(
      'requesterFieldValues',
    );
  });

  it('act on access and sub-access items only, with the actions the API knows', () => {
    const base = { securityAccessReviewId: 'sar8f3mZq2LwTn5Yv0g7', type: 'REVOKE_ACCESS' };
    for (const target of ['aim8f3nRt6KpXc1Jd0g7', 'sai8f3nSu7LqYd2Ke0g7']) {
      expect(() => prepareCard('executeMySecurityAccessReviewAccessesAction', { ...base, securityAccessReviewTargetId: target })).not.toThrow();
    }
    expect(refusal('executeMySecurityAccessReviewAccessesAction', { ...base, securityAccessReviewTargetId: 'sar8f3mZq2LwTn5Yv0g7' }).field).toBe(
      'securityAccessReviewTargetId',
    );
    expect(refusal('executeMySecurityAccessReviewAccessesAction', { ...base, securityAccessReviewTargetId: 'aim8f3nRt6KpXc1Jd0g7', type: 'DELETE' }).message).toMatch(
      /"type".*one of "REVOKE_ACCESS"/,
    );
  });

  it('sort by one key, sent as the API\'s orderBy', () => {
    expect(prepareCard('listMySecurityAccessReviews', { orderBy: ['endTime desc'] }).request.query).toBe('orderBy=endTime%20desc');
    expect(refusal('listMySecurityAccessReviews', { orderBy: ['endTime desc', 'name'] }).field).toBe('orderBy');
    expect(refusal('listMySecurityAccessReviewAccesses', { securityAccessReviewId: 'sar8f3mZq2LwTn5Yv0g7', orderBy: ['name asc'] }).field).toBe('orderBy');
  });

  it('close a review: POST the action, 202 with no body', async () => {
    const scope = nock(ORG)
      .post('/governance/api/v2/my/security-access-reviews/sar8f3mZq2LwTn5Yv0g7/actions', { actionType: 'CLOSE_REVIEW' })
      .reply(202);
    const result = await runCard('executeMySecurityAccessReviewAction', { securityAccessReviewId: 'sar8f3mZq2LwTn5Yv0g7', actionType: 'CLOSE_REVIEW' }, connection());
    expect(scope.isDone()).toBe(true);
    expect(result.status).toBe(202);
  });
});

describe.skipIf(!hasShared)('recorded real traffic of these families', () => {
  const byId = new Map(cards.map((o) => [o.id, o]));
  const recorded = hasShared
    ? loadRecorded().flatMap(({ file, interactions }) => interactions.filter((i) => byId.has(i.operation.operationId)).map((i) => ({ file, i })))
    : [];
  /** Hand-scrubbed ids in the recordings that no real org issues (INDEX.md): our id patterns refuse them. */
  const scrubbed = /ce5678abcdefghi12345/;

  it('has interactions to replay', () => {
    expect(recorded.length).toBeGreaterThan(100);
  });

  const outputValidators = new Map<string, ReturnType<typeof tolerantAjv.compile>>();
  const outputValidator = (op: Operation) => {
    if (!outputValidators.has(op.id)) outputValidators.set(op.id, tolerantAjv.compile(outputSchema(op)));
    return outputValidators.get(op.id)!;
  };

  it('replays every recorded request through the runtime and maps the real response to outputs its schema describes', async () => {
    let replayed = 0;
    for (const { file, i } of recorded) {
      const op = byId.get(i.operation.operationId)!;
      const input = recordedToInput(op, i.request);
      if (scrubbed.test(i.request.path)) {
        expect(refusal(op.id, input).field, `${file}#${i.id}`).toBe('entryId');
        continue;
      }
      const planned = prepareCard(op.id, input, NOW).request;
      expect(planned.path, `${file}#${i.id}`).toBe(i.request.path);
      if (i.request.body !== null && Object.keys(i.request.body as object).length) expect(planned.body, `${file}#${i.id}`).toEqual(i.request.body);
      if (i.response.status >= 300) continue;
      const scope = nock(ORG)
        .intercept(i.request.path, i.request.method)
        .query(true)
        .reply(i.response.status, (i.response.body ?? '') as nock.Body, { 'content-type': 'application/json' });
      const result = await runCard(op.id as never, input as never, connection());
      expect(scope.isDone(), `${file}#${i.id}`).toBe(true);
      expect(result.status).toBe(i.response.status);
      const validate = outputValidator(op);
      expect(validate(result.outputs), `${file}#${i.id} ${JSON.stringify(validate.errors as ErrorObject[] | null)}`).toBe(true);
      replayed += 1;
    }
    expect(replayed).toBeGreaterThan(100);
  });
});
