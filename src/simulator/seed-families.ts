/**
 * The governance side of the seeded org, made through the same code the API runs: entitlements on
 * the apps, the seeded bundles with entitlements, grants so every user holds entitlements, a
 * scheduled, an active and a completed campaign (with reviews), a security access review the admin
 * reviews, a collection, a risk rule, resource owners, approval sequences and request conditions,
 * a delegate, and the org's settings. `scale` adds that many more of each listable object (users,
 * v2 requests, campaigns, collections, grants, reviews …) for benchmarks.
 */
import type { Ctx, SimCore } from './core.ts';
import { IdGenerator } from './ids.ts';
import { launch, newCampaign } from './routes/campaigns.ts';
import { addCollection, addCollectionResource, assignCollectionTo } from './routes/collections.ts';
import { addEntitlement, addGrant } from './routes/entitlements.ts';
import { addCondition, addSequence } from './routes/request-conditions.ts';
import { submitV2 } from './routes/requests.ts';
import { createReview } from './routes/security-access-reviews.ts';
import { addAppointment, defaultOrgRequestSettings, defaultOrgSettings } from './routes/settings.ts';
import type { Doc, UserRecord } from './state.ts';

export interface SeededFamilies {
  entitlements: { key: string; id: string; valueIds: string[] }[];
  campaigns: { scheduled: string; active: string; completed: string };
  /** A security access review of a colleague, reviewed by the admin and the security team. */
  securityAccessReview: string;
  collection: string;
  riskRule: string;
  requestSequences: string[];
  requestCondition: string;
  grants: string[];
  delegate: string;
}

const DAY = 86_400_000;

function ctxFor(core: SimCore, stream: string): Ctx {
  const admin = core.seed.users.admin.id;
  return { core: { ...core, ids: new IdGenerator(core.seed.seed, stream) }, method: 'POST', path: '/', params: {}, query: new URLSearchParams(), body: undefined, caller: { type: 'USER', id: admin } };
}

