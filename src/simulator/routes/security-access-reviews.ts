/**
 * Security access reviews (API-NOTES §6.2): created PENDING, ACTIVE once the access snapshot is
 * generated (after `activationDelayMs`, scaled), CLOSED by the CLOSE_REVIEW action or at endTime.
 * The principal can't review themselves; 1–10 distinct reviewers; endTime at least a day and
 * less than six months ahead (default a week).
 */
import { Type } from '@sinclair/typebox';
import { href, link, type Ctx, type SimCore } from '../core.ts';
import { envelope, page } from '../paging.ts';
import type { AccessRecord, AnomalyRecord, RemediationStatus, ReviewRecord, Severity, SubAccessRecord, UserRecord } from '../state.ts';
import { checkBody, invalid } from '../validate.ts';
import { errors } from '../wire.ts';
import { addMonths, found, fullName, governanceLabels, json, noContent, requireUser, stringEnum, userId, userProfile, type Route } from './common.ts';

const BASE = '/governance/api/v2/security-access-reviews';
const READ = 'okta.governance.securityAccessReviews.admin.read';
const MANAGE = 'okta.governance.securityAccessReviews.admin.manage';
const DAY = 86_400_000;
const REVIEWERS = '/reviewerSettings/userSettings/includedUserIds';

const reviewerSettings = Type.Object({
  type: stringEnum(['USER'] as const),
  userSettings: Type.Optional(Type.Object({ includedUserIds: Type.Optional(Type.Array(userId, { minItems: 1, maxItems: 10 })) })),
});
const createBody = Type.Object({
  principalId: userId,
  name: Type.String({ minLength: 1, maxLength: 255 }),
  endTime: Type.Optional(Type.String({ format: 'date-time' })),
  reviewerSettings,
});
const updateBody = Type.Object({
  endTime: Type.Optional(Type.String({ format: 'date-time' })),
  reviewerSettings: Type.Optional(reviewerSettings),
});
const actionBody = Type.Object({ actionType: stringEnum(['CLOSE_REVIEW', 'RESTORE_ALL_ACCESS'] as const) });
const accessActionBody = Type.Object({
  type: stringEnum(['REVOKE_ACCESS', 'RESTORE_ACCESS', 'FLAG_FOR_MANUAL_REMEDIATION', 'FLAG_FOR_MANUAL_RESTORATION'] as const),
});
const commentBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 1000 }) });

const RANK: Record<Severity, number> = { LOW: 1, MEDIUM: 2, HIGH: 3 };

/** Reviewers must exist, be distinct and not include the principal. */
function checkReviewers(ctx: Ctx, principalId: string, reviewerIds: string[] | undefined): string[] {
  if (!reviewerIds || reviewerIds.length === 0) invalid(REVIEWERS, 'must name 1 to 10 reviewers', 'INVALID_ARRAY_LENGTH_UNDER_MIN');
  reviewerIds.forEach((id, i) => requireUser(ctx, id, `${REVIEWERS}/${i}`));
  if (new Set(reviewerIds).size !== reviewerIds.length) invalid(REVIEWERS, 'must not name the same reviewer twice', 'DUPLICATE_VALUES');
  if (reviewerIds.includes(principalId)) {
    invalid(REVIEWERS, `must not contain the principal ${principalId}: the user under review can't review their own access`, 'INVALID_VALUE');
  }
  return reviewerIds;
}

function addHistory(core: SimCore, review: ReviewRecord, message: string, principalId?: string, systemGenerated = false): void {
  review.history.push({ id: core.ids.okta('srh'), systemGenerated, timestamp: core.clock.iso(), message, ...(principalId ? { principalId } : {}) });
}

function touch(ctx: Ctx, review: ReviewRecord): void {
  review.lastUpdated = ctx.core.clock.iso();
  review.lastUpdatedBy = ctx.caller.id;
}

