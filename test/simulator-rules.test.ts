/**
 * The business rules of API-NOTES §6 as the simulator enforces them, over real HTTP: security
 * access reviews, access requests v1 and v2, request types and teams, the catalog, and labels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function call(sim: Simulator, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sim.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** Polls until `check` holds (state machines move on their own clock). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (check(value)) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached in 2 s');
}

const SAR = '/governance/api/v2/security-access-reviews';
const DAY = 86_400_000;
const q = encodeURIComponent;

describe('security access reviews', () => {
  let sim: Simulator;
  const launch = (overrides: Record<string, unknown> = {}) =>
    call(sim, 'POST', SAR, {
      principalId: sim.seed.users.target.id,
      name: `Review of ${sim.seed.users.target.login}`,
      reviewerSettings: { type: 'USER', userSettings: { includedUserIds: sim.seed.users.security.map((u) => u.id) } },
      ...overrides,
    });
  const reviewers = (ids: string[]) => ({ reviewerSettings: { type: 'USER', userSettings: { includedUserIds: ids } } });
  /** The snapshot takes a (business-clock) minute here: move the clock instead of waiting. */
  const activate = (id: string) => {
    sim.advanceClock(60_000);
    return call(sim, 'GET', `${SAR}/${id}`);
  };

  beforeAll(async () => {
    sim = await startSimulator({ activationDelayMs: 60_000, rateLimits: { '*': 100_000 } });
  });
  afterAll(() => sim.close());

  it('launches PENDING with a default end time a week out, then turns ACTIVE with an access snapshot', async () => {
    const before = Date.now();
    const created = await launch();
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'PENDING', createdBy: sim.seed.users.admin.id });
    expect(Math.abs(Date.parse(created.body.endTime) - (before + 7 * DAY))).toBeLessThan(60_000);
    expect(created.body.reviewerSettings.userSettings.includedUserProfiles.map((p: { login: string }) => p.login)).toEqual(sim.seed.users.security.map((u) => u.login));
    expect(created.body.id).toMatch(/^sar[0-9a-zA-Z]{17}$/);

    const pendingAccesses = await call(sim, 'GET', `${SAR}/${created.body.id}/accesses`);
    expect(pendingAccesses.body.data).toEqual([]);
    const active = await activate(created.body.id);
    expect(active.body.status).toBe('ACTIVE');

    const accesses = await call(sim, 'GET', `${SAR}/${created.body.id}/accesses`);
    const names = accesses.body.data.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['GitHub Enterprise', 'AWS IAM Identity Center', 'Slack', 'Salesforce']));
    expect(accesses.body.data[0].severity).toBe('HIGH'); // default order: priority desc
    const aws = accesses.body.data.find((a: { name: string }) => a.name === 'AWS IAM Identity Center');
    expect(aws.appInfo.governanceLabels.map((l: { name: string }) => l.name)).toEqual(['Privileged']);
    const high = await call(sim, 'GET', `${SAR}/${created.body.id}/accesses?filter=${q('priority eq "HIGH"')}`);
    expect(high.body.data.map((a: { id: string }) => a.id)).toEqual([aws.id]);
    const subs = await call(sim, 'GET', `${SAR}/${created.body.id}/accesses/${aws.id}/sub-accesses`);
    expect(subs.body.data.map((s: { name: string; type: string }) => [s.type, s.name])).toEqual([['GROUP', 'Cloud Admins']]);
    const anomalies = await call(sim, 'GET', `${SAR}/${created.body.id}/accesses/${aws.id}/anomalies`);
    expect(anomalies.body.data.map((a: { type: string }) => a.type)).toContain('PAST_GOVERNANCE_DECISIONS');
    const principal = await call(sim, 'GET', `${SAR}/${created.body.id}/principal`);
    expect(principal.body).toMatchObject({ id: sim.seed.users.target.id, login: sim.seed.users.target.login, manager: 'Chris Delgado', department: 'Engineering' });
  });

  it('refuses the principal as one of the reviewers with a cause on includedUserIds, and creates nothing', async () => {
    const count = sim.state.reviews.size;
    const res = await launch(reviewers([sim.seed.users.security[0]!.id, sim.seed.users.target.id]));
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(res.body.errorCauses[0].location).toBe('/reviewerSettings/userSettings/includedUserIds');
    expect(res.body.errorCauses[0].errorSummary).toContain(sim.seed.users.target.id);
    expect(sim.state.reviews.size).toBe(count);
  });

  it('takes 1 to 10 distinct, existing reviewers', async () => {
    const others = sim.seed.users.all.filter((u) => u.id !== sim.seed.users.target.id).map((u) => u.id);
    expect((await launch(reviewers(others.slice(0, 11)))).body.errorCauses[0]).toMatchObject({ reason: 'INVALID_ARRAY_LENGTH_OVER_MAX' });
    expect((await launch(reviewers([]))).body.errorCauses[0]).toMatchObject({ reason: 'INVALID_ARRAY_LENGTH_UNDER_MIN' });
    expect((await launch({ reviewerSettings: { type: 'USER' } })).status).toBe(400);
    expect((await launch(reviewers([others[0]!, others[0]!]))).body.errorCauses[0].reason).toBe('DUPLICATE_VALUES');
    expect((await launch(reviewers(['00u00000000000000000']))).body.errorCauses[0]).toMatchObject({ reason: 'IDENTIFIER_NOT_FOUND', location: '/reviewerSettings/userSettings/includedUserIds/0' });
    expect((await launch(reviewers(others.slice(0, 10)))).status).toBe(202);
  });

  it('takes an end time at least a day and less than six months ahead', async () => {
    const now = Date.now();
    for (const ms of [12 * 3_600_000, 200 * DAY, -DAY]) {
      const res = await launch({ endTime: new Date(now + ms).toISOString() });
      expect(res.status).toBe(400);
      expect(res.body.errorCauses[0].location).toBe('/endTime');
    }
    expect((await launch({ endTime: 'next tuesday' })).body.errorCauses[0].reason).toBe('STRING_FORMAT_INVALID');
    const ok = await launch({ endTime: new Date(now + 2 * DAY).toISOString() });
    expect(ok.status).toBe(202);
  });

  it('closes by CLOSE_REVIEW only when ACTIVE (409 E0000195 otherwise), and offers actions by status', async () => {
    const r = (await launch()).body;
    const early = await call(sim, 'POST', `${SAR}/${r.id}/actions`, { actionType: 'CLOSE_REVIEW' });
    expect(early.status).toBe(409);
    expect(early.body.errorCode).toBe('E0000195');
    expect((await call(sim, 'GET', `${SAR}/${r.id}/actions`)).body.data).toEqual([]);
    expect((await activate(r.id)).body.status).toBe('ACTIVE');
    expect((await call(sim, 'GET', `${SAR}/${r.id}/actions`)).body.data).toEqual([{ actionType: 'CLOSE_REVIEW' }]);
    expect((await call(sim, 'POST', `${SAR}/${r.id}/actions`, { actionType: 'CLOSE_REVIEW' })).status).toBe(202);
    expect((await call(sim, 'GET', `${SAR}/${r.id}`)).body.status).toBe('CLOSED');
    expect((await call(sim, 'POST', `${SAR}/${r.id}/actions`, { actionType: 'CLOSE_REVIEW' })).status).toBe(409);
    expect((await call(sim, 'PATCH', `${SAR}/${r.id}`, { endTime: new Date(Date.now() + 3 * DAY).toISOString() })).status).toBe(409);
    const history = await call(sim, 'GET', `${SAR}/${r.id}/history`);
    expect(history.body.data.map((h: { message: string }) => h.message)).toEqual([`created ${r.name}`, expect.stringContaining('snapshot'), 'closed the review']);
  });

  it('revokes and restores access, records comments and history, and summarises', async () => {
    const r = (await launch()).body;
    expect((await activate(r.id)).body.status).toBe('ACTIVE');
    const slack = (await call(sim, 'GET', `${SAR}/${r.id}/accesses?filter=${q('name eq "Slack"')}`)).body.data[0];
    expect(slack.supportedActions).toEqual(['REVOKE_ACCESS', 'FLAG_FOR_MANUAL_REMEDIATION']);
    expect((await call(sim, 'POST', `${SAR}/${r.id}/accesses/${slack.id}/actions`, { type: 'RESTORE_ACCESS' })).status).toBe(400);
    expect((await call(sim, 'POST', `${SAR}/${r.id}/accesses/${slack.id}/actions`, { type: 'REVOKE_ACCESS' })).status).toBe(202);
    const after = (await call(sim, 'GET', `${SAR}/${r.id}/accesses?filter=${q('name eq "Slack"')}`)).body.data[0];
    expect(after.remediationStatus).toBe('REMEDIATED');
    expect((await call(sim, 'GET', `${SAR}/${r.id}/actions`)).body.data).toEqual([{ actionType: 'CLOSE_REVIEW' }, { actionType: 'RESTORE_ALL_ACCESS' }]);
    expect((await call(sim, 'POST', `${SAR}/${r.id}/actions`, { actionType: 'RESTORE_ALL_ACCESS' })).status).toBe(202);
    expect((await call(sim, 'GET', `${SAR}/${r.id}/accesses?filter=${q('name eq "Slack"')}`)).body.data[0].remediationStatus).toBe('NONE');
    expect((await call(sim, 'POST', `${SAR}/${r.id}/comment`, { comment: 'Checked with the manager.' })).status).toBe(204);
    expect((await call(sim, 'POST', `${SAR}/${r.id}/comment`, { comment: '' })).status).toBe(400);
    const history = (await call(sim, 'GET', `${SAR}/${r.id}/history?limit=200`)).body.data.map((h: { message: string }) => h.message);
    expect(history).toEqual(expect.arrayContaining(['revoke access: Slack', 'commented: Checked with the manager.']));
    const summary = await call(sim, 'POST', `${SAR}/${r.id}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.message).toContain('Jordan Blake');
    expect((await call(sim, 'POST', `${SAR}/${r.id}/accesses/${slack.id}/summary`)).body.message).toContain('Slack');
    expect((await call(sim, 'POST', `${SAR}/${r.id}/accesses/aim00000000000000000/actions`, { type: 'REVOKE_ACCESS' })).status).toBe(404);
  });

  it('updates reviewers and end time under the same rules', async () => {
    const r = (await launch()).body;
    const newReviewers = [sim.seed.users.manager.id];
    const ok = await call(sim, 'PATCH', `${SAR}/${r.id}`, { ...reviewers(newReviewers), endTime: new Date(Date.now() + 3 * DAY).toISOString() });
    expect(ok.status).toBe(200);
    expect(ok.body.reviewerSettings.userSettings.includedUserIds).toEqual(newReviewers);
    const self = await call(sim, 'PATCH', `${SAR}/${r.id}`, reviewers([sim.seed.users.target.id]));
    expect(self.body.errorCauses[0].location).toBe('/reviewerSettings/userSettings/includedUserIds');
  });

  it('closes a review when its end time passes, and counts reviews by status', async () => {
    const r = (await launch({ endTime: new Date(Date.now() + 2 * DAY).toISOString() })).body;
    expect((await activate(r.id)).body.status).toBe('ACTIVE');
    sim.advanceClock(3 * DAY);
    expect((await call(sim, 'GET', `${SAR}/${r.id}`)).body.status).toBe('CLOSED');
    const stats = (await call(sim, 'GET', `${SAR}/stats`)).body;
    const byStatus = (s: string) => [...sim.state.reviews.values()].filter((x) => x.status === s).length;
    expect(stats).toEqual({ activeCount: byStatus('ACTIVE'), pendingCount: byStatus('PENDING'), errorCount: 0, closedCount: byStatus('CLOSED') });
    expect(stats.closedCount).toBeGreaterThan(0);
  });
});

describe('access requests v1, request types and teams', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { '*': 100_000 } });
  });
  afterAll(() => sim.close());

  it('files a request against an ACTIVE type for the caller, with pending approvals, and takes messages', async () => {
    const res = await call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: sim.seed.requestTypes.active.id, subject: 'I need GitHub for the payments repo' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ requestStatus: 'OPEN', requesterUserIds: [sim.seed.users.admin.id], type: 'ACCESS_REQUEST', resolved: null });
    expect(res.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(res.body.approvals).toEqual([{ status: 'PENDING', approvalId: expect.stringMatching(/^[0-9a-f]{24}$/) }]);
    expect(res.headers.get('location')).toBe(`${sim.url}/governance/api/v1/requests/${res.body.id}`);
    const message = await call(sim, 'POST', `/governance/api/v1/requests/${res.body.id}/messages`, { message: 'Line one\nline two' });
    expect(message.status).toBe(201);
    expect(message.body).toBeUndefined();
    expect(sim.state.messages.at(-1)).toMatchObject({ requestId: res.body.id, api: 'v1', message: 'Line one\nline two', authorId: sim.seed.users.admin.id });
    expect((await call(sim, 'POST', `/governance/api/v1/requests/${res.body.id}/messages`, { message: 'x'.repeat(5001) })).status).toBe(400);
    expect((await call(sim, 'POST', '/governance/api/v1/requests/0123456789abcdef01234567/messages', { message: 'hi' })).status).toBe(404);
    const listed = await call(sim, 'GET', `/governance/api/v1/requests?filter=${q('requestStatus eq "OPEN"')}`);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toContain(res.body.id);
  });

  it('refuses DRAFT and DISABLED request types with 409 E0000195 in the access-request shape', async () => {
    for (const [type, status] of [[sim.seed.requestTypes.draft.id, 'DRAFT'], [sim.seed.requestTypes.disabled.id, 'DISABLED']] as const) {
      const res = await call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: type, subject: 'Please' });
      expect(res.status).toBe(409);
      expect(res.body.errorCode).toBe('E0000195');
      expect(res.body.errorSummary).toContain(`must be ACTIVE. Current status: ${status}`);
      expect(res.body.errorId).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('checks subject length, one requester, known type and required fields', async () => {
    const active = sim.seed.requestTypes.active.id;
    const long = await call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: active, subject: 'x'.repeat(251) });
    expect(long.body.errorCauses[0]).toMatchObject({ location: '/subject', errorSummary: 'must be at most 250 characters' });
    const two = await call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: active, subject: 'Hi', requesterUserIds: [sim.seed.users.target.id, sim.seed.users.requester.id] });
    expect(two.body.errorCauses[0].location).toBe('/requesterUserIds');
    const unknown = await call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: '0123456789abcdef01234567', subject: 'Hi' });
    expect(unknown.body.errorCauses[0].location).toBe('/requestTypeId');
    const forSomeone = await call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: active, subject: 'For Casey', requesterUserIds: [sim.seed.users.requester.id] });
    expect(forSomeone.body.requesterUserIds).toEqual([sim.seed.users.requester.id]);

    // publish the draft type (it has a required field), then the field is required
    expect((await call(sim, 'POST', `/governance/api/v1/request-types/${sim.seed.requestTypes.draft.id}/publish`)).body.status).toBe('ACTIVE');
    const missing = await call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: sim.seed.requestTypes.draft.id, subject: 'Salesforce please' });
    expect(missing.status).toBe(400);
    expect(missing.body.errorSummary).toContain('Which sales region?');
    const field = sim.state.requestTypes.get(sim.seed.requestTypes.draft.id)!.requestSettings.requesterFields[0]!;
    const complete = await call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: sim.seed.requestTypes.draft.id, subject: 'Salesforce please', requesterFieldValues: [{ id: field.id, value: 'EMEA' }] });
    expect(complete.status).toBe(201);
    // no approval step: resolved at once, and the access is granted
    expect(complete.body).toMatchObject({ requestStatus: 'RESOLVED', actions: [expect.objectContaining({ status: 'COMPLETED', action: 'ASSIGN_APP_TO_USER', actionStatus: 'SUCCEEDED' })] });
    expect((await call(sim, 'POST', `/governance/api/v1/request-types/${sim.seed.requestTypes.draft.id}/un-publish`)).body.status).toBe('DRAFT');
    expect((await call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: sim.seed.requestTypes.draft.id, subject: 'Again' })).status).toBe(409);
  });

  it('moves request types DRAFT ⇄ ACTIVE, refuses DISABLED, creates and deletes them', async () => {
    const disabled = await call(sim, 'POST', `/governance/api/v1/request-types/${sim.seed.requestTypes.disabled.id}/publish`);
    expect(disabled.status).toBe(409);
    expect(disabled.body.errorCode).toBe('E0000195');
    const group = sim.seed.groups.find((g) => g.key === 'finance')!;
    const created = await call(sim, 'POST', '/governance/api/v1/request-types', {
      name: 'Finance group',
      ownerId: sim.seed.team.id,
      resourceSettings: { type: 'GROUPS', targetResources: [{ resourceId: group.id }] },
      requestSettings: { type: 'EVERYONE', requesterFields: [{ prompt: 'Cost centre?', type: 'TEXT' }] },
      approvalSettings: { type: 'SERIAL', approvals: [{ approverType: 'MANAGER' }] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'DRAFT', lastUpdateSource: 'API', accessDuration: null });
    expect(created.body.requestSettings.requesterFields[0]).toMatchObject({ prompt: 'Cost centre?', required: true, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(created.body.resourceSettings.targetResources[0].resourceName).toBe('Finance');
    const wrongKind = await call(sim, 'POST', '/governance/api/v1/request-types', {
      ownerId: sim.seed.team.id,
      resourceSettings: { type: 'APPS', targetResources: [{ resourceId: group.id }] },
      approvalSettings: { type: 'NONE' },
    });
    expect(wrongKind.body.errorCauses[0].location).toBe('/resourceSettings/targetResources/0/resourceId');
    const badOwner = await call(sim, 'POST', '/governance/api/v1/request-types', { ...created.body, ownerId: '0123456789abcdef01234567' });
    expect(badOwner.body.errorCauses[0].location).toBe('/ownerId');
    expect((await call(sim, 'DELETE', `/governance/api/v1/request-types/${created.body.id}`)).status).toBe(204);
    expect((await call(sim, 'GET', `/governance/api/v1/request-types/${created.body.id}`)).status).toBe(404);
    const active = await call(sim, 'GET', `/governance/api/v1/request-types?filter=${q('status eq "ACTIVE"')}`);
    expect(active.body.data.map((t: { id: string }) => t.id)).toEqual([sim.seed.requestTypes.active.id]);
  });

  it('lists teams, filtered by name', async () => {
    const teams = await call(sim, 'GET', `/governance/api/v1/teams?filter=${q('name eq "IT"')}`);
    expect(teams.body.data).toEqual([expect.objectContaining({ id: sim.seed.team.id, name: 'IT' })]);
  });
});

describe('access requests v2 and the catalog', () => {
  let sim: Simulator;
  const entry = (key: string) => sim.seed.catalogEntries.find((e) => e.key === key)!;
  const request = (entryId: string, extra: Record<string, unknown> = {}) =>
    call(sim, 'POST', '/governance/api/v2/requests', {
      requested: { type: 'CATALOG_ENTRY', entryId },
      requestedFor: { type: 'OKTA_USER', externalId: sim.seed.users.requester.id },
      ...extra,
    });
  beforeAll(async () => {
    sim = await startSimulator({ requestDecisionDelayMs: 200, timeScale: 10, rateLimits: { '*': 100_000 } });
  });
  afterAll(() => sim.close());

  it('answers 202 SUBMITTED, then PENDING when the required fields are filled', async () => {
    const github = await request(entry('github').id);
    expect(github.status).toBe(202);
    expect(github.body).toMatchObject({ status: 'SUBMITTED', requestedBy: { externalId: sim.seed.users.admin.id, type: 'OKTA_USER' }, requested: { resourceType: 'APPLICATION' } });
    expect(github.body.id).toMatch(/^req[0-9a-zA-Z]{17}$/);
    const later = await eventually(() => call(sim, 'GET', `/governance/api/v2/requests/${github.body.id}`), (r) => r.body.status !== 'SUBMITTED');
    expect(later.body).toMatchObject({ status: 'PENDING', accessDuration: 'P30D', riskAssessment: { requestSubmissionType: 'ALLOWED_WITH_NO_OVERRIDES' } });
    expect((await call(sim, 'POST', `/governance/api/v2/requests/${github.body.id}/messages`, { message: 'Thanks!' })).status).toBe(201);
    const mine = await call(sim, 'GET', `/governance/api/v2/requests?filter=${q(`status eq "PENDING" AND requestedFor eq "${sim.seed.users.requester.id}"`)}`);
    expect(mine.body.data.map((r: { id: string }) => r.id)).toContain(github.body.id);
  });

  it('rejects a request whose required fields are empty, as the real service does', async () => {
    const sales = entry('salesforce-sales-cloud');
    const empty = await request(sales.id);
    expect(empty.status).toBe(202);
    const rejected = await eventually(() => call(sim, 'GET', `/governance/api/v2/requests/${empty.body.id}`), (r) => r.body.status !== 'SUBMITTED');
    expect(rejected.body.status).toBe('REJECTED');
    const fields = (await call(sim, 'GET', `/governance/api/v2/catalogs/default/entries/${sales.id}/users/${sim.seed.users.requester.id}/request-fields`)).body.data;
    const filled = await request(sales.id, { requesterFieldValues: fields.map((f: { id: string; choices?: string[] }) => (f.choices ? { id: f.id, values: [f.choices[0]] } : { id: f.id, value: 'Because' })) });
    const pending = await eventually(() => call(sim, 'GET', `/governance/api/v2/requests/${filled.body.id}`), (r) => r.body.status !== 'SUBMITTED');
    expect(pending.body.status).toBe('PENDING');
  });

  it('refuses unrequestable entries, unknown users and unknown fields', async () => {
    expect((await request(entry('salesforce').id)).body.errorCauses[0].location).toBe('/requested/entryId');
    expect((await request('cen00000000000000000')).body.errorCauses[0].reason).toBe('IDENTIFIER_NOT_FOUND');
    const nobody = await call(sim, 'POST', '/governance/api/v2/requests', { requested: { type: 'CATALOG_ENTRY', entryId: entry('slack').id }, requestedFor: { type: 'OKTA_USER', externalId: '00u00000000000000000' } });
    expect(nobody.body.errorCauses[0].location).toBe('/requestedFor/externalId');
    expect((await request(entry('slack').id, { requesterFieldValues: [{ id: 'nope', value: 'x' }] })).body.errorCauses[0].location).toBe('/requesterFieldValues/0/id');
  });

  it('lists catalog entries by parent, with match 3–50 characters, and needs a filter', async () => {
    expect((await call(sim, 'GET', '/governance/api/v2/catalogs/default/entries')).body.errorCode).toBe('E0000028');
    const top = (await call(sim, 'GET', `/governance/api/v2/catalogs/default/entries?filter=${q('not(parent pr)')}`)).body.data.map((e: { name: string }) => e.name);
    expect(top).toEqual(['Salesforce', 'GitHub Enterprise', 'Slack', 'AWS IAM Identity Center']);
    const children = await call(sim, 'GET', `/governance/api/v2/catalogs/default/entries?filter=${q(`parent eq "${entry('aws').id}"`)}`);
    expect(children.body.data.map((e: { name: string }) => e.name)).toEqual(['AWS read-only']);
    const short = await call(sim, 'GET', `/governance/api/v2/catalogs/default/entries?filter=${q('not(parent pr)')}&match=ab`);
    expect(short.status).toBe(400);
    expect(short.body.errorCauses[0].errorSummary).toContain('"ab" is too short');
    const matched = await call(sim, 'GET', `/governance/api/v2/catalogs/default/user/${sim.seed.users.requester.id}/entries?filter=${q('not(parent pr)')}&match=git`);
    expect(matched.body.data.map((e: { name: string }) => e.name)).toEqual(['GitHub Enterprise']);
    expect((await call(sim, 'GET', `/governance/api/v2/catalogs/default/user/00u00000000000000000/entries?filter=${q('not(parent pr)')}`)).status).toBe(404);
  });
});

describe('labels', () => {
  let sim: Simulator;
  const create = (name: string, values: { name: string; color?: string }[]) =>
    call(sim, 'POST', '/governance/api/v1/labels', {
      name,
      values: values.map((v) => ({ name: v.name, ...(v.color ? { metadata: { additionalProperties: { backgroundColor: v.color } } } : {}) })),
    });
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { '*': 100_000 } });
  });
  afterAll(() => sim.close());

  it('creates a label with coloured values, 201 with Location and a self Link', async () => {
    const res = await create('Sensitivity', [{ name: 'High', color: 'red' }, { name: 'Low' }]);
    expect(res.status).toBe(201);
    expect(res.body.labelId).toMatch(/^lbc[0-9a-zA-Z]{17}$/);
    expect(res.body.values).toEqual([
      { labelValueId: expect.stringMatching(/^lbl/), name: 'High', metadata: { additionalProperties: { backgroundColor: 'red' } } },
      { labelValueId: expect.stringMatching(/^lbl/), name: 'Low' },
    ]);
    expect(res.headers.get('location')).toBe(`${sim.url}/governance/api/v1/labels/${res.body.labelId}`);
    expect(res.headers.get('link')).toBe(`<${sim.url}/governance/api/v1/labels/${res.body.labelId}>; rel="self"`);
  });

  it('keeps names unique ignoring case, at most 10 values, known colours', async () => {
    expect((await create('SENSITIVITY', [{ name: 'Other' }])).body.errorCauses[0].location).toBe('/name');
    expect((await create('Tier', [{ name: 'crown jewel' }])).body.errorCauses[0].location).toBe('/values/0/name');
    expect((await create('Tier', [{ name: 'A' }, { name: 'a' }])).body.errorCauses[0].reason).toBe('DUPLICATE_VALUES');
    expect((await create('Tier', Array.from({ length: 11 }, (_, i) => ({ name: `T${i}` })))).body.errorCauses[0].reason).toBe('INVALID_ARRAY_LENGTH_OVER_MAX');
    expect((await create('Tier', [{ name: 'T1', color: 'pink' }])).body.errorCauses[0].reason).toBe('INVALID_ENUM_VALUE');
    expect((await create('x'.repeat(51), [])).body.errorCauses[0]).toMatchObject({ location: '/name', reason: 'INVALID_STRING_LENGTH_OVER_MAX' });
  });

  it('refuses to change or delete the predefined labels', async () => {
    const { crownJewel } = sim.seed.labels;
    const patch = await call(sim, 'PATCH', `/governance/api/v1/labels/${crownJewel.labelId}`, [{ op: 'REPLACE', path: '/name', value: 'Gem', refType: 'LABEL-CATEGORY' }]);
    expect(patch.status).toBe(400);
    expect(patch.body.errorSummary).toContain('predefined');
    expect((await call(sim, 'DELETE', `/governance/api/v1/labels/${crownJewel.labelId}`)).status).toBe(400);
  });

  it('renames, adds, recolours and removes values with PATCH operations applied together', async () => {
    const label = (await create('Data class', [{ name: 'Public' }, { name: 'Internal' }])).body;
    const [pub, internal] = label.values;
    const res = await call(sim, 'PATCH', `/governance/api/v1/labels/${label.labelId}`, [
      { op: 'REPLACE', path: '/name', value: 'Data classification', refType: 'LABEL-CATEGORY' },
      { op: 'ADD', path: '/values/-', value: { name: 'Secret', metadata: { additionalProperties: { backgroundColor: 'purple' } } }, refType: 'LABEL-VALUE' },
      { op: 'REPLACE', path: `/values/${pub.labelValueId}/name`, value: { name: 'Open' }, refType: 'LABEL-VALUE' },
      { op: 'REPLACE', path: `/values/${pub.labelValueId}/metadata/additionalProperties/backgroundColor`, value: { metadata: { additionalProperties: { backgroundColor: 'green' } } }, refType: 'LABEL-VALUE' },
      { op: 'REMOVE', path: `/values/${internal.labelValueId}`, refType: 'LABEL-VALUE' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Data classification');
    expect(res.body.values.map((v: { name: string }) => v.name)).toEqual(['Open', 'Secret']);
    expect(res.body.values[0].metadata.additionalProperties.backgroundColor).toBe('green');
    const bad = await call(sim, 'PATCH', `/governance/api/v1/labels/${label.labelId}`, [
      { op: 'REPLACE', path: '/name', value: 'Renamed', refType: 'LABEL-CATEGORY' },
      { op: 'REMOVE', path: '/values/lbl00000000000000000', refType: 'LABEL-VALUE' },
    ]);
    expect(bad.status).toBe(400);
    expect((await call(sim, 'GET', `/governance/api/v1/labels/${label.labelId}`)).body.name).toBe('Data classification');
  });

  it('assigns every value to every resource, caps a resource at 10 values, and refuses unknown ORNs', async () => {
    const label = (await create('Owner team', Array.from({ length: 10 }, (_, i) => ({ name: `Team ${i}` })))).body;
    const github = sim.seed.apps.find((a) => a.key === 'github')!;
    const engineering = sim.seed.groups.find((g) => g.key === 'engineering')!;
    const res = await call(sim, 'POST', '/governance/api/v1/resource-labels/assign', { resourceOrns: [github.orn, engineering.orn], labelValueIds: [label.values[0].labelValueId, label.values[1].labelValueId] });
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { orn: string }) => r.orn)).toEqual([github.orn, engineering.orn]);
    expect(res.body.data[0]).toMatchObject({ profile: { id: github.id, name: 'GitHub Enterprise' }, labels: [{ labelId: label.labelId, values: [{ name: 'Team 0' }, { name: 'Team 1' }] }] });
    const tooMany = await call(sim, 'POST', '/governance/api/v1/resource-labels/assign', { resourceOrns: [github.orn], labelValueIds: [...label.values.map((v: { labelValueId: string }) => v.labelValueId).slice(2), sim.seed.labels.privileged.labelValueId] });
    expect(tooMany.body.errorCauses[0].errorSummary).toContain('at most 10');
    const unknown = await call(sim, 'POST', '/governance/api/v1/resource-labels/assign', { resourceOrns: [`orn:okta:idp:${sim.seed.orgId}:apps:zoom:0oa00000000000000000`], labelValueIds: [label.values[0].labelValueId] });
    expect(unknown.body.errorCauses[0]).toMatchObject({ location: '/resourceOrns/0', reason: 'IDENTIFIER_NOT_FOUND' });
    const eleven = await call(sim, 'POST', '/governance/api/v1/resource-labels/assign', { resourceOrns: Array(11).fill(github.orn), labelValueIds: [label.values[0].labelValueId] });
    expect(eleven.body.errorCauses[0].reason).toBe('INVALID_ARRAY_LENGTH_OVER_MAX');
    const listed = await call(sim, 'GET', `/governance/api/v1/resource-labels?filter=${q(`labelValueId eq "${label.values[1].labelValueId}"`)}`);
    expect(listed.body.data.map((r: { orn: string }) => r.orn).sort()).toEqual([github.orn, engineering.orn].sort());
  });

  it('refuses to delete a label while a value is assigned; unassign, then delete', async () => {
    const label = (await create('Retention', [{ name: 'Seven years' }])).body;
    const slack = sim.seed.apps.find((a) => a.key === 'slack')!;
    const body = { resourceOrns: [slack.orn], labelValueIds: [label.values[0].labelValueId] };
    expect((await call(sim, 'POST', '/governance/api/v1/resource-labels/assign', body)).status).toBe(200);
    const refused = await call(sim, 'DELETE', `/governance/api/v1/labels/${label.labelId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.errorSummary).toContain('unassign');
    expect((await call(sim, 'POST', '/governance/api/v1/resource-labels/unassign', body)).status).toBe(204);
    expect((await call(sim, 'DELETE', `/governance/api/v1/labels/${label.labelId}`)).status).toBe(204);
    expect((await call(sim, 'GET', `/governance/api/v1/labels/${label.labelId}`)).status).toBe(404);
  });

  it('allows at most 10 custom labels besides the predefined two', async () => {
    const existing = [...sim.state.labels.values()].filter((l) => !l.predefined).length;
    for (let i = existing; i < 10; i++) expect((await create(`Extra ${i}`, [{ name: `Extra value ${i}` }])).status).toBe(201);
    const eleventh = await create('One too many', [{ name: 'Nope' }]);
    expect(eleventh.status).toBe(400);
    expect(eleventh.body.errorCauses[0].errorSummary).toContain('10 custom labels');
  });
});

describe('seed', () => {
  it('is deterministic for a seed string and differs between seeds', async () => {
    const a = await startSimulator({ seed: 'alpha' });
    const b = await startSimulator({ seed: 'alpha' });
    const c = await startSimulator({ seed: 'beta' });
    try {
      expect(b.seed).toEqual(a.seed);
      expect(c.seed.users.target.id).not.toBe(a.seed.users.target.id);
      expect(c.seed.users.target.login).toBe(a.seed.users.target.login);
      expect(a.seed.apps.every((app) => app.orn === `orn:okta:idp:${a.seed.orgId}:apps:${app.key}:${app.id}`)).toBe(true);
      expect(a.seed.groups.every((g) => g.orn === `orn:okta:directory:${a.seed.orgId}:groups:${g.id}`)).toBe(true);
      expect(a.seed.users.security.map((u) => u.id)).not.toContain(a.seed.users.target.id);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
