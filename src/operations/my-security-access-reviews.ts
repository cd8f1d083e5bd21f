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
import { defineOperations } from '../model/operation.ts';
import { bodyField, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { docsLink } from '../model/docs.ts';
import { ids, oktaId } from '../model/ids.ts';
import {
  accessItem,
  aiSummary,
  anomaly,
  historyEntry,
  principalDetails,
  sarAccessActionTypes,
  sarActionTypes,
  sarStatuses,
  securityAccessReview as review,
  stats,
  subAccessItem,
} from './security-access-review-shapes.ts';

const family = 'My security access reviews';
const docs = (id: string) => docsLink('governance.api', 'My-Security-Access-Reviews', id);
const read = ['okta.governance.securityAccessReviews.endUser.read'];
const manage = ['okta.governance.securityAccessReviews.endUser.manage'];
// End-user calls: no admin role; they act as the connection's own user.
const adminRoles: string[] = [];

// ---- Outputs ----

const reviewOutputs = {
  id: out('/id', 'Review ID'),
  name: out('/name', 'Name'),
  status: out('/status', 'Status', `One of ${sarStatuses.join(', ')}. A new review is PENDING until Okta has gathered the access to review.`),
  endTime: out('/endTime', 'Ends at'),
  reviewerUserIds: out('/reviewerSettings/userSettings/includedUserIds', 'Reviewer user IDs'),
  created: out('/created', 'Created at'),
  createdBy: out('/createdBy', 'Created by'),
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

const summaryOutputs = {
  message: out('/message', 'Summary', 'The AI-written summary (may be several paragraphs).'),
  errors: out('/errors', 'Errors', 'Why no summary could be written, when that happens.'),
};

// ---- Inputs used by several cards ----

const reviewIdParam = pathParam('securityAccessReviewId', ids.securityAccessReview, {
  label: 'Review ID',
  help: 'A security access review (sar…) I am a reviewer of. "List my security access reviews" gives it.',
  example: 'sar8f3mZq2LwTn5Yv0g7',
});
const accessItemParam = pathParam('securityAccessReviewAccessId', oktaId('aim', 'Access item'), {
  label: 'Access item ID',
  help: 'An access item (aim…) of the review, from "List access items of my security access review".',
  example: 'aim8f3nRt6KpXc1Jd0g7',
});
const targetParam = pathParam(
  'securityAccessReviewTargetId',
  Type.String({ minLength: 20, maxLength: 20, pattern: '^(aim|sai)[0-9a-zA-Z]{17}$', description: 'Access item (aim…) or sub-access item (sai…) id (20 characters)' }),
  {
    label: 'Access or sub-access item ID',
    help: 'An access item (aim…) or one of its sub-access items (sai…) in the review.',
    example: 'aim8f3nRt6KpXc1Jd0g7',
  },
);

/** orderBy is a one-item list in the spec: "<key> asc" or "<key> desc" (a bare key sorts ascending). */
const orderBy = (keys: readonly string[], dflt: string) =>
  queryParam('orderBy', Type.Array(Type.String({ pattern: `^(${keys.join('|')})( (asc|desc))?$` }), { minItems: 1, maxItems: 1, default: [dflt] }), {
    label: 'Order by',
    help: `One sort key: ${keys.join(', ')}, followed by asc or desc. Okta sorts by ${dflt} when empty.`,
    example: [dflt],
  });

const filter = (help: string, example: string) => queryParam('filter', Type.String({ minLength: 1 }), { label: 'Filter', help, example });

const itemListControls = {
  orderBy: orderBy(['priority', 'lastAccess', 'accessFrequency'], 'priority desc'),
  limit: listControls.limit(200, 20),
  after: listControls.after(),
};

export const mySecurityAccessReviewOperations = defineOperations([
  {
    id: 'listMySecurityAccessReviews',
    title: 'List my security access reviews',
    family,
    description: 'List the security access reviews the connection\'s own user is a reviewer of, optionally filtered by name, status, reviewer name or creation date.',
    docs: docs('listMySecurityAccessReviews'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: {
      filter: filter(
        'Optional. name, status or reviewer.name with eq or co; created with gt or lt; combine with AND / OR. E.g. status eq "ACTIVE".',
        'status eq "ACTIVE"',
      ),
      orderBy: orderBy(['name', 'created', 'endTime', 'status', 'id'], 'created asc'),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    response: null,
    list: { item: review, paginated: true, itemOutputs: reviewOutputs },
    outputs: {},
  },
  {
    id: 'getMySecurityAccessReviewsStats',
    title: 'Count my security access reviews by status',
    family,
    description: 'How many of the security access reviews the connection\'s own user reviews are active, pending, closed and in error.',
    docs: docs('getMySecurityAccessReviewsStats'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/stats',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: {},
    response: stats,
    outputs: {
      activeCount: out('/activeCount', 'Active'),
      pendingCount: out('/pendingCount', 'Pending'),
      closedCount: out('/closedCount', 'Closed'),
      errorCount: out('/errorCount', 'In error'),
    },
  },
  {
    id: 'getMySecurityAccessReview',
    title: 'Get my security access review',
    family,
    description: 'Read one security access review the connection\'s own user is a reviewer of: status, end time, reviewers and, if written, its AI summary.',
    docs: docs('getMySecurityAccessReview'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: { securityAccessReviewId: reviewIdParam },
    response: review,
    outputs: { ...reviewOutputs, summary: out('/summary/message', 'AI summary') },
  },
  {
    id: 'listMySecurityAccessReviewAccesses',
    title: 'List access items of my security access review',
    family,
    description: 'List the apps the user under review can reach, in a review the connection\'s own user is reviewing: each with its risk severity, the actions possible on it and what kinds of access sit behind it.',
    docs: docs('listMySecurityAccessReviewAccesses'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      filter: filter(
        'Optional. name co "…"; priority, sodConflictSeverity, assignmentMethodSeverity, pastGovernanceDecisionsSeverity, usageHistorySeverity or resourceType eq "…"; governanceLabel co "…".',
        'priority eq "HIGH"',
      ),
      ...itemListControls,
    },
    response: null,
    list: {
      item: accessItem,
      paginated: true,
      itemOutputs: {
        ...itemOutputs,
        subAccessTypes: out('/subAccessTypes', 'Kinds of sub-access', 'Groups, entitlement values or bundles behind this app; list them with "List sub-access items of my access item".'),
        appLabel: out('/appInfo/label', 'App label'),
        lastAccessDate: out('/appInfo/lastAccessDate', 'Last used'),
      },
    },
    outputs: {},
  },
  {
    id: 'listMySecurityAccessReviewSubAccesses',
    title: 'List sub-access items of my access item',
    family,
    description: 'List what grants one access item of a review the connection\'s own user is reviewing: the groups, entitlement values and entitlement bundles behind the app.',
    docs: docs('listMySecurityAccessReviewSubAccesses'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewAccessId}/sub-accesses',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      securityAccessReviewAccessId: accessItemParam,
      filter: filter('Optional. name co "…"; priority or resourceType eq "…" (resourceType: GROUP, ENTITLEMENT_VALUE, ENTITLEMENT_BUNDLE).', 'resourceType eq "GROUP"'),
      ...itemListControls,
    },
    response: null,
    list: { item: subAccessItem, paginated: true, itemOutputs },
    outputs: {},
  },
  {
    id: 'listMySecurityAccessReviewAccessesAnomalies',
    title: 'List anomalies of my access item',
    family,
    description: 'Why an access or sub-access item of a review the connection\'s own user is reviewing looks risky: separation-of-duties conflicts, unusual assignment, past review decisions, usage.',
    docs: docs('listMySecurityAccessReviewAccessesAnomalies'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/anomalies',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: { securityAccessReviewId: reviewIdParam, securityAccessReviewTargetId: targetParam },
    response: null,
    list: {
      item: anomaly,
      paginated: false,
      itemOutputs: {
        type: out('/type', 'Kind'),
        severity: out('/severity', 'Severity'),
        message: out('/subtext/message', 'Explanation'),
        sodConflicts: out('/sodConflicts', 'Separation-of-duties conflicts'),
      },
    },
    outputs: {},
  },
  {
    id: 'executeMySecurityAccessReviewAccessesAction',
    title: 'Revoke or restore my access item',
    family,
    description: 'As the reviewer the connection signs in as (its own user), act on one access or sub-access item: revoke it, restore it, or flag it for someone to remove or restore by hand. Okta accepts the action and carries it out afterwards.',
    docs: docs('executeMySecurityAccessReviewAccessesAction'),
    lifecycle: 'GA',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/actions',
    successStatus: 202,
    scopes: manage,
    adminRoles,
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
    response: null,
    outputs: {},
  },
  {
    id: 'generateMySecurityAccessReviewAccessesSummary',
    title: 'Summarize my access item',
    family,
    description: 'Have Okta AI summarize one access or sub-access item of a review the connection\'s own user is reviewing. Needs governance AI for security access reviews turned on in the org.',
    docs: docs('generateMySecurityAccessReviewAccessesSummary'),
    lifecycle: 'GA',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/accesses/{securityAccessReviewTargetId}/summary',
    successStatus: 200,
    scopes: manage,
    adminRoles,
    // Writing the summary again only replaces it, so a retry is safe.
    idempotent: true,
    inputs: { securityAccessReviewId: reviewIdParam, securityAccessReviewTargetId: targetParam },
    response: aiSummary,
    outputs: summaryOutputs,
  },
  {
    id: 'listMySecurityAccessReviewActions',
    title: 'List actions of my security access review',
    family,
    description: 'The actions the connection\'s own user, as reviewer, can take on a review right now: close it, or give back all access revoked in it.',
    docs: docs('listMySecurityAccessReviewActions'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/actions',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: { securityAccessReviewId: reviewIdParam },
    response: null,
    list: {
      item: Type.Object({ actionType: Type.Optional(Type.String({ description: sarActionTypes.join(' or ') })) }),
      paginated: false,
      itemOutputs: { actionType: out('/actionType', 'Action') },
    },
    outputs: {},
  },
  {
    id: 'executeMySecurityAccessReviewAction',
    title: 'Close or restore my security access review',
    family,
    description: 'As the reviewer the connection signs in as (its own user), close a security access review (CLOSE_REVIEW) or give back every access revoked in it (RESTORE_ALL_ACCESS). Okta accepts and carries it out afterwards.',
    docs: docs('executeMySecurityAccessReviewAction'),
    lifecycle: 'GA',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/actions',
    successStatus: 202,
    scopes: manage,
    adminRoles,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      actionType: bodyField('/actionType', enumOf(sarActionTypes), {
        label: 'Action',
        help: 'CLOSE_REVIEW ends the review now; RESTORE_ALL_ACCESS gives back all access revoked in it. "List actions of my security access review" says which are allowed.',
        required: true,
        example: 'CLOSE_REVIEW',
      }),
    },
    response: null,
    outputs: {},
  },
  {
    id: 'addMySecurityAccessReviewComment',
    title: 'Comment on my security access review',
    family,
    description: 'Add a note to the history of a security access review, as the connection\'s own user (a reviewer of it), e.g. why access was kept or revoked.',
    docs: docs('addMySecurityAccessReviewComment'),
    lifecycle: 'GA',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/comment',
    successStatus: 204,
    scopes: manage,
    adminRoles,
    inputs: {
      securityAccessReviewId: reviewIdParam,
      comment: bodyField('/comment', Type.String({ minLength: 1, maxLength: 1000 }), {
        label: 'Comment',
        help: 'The note, 1–1000 characters.',
        required: true,
        example: 'Kept finance access: confirmed with the manager.',
      }),
    },
    response: null,
    outputs: {},
  },
  {
    id: 'listMySecurityAccessReviewHistory',
    title: 'List history of my security access review',
    family,
    description: 'What happened in a review the connection\'s own user is reviewing: launch, comments, revocations, closing — each with who and when.',
    docs: docs('listMySecurityAccessReviewHistory'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/history',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: { securityAccessReviewId: reviewIdParam, limit: listControls.limit(200, 20), after: listControls.after() },
    response: null,
    list: {
      item: historyEntry,
      paginated: true,
      itemOutputs: {
        id: out('/id', 'Entry ID'),
        timestamp: out('/timestamp', 'When'),
        message: out('/message', 'What happened'),
        systemGenerated: out('/systemGenerated', 'By Okta', 'True when Okta did it, not a person.'),
        actorId: out('/principalProfile/id', 'By user ID'),
        actorLogin: out('/principalProfile/login', 'By user login'),
      },
    },
    outputs: {},
  },
  {
    id: 'getMySecurityAccessReviewPrincipalDetails',
    title: 'Get user under my review',
    family,
    description: 'Read the profile of the user under review, in a review the connection\'s own user is reviewing: department, manager, role, location, last sign-in and admin roles.',
    docs: docs('getMySecurityAccessReviewPrincipalDetails'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/principal',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: { securityAccessReviewId: reviewIdParam },
    response: principalDetails,
    outputs: {
      id: out('/id', 'User ID'),
      login: out('/login', 'Login'),
      email: out('/email', 'Email'),
      firstName: out('/firstName', 'First name'),
      lastName: out('/lastName', 'Last name'),
      status: out('/status', 'Status'),
      department: out('/department', 'Department'),
      manager: out('/manager', 'Manager'),
      role: out('/role', 'Role'),
      lastLoginAt: out('/lastLoginInfo/date', 'Last sign-in'),
      oktaAdminRoles: out('/oktaAdminRoles', 'Okta admin roles'),
    },
  },
  {
    id: 'generateMySecurityAccessReviewSummary',
    title: 'Summarize my security access review',
    family,
    description: 'Have Okta AI summarize the risks of a review the connection\'s own user is reviewing. Needs governance AI for security access reviews turned on in the org.',
    docs: docs('generateMySecurityAccessReviewSummary'),
    lifecycle: 'GA',
    method: 'POST',
    path: '/governance/api/v2/my/security-access-reviews/{securityAccessReviewId}/summary',
    successStatus: 200,
    scopes: manage,
    adminRoles,
    // Writing the summary again only replaces it, so a retry is safe.
    idempotent: true,
    inputs: { securityAccessReviewId: reviewIdParam },
    response: aiSummary,
    outputs: summaryOutputs,
  },
]);