/** Creates a review record (also used to seed many reviews for paging tests). */
export function createReview(core: SimCore, fields: { name: string; principalId: string; reviewerIds: string[]; endTime?: string; createdBy: string }): ReviewRecord {
  const now = core.clock.now();
  const created = core.clock.iso(now);
  const review: ReviewRecord = {
    id: core.ids.okta('sar'),
    name: fields.name,
    principalId: fields.principalId,
    status: 'PENDING',
    endTime: fields.endTime ?? new Date(now + 7 * DAY).toISOString(),
    reviewerIds: fields.reviewerIds,
    activateAt: now + core.settings.activationDelayMs / core.settings.timeScale,
    accesses: [],
    history: [],
    comments: [],
    createdBy: fields.createdBy,
    created,
    lastUpdated: created,
    lastUpdatedBy: fields.createdBy,
  };
  addHistory(core, review, `created ${review.name}`, fields.createdBy, true);
  core.state.reviews.set(review.id, review);
  return review;
}

function anomaliesFor(core: SimCore, severity: Severity, direct: boolean, lastAccess: string): AnomalyRecord[] {
  const list: AnomalyRecord[] = [
    {
      type: 'USAGE_HISTORY',
      severity: 'LOW',
      subtext: { message: 'The user last used the app {0}', messageCode: 'sar.anomaly.usage.recent', args: [{ value: lastAccess, type: 'RELATIVE_DATE_TO_NOW' }] },
    },
    direct
      ? { type: 'ASSIGNMENT_METHOD', severity: 'MEDIUM', subtext: { message: 'The user was assigned the app directly, unlike {0}% of users with this app', messageCode: 'sar.anomaly.assignment.direct', args: [{ value: '82', type: 'NUMBER' }] } }
      : { type: 'ASSIGNMENT_METHOD', severity: 'LOW', subtext: { message: 'The user was assigned through a group, like {0}% of users with this app', messageCode: 'sar.anomaly.assignment.group', args: [{ value: '91', type: 'NUMBER' }] } },
  ];
  if (severity === 'HIGH') {
    list.push({
      type: 'PAST_GOVERNANCE_DECISIONS',
      severity: 'HIGH',
      subtext: { message: 'A reviewer revoked this access in an access certification {0}', messageCode: 'sar.anomaly.decisions.revoked', args: [{ value: core.clock.iso(core.clock.now() - 40 * DAY), type: 'RELATIVE_DATE_TO_NOW' }] },
    });
  }
  return list;
}

/** The access snapshot of a principal: each app with the groups and bundles that grant it. */
function snapshot(core: SimCore, user: UserRecord): AccessRecord[] {
  const { state } = core;
  const accesses: AccessRecord[] = [];
  const appIds = new Set<string>([...user.appAssignments.map((a) => a.appId)]);
  for (const gid of user.groupIds) for (const appId of state.groups.get(gid)?.appIds ?? []) appIds.add(appId);
  let n = 0;
  for (const appId of appIds) {
    const app = state.apps.get(appId);
    if (!app) continue;
    const direct = user.appAssignments.find((a) => a.appId === appId);
    const viaGroups = user.groupIds.map((g) => state.groups.get(g)).filter((g) => g?.appIds.includes(appId));
    const subAccesses: SubAccessRecord[] = [
      ...viaGroups.map((g) => ({ id: core.ids.okta('sai'), name: g!.name, type: 'GROUP' as const, resourceId: g!.id, severity: app.severity, remediationStatus: 'NONE' as const, assignedDate: g!.created })),
      ...user.bundleIds
        .map((b) => state.bundles.get(b))
        .filter((b) => b?.appId === appId)
        .map((b) => ({ id: core.ids.okta('sai'), name: b!.name, type: 'ENTITLEMENT_BUNDLE' as const, resourceId: b!.id, severity: app.severity, remediationStatus: 'NONE' as const, assignedDate: user.created })),
    ];
    const lastAccessDate = core.clock.iso(core.clock.now() - (n + 1) * 3 * DAY);
    accesses.push({
      id: core.ids.okta('aim'),
      appId,
      name: app.label,
      severity: app.severity,
      assignmentType: direct ? direct.assignmentType : 'GROUP',
      assignedDate: direct?.assigned ?? user.created,
      lastAccessDate,
      applicationUsage: 40 - n * 7,
      remediationStatus: 'NONE',
      subAccesses,
      anomalies: anomaliesFor(core, app.severity, Boolean(direct), lastAccessDate),
    });
    n++;
  }
  return accesses;
}

