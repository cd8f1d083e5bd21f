/**
 * The rules of the families beyond the mission ones (API-NOTES §6.6, §6.7 and the spec): state
 * machines and their 409s, objects in use that can't be deleted, required filters, the seeded org
 * (everyone holds access; campaigns, reviews, collections and bundles to list), bulk seeding, the
 * public well-known document, and the end-user views that only show the caller's own reviews.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function call(sim: Simulator, method: string, path: string, body?: unknown, token = `SSWS ${sim.apiToken}`): Promise<Answer> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { Authorization: token, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const V1 = '/governance/api/v1';
const V2 = '/governance/api/v2';
const q = encodeURIComponent;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ activationDelayMs: 0, requestDecisionDelayMs: 0, rateLimits: { '*': 100_000 } });
});
afterAll(async () => sim.close());

const app = (key: string) => sim.seed.apps.find((a) => a.key === key)!;
const families = () => sim.seed.families!;

describe('the seeded org', () => {
  it('gives every user access: apps through groups and entitlements through grants', () => {
    const { users, groups, docs } = sim.state;
    for (const u of users.values()) {
      const apps = new Set([...u.appAssignments.map((a) => a.appId), ...u.groupIds.flatMap((g) => groups.get(g)!.appIds)]);
      expect(apps.size, `${u.profile.login} has apps`).toBeGreaterThan(0);
      expect([...docs.grants.values()].some((g) => g.targetPrincipal.externalId === u.id), `${u.profile.login} holds entitlements`).toBe(true);
    }
  });

  it('lists access items and sub-items in a security access review of any seeded user', async () => {
    for (const user of sim.seed.users.all) {
      const [review] = sim.addReviews(1, { principalId: user.id, reviewerIds: [sim.seed.users.admin.id === user.id ? sim.seed.users.manager.id : sim.seed.users.admin.id] });
      const accesses = await call(sim, 'GET', `${V2}/security-access-reviews/${review!.id}/accesses`);
      expect(accesses.status).toBe(200);
      expect(accesses.body.data.length, user.login).toBeGreaterThan(0);
      const withSubs = sim.state.reviews.get(review!.id)!.accesses.find((a) => a.subAccesses.length > 0);
      expect(withSubs, `${user.login} has a sub-access`).toBeDefined();
      const subs = await call(sim, 'GET', `${V2}/security-access-reviews/${review!.id}/accesses/${withSubs!.id}/sub-accesses`);
      expect(subs.body.data.length).toBeGreaterThan(0);
    }
  });

  it('has campaigns, reviews, collections, bundles, grants and conditions to list', async () => {
    expect((await call(sim, 'GET', `${V1}/campaigns`)).body.data.map((c: any) => c.status).sort()).toEqual(['ACTIVE', 'COMPLETED', 'SCHEDULED']);
    expect((await call(sim, 'GET', `${V1}/reviews?filter=${q(`campaignId eq "${families().campaigns.active}"`)}`)).body.data.length).toBeGreaterThan(0);
    expect((await call(sim, 'GET', `${V1}/collections`)).body.data.length).toBe(2);
    expect((await call(sim, 'GET', `${V1}/entitlement-bundles?limit=200`)).body.data.length).toBe(12);
    const grants = await call(sim, 'GET', `${V1}/grants?filter=${q(`target.externalId eq "${app('github').id}" AND target.type eq "APPLICATION"`)}`);
    expect(grants.body.data.length).toBeGreaterThan(0);
    expect((await call(sim, 'GET', `${V2}/resources/${app('salesforce').id}/request-conditions`)).body.data.map((c: any) => [c.priority, c.status])).toEqual([[0, 'INACTIVE'], [1, 'ACTIVE']]);
  });

  it('seeds in bulk for benchmarks: users with grants, v2 requests, campaigns, collections and reviews', async () => {
    const big = await startSimulator({ seedScale: 40, activationDelayMs: 0 });
    try {
      expect(big.state.users.size).toBe(sim.state.users.size + 40);
      expect(big.state.requestsV2.size).toBe(sim.state.requestsV2.size + 40);
      expect(big.state.docs.campaigns.size).toBe(3 + 40);
      expect(big.state.docs.collections.size).toBe(2 + 40);
      const page = await call(big, 'GET', `${V2}/requests?limit=20`);
      expect(page.body.data).toHaveLength(20);
      expect(page.body._links.next).toBeDefined();
      await expect(startSimulator({ seedScale: -1 })).rejects.toThrow(/seedScale must be a whole number/);
    } finally {
      await big.close();
    }
  });

  it('serves /.well-known/okta-organization without credentials, with the org id of its ORNs', async () => {
    const res = await fetch(`${sim.url}/.well-known/okta-organization`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; pipeline: string; _links: { organization: { href: string } } };
    expect(body.id).toMatch(/^00o[0-9a-zA-Z]{17}$/);
    expect(body.pipeline).toBe('idx');
    expect(body._links.organization.href).toBe(sim.url);
    expect(app('salesforce').orn).toBe(`orn:okta:idp:${body.id}:apps:salesforce:${app('salesforce').id}`);
  });
});

describe('campaigns and reviews', () => {
  it('launches only SCHEDULED, ends only ACTIVE and deletes only SCHEDULED campaigns (else 409)', async () => {
    const { scheduled, active, completed } = families().campaigns;
    expect((await call(sim, 'DELETE', `${V1}/campaigns/${active}`)).status).toBe(409);
    expect((await call(sim, 'POST', `${V1}/campaigns/${completed}/end`)).body.errorCode).toBe('E0000170');
    const created = await call(sim, 'POST', `${V1}/campaigns`, {
      name: 'Launch me',
      scheduleSettings: { type: 'ONE_OFF', startDate: '2030-01-01T00:00:00Z', durationInDays: 7, timeZone: 'UTC' },
      resourceSettings: { type: 'APPLICATION', targetResources: [{ resourceId: app('github').id, resourceType: 'APPLICATION' }] },
      reviewerSettings: { type: 'USER', reviewerId: sim.seed.users.manager.id },
      remediationSettings: { accessApproved: 'NO_ACTION', accessRevoked: 'DENY', noResponse: 'NO_ACTION' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'SCHEDULED', scheduleSettings: { endDate: '2030-01-08T00:00:00Z' } });
    expect(Object.keys(created.body._links)).toEqual(['self', 'launchCampaign', 'endCampaign', 'reviews']);
    const id = created.body.id;
    expect((await call(sim, 'POST', `${V1}/campaigns/${id}/launch`)).status).toBe(202);
    expect((await call(sim, 'POST', `${V1}/campaigns/${id}/launch`)).status).toBe(409);
    const reviews = await call(sim, 'GET', `${V1}/reviews?filter=${q(`campaignId eq "${id}"`)}`);
    expect(reviews.body.data.length).toBeGreaterThan(0);
    expect(reviews.body.data.every((r: any) => r.decision === 'UNREVIEWED' && r.reviewerProfile.id === sim.seed.users.manager.id)).toBe(true);
    expect((await call(sim, 'POST', `${V1}/campaigns/${id}/end`, { skipRemediation: true })).status).toBe(202);
    expect((await call(sim, 'GET', `${V1}/campaigns/${id}`)).body.status).toBe('COMPLETED');
    expect((await call(sim, 'DELETE', `${V1}/campaigns/${scheduled}`)).status).toBe(204);
  });

  it('refuses a start date in the past', async () => {
    const res = await call(sim, 'POST', `${V1}/campaigns`, {
      name: 'Too late',
      scheduleSettings: { type: 'ONE_OFF', startDate: '2020-01-01T00:00:00Z', durationInDays: 7, timeZone: 'UTC' },
      resourceSettings: { type: 'APPLICATION' },
      reviewerSettings: { type: 'USER', reviewerId: sim.seed.users.manager.id },
      remediationSettings: { accessApproved: 'NO_ACTION', accessRevoked: 'DENY', noResponse: 'NO_ACTION' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errorSummary).toContain('start date must be a future date');
  });

  it('reassigns UNREVIEWED reviews of an ACTIVE campaign once (the same reviewer again is 409 E0000174)', async () => {
    const { active } = families().campaigns;
    const review = [...sim.state.docs.certReviews.values()].find((r) => r.campaignId === active && r.reviewerProfile.id !== sim.seed.users.manager.id);
    const body = { reviewerId: sim.seed.users.manager.id, reviewIds: [review!.id], note: 'Dana is away' };
    const first = await call(sim, 'POST', `${V1}/campaigns/${active}/reviews/reassign`, body);
    expect(first.status).toBe(200);
    expect(first.body.data[0].reviewerProfile.id).toBe(sim.seed.users.manager.id);
    expect(Object.keys(first.body._links)).toEqual(['self', 'reviews']);
    expect((await call(sim, 'POST', `${V1}/campaigns/${active}/reviews/reassign`, body)).body.errorCode).toBe('E0000174');
  });
});

describe('entitlements, bundles and grants', () => {
  it('needs a parent filter to list entitlements and counts them in metadata.total', async () => {
    expect((await call(sim, 'GET', `${V1}/entitlements`)).body.errorCode).toBe('E0000028');
    const list = await call(sim, 'GET', `${V1}/entitlements?filter=${q(`parent.externalId eq "${app('salesforce').id}" AND parent.type eq "APPLICATION"`)}&limit=1`);
    expect(list.body.metadata.total).toBe(2);
    expect(list.body.data).toHaveLength(1);
    expect(list.headers.get('link')).toContain('rel="next"');
  });

  it('refuses a second entitlement with the same externalValue on an app, and deleting one in use', async () => {
    const permissionSets = families().entitlements.find((e) => e.key === 'salesforce-permission-sets')!;
    const dup = await call(sim, 'POST', `${V1}/entitlements`, { name: 'Again', externalValue: 'permission_set', multiValue: true, dataType: 'array', parent: { externalId: app('salesforce').id, type: 'APPLICATION' } });
    expect(dup.status).toBe(409);
    expect((await call(sim, 'DELETE', `${V1}/entitlements/${permissionSets.id}`)).status).toBe(409);
    const unused = families().entitlements.find((e) => e.key === 'slack-workspaces')!;
    expect((await call(sim, 'DELETE', `${V1}/entitlements/${unused.id}`)).status).toBe(204);
  });

  it('grants a bundle, shows it as the user\'s entitlements and access, and revokes it', async () => {
    const user = sim.seed.users.all.find((u) => u.firstName === 'Noah')!;
    const bundle = sim.seed.entitlementBundles.find((b) => b.key === 'aws-billing-read')!;
    const grant = await call(sim, 'POST', `${V1}/grants`, { grantType: 'ENTITLEMENT-BUNDLE', targetPrincipal: { externalId: user.id, type: 'OKTA_USER' }, entitlementBundleId: bundle.id });
    expect(grant.status).toBe(201);
    expect(grant.body._links.entitlementBundle.href).toContain(bundle.id);
    const filter = q(`parent.externalId eq "${app('aws').id}" AND parent.type eq "APPLICATION" AND targetPrincipal.externalId eq "${user.id}" AND targetPrincipal.type eq "OKTA_USER"`);
    const held = await call(sim, 'GET', `${V1}/principal-entitlements?filter=${filter}`);
    expect(held.body.data.map((e: any) => e.values.map((v: any) => v.name)).flat()).toContain('Billing Read');
    const access = await call(sim, 'GET', `${V1}/principal-access?filter=${filter}`);
    expect([access.body.base, ...access.body.additional].map((a: any) => a.bundle?.id)).toContain(bundle.id);
    expect((await call(sim, 'DELETE', `${V1}/entitlement-bundles/${bundle.id}`)).status).toBe(409);
    const revoked = await call(sim, 'POST', `${V2}/revoke-principal-access`, { principalOrn: `orn:okta:directory:${sim.seed.orgId}:users:${user.id}`, revokeOrns: [bundle.orn] });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data[0]._links['principal-access'].href).toContain('/principal-access?filter=');
    expect((await call(sim, 'GET', `${V1}/grants/${grant.body.id}`)).body.status).toBe('INACTIVE');
    expect((await call(sim, 'DELETE', `${V1}/entitlement-bundles/${bundle.id}`)).status).toBe(204);
  });

  it('replaces a grant only with _links.self, as the spec\'s PUT body requires', async () => {
    const grant = [...sim.state.docs.grants.values()].find((g) => g.grantType === 'CUSTOM')!;
    const body = { id: grant.id, grantType: grant.grantType, targetPrincipal: grant.targetPrincipal, target: grant.target, entitlements: grant.entitlements };
    const without = await call(sim, 'PUT', `${V1}/grants/${grant.id}`, { ...body, _links: {} });
    expect(without.status).toBe(400);
    expect(without.body.errorCauses[0].location).toBe('/_links/self');
    expect((await call(sim, 'PUT', `${V1}/grants/${grant.id}`, { ...body, _links: { self: { href: `${sim.url}${V1}/grants/${grant.id}` } } })).status).toBe(200);
  });
});

describe('collections, owners and risk rules', () => {
  it('holds only app ORNs, keeps names unique and refuses deleting an assigned collection', async () => {
    const { assigned } = families().collections;
    const group = sim.seed.groups[0]!;
    const bad = await call(sim, 'POST', `${V1}/collections/${assigned}/resources`, [{ resourceOrn: group.orn }]);
    expect(bad.body.errorCauses[0].reason).toBe('INVALID_RESOURCE_ORN');
    expect((await call(sim, 'POST', `${V1}/collections`, { name: 'engineering onboarding' })).status).toBe(409);
    expect((await call(sim, 'DELETE', `${V1}/collections/${assigned}`)).status).toBe(409);
    const assign = await call(sim, 'POST', `${V1}/collections/${assigned}/assignments`, [{ principal: { externalId: sim.seed.users.target.id, type: 'OKTA_USER' } }]);
    expect(assign.status).toBe(201);
    expect(assign.body[0].assignmentType).toBe('INDIVIDUAL');
    expect((await call(sim, 'POST', `${V1}/collections/${assigned}/assignments`, [{ principal: { externalId: sim.seed.users.target.id, type: 'OKTA_USER' } }])).status).toBe(409);
  });

  it('adds and removes resource owners; removing a principal who owns nothing is a 400', async () => {
    const github = app('github');
    const remove = { resourceOrn: github.orn, data: [{ op: 'REMOVE', path: '/principalOrn', value: `orn:okta:directory:${sim.seed.orgId}:users:${sim.seed.users.target.id}` }] };
    expect((await call(sim, 'PATCH', `${V1}/resource-owners`, remove)).status).toBe(400);
    expect((await call(sim, 'PATCH', `${V1}/resource-owners`, { ...remove, data: [{ ...remove.data[0], op: 'ADD' }] })).status).toBe(204);
    const list = await call(sim, 'GET', `${V1}/resource-owners?filter=${q(`resource.orn eq "${github.orn}"`)}`);
    expect(list.body.data[0].principals.map((p: any) => p.profile.id)).toEqual([sim.seed.users.manager.id, sim.seed.users.target.id]);
    expect((await call(sim, 'PATCH', `${V1}/resource-owners`, remove)).status).toBe(204);
  });

  it('keeps risk rule names unique and lists the rules a user would break', async () => {
    const rule = sim.state.docs.riskRules.get(families().riskRule)!;
    const dup = await call(sim, 'POST', `${V1}/risk-rules`, { name: rule.name, resources: rule.resources, conflictCriteria: rule.conflictCriteria });
    expect(dup.status).toBe(400);
    const user = sim.seed.users.requester;
    const admin = families().entitlements.find((e) => e.key === 'salesforce-permission-sets')!;
    const sysadmin = families().entitlements.find((e) => e.key === 'salesforce-profiles')!;
    const assess = () => call(sim, 'POST', `${V1}/risk-rule-assessments`, { principalOrn: `orn:okta:directory:${sim.seed.orgId}:users:${user.id}` });
    expect((await assess()).body.data).toEqual([]);
    for (const [e, valueId] of [[admin, admin.valueIds[2]], [sysadmin, sysadmin.valueIds[1]]] as const) {
      await call(sim, 'POST', `${V1}/grants`, { grantType: 'CUSTOM', targetPrincipal: { externalId: user.id, type: 'OKTA_USER' }, target: { externalId: app('salesforce').id, type: 'APPLICATION' }, entitlements: [{ id: e.id, values: [{ id: valueId }] }] });
    }
    expect((await assess()).body.data.map((r: any) => r.id)).toEqual([rule.id]);
  });
});

describe('request conditions, sequences and settings', () => {
  it('creates conditions INACTIVE, moves them through ACTIVE and keeps priorities 0…n-1', async () => {
    const salesforce = app('salesforce').id;
    const base = `${V2}/resources/${salesforce}/request-conditions`;
    const [sequence] = families().requestSequences;
    const created = await call(sim, 'POST', base, { name: 'First in line', approvalSequenceId: sequence, priority: 0 });
    expect(created.body).toMatchObject({ status: 'INACTIVE', priority: 0 });
    expect((await call(sim, 'GET', base)).body.data.map((c: any) => c.priority)).toEqual([0, 1, 2]);
    expect((await call(sim, 'POST', `${base}/${created.body.id}/deactivate`)).status).toBe(409);
    expect((await call(sim, 'POST', `${base}/${created.body.id}/activate`)).body.status).toBe('ACTIVE');
    expect((await call(sim, 'POST', `${base}/${created.body.id}/activate`)).status).toBe(409);
    expect((await call(sim, 'DELETE', `${base}/${created.body.id}`)).status).toBe(409);
    expect((await call(sim, 'DELETE', `${V2}/request-sequences/${sequence}`)).status).toBe(409);
    expect((await call(sim, 'DELETE', `${V2}/request-sequences/${families().requestSequences.at(-1)}`)).status).toBe(204);
  });

  it('opts an app in to entitlements asynchronously (202 OPTING_IN, then OPTED_IN)', async () => {
    const path = `${V2}/resources/${q(app('github').orn)}/entitlement-settings`;
    expect((await call(sim, 'GET', path)).body.status).toBe('OPTED_OUT');
    const patch = await call(sim, 'PATCH', path, { status: 'OPTED_IN' });
    expect([patch.status, patch.body.status]).toEqual([202, 'OPTING_IN']);
    expect((await call(sim, 'GET', path)).body.status).toBe('OPTED_IN');
  });

  it('refuses oneself as delegate, and end users setting a delegate when the org only lets them read', async () => {
    const me = sim.seed.users.manager.id;
    const self = await call(sim, 'PATCH', `${V1}/principal-settings/${me}`, { delegates: { appointments: [{ delegate: { externalId: me, type: 'OKTA_USER' } }] } });
    expect(self.status).toBe(400);
    const mine = { delegates: { appointments: [{ delegate: { externalId: sim.seed.users.manager.id, type: 'OKTA_USER' }, note: 'Away' }] } };
    expect((await call(sim, 'PATCH', `${V1}/my/settings`, mine)).status).toBe(200);
    await call(sim, 'PATCH', `${V1}/settings`, { delegates: { enduser: { permissions: ['READ'] } } });
    expect((await call(sim, 'PATCH', `${V1}/my/settings`, mine)).status).toBe(403);
    await call(sim, 'PATCH', `${V1}/settings`, { delegates: { enduser: { permissions: ['WRITE'] } } });
  });
});

describe('the end-user views', () => {
  it('show a reviewer only the security access reviews they review', async () => {
    const mine = await call(sim, 'GET', `${V2}/my/security-access-reviews`);
    expect(mine.body.data.map((r: any) => r.id)).toContain(families().securityAccessReview);
    const [other] = sim.addReviews(1, { reviewerIds: [sim.seed.users.manager.id] });
    expect(mine.body.data.map((r: any) => r.id)).not.toContain(other!.id);
    expect((await call(sim, 'GET', `${V2}/my/security-access-reviews/${other!.id}`)).status).toBe(404);
    expect((await call(sim, 'GET', `${V2}/security-access-reviews/${other!.id}`)).status).toBe(200);
  });

  it('files a request from the catalog for the caller and shows it only under its entry', async () => {
    const entry = sim.seed.catalogEntries.find((e) => e.key === 'slack')!;
    const made = await call(sim, 'POST', `${V2}/my/catalogs/default/entries/${entry.id}/requests`, {});
    expect(made.status).toBe(202);
    expect(made.body.requestedFor.externalId).toBe(sim.seed.users.admin.id);
    expect((await call(sim, 'GET', `${V2}/my/catalogs/default/entries/${entry.id}/requests/${made.body.id}`)).status).toBe(200);
    const other = sim.seed.catalogEntries.find((e) => e.key === 'github')!;
    expect((await call(sim, 'GET', `${V2}/my/catalogs/default/entries/${other.id}/requests/${made.body.id}`)).status).toBe(404);
  });
});
