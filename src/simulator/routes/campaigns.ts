/**
 * Access certification campaigns and their reviews (API-NOTES §6.6): SCHEDULED → (launch) ACTIVE →
 * (end) COMPLETED; launch only from SCHEDULED, end only from ACTIVE, delete only SCHEDULED or ERROR,
 * else 409. Launching makes one review (icr…) per user holding a targeted app or group; a reviewer
 * reassigns only UNREVIEWED reviews of an ACTIVE campaign, and a review reassigned twice is a 409.
 */
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../core.ts';
import type { Doc } from '../state.ts';
import { invalid } from '../validate.ts';
import { ApiError, errors } from '../wire.ts';
import { json, noContent, requireUser, stringEnum, type Route } from './common.ts';
import { audit, bodyOf, docAt, docs, links, listReply, one, principalProfile, touch } from './kit.ts';

const BASE = '/governance/api/v1/campaigns';
const REVIEWS = '/governance/api/v1/reviews';
const READ = 'okta.governance.accessCertifications.read';
const MANAGE = 'okta.governance.accessCertifications.manage';
const DAY = 86_400_000;
const MAX_SCHEDULED = 100;

const createBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  campaignType: Type.Optional(stringEnum(['RESOURCE', 'USER'] as const)),
  scheduleSettings: Type.Object({
    type: stringEnum(['ONE_OFF', 'RECURRING'] as const),
    startDate: Type.String({ format: 'date-time' }),
    durationInDays: Type.Number({ minimum: 1 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    recurrence: Type.Optional(Type.Object({ interval: Type.String(), repeatOnType: Type.Optional(Type.String()), ends: Type.Optional(Type.String()) })),
  }),
  resourceSettings: Type.Object({
    type: stringEnum(['GROUP', 'APPLICATION', 'APPLICATION_AND_GROUP', 'OKTA_SERVICE_ACCOUNT', 'APP_SERVICE_ACCOUNT'] as const),
    targetResources: Type.Optional(Type.Array(Type.Object({ resourceId: Type.String({ minLength: 1, maxLength: 36 }) }))),
  }),
  reviewerSettings: Type.Object({
    type: stringEnum(['USER', 'REVIEWER_EXPRESSION', 'GROUP', 'RESOURCE_OWNER', 'MULTI_LEVEL'] as const),
    reviewerId: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  }),
  remediationSettings: Type.Object({
    accessApproved: stringEnum(['NO_ACTION'] as const),
    accessRevoked: stringEnum(['NO_ACTION', 'DENY'] as const),
    noResponse: stringEnum(['NO_ACTION', 'DENY'] as const),
  }),
});
const endBody = Type.Object({ skipRemediation: Type.Optional(Type.Boolean()) });
const reassignBody = Type.Object({
  reviewerId: Type.String({ minLength: 1 }),
  reviewIds: Type.Array(Type.String(), { minItems: 1, maxItems: 50 }),
  reviewerLevel: Type.Optional(stringEnum(['FIRST', 'SECOND'] as const)),
  note: Type.String({ minLength: 1, maxLength: 300 }),
});

function campaignLinks(id: string): Record<string, string> {
  return {
    launchCampaign: `${BASE}/${id}/launch`,
    endCampaign: `${BASE}/${id}/end`,
    reviews: `${REVIEWS}?filter=${encodeURIComponent(`campaignId eq "${id}"`)}`,
  };
}

/** A list item: the campaign with the summary fields the list shows at the top level. */
function renderCampaign(ctx: Ctx, c: Doc): Doc {
  return {
    ...c,
    startDate: c.scheduleSettings.startDate,
    endDate: c.scheduleSettings.endDate,
    scheduleType: c.scheduleSettings.type,
    reviewerType: c.reviewerSettings.type,
    _links: links(ctx, { self: `${BASE}/${c.id}`, ...campaignLinks(c.id) }),
  };
}

function renderReview(ctx: Ctx, r: Doc): Doc {
  return { ...r, _links: links(ctx, { self: `${REVIEWS}/${r.id}`, reassignReview: `${BASE}/${r.campaignId}/reviews/reassign` }) };
}