export function seedFamilies(core: SimCore, scale = 0): SeededFamilies {
  const ctx = ctxFor(core, 'families');
  const { state, seed } = core;
  state.orgSettings = defaultOrgSettings();
  state.orgRequestSettings = defaultOrgRequestSettings();
  const app = (key: string) => seed.apps.find((a) => a.key === key)!.id;
  const user = (id: string) => state.users.get(id)!;

  const ent = (key: string, appKey: string, name: string, values: string[]) => {
    const e = addEntitlement(ctx, {
      name,
      externalValue: name.toLowerCase().replace(/\W+/g, '_'),
      description: `${name} in ${state.apps.get(app(appKey))!.label}`,
      multiValue: true,
      dataType: 'array',
      parent: { externalId: app(appKey), type: 'APPLICATION' },
      values: values.map((v) => ({ name: v, externalValue: v.toLowerCase().replace(/\W+/g, '_'), description: `${name}: ${v}` })),
    });
    return { key, e };
  };
  const made = [
    ent('salesforce-permission-sets', 'salesforce', 'Permission Set', ['Sales Ops', 'Sales Admin', 'Read Only']),
    ent('aws-roles', 'aws', 'Role', ['Billing Read', 'Power User', 'Administrator']),
    ent('github-org-roles', 'github', 'Organization Role', ['Member', 'Owner']),
    ent('workday-roles', 'workday', 'Business Role', ['Raise Payment', 'Approve Payment', 'Payroll']),
  ];
  const byKey = (key: string) => made.find((m) => m.key === key)!.e;
  const value = (key: string, name: string) => ({ id: byKey(key).values.find((v: Doc) => v.name === name)!.id as string });

  // The seeded bundles become full bundle documents with their entitlements.
  const bundleEntitlements: Record<string, { key: string; value: string }> = {
    'salesforce-sales-ops': { key: 'salesforce-permission-sets', value: 'Sales Ops' },
    'aws-billing-read': { key: 'aws-roles', value: 'Billing Read' },
  };
  for (const b of seed.entitlementBundles) {
    const record = state.bundles.get(b.id)!;
    const target = state.apps.get(record.appId)!;
    const spec = bundleEntitlements[b.key];
    state.docs.entitlementBundles.set(b.id, {
      id: b.id,
      name: record.name,
      description: record.description,
      orn: record.orn,
      target: { externalId: target.id, type: 'APPLICATION' },
      targetResourceOrn: target.orn,
      entitlements: spec ? [{ id: byKey(spec.key).id, values: [value(spec.key, spec.value)] }] : [],
      status: 'ACTIVE',
      created: state.users.get(seed.users.admin.id)!.created,
      createdBy: seed.users.admin.id,
      lastUpdated: state.users.get(seed.users.admin.id)!.created,
      lastUpdatedBy: seed.users.admin.id,
    });
  }

  // Everyone holds entitlements: bundle grants for bundle holders, custom grants by department.
  const grants: string[] = [];
  const grantCustom = (u: UserRecord, key: string, name: string) => {
    const e = byKey(key);
    grants.push(addGrant(ctx, { grantType: 'CUSTOM', targetPrincipal: { externalId: u.id, type: 'OKTA_USER' }, target: { externalId: e.parent.externalId, type: 'APPLICATION' }, entitlements: [{ id: e.id, values: [value(key, name)] }] }).id);
  };
  for (const u of state.users.values()) {
    for (const bundleId of [...u.bundleIds]) grants.push(addGrant(ctx, { grantType: 'ENTITLEMENT-BUNDLE', targetPrincipal: { externalId: u.id, type: 'OKTA_USER' }, entitlementBundleId: bundleId, actor: 'ACCESS_REQUEST' }).id);
    const dept = u.profile.department;
    if (dept === 'Engineering' || dept === 'Security') grantCustom(u, 'github-org-roles', u.profile.title.includes('Manager') ? 'Owner' : 'Member');
    else if (dept === 'Sales') grantCustom(u, 'salesforce-permission-sets', 'Read Only');
    else if (dept === 'Finance') grantCustom(u, 'workday-roles', 'Raise Payment');
    else grantCustom(u, 'aws-roles', u.adminRoles.length ? 'Administrator' : 'Billing Read');
  }

  // Campaigns: scheduled, active (launched, with reviews) and completed.
  const campaign = (name: string, startInDays: number, appKey: string) => {
    const c = newCampaign(ctx, {
      name,
      description: `Confirm who still needs ${state.apps.get(app(appKey))!.label}`,
      campaignType: 'RESOURCE',
      scheduleSettings: { type: 'ONE_OFF', startDate: core.clock.iso(core.clock.now() + startInDays * DAY), durationInDays: 14, timeZone: 'UTC' },
      resourceSettings: { type: 'APPLICATION', targetResources: [{ resourceId: app(appKey), resourceType: 'APPLICATION' }], includeEntitlements: true },
      reviewerSettings: { type: 'USER', reviewerId: seed.users.admin.id },
      remediationSettings: { accessApproved: 'NO_ACTION', accessRevoked: 'DENY', noResponse: 'NO_ACTION' },
    });
    state.docs.campaigns.set(c.id, c);
    return c;
  };
  const scheduled = campaign('Quarterly review: GitHub Enterprise', 30, 'github');
  const active = campaign('Monthly review: Salesforce', 1, 'salesforce');
  launch(ctx, active);
  const completed = campaign('Annual review: AWS IAM Identity Center', 2, 'aws');
  launch(ctx, completed);
  completed.status = 'COMPLETED';

  // A security access review the admin takes part in (of a colleague, so the target has none open).
  const colleague = seed.users.all.find((u) => u.firstName === 'Ava')!;
  const sar = createReview(ctx.core, {
    name: `Access review of ${colleague.firstName} ${colleague.lastName}`,
    principalId: colleague.id,
    reviewerIds: [seed.users.admin.id, ...seed.users.security.map((u) => u.id)],
    createdBy: seed.users.admin.id,
  });

  // A collection, a risk rule, owners, approval sequences, conditions, a delegate.
  const collection = addCollection(ctx, { name: 'Core Engineering Access', description: 'Apps every engineer needs on day one' });
  for (const key of ['github', 'slack']) addCollectionResource(ctx, collection, seed.apps.find((a) => a.key === key)!.orn, '/resourceOrn');
  assignCollectionTo(ctx, collection, seed.users.manager.id);

  const workday = byKey('workday-roles');
  const riskRule: Doc = {
    id: ctx.core.ids.okta('rul'),
    name: 'Raise and approve payments',
    description: 'Nobody both raises and approves a payment',
    type: 'SEPARATION_OF_DUTIES',
    status: 'ACTIVE',
    resources: [{ resourceOrn: state.apps.get(app('workday'))!.orn }],
    conflictCriteria: {
      and: [
        { name: 'Raisers', attribute: 'principal.effective_grants', operation: 'CONTAINS_ONE', value: { type: 'ENTITLEMENTS', value: [{ id: workday.id, values: [value('workday-roles', 'Raise Payment')] }] } },
        { name: 'Approvers', attribute: 'principal.effective_grants', operation: 'CONTAINS_ONE', value: { type: 'ENTITLEMENTS', value: [{ id: workday.id, values: [value('workday-roles', 'Approve Payment')] }] } },
      ],
    },
    ...ctxAudit(ctx),
  };
  state.docs.riskRules.set(riskRule.id, riskRule);

  const github = state.apps.get(app('github'))!;
  state.docs.resourceOwners.set(github.orn, {
    key: github.orn,
    principals: [{ id: ctx.core.ids.okta('pri'), type: 'users', orn: `orn:okta:directory:${seed.orgId}:users:${seed.users.manager.id}`, profile: { id: seed.users.manager.id, name: `${seed.users.manager.firstName} ${seed.users.manager.lastName}`, email: seed.users.manager.email, logo: [] } }],
    resource: { id: github.id, type: 'apps', orn: github.orn, profile: { id: github.id, name: github.label, label: github.label, logo: [] } },
  });

  const sequences = [
    addSequence(ctx, "Requester's manager approves", "The requester's manager approves or denies the request."),
    addSequence(ctx, 'Manager, then app owner', "The requester's manager approves first, then the app's owner."),
  ];
  const condition = addCondition(ctx, github.id, { name: 'Everyone, 30 days, manager approval', requesterSettings: { type: 'EVERYONE' }, accessScopeSettings: { type: 'RESOURCE_DEFAULT' }, accessDurationSettings: { type: 'ADMIN_FIXED_DURATION', duration: 'P30D' }, approvalSequenceId: sequences[0]!.id });
  condition.status = 'ACTIVE';

  const delegate = addAppointment(ctx, seed.users.manager.id, seed.users.security[0]!.id, 'Covers approvals while Chris is away');

  scaleUp(ctx, scale);

  return {
    entitlements: made.map(({ key, e }) => ({ key, id: e.id, valueIds: e.values.map((v: Doc) => v.id) })),
    campaigns: { scheduled: scheduled.id, active: active.id, completed: completed.id },
    securityAccessReview: sar.id,
    collection: collection.id,
    riskRule: riskRule.id,
    requestSequences: sequences.map((s) => s.id),
    requestCondition: condition.id,
    grants,
    delegate: delegate.id,
  };
}

