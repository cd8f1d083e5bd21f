/**
 * Security access reviews (SAR): a one-off review of everything one user can reach, launched when
 * something looks wrong (a risk event, a departure, an audit). Reviewers see every app, group and
 * entitlement the user holds, can revoke or restore each, and close the review.
 *
 * API rules worth knowing (API-NOTES §6.2): a review is created PENDING, turns ACTIVE once Okta has
 * taken the access snapshot, and ends CLOSED (by the CLOSE_REVIEW action or at endTime) or ERROR.
 * Reviewers are 1–10 users and never the user under review; endTime is at least 1 day and less than
 * 6 months after launch (default 7 days). AI summaries need the org's governance AI setting.
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule, RuleContext } from '../model/operation.ts';
import { bodyField, enumOf, out, pathParam } from '../model/fields.ts';
import { ids } from '../model/ids.ts';
import { instant, isoDateTime, windowFrom } from '../model/date-time.ts';
import {
  sarActionTypes,
  sarAccessActionTypes,
  accessItemId,
  aiSummary,
  securityAccessReview,
  accessItem,
  subAccessItem,
  anomaly,
  historyEntry,
  principalDetails,
  stats,
  reviewOutputs,
  statsOutputs,
  summaryOutputs,
  anomalyOutputs,
  historyEntryOutputs,
  principalDetailsOutputs,
  targetParam,
  reviewListInputs,
  accessListInputs,
  subAccessListInputs,
  historyListInputs,
  commentField,
} from './security-access-review-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Security access reviews',
  docs: { api: 'governance.api', tag: 'Security-Access-Reviews' },
  lifecycle: 'GA',
  adminRoles: ['SUPER_ADMIN'],
  scopes: { read: ['okta.governance.securityAccessReviews.admin.read'], manage: ['okta.governance.securityAccessReviews.admin.manage'] },
};
export { sarAccessActionTypes, sarActionTypes, sarStatuses } from './security-access-review-shapes.ts';

// ---- Outputs ----

const accessItemOutputs = {
  id: out('/id', 'Access item ID'),
  name: out('/name', 'Name'),
  type: out('/type', 'Type'),
  resourceId: out('/resourceId', 'Resource ID', 'The app (0oa…) this access is to.'),
  severity: out('/severity', 'Severity'),
  supportedActions: out('/supportedActions', 'Possible actions'),
  remediationStatus: out('/remediationStatus', 'Remediation status'),
  subAccessTypes: out('/subAccessTypes', 'Kinds of sub-access', 'Groups, entitlement values or bundles behind this access; list them with "List sub-access items".'),
  appLabel: out('/appInfo/label', 'App label'),
  lastAccessDate: out('/appInfo/lastAccessDate', 'Last used'),
};

// ---- Inputs used by several cards ----

const reviewIdParam = pathParam('securityAccessReviewId', ids.securityAccessReview, {
  label: 'Review ID',
  help: 'The security access review (sar…). "Launch security access review" and "List security access reviews" give it.',
  example: 'sar8f3mZq2LwTn5Yv0g7',
});
const accessItemParam = pathParam('securityAccessReviewAccessId', accessItemId, {
  label: 'Access item ID',
  help: 'An access item of the review (aim…), from "List access items of security access review".',
  example: 'aim8f3nRt6KpXc1Jd0g7',
});

const reviewerIdList = Type.Array(ids.user, { minItems: 1, maxItems: 10 });
const reviewerUserIds = (required: boolean) =>
  bodyField('/reviewerSettings/userSettings/includedUserIds', reviewerIdList, {
    label: 'Reviewer user IDs',
    help: `${required ? '' : 'Optional: replaces the reviewers. '}1 to 10 Okta users (00u…) who review the access, each listed once. The user under review can't be one of them.`,
    set: { '/reviewerSettings/type': 'USER' },
    example: ['00u8f2ks1VbQrZy6h0g7', '00u8f2ku4NcJdPe9k0g7'],
  });
const reviewerSettings = bodyField(
  '/reviewerSettings',
  Type.Object(
    {
      type: enumOf(['USER']),
      userSettings: Type.Optional(Type.Object({ includedUserIds: Type.Optional(reviewerIdList) }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
  {
    label: 'Reviewer settings (API form)',
    help: 'The reviewers as the API takes them: {type: "USER", userSettings: {includedUserIds: ["00u…"]}}. Use instead of Reviewer user IDs.',
    advanced: true,
  },
);

// ---- Business rules JSON Schema can't say (they see the body as it will be sent) ----

/** The window a new review's endTime must fall in: [now + 1 day, now + 6 months). */
export const sarEndTimeWindow = (now: Date) => windowFrom(now, { minDays: 1, maxMonths: 6 });