/** Time-driven transitions: snapshot ready → ACTIVE; endTime passed → CLOSED. */
export function tickReviews(core: SimCore): void {
  const now = core.clock.now();
  for (const review of core.state.reviews.values()) {
    if (review.status === 'PENDING' && now >= review.activateAt) {
      const user = core.state.users.get(review.principalId);
      review.accesses = user ? snapshot(core, user) : [];
      review.status = 'ACTIVE';
      review.lastUpdated = core.clock.iso(review.activateAt);
      addHistory(core, review, `access snapshot generated: ${review.accesses.length} apps to review`, undefined, true);
    }
    if (review.status === 'ACTIVE' && now >= Date.parse(review.endTime)) {
      review.status = 'CLOSED';
      review.lastUpdated = core.clock.iso();
      addHistory(core, review, 'closed at its end time', undefined, true);
    }
  }
}

function renderReview(ctx: Ctx, r: ReviewRecord): Record<string, unknown> {
  const { users } = ctx.core.state;
  const self = `${BASE}/${r.id}`;
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    endTime: r.endTime,
    reviewerSettings: {
      type: 'USER',
      userSettings: {
        includedUserIds: r.reviewerIds,
        includedUserProfiles: r.reviewerIds.map((id) => users.get(id)).filter((u) => u !== undefined).map(userProfile),
      },
    },
    createdBy: r.createdBy,
    created: r.created,
    lastUpdated: r.lastUpdated,
    lastUpdatedBy: r.lastUpdatedBy,
    _links: {
      securityAccessReviewDetails: link(ctx.core, self),
      history: link(ctx.core, `${self}/history`),
      accesses: link(ctx.core, `${self}/accesses`),
      actions: link(ctx.core, `${self}/actions`),
      principalDetails: link(ctx.core, `${self}/principal`),
    },
  };
}

function supportedActions(review: ReviewRecord, status: RemediationStatus): string[] {
  if (review.status !== 'ACTIVE') return [];
  switch (status) {
    case 'NONE': return ['REVOKE_ACCESS', 'FLAG_FOR_MANUAL_REMEDIATION'];
    case 'REMEDIATED': return ['RESTORE_ACCESS', 'FLAG_FOR_MANUAL_RESTORATION'];
    case 'PENDING_MANUAL_REMEDIATION': return ['REVOKE_ACCESS'];
    case 'PENDING_MANUAL_RESTORATION': return ['RESTORE_ACCESS'];
    default: return [];
  }
}

function renderAccess(ctx: Ctx, review: ReviewRecord, a: AccessRecord): Record<string, unknown> {
  const app = ctx.core.state.apps.get(a.appId)!;
  const self = `${BASE}/${review.id}/accesses/${a.id}`;
  return {
    id: a.id,
    type: 'APPLICATION',
    name: a.name,
    resourceId: a.appId,
    severity: a.severity,
    supportedActions: supportedActions(review, a.remediationStatus),
    remediationStatus: a.remediationStatus,
    manualRemediationTypes: [],
    appInfo: {
      id: app.id,
      name: app.name,
      logoUrl: href(ctx.core, `/assets/img/logos/${app.name}.png`),
      label: app.label,
      lastAccessDate: a.lastAccessDate,
      assignedDate: a.assignedDate,
      assignmentType: a.assignmentType,
      applicationUsage: a.applicationUsage,
      activeEntitlements: [],
      governanceLabels: governanceLabels(ctx, app.orn),
    },
    subAccessTypes: [...new Set(a.subAccesses.map((s) => s.type))],
    _links: {
      subAccesses: link(ctx.core, `${self}/sub-accesses`),
      anomalies: link(ctx.core, `${self}/anomalies`),
    },
  };
}

