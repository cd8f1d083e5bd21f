/**
 * My security access reviews: the reviewer's side of a security access review (SAR). These are
 * end-user calls — they act as the token's user and only reach the reviews that user is a reviewer
 * of. A reviewer lists their reviews, walks the access items (apps) of the user under review and what
 * grants each (groups, entitlements, bundles), reads why an item looks risky, revokes or restores
 * access, comments, and closes the review. Admins use the "Security access reviews" cards instead.
 *
 * API rules worth knowing (API-NOTES §6.2): a review is PENDING until Okta has gathered the access,
 * then ACTIVE, and ends CLOSED (by CLOSE_REVIEW or at its end time) or ERROR. Actions are accepted
 * with 202 and carried out afterwards. AI summaries need the org's governance AI setting for security
 * access reviews. Access items are aim…, sub-access items sai…; actions and summaries take either.
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { bodyField, enumOf, out, pathParam } from '../model/fields.ts';
import { ids } from '../model/ids.ts';
import {
  accessItem,
  accessItemId,
  accessListInputs,
  aiSummary,
  anomaly,
  anomalyOutputs,
  commentField,
  historyEntry,
  historyEntryOutputs,
  historyListInputs,
  principalDetails,
  principalDetailsOutputs,
  reviewListInputs,
  reviewOutputs as allReviewOutputs,
  sarAccessActionTypes,
  sarActionTypes,
  securityAccessReview as review,
  stats,
  statsOutputs,
  subAccessItem,
  subAccessListInputs,
  summaryOutputs,
  targetParam,
} from './security-access-review-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'My security access reviews',
  docs: { api: 'governance.api', tag: 'My-Security-Access-Reviews' },
  lifecycle: 'GA',
  // End-user calls: no admin role; they act as the connection's own user.
  adminRoles: [],
  scopes: { read: ['okta.governance.securityAccessReviews.endUser.read'], manage: ['okta.governance.securityAccessReviews.endUser.manage'] },
};

// ---- Outputs ----

const reviewOutputs = {
  id: allReviewOutputs.id,
  name: allReviewOutputs.name,
  status: allReviewOutputs.status,
  endTime: allReviewOutputs.endTime,
  reviewerUserIds: allReviewOutputs.reviewerUserIds,
  created: allReviewOutputs.created,
  createdBy: allReviewOutputs.createdBy,
};

const itemOutputs = {
  id: out('/id', 'Item ID'),
  name: out('/name', 'Name'),
  type: out('/type', 'Type'),
  resourceId: out('/resourceId', 'Resource ID'),
  severity: out('/severity', 'Severity', 'LOW, MEDIUM or HIGH.'),
  supportedActions: out('/supportedActions', 'Possible actions', 'What "Revoke or restore my access item" may do to it now.'),
  remediationStatus: out('/remediationStatus', 'Remediation status'),
};

// ---- Inputs used by several cards ----

const reviewIdParam = pathParam('securityAccessReviewId', ids.securityAccessReview, {
  label: 'Review ID',
  help: 'A security access review (sar…) I am a reviewer of. "List my security access reviews" gives it.',
  example: 'sar8f3mZq2LwTn5Yv0g7',
});
const accessItemParam = pathParam('securityAccessReviewAccessId', accessItemId, {
  label: 'Access item ID',
  help: 'An access item (aim…) of the review, from "List access items of my security access review".',
  example: 'aim8f3nRt6KpXc1Jd0g7',
});

export const mySecurityAccessReviewOperations = defineFamily(defaults, [
  {
    id: 'listMySecurityAccessReviews',
    title: 'List my security access reviews',
    description: 'List the security access reviews the connection\'s own user is a reviewer of, optionally filtered by name, status, reviewer name or creation date.',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews',
    inputs: reviewListInputs,
    answer: list({ item: review, paginated: true, itemOutputs: reviewOutputs }),
  },
  {
    id: 'getMySecurityAccessReviewsStats',
    title: 'Count my security access reviews by status',
    description: 'How many of the security access reviews the connection\'s own user reviews are active, pending, closed and in error.',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/stats',
    inputs: {},
    answer: object(stats, statsOutputs),
  },
  {
    id: 'getMySecurityAccessReview',
    title: 'Get my security access review',
    description: 'Read one security access review the connection\'s own user is a reviewer of: status, end time, reviewers and, if written, its AI summary.',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}',
    inputs: { securityAccessReviewId: reviewIdParam },
    answer: object(review, { ...reviewOutputs, summary: out('/summary/message', 'AI summary') }),
  },
  {
    id: 'listMySecurityAccessReviewAccesses',
    title: 'List access items of my security access review',
    description: 'List the apps the user under review can reach, in a review the connection\'s own user is reviewing: each with its risk severity, the actions possible on it and what kinds of access sit behind it.',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses',
    inputs: { securityAccessReviewId: reviewIdParam, ...accessListInputs },
    answer: list({
      item: accessItem,
      paginated: true,
      itemOutputs: {
        ...itemOutputs,
        subAccessTypes: out('/subAccessTypes', 'Kinds of sub-access', 'Groups, entitlement values or bundles behind this app; list them with "List sub-access items of my access item".'),
        appLabel: out('/appInfo/label', 'App label'),
        lastAccessDate: out('/appInfo/lastAccessDate', 'Last used'),
      },
    }),
  },
  {
    id: 'listMySecurityAccessReviewSubAccesses',
    title: 'List sub-access items of my access item',
    description: 'List what grants one access item of a review the connection\'s own user is reviewing: the groups, entitlement values and entitlement bundles behind the app.',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewAccessId}/sub-accesses',
    inputs: { securityAccessReviewId: reviewIdParam, securityAccessReviewAccessId: accessItemParam, ...subAccessListInputs },
    answer: list({ item: subAccessItem, paginated: true, itemOutputs }),
  },
  {
    id: 'listMySecurityAccessReviewAccessesAnomalies',
    title: 'List anomalies of my access item',
    description: 'Why an access or sub-access item of a review the connection\'s own user is reviewing looks risky: separation-of-duties conflicts, unusual assignment, past review decisions, usage.',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/anomalies',
    inputs: { securityAccessReviewId: reviewIdParam, securityAccessReviewTargetId: targetParam },
    answer: list({ item: anomaly, paginated: false, itemOutputs: anomalyOutputs }),
  },
  {
    id: 'executeMySecurityAccessReviewAccessesAction',
    title: 'Revoke or restore my access item',
    description: 'As the reviewer the connection signs in as (its own user), act on one access or sub-access item: revoke it, restore it, or flag it for someone to remove or restore by hand. Okta accepts the action and carries it out afterwards.',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/actions',
    successStatus: 202,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      securityAccessReviewTargetId: targetParam,
      type: bodyField('/type', enumOf(sarAccessActionTypes), {
        label: 'Action',
        help: `One of ${sarAccessActionTypes.join(', ')}. The item's "Possible actions" says which apply now.`,
        required: true,
        example: 'REVOKE_ACCESS',
      }),
    },
    answer: noBody(),
  },
  {
    id: 'generateMySecurityAccessReviewAccessesSummary',
    title: 'Summarize my access item',
    description: 'Have Okta AI summarize one access or sub-access item of a review the connection\'s own user is reviewing. Needs governance AI for security access reviews turned on in the org.',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/summary',
    // Writing the summary again only replaces it, so a retry is safe.
    idempotent: true,
    inputs: { securityAccessReviewId: reviewIdParam, securityAccessReviewTargetId: targetParam },
    answer: object(aiSummary, summaryOutputs),
  },
  {
    id: 'listMySecurityAccessReviewActions',
    title: 'List actions of my security access review',
    description: 'The actions the connection\'s own user, as reviewer, can take on a review right now: close it, or give back all access revoked in it.',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/actions',
    inputs: { securityAccessReviewId: reviewIdParam },
    answer: list({
      item: Type.Object({ actionType: Type.Optional(Type.String({ description: sarActionTypes.join(' or ') })) }),
      paginated: false,
      itemOutputs: { actionType: out('/actionType', 'Action') },
    }),
  },
  {
    id: 'executeMySecurityAccessReviewAction',
    title: 'Close or restore my security access review',
    description: 'As the reviewer the connection signs in as (its own user), close a security access review (CLOSE_REVIEW) or give back every access revoked in it (RESTORE_ALL_ACCESS). Okta accepts and carries it out afterwards.',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/actions',
    successStatus: 202,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      actionType: bodyField('/actionType', enumOf(sarActionTypes), {
        label: 'Action',
        help: 'CLOSE_REVIEW ends the review now; RESTORE_ALL_ACCESS gives back all access revoked in it. "List actions of my security access review" says which are allowed.',
        required: true,
        example: 'CLOSE_REVIEW',
      }),
    },
    answer: noBody(),
  },
  {
    id: 'addMySecurityAccessReviewComment',
    title: 'Comment on my security access review',
    description: 'Add a note to the history of a security access review, as the connection\'s own user (a reviewer of it), e.g. why access was kept or revoked.',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/comment',
    successStatus: 204,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      comment: commentField('Kept finance access: confirmed with the manager.'),
    },
    answer: noBody(),
  },
  {
    id: 'listMySecurityAccessReviewHistory',
    title: 'List history of my security access review',
    description: 'What happened in a review the connection\'s own user is reviewing: launch, comments, revocations, closing — each with who and when.',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/history',
    inputs: { securityAccessReviewId: reviewIdParam, ...historyListInputs },
    answer: list({ item: historyEntry, paginated: true, itemOutputs: historyEntryOutputs }),
  },
  {
    id: 'getMySecurityAccessReviewPrincipalDetails',
    title: 'Get user under my review',
    description: 'Read the profile of the user under review, in a review the connection\'s own user is reviewing: department, manager, role, location, last sign-in and admin roles.',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/principal',
    inputs: { securityAccessReviewId: reviewIdParam },
    answer: object(principalDetails, principalDetailsOutputs),
  },
  {
    id: 'generateMySecurityAccessReviewSummary',
    title: 'Summarize my security access review',
    description: 'Have Okta AI summarize the risks of a review the connection\'s own user is reviewing. Needs governance AI for security access reviews turned on in the org.',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/summary',
    // Writing the summary again only replaces it, so a retry is safe.
    idempotent: true,
    inputs: { securityAccessReviewId: reviewIdParam },
    answer: object(aiSummary, summaryOutputs),
  },
]);