type SarBody = { principalId?: string; endTime?: string; reviewerSettings?: { userSettings?: { includedUserIds?: string[] } } };
const bodyOf = (ctx: RuleContext) => (ctx.body ?? {}) as SarBody;
const reviewersOf = (ctx: RuleContext) => bodyOf(ctx).reviewerSettings?.userSettings?.includedUserIds ?? [];

export const principalNotReviewer: BusinessRule = {
  id: 'sar-principal-not-reviewer',
  field: 'reviewerUserIds',
  description: 'The user under review (principalId) can\'t be one of the reviewers.',
  check: (ctx) => {
    const principalId = bodyOf(ctx).principalId;
    if (!principalId || !reviewersOf(ctx).includes(principalId)) return null;
    return `reviewerUserIds must not contain principalId ${principalId}: the user under review can't review themselves; pick other reviewers`;
  },
};

export const reviewersUnique: BusinessRule = {
  id: 'sar-reviewers-unique',
  field: 'reviewerUserIds',
  description: 'Each reviewer is listed once.',
  check: (ctx) => {
    const seen = new Set<string>();
    for (const id of reviewersOf(ctx)) {
      if (seen.has(id)) return `reviewerUserIds lists ${id} more than once: each reviewer may appear only once; remove the duplicate`;
      seen.add(id);
    }
    return null;
  },
};

export const endTimeWindow: BusinessRule = {
  id: 'sar-end-time-window',
  field: 'endTime',
  description: 'endTime is at least 1 day and less than 6 months after launch.',
  check: (ctx) => {
    const endTime = bodyOf(ctx).endTime;
    const end = instant(endTime);
    if (Number.isNaN(end)) return null; // absent (Okta picks 7 days) or malformed (the schema says so)
    const { earliest, before } = sarEndTimeWindow(ctx.now);
    if (end >= earliest.getTime() && end < before.getTime()) return null;
    return (
      `endTime ${endTime} is outside the allowed window: a review must run at least 1 day and less than 6 months, ` +
      `so endTime must be from ${earliest.toISOString()} up to (not including) ${before.toISOString()}; ` +
      'pick a time in that window, or leave endTime empty for the default of 7 days'
    );
  },
};

/**
 * On update Okta counts the 6 months from the review's launch, which the request doesn't carry; the
 * card checks what it can: the new end is in the future and within 6 months of now.
 */
export const updatedEndTimeWindow: BusinessRule = {
  id: 'sar-updated-end-time-window',
  field: 'endTime',
  description: 'A new endTime is in the future and less than 6 months away (Okta also keeps it within 6 months of launch).',
  check: (ctx) => {
    const endTime = bodyOf(ctx).endTime;
    const end = instant(endTime);
    if (Number.isNaN(end)) return null;
    const { before } = sarEndTimeWindow(ctx.now);
    if (end > ctx.now.getTime() && end < before.getTime()) return null;
    return (
      `endTime ${endTime} is outside the allowed window: the new end must be after now (${ctx.now.toISOString()}) ` +
      `and before ${before.toISOString()} (6 months ahead; Okta also keeps it within 6 months of the launch); pick a time in that window`
    );
  },
};

export const somethingToUpdate: BusinessRule = {
  id: 'sar-update-not-empty',
  field: 'endTime',
  description: 'An update changes endTime, the reviewers, or both.',
  check: (ctx) => {
    const body = bodyOf(ctx);
    if (body.endTime !== undefined || body.reviewerSettings !== undefined) return null;
    return 'endTime or reviewerUserIds is required: an update with neither changes nothing; give a new end time, new reviewers, or both';
  },
};

export const sarRules = { principalNotReviewer, reviewersUnique, endTimeWindow, updatedEndTimeWindow, somethingToUpdate };

