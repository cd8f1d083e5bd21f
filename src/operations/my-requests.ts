/**
 * My requests: access requests the connection's own user files from the catalog, and reading them
 * back. These are end-user calls: the request is filed by the token's user (for themselves, or for
 * someone else where the app allows it); an admin filing for others uses "Request catalog access
 * for a user" instead.
 *
 * API rules worth knowing (API-NOTES §6.4): Okta answers 202 with status SUBMITTED and decides
 * asynchronously (REJECTED or PENDING within seconds), so read the request back with "Get my access
 * request". The answers are the entry's request fields ("Get my catalog entry request fields" gives
 * their ids): `value` for one answer (text up to 1000 characters, an ISO date, an ISO duration such as
 * PT8H for ACCESS_DURATION), `values` for a multi-select. To request for someone else, answer the
 * field OKTA_REQUESTED_FOR with their user id — "Requested for (user ID)" adds that answer.
 */
import { Type } from '@sinclair/typebox';
import { timestamp } from '../model/date-time.ts';
import { object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, out, pathParam } from '../model/fields.ts';
import { ids } from '../model/ids.ts';
import { answeredFields, requestFieldAnswer, requestParty, requestRiskAssessment, whenOut } from './catalog-request-shapes.ts';
import { loose, orNull } from './tolerant-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'My requests',
  docs: { api: 'governance.requests.enduser.v2', tag: 'My-Requests' },
  lifecycle: 'GA',
  // End-user calls: no admin role; they act as the connection's own user.
  adminRoles: [],
  scopes: { read: ['okta.accessRequests.request.read'], manage: ['okta.accessRequests.request.manage'] },
};
export { requestFieldTypes } from './catalog-request-shapes.ts';

// ---- Response shape (tolerant: every field optional, undeclared fields allowed) ----

const myRequest = loose({
  id: Type.String(),
  created: timestamp,
  createdBy: Type.String(),
  lastUpdated: timestamp,
  lastUpdatedBy: Type.String(),
  status: Type.String({ description: 'SUBMITTED, REJECTED, PENDING, APPROVED, DENIED, CANCELED or EXPIRED' }),
  resolved: orNull(timestamp),
  grantStatus: Type.String({ description: 'PENDING, GRANTED, FAILED or MANUAL_REQUIRED' }),
  granted: orNull(timestamp),
  revocationStatus: Type.String({ description: 'PENDING, REVOKED or FAILED' }),
  revoked: orNull(timestamp),
  revocationScheduled: orNull(timestamp),
  accessDuration: orNull(Type.String()),
  requestedBy: requestParty,
  requestedFor: requestParty,
  requested: loose({
    entryId: Type.String(),
    resourceId: Type.String(),
    resourceType: Type.String({ description: 'APPLICATION or REQUEST_TYPE' }),
    accessScopeId: Type.String(),
    accessScopeType: Type.String({ description: 'ENTITLEMENT_BUNDLE, GROUP, APPLICATION or REQUEST_TYPE' }),
  }),
  requesterFieldValues: answeredFields,
  requestApproval: loose({ type: Type.String(), providerName: Type.String(), status: Type.String(), decided: timestamp }),
  riskAssessment: requestRiskAssessment,
  _links: loose({ self: loose({ href: Type.String() }) }),
});

const myRequestOutputs = {
  id: out('/id', 'Request ID'),
  status: out('/status', 'Status', 'SUBMITTED at first, then REJECTED, PENDING, APPROVED, DENIED, CANCELED or EXPIRED.'),
  grantStatus: out('/grantStatus', 'Grant status', 'PENDING, GRANTED, FAILED or MANUAL_REQUIRED once the request is approved.'),
  requestedForUserId: out('/requestedFor/externalId', 'Requested for (user ID)'),
  entryId: out('/requested/entryId', 'Catalog entry ID'),
  resourceId: out('/requested/resourceId', 'Resource ID', 'The app or request type the entry gives access to.'),
  accessScopeId: out('/requested/accessScopeId', 'Access scope ID', 'The group, bundle or app the access is granted through.'),
  accessScopeType: out('/requested/accessScopeType', 'Access scope type'),
  accessDuration: { ...out('/accessDuration', 'Access duration', 'ISO 8601 duration, e.g. P30D; empty when access does not expire.'), type: 'text' as const },
  riskVerdict: out('/riskAssessment/requestSubmissionType', 'Risk verdict', 'Set when a risk rule applies to the request.'),
  resolved: whenOut('/resolved', 'Resolved at'),
  created: out('/created', 'Created at'),
  link: out('/_links/self/href', 'Link'),
};