/** Users who hold an app or group of the campaign, with the resource and how they hold it. */
function inScope(ctx: Ctx, campaign: Doc): { userId: string; resourceId: string; assignmentType: string }[] {
  const { users, groups } = ctx.core.state;
  const targets: string[] = (campaign.resourceSettings.targetResources ?? []).map((t: Doc) => t.resourceId);
  const out: { userId: string; resourceId: string; assignmentType: string }[] = [];
  for (const u of users.values()) {
    if (u.status !== 'ACTIVE') continue;
    const viaGroups = new Set(u.groupIds.flatMap((g) => groups.get(g)?.appIds ?? []));
    const direct = new Set([...u.appAssignments.map((a) => a.appId), ...u.groupIds]);
    for (const t of targets) {
      if (direct.has(t)) out.push({ userId: u.id, resourceId: t, assignmentType: 'INDIVIDUAL' });
      else if (viaGroups.has(t)) out.push({ userId: u.id, resourceId: t, assignmentType: 'GROUP' });
    }
  }
  return out;
}

export function launch(ctx: Ctx, campaign: Doc): void {
  campaign.status = 'ACTIVE';
  touch(ctx, campaign);
  const reviewerId: string = campaign.reviewerSettings.reviewerId ?? ctx.core.seed.users.admin.id;
  for (const { userId, resourceId, assignmentType } of inScope(ctx, campaign)) {
    const r: Doc = {
      id: ctx.core.ids.okta('icr'),
      ...audit(ctx),
      campaignId: campaign.id,
      resourceId,
      decision: 'UNREVIEWED',
      remediationStatus: 'NONE',
      principalProfile: principalProfile(ctx, userId),
      reviewerProfile: principalProfile(ctx, reviewerId),
      reviewerType: 'USER',
      currentReviewerLevel: 'FIRST',
      riskRuleConflicts: [],
      delegated: false,
      // Undeclared, but on every recorded review (API-NOTES §7.1).
      assignmentType,
    };
    docs(ctx, 'certReviews').set(r.id, r);
  }
}

/** A new campaign document from a checked create body (server defaults filled, end date computed). */
export function newCampaign(ctx: Ctx, body: Doc): Doc {
  const schedule = { ...body.scheduleSettings };
  const rs = body.resourceSettings;
  const resourceSettings = {
    ...(ctx.core.settings.realism ? { type: rs.type, targetTypes: rs.type === 'APPLICATION_AND_GROUP' ? ['APPLICATION', 'GROUP'] : [rs.type] } : {}),
    ...rs,
    targetResources: (rs.targetResources ?? []).map((t: Doc) => ({ includeAllEntitlementsAndBundles: false, includeBundlesHavingSameEntitlementValues: false, includeAllAppServiceAccounts: false, ...t })),
    excludedResources: rs.excludedResources ?? [],
    individuallyAssignedAppsOnly: rs.individuallyAssignedAppsOnly ?? false,
    individuallyAssignedGroupsOnly: rs.individuallyAssignedGroupsOnly ?? false,
    includeEntitlements: rs.includeEntitlements ?? false,
    onlyIncludeOutOfPolicyEntitlements: rs.onlyIncludeOutOfPolicyEntitlements ?? false,
    includeAdminRoles: rs.includeAdminRoles ?? false,
    includeAllOktaServiceAccounts: rs.includeAllOktaServiceAccounts ?? false,
  };
  if (schedule.type === 'ONE_OFF' || !schedule.recurrence?.interval) delete schedule.recurrence;
  schedule.endDate = ctx.core.clock.iso(Date.parse(schedule.startDate) + schedule.durationInDays * DAY);
  return {
    id: ctx.core.ids.okta('ici'),
    ...audit(ctx),
    ...body,
    campaignType: body.campaignType ?? 'RESOURCE',
    scheduleSettings: schedule,
    resourceSettings,
    principalScopeSettings: { type: 'USERS', excludedUserIds: [], userIds: [], groupIds: [], includeOnlyActiveUsers: false, onlyIncludeUsersWithSODConflicts: false, ...body.principalScopeSettings },
    status: 'SCHEDULED',
  };
}