function renderSubAccess(ctx: Ctx, review: ReviewRecord, s: SubAccessRecord): Record<string, unknown> {
  const { state } = ctx.core;
  const base = {
    id: s.id,
    name: s.name,
    type: s.type,
    resourceId: s.resourceId,
    severity: s.severity,
    supportedActions: supportedActions(review, s.remediationStatus),
    remediationStatus: s.remediationStatus,
    manualRemediationTypes: [],
  };
  if (s.type === 'GROUP') {
    const g = state.groups.get(s.resourceId);
    return { ...base, groupInfo: { description: g?.description ?? s.name, assignedDate: s.assignedDate, assignmentType: 'INDIVIDUAL', governanceLabels: g ? governanceLabels(ctx, g.orn) : [] } };
  }
  const b = state.bundles.get(s.resourceId);
  return {
    ...base,
    entitlementInfo: { type: 'ENTITLEMENT_BUNDLE', description: b?.description ?? s.name, assignedDate: s.assignedDate, assignmentType: 'INDIVIDUAL', entitlements: [], governanceLabels: b ? governanceLabels(ctx, b.orn) : [] },
  };
}

function review(ctx: Ctx): ReviewRecord {
  return found(ctx.core.state.reviews.get(ctx.params.securityAccessReviewId!), `${ctx.params.securityAccessReviewId} (SecurityAccessReview)`);
}

function findTarget(r: ReviewRecord, targetId: string): { access: AccessRecord; item: AccessRecord | SubAccessRecord } {
  for (const access of r.accesses) {
    if (access.id === targetId) return { access, item: access };
    const sub = access.subAccesses.find((s) => s.id === targetId);
    if (sub) return { access, item: sub };
  }
  throw errors.notFound(`${targetId} (SecurityAccessReviewAccess)`);
}

function checkEndTime(raw: string, earliest: number, latest: number, earliestText: string): string {
  const t = Date.parse(raw);
  if (t < earliest || t >= latest) {
    invalid('/endTime', `${raw} is outside the allowed window: it must be at least ${earliestText} from now and less than 6 months after the review starts`, 'INVALID_VALUE');
  }
  return raw;
}

const accessFilter = {
  name: ['co', 'eq'],
  priority: ['eq'],
  sodConflictSeverity: ['eq'],
  assignmentMethodSeverity: ['eq'],
  pastGovernanceDecisionsSeverity: ['eq'],
  usageHistorySeverity: ['eq'],
  resourceType: ['eq'],
  governanceLabel: ['co', 'eq'],
} as const;

function accessAttr(ctx: Ctx) {
  return (a: AccessRecord | SubAccessRecord, attr: string): unknown => {
    const anomaly = (type: AnomalyRecord['type']) => ('anomalies' in a ? a.anomalies.find((x) => x.type === type)?.severity : undefined);
    switch (attr) {
      case 'name': return a.name;
      case 'priority': return a.severity;
      case 'sodConflictSeverity': return anomaly('SOD_CONFLICT');
      case 'assignmentMethodSeverity': return anomaly('ASSIGNMENT_METHOD');
      case 'pastGovernanceDecisionsSeverity': return anomaly('PAST_GOVERNANCE_DECISIONS');
      case 'usageHistorySeverity': return anomaly('USAGE_HISTORY');
      case 'resourceType': return 'appId' in a ? 'APPLICATION' : a.type;
      case 'governanceLabel': {
        const { state } = ctx.core;
        const orn = 'appId' in a ? state.apps.get(a.appId)?.orn : (state.groups.get(a.resourceId) ?? state.bundles.get(a.resourceId))?.orn;
        return orn ? governanceLabels(ctx, orn).flatMap((l) => [l.name, ...(l.values as { name: string }[]).map((v) => v.name)]) : [];
      }
      default: return undefined;
    }
  };
}