// ---- Inputs ----

const entryId = pathParam('entryId', ids.catalogEntry, {
  label: 'Catalog entry ID',
  help: 'The catalog entry (cen…) being requested. "List my catalog entries" gives it.',
  example: 'cen8f3qBx2YuMc7Pt0g7',
});

const answersOnce: BusinessRule = {
  id: 'my-request-answers-once',
  field: 'requesterFieldValues',
  description: 'Each request field is answered once.',
  check: ({ body }) => {
    const seen = new Set<string>();
    for (const answer of (body as { requesterFieldValues?: { id?: string }[] } | undefined)?.requesterFieldValues ?? []) {
      if (answer.id === undefined) continue;
      if (seen.has(answer.id)) {
        return answer.id === 'OKTA_REQUESTED_FOR'
          ? 'requestedForUserId and an OKTA_REQUESTED_FOR answer in requesterFieldValues both say who the request is for: keep one'
          : `requesterFieldValues answers field ${answer.id} more than once: each field takes one answer (use values for several choices); remove the duplicate`;
      }
      seen.add(answer.id);
    }
    return null;
  },
};

export const myRequestOperations = defineFamily(defaults, [
  {
    id: 'createMyRequestV2',
    title: 'Request access from my catalog',
    description:
      'File an access request for a catalog entry as the connection\'s own user, with the answers its request fields ask for. Okta answers SUBMITTED and decides within seconds.',
    method: 'POST',
    path: '/governance/api/v2/my/catalogs/default/entries/{entryId}/requests',
    successStatus: 202,
    inputs: {
      entryId,
      requesterFieldValues: bodyField('/requesterFieldValues', Type.Array(requestFieldAnswer), {
        label: 'Answers',
        help: 'One {id, value} per request field of the entry (ids from "Get my catalog entry request fields"): value is text up to 1000 characters, an ISO date, or an ISO duration for ACCESS_DURATION; a multi-select takes values (a list, each 1–280 characters). Answer OKTA_REQUESTED_FOR with a user id to request for that person. Leave empty when the entry asks nothing.',
        example: [{ id: 'bf2a1c3e-6d4b-4a8f-9c21-7e5d3b0a9f14', value: 'Needed for the Q3 budget review.' }],
      }),
      // Appended to the answers as {id: OKTA_REQUESTED_FOR, value: <user id>}.
      requestedForUserId: bodyField('/requesterFieldValues/-', ids.user, {
        label: 'Requested for (user ID)',
        help: 'Optional. The user (00u…) to request for, when the entry allows requests for others ("List people I can request entry for" finds them). Leave empty to request for yourself.',
        eachValue: '/value',
        eachSet: { '/id': 'OKTA_REQUESTED_FOR' },
      }),
    },
    rules: [answersOnce],
    answer: object(myRequest, myRequestOutputs),
  },
  {
    id: 'getMyRequestV2',
    title: 'Get my access request',
    description: 'Read an access request the connection\'s own user filed: its status, whether access was granted, and for how long.',
    method: 'GET',
    path: '/governance/api/v2/my/catalogs/default/entries/{entryId}/requests/{requestId}',
    inputs: {
      entryId: { ...entryId, help: 'The catalog entry (cen…) the request was filed for.' },
      requestId: pathParam('requestId', ids.requestV2, {
        label: 'Request ID',
        help: 'The access request (req…), as "Request access from my catalog" returned it.',
        example: 'req8f3rCy3ZvNd8Qu0g7',
      }),
    },
    answer: object(myRequest, myRequestOutputs),
  },
]);