function campaign(ctx: Ctx): Doc {
  return docAt(ctx, 'campaigns', 'campaignId', 'Campaign');
}

function stateConflict(c: Doc, action: string, allowed: string): ApiError {
  return new ApiError(409, 'E0000170', `Campaign ${c.id} can't be ${action}: it is ${c.status}; only a ${allowed} campaign can be`);
}

export const campaignRoutes: Route[] = [
  {
    method: 'POST',
    path: BASE,
    operationId: 'createCampaign',
    scope: MANAGE,
    handler: (ctx) => {
      const body = bodyOf(createBody, ctx);
      if (Date.parse(body.scheduleSettings.startDate) <= ctx.core.clock.now()) invalid('/scheduleSettings/startDate', 'Campaign template start date must be a future date', 'INVALID_VALUE');
      if (body.scheduleSettings.type === 'RECURRING' && !body.scheduleSettings.recurrence?.interval) invalid('/scheduleSettings/recurrence/interval', 'a RECURRING campaign needs a recurrence interval such as P1M', 'REQUIRED_PROPERTY_MISSING');
      if (body.reviewerSettings.type === 'USER') {
        if (!body.reviewerSettings.reviewerId) invalid('/reviewerSettings/reviewerId', 'reviewer type USER needs a reviewerId', 'REQUIRED_PROPERTY_MISSING');
        requireUser(ctx, body.reviewerSettings.reviewerId, '/reviewerSettings/reviewerId');
      }
      const scheduled = [...docs(ctx, 'campaigns').values()].filter((c) => c.status === 'SCHEDULED').length;
      if (scheduled >= MAX_SCHEDULED) invalid('/', `the org already has ${MAX_SCHEDULED} scheduled campaigns, the most it can have; launch or delete one first`, 'LIMIT_EXCEEDED');
      const c = newCampaign(ctx, body);
      docs(ctx, 'campaigns').set(c.id, c);
      return one(ctx, 201, c, `${BASE}/${c.id}`, campaignLinks(c.id));
    },
  },
  {
    method: 'GET',
    path: BASE,
    operationId: 'listCampaigns',
    scope: READ,
    handler: (ctx) => {
      const all = [...docs(ctx, 'campaigns').values()].filter((c) => c.status !== 'DELETED');
      return listReply(ctx, all, {
        filter: { status: ['eq'], name: ['eq', 'sw', 'co'], campaignType: ['eq'], 'scheduleSettings.type': ['eq'], recurringCampaignId: ['eq'] },
        orderBy: { created: (c) => c.created, name: (c) => c.name, status: (c) => c.status, startDate: (c) => c.scheduleSettings.startDate, endDate: (c) => c.scheduleSettings.endDate },
        defaultOrder: 'created asc',
      }, (c) => renderCampaign(ctx, c));
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{campaignId}`,
    operationId: 'getCampaign',
    scope: READ,
    handler: (ctx) => {
      const c = campaign(ctx);
      return one(ctx, 200, c, `${BASE}/${c.id}`, campaignLinks(c.id));
    },
  },
  {
    method: 'DELETE',
    path: `${BASE}/{campaignId}`,
    operationId: 'deleteCampaign',
    scope: MANAGE,
    handler: (ctx) => {
      const c = campaign(ctx);
      if (c.status !== 'SCHEDULED' && c.status !== 'ERROR') throw stateConflict(c, 'deleted', 'SCHEDULED or ERROR');
      docs(ctx, 'campaigns').delete(c.id);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{campaignId}/launch`,
    operationId: 'launchCampaign',
    scope: MANAGE,
    handler: (ctx) => {
      const c = campaign(ctx);
      if (c.status !== 'SCHEDULED') throw stateConflict(c, 'launched', 'SCHEDULED');
      launch(ctx, c);
      return { status: 202 };
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{campaignId}/end`,
    operationId: 'endCampaign',
    scope: MANAGE,
    handler: (ctx) => {
      const c = campaign(ctx);
      const body = ctx.body === undefined ? {} : bodyOf(endBody, ctx);
      if (c.status !== 'ACTIVE') throw stateConflict(c, 'ended', 'ACTIVE');
      c.status = 'COMPLETED';
      touch(ctx, c);
      const deny = c.remediationSettings.noResponse === 'DENY' && !body.skipRemediation;
      for (const r of docs(ctx, 'certReviews').values()) {
        if (r.campaignId !== c.id) continue;
        if (r.decision === 'UNREVIEWED' && deny) r.remediationStatus = 'OPEN';
      }
      return { status: 202 };
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{campaignId}/reviews/reassign`,
    operationId: 'reassignReviews',
    scope: MANAGE,
    handler: (ctx) => {
      const c = campaign(ctx);
      const body = bodyOf(reassignBody, ctx);
      requireUser(ctx, body.reviewerId, '/reviewerId');
      if (c.status !== 'ACTIVE') throw stateConflict(c, 'reassigned', 'ACTIVE');
      const reviews = (body.reviewIds as string[]).map((id, i) => {
        const r = docs(ctx, 'certReviews').get(id);
        if (!r || r.campaignId !== c.id) invalid(`/reviewIds/${i}`, `review ${id} is not a review of campaign ${c.id}`, 'IDENTIFIER_NOT_FOUND');
        if (r.decision !== 'UNREVIEWED') throw errors.conflict(`review ${id} is already decided (${r.decision}); only UNREVIEWED reviews can be reassigned`);
        if (r.reviewerProfile.id === body.reviewerId) throw new ApiError(409, 'E0000174', `Review ${id} is already assigned to reviewer ${body.reviewerId}`);
        return r;
      });
      for (const r of reviews) {
        r.reviewerProfile = principalProfile(ctx, body.reviewerId);
        if (body.reviewerLevel) r.currentReviewerLevel = body.reviewerLevel;
        r.note = { id: ctx.core.ids.okta('rin'), note: body.note };
        touch(ctx, r);
      }
      return json(200, {
        data: reviews.map((r) => renderReview(ctx, r)),
        _links: links(ctx, { self: `${BASE}/${c.id}/reviews/reassign`, reviews: `${REVIEWS}?filter=${encodeURIComponent(`campaignId eq "${c.id}"`)}` }),
      });
    },
  },
  {
    method: 'GET',
    path: REVIEWS,
    operationId: 'listReviews',
    scope: READ,
    handler: (ctx) =>
      listReply(ctx, [...docs(ctx, 'certReviews').values()], {
        filter: { campaignId: ['eq'], decision: ['eq'], remediationStatus: ['eq'], resourceId: ['eq'], 'principalProfile.id': ['eq'], 'reviewerProfile.id': ['eq'], currentReviewerLevel: ['eq'], reviewerType: ['eq'] },
        orderBy: { created: (r) => r.created, decided: (r) => r.decided ?? '', lastUpdated: (r) => r.lastUpdated },
        defaultOrder: 'created asc',
      }, (r) => renderReview(ctx, r)),
  },
  {
    method: 'GET',
    path: `${REVIEWS}/{reviewId}`,
    operationId: 'getReview',
    scope: READ,
    handler: (ctx) => json(200, renderReview(ctx, docAt(ctx, 'certReviews', 'reviewId', 'Review'))),
  },
  {
    method: 'GET',
    path: '/governance/api/v1/my/campaigns/{campaignId}/reviews/{reviewId}/agent-managed-connections/{agentId}',
    operationId: 'listMyManagedConnections',
    scope: 'okta.governance.reviewer.read',
    handler: (ctx) => {
      campaign(ctx);
      const r = docAt(ctx, 'certReviews', 'reviewId', 'Review');
      if (r.campaignId !== ctx.params.campaignId) throw errors.notFound(`${r.id} (Review)`);
      // The simulated org has no AI agents, so no agent manages a connection.
      return listReply(ctx, [] as Doc[], {}, (x) => x);
    },
  },
];