function ctxAudit(ctx: Ctx): Doc {
  const now = ctx.core.clock.iso();
  return { created: now, createdBy: ctx.caller.id, lastUpdated: now, lastUpdatedBy: ctx.caller.id };
}

/** `scale` more users (each with a group, an app and a grant), v2 requests, campaigns, collections and reviews. */
function scaleUp(ctx: Ctx, scale: number): void {
  if (scale <= 0) return;
  const { state, seed } = ctx.core;
  const engineering = state.groups.get(seed.groups.find((g) => g.key === 'engineering')!.id)!;
  const github = [...state.docs.entitlements.values()].find((e) => e.name === 'Organization Role')!;
  const entry = seed.catalogEntries.find((e) => e.key === 'github')!;
  const template = state.users.get(seed.users.requester.id)!;
  for (let i = 1; i <= scale; i++) {
    const id = ctx.core.ids.okta('00u');
    const login = `bulk.user${i}@example.com`;
    state.users.set(id, { ...structuredClone(template), id, profile: { ...template.profile, firstName: 'Bulk', lastName: `User ${i}`, email: login, login, department: 'Engineering' }, groupIds: [engineering.id], appAssignments: [], bundleIds: [] });
    addGrant(ctx, { grantType: 'CUSTOM', targetPrincipal: { externalId: id, type: 'OKTA_USER' }, target: { externalId: github.parent.externalId, type: 'APPLICATION' }, entitlements: [{ id: github.id, values: [{ id: github.values[0].id }] }] });
    const request = submitV2(ctx, { entryId: entry.id, requestedFor: { externalId: id, type: 'OKTA_USER' }, values: [], at: '' });
    request.status = request.outcome;
    delete request.decideAt;
    const c = newCampaign(ctx, {
      name: `Bulk campaign ${i}`,
      scheduleSettings: { type: 'ONE_OFF', startDate: ctx.core.clock.iso(ctx.core.clock.now() + 30 * DAY), durationInDays: 7, timeZone: 'UTC' },
      resourceSettings: { type: 'APPLICATION', targetResources: [{ resourceId: github.parent.externalId, resourceType: 'APPLICATION' }] },
      reviewerSettings: { type: 'USER', reviewerId: seed.users.admin.id },
      remediationSettings: { accessApproved: 'NO_ACTION', accessRevoked: 'NO_ACTION', noResponse: 'NO_ACTION' },
    });
    state.docs.campaigns.set(c.id, c);
    addCollection(ctx, { name: `Bulk collection ${i}` });
    createReview(ctx.core, { name: `Bulk access review ${i}`, principalId: id, reviewerIds: seed.users.security.map((u) => u.id), createdBy: seed.users.admin.id });
  }
}
