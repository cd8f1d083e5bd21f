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
import { addBundle, addEntitlement, addGrant } from './routes/entitlements.ts';
import { userOwnerProfile } from './routes/governance.ts';
import { addCondition, addSequence } from './routes/request-conditions.ts';
import { submitV2 } from './routes/requests.ts';
import { createReview } from './routes/security-access-reviews.ts';
import { addAppointment, defaultOrgRequestSettings, defaultOrgSettings } from './routes/settings.ts';
import { principalProfile } from './routes/kit.ts';
import type { Doc, UserRecord } from './state.ts';

export interface SeededFamilies {
  entitlements: { key: string; id: string; valueIds: string[] }[];
  campaigns: { scheduled: string; active: string; completed: string };
  /** A security access review of a colleague, reviewed by the admin and the security team. */
  securityAccessReview: string;
  riskRule: string;
  /** Approval sequences; the last one no condition uses. */
  requestSequences: string[];
  /** An INACTIVE and an ACTIVE request condition on Salesforce. */
  requestConditions: { inactive: string; active: string };
  /** The admin's own v2 request for GitHub. */
  myRequest: string;
  /** Engineering Onboarding (assigned) and Sales Starter Kit (assigned to nobody). */
  collections: { assigned: string; unassigned: string };
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
  if (core.settings.realism) {
    // Undeclared settings a real org answers with (API-NOTES §7.1).
    state.orgSettings.governanceAI.governanceAnalyzer = { recommendationsEnabled: true };
    state.orgSettings.integrations = { supported: [{ type: 'SLACK' }] };
  }
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
    ent('salesforce-permission-sets', 'salesforce', 'Permission Set', ['Read Only', 'Sales Ops', 'Sales Admin']),
    ent('salesforce-profiles', 'salesforce', 'Profile', ['Standard User', 'System Administrator']),
    ent('aws-roles', 'aws', 'Role', ['Billing Read', 'Power User', 'Administrator']),
    ent('github-org-roles', 'github', 'Organization Role', ['Member', 'Owner']),
    ent('workday-roles', 'workday', 'Business Role', ['Raise Payment', 'Approve Payment', 'Payroll']),
    // Granted to nobody and in no bundle: an entitlement that can be deleted.
    ent('slack-workspaces', 'slack', 'Workspace', ['General', 'Enterprise Grid']),
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

