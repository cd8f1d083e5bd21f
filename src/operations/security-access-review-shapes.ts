/**
 * Shapes both security access review families share: the admin cards (security-access-reviews.ts)
 * and the reviewer's own "My …" cards (my-security-access-reviews.ts) read the same objects, take the
 * same list parameters and show the same outputs of them.
 * Response shapes are tolerant: every field optional, undeclared fields allowed (API-NOTES §7.3).
 */
import { Type } from '@sinclair/typebox';
import { timestamp } from '../model/date-time.ts';
import { bodyField, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { oktaId } from '../model/ids.ts';

export const sarStatuses = ['PENDING', 'ACTIVE', 'CLOSED', 'ERROR'] as const;
export const sarActionTypes = ['CLOSE_REVIEW', 'RESTORE_ALL_ACCESS'] as const;
export const sarAccessActionTypes = ['REVOKE_ACCESS', 'RESTORE_ACCESS', 'FLAG_FOR_MANUAL_REMEDIATION', 'FLAG_FOR_MANUAL_RESTORATION'] as const;

// Ids of the items inside a review: access items (aim…) and their sub-access items (sai…).
export const accessItemId = oktaId('aim', 'Access item');
export const accessOrSubAccessItemId = Type.String({
  minLength: 20,
  maxLength: 20,
  pattern: '^(aim|sai)[0-9a-zA-Z]{17}$',
  description: 'Access item (aim…) or sub-access item (sai…) id (20 characters)',
});

// ---- Response shapes (tolerant: every field optional, undeclared fields allowed) ----

export const link = Type.Object({ href: Type.Optional(Type.String()) });
export const place = Type.Object({ city: Type.Optional(Type.String()), state: Type.Optional(Type.String()), country: Type.Optional(Type.String()) });

export const principalProfile = Type.Object({
  id: Type.Optional(Type.String()),
  login: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  firstName: Type.Optional(Type.String()),
  lastName: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
});

export const aiSummary = Type.Object({
  message: Type.Optional(Type.String()),
  deltaMessage: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(
      Type.Object({
        errorCode: Type.Optional(Type.String()),
        errorMsg: Type.Optional(Type.String()),
        args: Type.Optional(Type.Array(Type.Object({ value: Type.Optional(Type.String()), type: Type.Optional(Type.String()) }))),
      }),
    ),
  ),
});

export const securityAccessReview = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  status: Type.Optional(Type.String({ description: sarStatuses.join(', ') })),
  endTime: Type.Optional(timestamp),
  reviewerSettings: Type.Optional(
    Type.Object({
      type: Type.Optional(Type.String()),
      userSettings: Type.Optional(
        Type.Object({
          includedUserIds: Type.Optional(Type.Array(Type.String())),
          includedUserProfiles: Type.Optional(Type.Array(principalProfile)),
        }),
      ),
    }),
  ),
  summary: Type.Optional(aiSummary),
  created: Type.Optional(timestamp),
  createdBy: Type.Optional(Type.String()),
  lastUpdated: Type.Optional(timestamp),
  lastUpdatedBy: Type.Optional(Type.String()),
  _links: Type.Optional(
    Type.Object({
      securityAccessReviewDetails: Type.Optional(link),
      history: Type.Optional(link),
      accesses: Type.Optional(link),
      actions: Type.Optional(link),
      principalDetails: Type.Optional(link),
      userDetails: Type.Optional(link),
    }),
  ),
});

export const governanceLabel = Type.Object({
  labelId: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  values: Type.Optional(Type.Array(Type.Object({ labelValueId: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }))),
});
export const entitlement = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  externalValue: Type.Optional(Type.String()),
  multiValue: Type.Optional(Type.Boolean()),
  required: Type.Optional(Type.Boolean()),
  dataType: Type.Optional(Type.String()),
});
export const itemCommon = {
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  resourceId: Type.Optional(Type.String()),
  severity: Type.Optional(Type.String({ description: 'LOW, MEDIUM or HIGH' })),
  supportedActions: Type.Optional(Type.Array(Type.String())),
  remediationStatus: Type.Optional(Type.String()),
  manualRemediationTypes: Type.Optional(Type.Array(Type.String())),
  summary: Type.Optional(aiSummary),
  _links: Type.Optional(Type.Object({})),
};