export const securityAccessReviewRoutes: Route[] = [
  {
    method: 'POST',
    path: BASE,
    operationId: 'createSecurityAccessReview',
    scope: MANAGE,
    handler: (ctx) => {
      const body = checkBody(createBody, ctx.body);
      requireUser(ctx, body.principalId, '/principalId');
      const reviewerIds = checkReviewers(ctx, body.principalId, body.reviewerSettings.userSettings?.includedUserIds);
      const now = ctx.core.clock.now();
      const endTime = body.endTime === undefined ? undefined : checkEndTime(body.endTime, now + DAY, addMonths(now, 6), '1 day');
      const r = createReview(ctx.core, { name: body.name, principalId: body.principalId, reviewerIds, ...(endTime ? { endTime } : {}), createdBy: ctx.caller.id });
      return json(202, renderReview(ctx, r));
    },
  },
  {
    method: 'GET',
    path: BASE,
    operationId: 'listSecurityAccessReviews',
    scope: READ,
    handler: (ctx) => {
      const { users } = ctx.core.state;
      const p = page(ctx, [...ctx.core.state.reviews.values()], {
        id: (r) => r.id,
        paging: { cursor: 'any' },
        filter: {
          spec: { name: ['eq', 'co'], status: ['eq', 'co'], 'reviewer.name': ['eq', 'co'], created: ['gt', 'lt'] },
          read: (r, attr) => (attr === 'reviewer.name' ? r.reviewerIds.map((id) => users.get(id)).filter((u) => u).map((u) => fullName(u!)) : (r as unknown as Record<string, unknown>)[attr]),
        },
        orderBy: { keys: { name: (r) => r.name, created: (r) => r.created, endTime: (r) => r.endTime, status: (r) => r.status, id: (r) => r.id }, default: 'created asc' },
      });
      return envelope(ctx, p, (r) => renderReview(ctx, r));
    },
  },
  {
    method: 'GET',
    path: `${BASE}/stats`,
    operationId: 'getSecurityAccessReviewsStats',
    scope: READ,
    handler: (ctx) => {
      const count = (s: ReviewRecord['status']) => [...ctx.core.state.reviews.values()].filter((r) => r.status === s).length;
      return json(200, { activeCount: count('ACTIVE'), pendingCount: count('PENDING'), errorCount: count('ERROR'), closedCount: count('CLOSED') });
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{securityAccessReviewId}`,
    operationId: 'getSecurityAccessReview',
    scope: READ,
    handler: (ctx) => json(200, renderReview(ctx, review(ctx))),
  },
  {
    method: 'PATCH',
    path: `${BASE}/{securityAccessReviewId}`,
    operationId: 'updateSecurityAccessReview',
    scope: MANAGE,
    handler: (ctx) => {
      const r = review(ctx);
      const body = checkBody(updateBody, ctx.body);
      if (r.status === 'CLOSED' || r.status === 'ERROR') throw errors.conflict(`security access review ${r.id} is ${r.status} and can't be changed`);
      const reviewerIds = body.reviewerSettings ? checkReviewers(ctx, r.principalId, body.reviewerSettings.userSettings?.includedUserIds) : undefined;
      const now = ctx.core.clock.now();
      const endTime = body.endTime === undefined ? undefined : checkEndTime(body.endTime, now + 3_600_000, addMonths(Date.parse(r.created), 6), '1 hour');
      if (reviewerIds) r.reviewerIds = reviewerIds;
      if (endTime) r.endTime = endTime;
      touch(ctx, r);
      addHistory(ctx.core, r, `updated ${[reviewerIds ? 'reviewers' : '', endTime ? `end time to ${endTime}` : ''].filter(Boolean).join(' and ') || 'nothing'}`, ctx.caller.id);
      return json(200, renderReview(ctx, r));
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{securityAccessReviewId}/actions`,
    operationId: 'listSecurityAccessReviewActions',
    scope: READ,
    handler: (ctx) => {
      const r = review(ctx);
      const anyRevoked = r.accesses.some((a) => a.remediationStatus === 'REMEDIATED' || a.subAccesses.some((s) => s.remediationStatus === 'REMEDIATED'));
      const actions = [...(r.status === 'ACTIVE' ? ['CLOSE_REVIEW'] : []), ...(anyRevoked && r.status !== 'PENDING' ? ['RESTORE_ALL_ACCESS'] : [])];
      return json(200, { data: actions.map((actionType) => ({ actionType })) });
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{securityAccessReviewId}/actions`,
    operationId: 'executeSecurityAccessReviewAction',
    scope: MANAGE,
    handler: (ctx) => {
      const r = review(ctx);
      const { actionType } = checkBody(actionBody, ctx.body);
      if (actionType === 'CLOSE_REVIEW') {
        if (r.status !== 'ACTIVE') throw errors.conflict(`security access review ${r.id} must be ACTIVE to close it. Current status: ${r.status}`);
        r.status = 'CLOSED';
        touch(ctx, r);
        addHistory(ctx.core, r, 'closed the review', ctx.caller.id);
      } else {
        const items = r.accesses.flatMap((a) => [a, ...a.subAccesses]).filter((i) => i.remediationStatus === 'REMEDIATED');
        if (r.status === 'PENDING' || items.length === 0) throw errors.conflict(`security access review ${r.id} has no revoked access to restore`);
        for (const i of items) i.remediationStatus = 'NONE';
        touch(ctx, r);
        addHistory(ctx.core, r, `restored ${items.length} revoked access item(s)`, ctx.caller.id);
      }
      return { status: 202 };
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{securityAccessReviewId}/accesses`,
    operationId: 'listSecurityAccessReviewAccesses',
    scope: READ,
    handler: (ctx) => {
      const r = review(ctx);
      const p = page(ctx, r.accesses, {
        id: (a) => a.id,
        paging: { cursor: 'any' },
        filter: { spec: accessFilter, read: accessAttr(ctx) },
        orderBy: { keys: { priority: (a) => RANK[a.severity], lastAccess: (a) => a.lastAccessDate, accessFrequency: (a) => a.applicationUsage }, default: 'priority desc' },
      });
      return envelope(ctx, p, (a) => renderAccess(ctx, r, a));
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{securityAccessReviewId}/accesses/{securityAccessReviewAccessId}/sub-accesses`,
    operationId: 'listSecurityAccessReviewSubAccesses',
    scope: READ,
    handler: (ctx) => {
      const r = review(ctx);
      const access = found(r.accesses.find((a) => a.id === ctx.params.securityAccessReviewAccessId), `${ctx.params.securityAccessReviewAccessId} (SecurityAccessReviewAccess)`);
      const p = page(ctx, access.subAccesses, {
        id: (s) => s.id,
        paging: { cursor: 'any' },
        filter: { spec: accessFilter, read: accessAttr(ctx) },
        orderBy: { keys: { priority: (s) => RANK[s.severity], lastAccess: (s) => s.assignedDate, accessFrequency: () => 0 }, default: 'priority desc' },
      });
      return envelope(ctx, p, (s) => renderSubAccess(ctx, r, s));
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/actions`,
    operationId: 'executeSecurityAccessReviewAccessesAction',
    scope: MANAGE,
    handler: (ctx) => {
      const r = review(ctx);
      const { item, access } = findTarget(r, ctx.params.securityAccessReviewTargetId!);
      const { type } = checkBody(accessActionBody, ctx.body);
      if (r.status !== 'ACTIVE') throw errors.conflict(`security access review ${r.id} must be ACTIVE to act on its accesses. Current status: ${r.status}`);
      const allowed = supportedActions(r, item.remediationStatus);
      if (!allowed.includes(type)) invalid('/type', `${type} is not possible for ${item.name} now; possible: ${allowed.join(', ') || 'none'}`, 'INVALID_ENUM_VALUE');
      const next: Record<typeof type, RemediationStatus> = {
        REVOKE_ACCESS: 'REMEDIATED',
        RESTORE_ACCESS: 'NONE',
        FLAG_FOR_MANUAL_REMEDIATION: 'PENDING_MANUAL_REMEDIATION',
        FLAG_FOR_MANUAL_RESTORATION: 'PENDING_MANUAL_RESTORATION',
      };
      item.remediationStatus = next[type];
      if (item === access && type === 'REVOKE_ACCESS') for (const s of access.subAccesses) s.remediationStatus = 'REMEDIATED';
      touch(ctx, r);
      addHistory(ctx.core, r, `${type.toLowerCase().replace(/_/g, ' ')}: ${item.name}`, ctx.caller.id);
      return { status: 202 };
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/anomalies`,
    operationId: 'listSecurityAccessReviewAccessesAnomalies',
    scope: READ,
    handler: (ctx) => {
      const { item } = findTarget(review(ctx), ctx.params.securityAccessReviewTargetId!);
      return json(200, { data: 'anomalies' in item ? item.anomalies : [] });
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/summary`,
    operationId: 'generateSecurityAccessReviewAccessesSummary',
    scope: MANAGE,
    handler: (ctx) => {
      const { item } = findTarget(review(ctx), ctx.params.securityAccessReviewTargetId!);
      const anomalies = 'anomalies' in item ? item.anomalies : [];
      const worst = anomalies.reduce<Severity>((w, a) => (RANK[a.severity] > RANK[w] ? a.severity : w), 'LOW');
      return json(200, { message: `${item.name}: ${item.severity.toLowerCase()} priority access with ${anomalies.length} signal(s); the strongest is ${worst.toLowerCase()}.` });
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{securityAccessReviewId}/summary`,
    operationId: 'generateSecurityAccessReviewSummary',
    scope: MANAGE,
    handler: (ctx) => {
      const r = review(ctx);
      if (r.status === 'PENDING') {
        return json(200, { message: "We couldn't generate a summary yet.", errors: [{ errorCode: 'summary.generator.not.available', errorMsg: 'The access snapshot is still being generated.', args: [] }] });
      }
      const high = r.accesses.filter((a) => a.severity === 'HIGH').length;
      const principal = ctx.core.state.users.get(r.principalId);
      return json(200, { message: `${principal ? fullName(principal) : r.principalId} has ${r.accesses.length} app(s) to review, ${high} of high priority.` });
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{securityAccessReviewId}/comment`,
    operationId: 'addSecurityAccessReviewComment',
    scope: MANAGE,
    handler: (ctx) => {
      const r = review(ctx);
      const { comment } = checkBody(commentBody, ctx.body);
      r.comments.push({ comment, authorId: ctx.caller.id, created: ctx.core.clock.iso() });
      addHistory(ctx.core, r, `commented: ${comment}`, ctx.caller.id);
      return noContent();
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{securityAccessReviewId}/history`,
    operationId: 'listSecurityAccessReviewHistory',
    scope: READ,
    handler: (ctx) => {
      const r = review(ctx);
      const { users } = ctx.core.state;
      const p = page(ctx, r.history, { id: (h) => h.id, paging: { cursor: 'any' } });
      return envelope(ctx, p, (h) => {
        const who = h.principalId ? users.get(h.principalId) : undefined;
        return { id: h.id, systemGenerated: h.systemGenerated, timestamp: h.timestamp, message: h.message, ...(who ? { principalProfile: userProfile(who) } : {}) };
      });
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{securityAccessReviewId}/principal`,
    operationId: 'getSecurityAccessReviewPrincipalDetails',
    scope: READ,
    handler: (ctx) => {
      const r = review(ctx);
      const user = found(ctx.core.state.users.get(r.principalId), `${r.principalId} (Principal)`);
      const manager = user.profile.managerId ? ctx.core.state.users.get(user.profile.managerId) : undefined;
      const place = { city: user.profile.city, state: user.profile.state, country: user.profile.countryCode };
      return json(200, {
        ...userProfile(user),
        department: user.profile.department,
        ...(manager ? { manager: fullName(manager) } : {}),
        role: user.profile.title,
        homeLocation: place,
        lastLoginInfo: { date: user.lastLogin, location: place, device: 'MacBook Pro', ipAddress: '127.0.0.1' },
        oktaAdminRoles: user.adminRoles,
        _links: { securityAccessReviewDetails: link(ctx.core, `${BASE}/${r.id}`) },
      });
    },
  },
];