  // More bundles, as an org with entitlements has (granted to nobody yet).
  const moreBundles: [string, string, [string, string][]][] = [
    ['Salesforce Read Only', 'salesforce', [['salesforce-permission-sets', 'Read Only']]],
    ['Salesforce Administrators', 'salesforce', [['salesforce-permission-sets', 'Sales Admin'], ['salesforce-profiles', 'System Administrator']]],
    ['Salesforce Standard User', 'salesforce', [['salesforce-profiles', 'Standard User']]],
    ['AWS Power Users', 'aws', [['aws-roles', 'Power User']]],
    ['AWS Administrators', 'aws', [['aws-roles', 'Administrator']]],
    ['GitHub Members', 'github', [['github-org-roles', 'Member']]],
    ['GitHub Owners', 'github', [['github-org-roles', 'Owner']]],
    ['Workday Payments', 'workday', [['workday-roles', 'Raise Payment']]],
    ['Workday Approvers', 'workday', [['workday-roles', 'Approve Payment']]],
    ['Workday Payroll', 'workday', [['workday-roles', 'Payroll']]],
  ];
  for (const [name, appKey, picks] of moreBundles) {
    addBundle(ctx, { name, description: `${name} in ${state.apps.get(app(appKey))!.label}`, target: { externalId: app(appKey), type: 'APPLICATION' }, entitlements: picks.map(([key, v]) => ({ id: byKey(key).id, values: [value(key, v)] })) });
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
  // One review was reassigned, with the note that goes with it.
  const reassigned = [...state.docs.certReviews.values()].find((r) => r.campaignId === active.id)!;
  reassigned.reviewerProfile = principalProfile(ctx, seed.users.manager.id);
  reassigned.note = { id: ctx.core.ids.okta('rin'), note: `${seed.users.admin.firstName} is on leave this month; ${seed.users.manager.firstName} reviews instead.` };
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
  const collection = addCollection(ctx, { name: 'Engineering Onboarding', description: 'Apps every engineer needs on day one' });
  for (const key of ['salesforce', 'github', 'slack']) addCollectionResource(ctx, collection, seed.apps.find((a) => a.key === key)!.orn, '/resourceOrn');
  assignCollectionTo(ctx, collection, seed.users.manager.id);
  const starter = addCollection(ctx, { name: 'Sales Starter Kit', description: 'Apps a new account executive starts with' });
  addCollectionResource(ctx, starter, seed.apps.find((a) => a.key === 'salesforce')!.orn, '/resourceOrn');

  const riskRule: Doc = {
    id: ctx.core.ids.okta('rul'),
    name: 'Sales admins are not system administrators',
    description: 'Nobody both administers sales data and the Salesforce org',
    type: 'SEPARATION_OF_DUTIES',
    status: 'ACTIVE',
    resources: [{ resourceOrn: state.apps.get(app('salesforce'))!.orn }],
    conflictCriteria: {
      and: [
        { name: 'Sales admins', attribute: 'principal.effective_grants', operation: 'CONTAINS_ONE', value: { type: 'ENTITLEMENTS', value: [{ id: byKey('salesforce-permission-sets').id, values: [value('salesforce-permission-sets', 'Sales Admin')] }] } },
        { name: 'System administrators', attribute: 'principal.effective_grants', operation: 'CONTAINS_ONE', value: { type: 'ENTITLEMENTS', value: [{ id: byKey('salesforce-profiles').id, values: [value('salesforce-profiles', 'System Administrator')] }] } },
      ],
    },
    ...ctxAudit(ctx),
  };
  state.docs.riskRules.set(riskRule.id, riskRule);

  const github = state.apps.get(app('github'))!;
  const owner = (principal: { id: string; firstName: string; lastName: string; email: string }, resource: Doc, parentOrn?: string) =>
    state.docs.resourceOwners.set(resource.orn, {
      key: resource.orn,
      ...(parentOrn ? { parentResourceOrn: parentOrn } : {}),
      principals: [{ id: ctx.core.ids.okta('pri'), type: 'users', orn: `orn:okta:directory:${seed.orgId}:users:${principal.id}`, profile: userOwnerProfile(principal.id, `${principal.firstName} ${principal.lastName}`, principal.email) }],
      resource,
    });
  owner(seed.users.manager, { id: github.id, type: 'apps', orn: github.orn, profile: { id: github.id, name: github.label, label: github.label, logo: [] } });
  const salesOps = state.docs.entitlementBundles.get(seed.entitlementBundles.find((b) => b.key === 'salesforce-sales-ops')!.id)!;
  owner(seed.users.requester, { id: salesOps.id, type: 'entitlement-bundles', orn: salesOps.orn, profile: { id: salesOps.id, name: salesOps.name, description: salesOps.description, logo: [] } }, salesOps.targetResourceOrn);

  const sequences = [
    addSequence(ctx, "Requester's manager approves", "The requester's manager approves or denies the request."),
    addSequence(ctx, 'Manager, then app owner', "The requester's manager approves first, then the app's owner."),
    addSequence(ctx, 'Security team approves', 'Anyone of the security team approves or denies the request.'),
  ];
  const salesforce = app('salesforce');
  const draftCondition = addCondition(ctx, salesforce, { name: 'Sales, 90 days, manager then owner', requesterSettings: { type: 'GROUPS', groups: [{ id: seed.groups.find((g) => g.key === 'sales')!.id }] }, accessScopeSettings: { type: 'RESOURCE_DEFAULT' }, approvalSequenceId: sequences[1]!.id });
  const condition = addCondition(ctx, salesforce, { name: 'Everyone, 30 days, manager approval', requesterSettings: { type: 'EVERYONE' }, accessScopeSettings: { type: 'RESOURCE_DEFAULT' }, accessDurationSettings: { type: 'ADMIN_FIXED_DURATION', duration: 'P30D' }, approvalSequenceId: sequences[0]!.id });
  condition.status = 'ACTIVE';
  addCondition(ctx, github.id, { name: 'Engineers, 30 days, manager approval', requesterSettings: { type: 'GROUPS', groups: [{ id: seed.groups.find((g) => g.key === 'engineering')!.id }] }, accessScopeSettings: { type: 'RESOURCE_DEFAULT' }, accessDurationSettings: { type: 'ADMIN_FIXED_DURATION', duration: 'P30D' }, approvalSequenceId: sequences[0]!.id }).status = 'ACTIVE';

  // The admin's own request from the catalog, decided before the run.
  const githubEntry = seed.catalogEntries.find((e) => e.key === 'github')!;
  const myRequest = submitV2(ctx, { entryId: githubEntry.id, requestedFor: { externalId: seed.users.admin.id, type: 'OKTA_USER' }, values: [], at: '' });
  myRequest.status = myRequest.outcome;
  delete myRequest.decideAt;

  const delegate = addAppointment(ctx, seed.users.manager.id, seed.users.security[0]!.id, 'Covers approvals while Chris is away');

  scaleUp(ctx, scale);

  return {
    entitlements: made.map(({ key, e }) => ({ key, id: e.id, valueIds: e.values.map((v: Doc) => v.id) })),
    campaigns: { scheduled: scheduled.id, active: active.id, completed: completed.id },
    securityAccessReview: sar.id,
    collections: { assigned: collection.id, unassigned: starter.id },
    riskRule: riskRule.id,
    requestSequences: sequences.map((s) => s.id),
    requestConditions: { inactive: draftCondition.id, active: condition.id },
    myRequest: myRequest.id,
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