export const accessItem = Type.Object({
  ...itemCommon,
  type: Type.Optional(Type.String({ description: 'APPLICATION' })),
  subAccessTypes: Type.Optional(Type.Array(Type.String())),
  appInfo: Type.Optional(
    Type.Object({
      id: Type.Optional(Type.String()),
      name: Type.Optional(Type.String()),
      label: Type.Optional(Type.String()),
      logoUrl: Type.Optional(Type.String()),
      lastAccessDate: Type.Optional(timestamp),
      assignedDate: Type.Optional(timestamp),
      assignmentType: Type.Optional(Type.String()),
      applicationUsage: Type.Optional(Type.Integer()),
      lastAccessCertificationReviewedDate: Type.Optional(timestamp),
      lastSecurityAccessReviewDate: Type.Optional(timestamp),
      lastDeviceLogin: Type.Optional(Type.String()),
      activeEntitlements: Type.Optional(Type.Array(entitlement)),
      governanceLabels: Type.Optional(Type.Array(governanceLabel)),
    }),
  ),
});

export const subAccessItem = Type.Object({
  ...itemCommon,
  type: Type.Optional(Type.String({ description: 'ENTITLEMENT_VALUE, ENTITLEMENT_BUNDLE or GROUP' })),
  entitlementInfo: Type.Optional(
    Type.Object({
      type: Type.Optional(Type.String()),
      entitlementDescription: Type.Optional(Type.String()),
      assignedDate: Type.Optional(timestamp),
      assignmentType: Type.Optional(Type.String()),
      collectionsAssigning: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }))),
      entitlements: Type.Optional(Type.Array(entitlement)),
      governanceLabels: Type.Optional(Type.Array(governanceLabel)),
    }),
  ),
  groupInfo: Type.Optional(
    Type.Object({
      assignedDate: Type.Optional(timestamp),
      groupOwner: Type.Optional(Type.String()),
      assignmentType: Type.Optional(Type.String()),
      governanceLabels: Type.Optional(Type.Array(governanceLabel)),
    }),
  ),
});

export const anomaly = Type.Object({
  type: Type.Optional(Type.String({ description: 'SOD_CONFLICT, ASSIGNMENT_METHOD, PAST_GOVERNANCE_DECISIONS or USAGE_HISTORY' })),
  severity: Type.Optional(Type.String()),
  subtext: Type.Optional(
    Type.Object({
      message: Type.Optional(Type.String()),
      messageCode: Type.Optional(Type.String()),
      args: Type.Optional(Type.Array(Type.Object({ value: Type.Optional(Type.String()), type: Type.Optional(Type.String()) }))),
    }),
  ),
  sodConflicts: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }))),
});

export const historyEntry = Type.Object({
  id: Type.Optional(Type.String()),
  systemGenerated: Type.Optional(Type.Boolean()),
  timestamp: Type.Optional(timestamp),
  message: Type.Optional(Type.String()),
  principalProfile: Type.Optional(principalProfile),
});

export const principalDetails = Type.Object({
  ...principalProfile.properties,
  department: Type.Optional(Type.String()),
  manager: Type.Optional(Type.String()),
  role: Type.Optional(Type.String()),
  homeLocation: Type.Optional(place),
  lastLoginInfo: Type.Optional(
    Type.Object({ date: Type.Optional(timestamp), location: Type.Optional(place), device: Type.Optional(Type.String()), ipAddress: Type.Optional(Type.String()) }),
  ),
  oktaAdminRoles: Type.Optional(Type.Array(Type.Object({ roleId: Type.Optional(Type.String()), roleName: Type.Optional(Type.String()) }))),
  _links: Type.Optional(Type.Object({})),
});

export const stats = Type.Object({
  activeCount: Type.Optional(Type.Integer()),
  pendingCount: Type.Optional(Type.Integer()),
  errorCount: Type.Optional(Type.Integer()),
  closedCount: Type.Optional(Type.Integer()),
});

// ---- Outputs both families show ----