export const securityAccessReviewOperations = defineFamily(defaults, [
  {
    id: 'createSecurityAccessReview',
    title: 'Launch security access review',
    description:
      'Start a review of everything one user can access, by 1 to 10 reviewers. Okta gathers the access first (status PENDING), then the reviewers can revoke or keep each item.',
    method: 'POST',
    path: '/governance/api/v2/security-access-reviews',
    successStatus: 202,
    inputs: {
      principalId: bodyField('/principalId', ids.user, {
        label: 'User to review',
        help: 'The Okta user (00u…) whose access is reviewed. Look a user up by login with "List users".',
        required: true,
        example: '00u8f2kq7TxLmWn3p0g7',
      }),
      name: bodyField('/name', Type.String({ minLength: 1, maxLength: 255 }), {
        label: 'Review name',
        help: 'What reviewers see, 1–255 characters, e.g. "Suspicious sign-in: jane.doe".',
        required: true,
        example: 'Suspicious activity: jane.doe@example.com',
      }),
      reviewerUserIds: reviewerUserIds(true),
      endTime: bodyField('/endTime', isoDateTime, {
        label: 'Ends at',
        help: 'Optional. When the review closes: at least 1 day and less than 6 months from now. Okta uses 7 days when empty.',
      }),
      reviewerSettings,
    },
    oneOf: [['reviewerUserIds', 'reviewerSettings']],
    rules: [principalNotReviewer, reviewersUnique, endTimeWindow],
    answer: object(securityAccessReview, reviewOutputs),
  },
  {
    id: 'listSecurityAccessReviews',
    title: 'List security access reviews',
    description: 'List the security access reviews of the org, optionally filtered by name, status, reviewer name or creation date.',
    method: 'GET',
    path: '/governance/api/v2/security-access-reviews',
    inputs: reviewListInputs,
    answer: list({
      item: securityAccessReview,
      paginated: true,
      itemOutputs: {
        id: reviewOutputs.id,
        name: reviewOutputs.name,
        status: reviewOutputs.status,
        endTime: reviewOutputs.endTime,
        reviewerUserIds: reviewOutputs.reviewerUserIds,
        created: reviewOutputs.created,
        detailsLink: reviewOutputs.detailsLink,
      },
    }),
  },
  {
    id: 'getSecurityAccessReview',
    title: 'Get security access review',
    description: 'Read one security access review: its status, end time and reviewers.',
    method: 'GET',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}',
    inputs: { securityAccessReviewId: reviewIdParam },
    answer: object(securityAccessReview, reviewOutputs),
  },
  {
    id: 'updateSecurityAccessReview',
    title: 'Update security access review',
    description: 'Move the end time of a security access review or replace its reviewers (or both).',
    method: 'PATCH',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}',
    inputs: {
      securityAccessReviewId: reviewIdParam,
      endTime: bodyField('/endTime', isoDateTime, {
        label: 'Ends at',
        help: 'Optional. The new end: in the future and within 6 months of the review\'s launch.',
      }),
      reviewerUserIds: reviewerUserIds(false),
      reviewerSettings,
    },
    atMostOne: [['reviewerUserIds', 'reviewerSettings']],
    rules: [reviewersUnique, updatedEndTimeWindow, somethingToUpdate],
    answer: object(securityAccessReview, reviewOutputs),
  },
  {
    id: 'getSecurityAccessReviewsStats',
    title: 'Count security access reviews by status',
    description: 'How many security access reviews the org has in each status: active, pending, closed and in error.',
    method: 'GET',
    path: '/governance/api/v2/security-access-reviews/stats',
    inputs: {},
    answer: object(stats, statsOutputs),
  },
  {
    id: 'listSecurityAccessReviewActions',
    title: 'List security access review actions',
    description: 'The actions the review allows right now (close it, restore all revoked access).',
    method: 'GET',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/actions',
    inputs: { securityAccessReviewId: reviewIdParam },
    answer: list({
      item: Type.Object({ actionType: Type.Optional(Type.String()) }),
      paginated: false,
      itemOutputs: { actionType: out('/actionType', 'Action') },
    }),
  },
  {
    id: 'executeSecurityAccessReviewAction',
    title: 'Close or restore security access review',
    description: 'Close a security access review (CLOSE_REVIEW), or give back every access revoked in it (RESTORE_ALL_ACCESS).',
    method: 'POST',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/actions',
    successStatus: 202,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      actionType: bodyField('/actionType', enumOf(sarActionTypes), {
        label: 'Action',
        help: 'CLOSE_REVIEW ends the review now; RESTORE_ALL_ACCESS gives back all access revoked in it. "List security access review actions" says which are allowed.',
        required: true,
        example: 'CLOSE_REVIEW',
      }),
    },
    answer: noBody(),
  },
  {
    id: 'listSecurityAccessReviewAccesses',
    title: 'List access items of security access review',
    description: 'List the apps the reviewed user can reach, each with its risk severity, the actions possible on it and what sits behind it.',
    method: 'GET',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/accesses',
    inputs: { securityAccessReviewId: reviewIdParam, ...accessListInputs },
    answer: list({ item: accessItem, paginated: true, itemOutputs: accessItemOutputs }),
  },
  {
    id: 'listSecurityAccessReviewSubAccesses',
    title: 'List sub-access items of access item',
    description: 'List what grants an access item: the groups, entitlement values and entitlement bundles behind one app in the review.',
    method: 'GET',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewAccessId}/sub-accesses',
    inputs: { securityAccessReviewId: reviewIdParam, securityAccessReviewAccessId: accessItemParam, ...subAccessListInputs },
    answer: list({
      item: subAccessItem,
      paginated: true,
      itemOutputs: {
        id: out('/id', 'Sub-access item ID'),
        name: out('/name', 'Name'),
        type: out('/type', 'Type'),
        resourceId: out('/resourceId', 'Resource ID'),
        severity: out('/severity', 'Severity'),
        supportedActions: out('/supportedActions', 'Possible actions'),
        remediationStatus: out('/remediationStatus', 'Remediation status'),
      },
    }),
  },
  {
    id: 'listSecurityAccessReviewAccessesAnomalies',
    title: 'List anomalies of access item',
    description: 'Why an access item looks risky: separation-of-duties conflicts, unusual assignment, past review decisions, usage.',
    method: 'GET',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/anomalies',
    inputs: { securityAccessReviewId: reviewIdParam, securityAccessReviewTargetId: targetParam },
    answer: list({ item: anomaly, paginated: false, itemOutputs: anomalyOutputs }),
  },
  {
    id: 'executeSecurityAccessReviewAccessesAction',
    title: 'Revoke or restore access item',
    description: 'Act on one access or sub-access item of a review: revoke it, restore it, or flag it for someone to remove or restore by hand.',
    method: 'POST',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/actions',
    successStatus: 202,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      securityAccessReviewTargetId: targetParam,
      type: bodyField('/type', enumOf(sarAccessActionTypes), {
        label: 'Action',
        help: `One of ${sarAccessActionTypes.join(', ')}. The item's "Possible actions" says which apply.`,
        required: true,
        example: 'REVOKE_ACCESS',
      }),
    },
    answer: noBody(),
  },
  {
    id: 'generateSecurityAccessReviewSummary',
    title: 'Summarize security access review',
    description: 'Have Okta AI write a summary of the review\'s risks. Needs governance AI for security access reviews turned on in the org.',
    method: 'POST',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/summary',
    // Writing the summary again only replaces it, so a retry is safe.
    idempotent: true,
    inputs: { securityAccessReviewId: reviewIdParam },
    answer: object(aiSummary, summaryOutputs),
  },
  {
    id: 'generateSecurityAccessReviewAccessesSummary',
    title: 'Summarize access item',
    description: 'Have Okta AI write a summary of one access or sub-access item of a review. Needs governance AI for security access reviews turned on.',
    method: 'POST',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/summary',
    idempotent: true,
    inputs: { securityAccessReviewId: reviewIdParam, securityAccessReviewTargetId: targetParam },
    answer: object(aiSummary, summaryOutputs),
  },
  {
    id: 'addSecurityAccessReviewComment',
    title: 'Comment on security access review',
    description: 'Add a note to the review\'s history, e.g. why it was launched or what was decided.',
    method: 'POST',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/comment',
    successStatus: 204,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      comment: commentField('Launched after a suspicious sign-in report.'),
    },
    answer: noBody(),
  },
  {
    id: 'listSecurityAccessReviewHistory',
    title: 'List security access review history',
    description: 'What happened in a review, newest last: launch, comments, revocations, closing — each with who and when.',
    method: 'GET',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/history',
    inputs: { securityAccessReviewId: reviewIdParam, ...historyListInputs },
    answer: list({ item: historyEntry, paginated: true, itemOutputs: historyEntryOutputs }),
  },
  {
    id: 'getSecurityAccessReviewPrincipalDetails',
    title: 'Get user under review',
    description: 'Read the profile of the user a review is about: department, manager, role, location, last sign-in and admin roles.',
    method: 'GET',
    path: '/governance/api/v2/security-access-reviews/{securityAccessReviewId}/principal',
    inputs: { securityAccessReviewId: reviewIdParam },
    answer: object(principalDetails, principalDetailsOutputs),
  },
]);