/** Every output of a review; the cards that show fewer pick from these. */
export const reviewOutputs = {
  id: out('/id', 'Review ID'),
  name: out('/name', 'Name'),
  status: out('/status', 'Status', `One of ${sarStatuses.join(', ')}. A new review is PENDING until Okta has gathered the access to review.`),
  endTime: out('/endTime', 'Ends at'),
  reviewerUserIds: out('/reviewerSettings/userSettings/includedUserIds', 'Reviewer user IDs'),
  reviewers: out('/reviewerSettings/userSettings/includedUserProfiles', 'Reviewers', 'Each reviewer with id, login, email, first and last name.'),
  created: out('/created', 'Created at'),
  createdBy: out('/createdBy', 'Created by'),
  detailsLink: out('/_links/securityAccessReviewDetails/href', 'Details link', 'API link to the review.'),
};

export const statsOutputs = {
  activeCount: out('/activeCount', 'Active'),
  pendingCount: out('/pendingCount', 'Pending'),
  closedCount: out('/closedCount', 'Closed'),
  errorCount: out('/errorCount', 'In error'),
};

export const summaryOutputs = {
  message: out('/message', 'Summary', 'The AI-written summary (may be several paragraphs).'),
  errors: out('/errors', 'Errors', 'Why no summary could be written, when that happens.'),
};

export const anomalyOutputs = {
  type: out('/type', 'Kind'),
  severity: out('/severity', 'Severity'),
  message: out('/subtext/message', 'Explanation'),
  sodConflicts: out('/sodConflicts', 'Separation-of-duties conflicts'),
};

export const historyEntryOutputs = {
  id: out('/id', 'Entry ID'),
  timestamp: out('/timestamp', 'When'),
  message: out('/message', 'What happened'),
  systemGenerated: out('/systemGenerated', 'By Okta', 'True when Okta did it, not a person.'),
  actorId: out('/principalProfile/id', 'By user ID'),
  actorLogin: out('/principalProfile/login', 'By user login'),
};

export const principalDetailsOutputs = {
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
};

// ---- Inputs both families take ----

export const targetParam = pathParam('securityAccessReviewTargetId', accessOrSubAccessItemId, {
  label: 'Access or sub-access item ID',
  help: 'An access item (aim…) or one of its sub-access items (sai…) in the review.',
  example: 'aim8f3nRt6KpXc1Jd0g7',
});

/** orderBy is a one-item list in the spec: "<key> asc" or "<key> desc" (a bare key sorts ascending). */
const orderBy = (keys: readonly string[], dflt: string) =>
  queryParam('orderBy', Type.Array(Type.String({ pattern: `^(${keys.join('|')})( (asc|desc))?$` }), { minItems: 1, maxItems: 1, default: [dflt] }), {
    label: 'Order by',
    help: `One sort key: ${keys.join(', ')}, followed by asc or desc. Okta sorts by ${dflt} when empty.`,
    example: [dflt],
  });

const filter = (help: string, example: string) => queryParam('filter', Type.String({ minLength: 1 }), { label: 'Filter', help, example });

/** Filter, order and paging of a list of reviews. */
export const reviewListInputs = {
  filter: filter(
    'Optional. name, status or reviewer.name with eq or co; created with gt or lt; combine with AND / OR. E.g. status eq "ACTIVE".',
    'status eq "ACTIVE"',
  ),
  orderBy: orderBy(['name', 'created', 'endTime', 'status', 'id'], 'created asc'),
  limit: listControls.limit(200, 20),
  after: listControls.after(),
};

/** Filter, order and paging of the access items of a review. */
export const accessListInputs = {
  filter: filter(
    'Optional. name co "…"; priority, sodConflictSeverity, assignmentMethodSeverity, pastGovernanceDecisionsSeverity, usageHistorySeverity or resourceType eq "…"; governanceLabel co "…".',
    'priority eq "HIGH"',
  ),
  orderBy: orderBy(['priority', 'lastAccess', 'accessFrequency'], 'priority desc'),
  limit: listControls.limit(200, 20),
  after: listControls.after(),
};

/** Filter, order and paging of the sub-access items of one access item. */
export const subAccessListInputs = {
  ...accessListInputs,
  filter: filter('Optional. name co "…"; priority or resourceType eq "…" (resourceType: GROUP, ENTITLEMENT_VALUE, ENTITLEMENT_BUNDLE).', 'resourceType eq "GROUP"'),
};

export const historyListInputs = { limit: listControls.limit(200, 20), after: listControls.after() };

export const commentField = (example: string) =>
  bodyField('/comment', Type.String({ minLength: 1, maxLength: 1000 }), {
    label: 'Comment',
    help: 'The note, 1–1000 characters.',
    required: true,
    example,
  });
