/**
 * Access requests, in both generations of the API.
 *
 * - v1 (`/governance/api/v1/requests`): a request follows a request type (see request-types.ts);
 *   ids are 24 hexadecimal characters. The subject is 1–250 characters, at most one requester
 *   (default: the caller), the request type must be ACTIVE (else 409 E0000195) and every required
 *   requester field of the type must be answered.
 * - v2 (`/governance/api/v2/requests`): a request asks for a catalog entry (see catalogs.ts) for one
 *   user; ids are `req…`. Okta answers 202 SUBMITTED and decides asynchronously (REJECTED or PENDING
 *   within seconds), so read it back with "Get catalog access request".
 *
 * Messages are 1–5000 characters and visible to everyone who can see the request (API-NOTES §6.3–6.4).
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { bodyField, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { docsLink } from '../model/docs.ts';
import { ids } from '../model/ids.ts';
import { isoDateTime } from '../model/date-time.ts';
import { answeredFields, requestFieldAnswer, requestParty, requestRiskAssessment, whenOut as when } from './catalog-request-shapes.ts';
import { loose, orNull } from './tolerant-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Access requests',
  docs: { api: 'governance.requests.admin.v1', tag: 'Requests' },
  lifecycle: 'BETA',
  adminRoles: ['ACCESS_REQUESTS_ADMIN'],
  scopes: { read: ['okta.governance.accessRequests.read'], manage: ['okta.governance.accessRequests.manage'] },
};

const docsV2 = (id: string) => docsLink('governance.requests.admin.v2', 'Requests', id);
const v2 = { read: ['okta.accessRequests.request.read'], manage: ['okta.accessRequests.request.manage'] };

const link = loose({ href: Type.String() });

const audit = {
  created: isoDateTime,
  createdBy: Type.String(),
  lastUpdated: isoDateTime,
  lastUpdatedBy: Type.String(),
};

// ---- v1 ----

const requestV1 = loose({
  id: Type.String(),
  ...audit,
  type: Type.String({ description: 'ACCESS_REQUEST or CUSTOM' }),
  subject: Type.String(),
  requestTypeId: Type.String(),
  requestStatus: Type.String({ description: 'OPEN, PENDING, RESOLVED or LOCKED' }),
  resolved: orNull(isoDateTime),
  requesterUserIds: Type.Array(Type.String()),
  requesterFieldValues: orNull(
    Type.Array(loose({ id: Type.String(), prompt: Type.String(), required: Type.Boolean(), type: Type.String(), value: Type.Unknown() })),
  ),
  approvals: Type.Array(
    loose({
      approvalId: Type.String(),
      status: Type.String({ description: 'PENDING or COMPLETED' }),
      approverId: Type.String(),
      approverName: Type.String(),
      decision: Type.String({ description: 'APPROVED or DENIED' }),
      decided: isoDateTime,
    }),
  ),
  actions: orNull(
    Type.Array(
      loose({
        actionId: Type.String(),
        status: Type.String(),
        action: Type.String(),
        actionStatus: Type.String(),
        actionAttempted: isoDateTime,
        resourceId: Type.String(),
        resourceName: Type.String(),
        resourceType: Type.String(),
      }),
    ),
  ),
  permalinkId: Type.Integer(),
  _links: loose({ self: link, requestType: link }),
});

const requestV1Outputs = {
  id: out('/id', 'Request ID'),
  subject: out('/subject', 'Subject'),
  requestStatus: out('/requestStatus', 'Status', 'OPEN, PENDING, RESOLVED or LOCKED.'),
  requestTypeId: out('/requestTypeId', 'Request type ID'),
  requesterUserIds: out('/requesterUserIds', 'Requester user IDs'),
  resolved: when('/resolved', 'Resolved at', 'Empty until the request is resolved; empty again if it is reopened.'),
  created: out('/created', 'Created at'),
  lastUpdated: out('/lastUpdated', 'Last updated at'),
  link: out('/_links/self/href', 'Link'),
};

const requestIdV1 = pathParam('requestId', ids.requestV1, {
  label: 'Request ID',
  help: 'The access request (24 hexadecimal characters). Find it with "List access requests".',
  example: '66b1c2d3e4f5a6b7c8d9e0f1',
});

const requestTypeIdV1 = bodyField('/requestTypeId', ids.requestType, {
  label: 'Request type ID',
  help: 'The request type to file under (24 hexadecimal characters). It must be published (ACTIVE); find it with "List request types".',
  required: true,
  example: '65f0a1b2c3d4e5f6a7b8c9d0',
});

const fieldValuesV1 = bodyField(
  '/requesterFieldValues',
  Type.Array(
    Type.Object(
      {
        id: Type.String({ format: 'uuid', minLength: 36, maxLength: 36 }),
        value: Type.Union([
          Type.String({ format: 'date-time', maxLength: 1000 }),
          Type.Array(Type.String({ minLength: 1, maxLength: 280 }), { minItems: 1, maxItems: 1 }),
          Type.String({ minLength: 1, maxLength: 1000 }),
          Type.Null(),
        ]),
      },
      { additionalProperties: false },
    ),
  ),
  {
    label: 'Answers to the request type\'s questions',
    help: 'One {id, value} per question of the request type (id from its requestSettings.requesterFields). TEXT: text up to 1000 characters; DATE-TIME: an ISO 8601 date and time; SELECT: a one-item list with one of the options. Required questions must be answered.',
  },
);

// ---- v2 ----

const requestV2 = loose({
  id: Type.String(),
  ...audit,
  status: Type.String({ description: 'SUBMITTED, REJECTED, PENDING, APPROVED, DENIED, CANCELED or EXPIRED' }),
  resolved: orNull(isoDateTime),
  grantStatus: Type.String({ description: 'PENDING, GRANTED, FAILED or MANUAL_REQUIRED' }),
  granted: orNull(isoDateTime),
  revocationStatus: Type.String({ description: 'PENDING, REVOKED or FAILED' }),
  revoked: orNull(isoDateTime),
  revocationScheduled: orNull(isoDateTime),
  accessDuration: orNull(Type.String()),
  requestedBy: requestParty,
  requestedFor: requestParty,
  requested: loose({
    entryId: Type.String(),
    resourceId: Type.String(),
    resourceType: Type.String(),
    accessScopeId: Type.String(),
    accessScopeType: Type.String(),
  }),
  requesterFieldValues: answeredFields,
  requestApproval: loose({ type: Type.String(), providerName: Type.String(), status: Type.String(), decided: isoDateTime }),
  riskAssessment: requestRiskAssessment,
  _links: loose({ self: link }),
});

const requestV2Outputs = {
  id: out('/id', 'Request ID'),
  status: out('/status', 'Status', 'SUBMITTED at first, then REJECTED, PENDING, APPROVED, DENIED, CANCELED or EXPIRED.'),
  grantStatus: out('/grantStatus', 'Grant status', 'PENDING, GRANTED, FAILED or MANUAL_REQUIRED once the request is approved.'),
  requestedForUserId: out('/requestedFor/externalId', 'Requested for (user ID)'),
  requestedByUserId: out('/requestedBy/externalId', 'Requested by (ID)'),
  entryId: out('/requested/entryId', 'Catalog entry ID'),
  resourceId: out('/requested/resourceId', 'Resource ID', 'The app or request type the entry gives access to.'),
  resourceType: out('/requested/resourceType', 'Resource type'),
  accessScopeId: out('/requested/accessScopeId', 'Access scope ID', 'The group, bundle or app the access is granted through.'),
  accessScopeType: out('/requested/accessScopeType', 'Access scope type'),
  accessDuration: { ...out('/accessDuration', 'Access duration', 'ISO 8601 duration, e.g. P30D; empty when access does not expire.'), type: 'text' as const },
  resolved: when('/resolved', 'Resolved at'),
  created: out('/created', 'Created at'),
  lastUpdated: out('/lastUpdated', 'Last updated at'),
  link: out('/_links/self/href', 'Link'),
};

const requestIdV2 = pathParam('requestId', ids.requestV2, {
  label: 'Request ID',
  help: 'The catalog access request (req…). Find it with "List catalog access requests".',
  example: 'req1a2B3c4D5e6F7g8H9',
});

const oktaUser = Type.Object({ externalId: ids.user, type: enumOf(['OKTA_USER']) }, { additionalProperties: false });

const message = bodyField('/message', Type.String({ minLength: 1, maxLength: 5000 }), {
  label: 'Message',
  help: '1–5000 characters; "\\n" starts a new line. Everyone who can see the request sees it, marked as sent through the API.',
  required: true,
  example: 'Approved by the data owner in ticket CHG-1042; please proceed.',
});

const orderBy = queryParam('orderBy', Type.String({ pattern: '^(created|lastUpdated)( (asc|desc))?$' }), {
  label: 'Order by',
  help: 'created or lastUpdated, optionally followed by asc or desc, e.g. "lastUpdated desc".',
  example: 'created desc',
});

export const requestOperations = defineFamily(defaults, [
  {
    id: 'createRequest',
    title: 'File access request',
    description: 'File an access request under a published request type, for yourself or for one other user, with a subject and the answers the type asks for.',
    method: 'POST',
    path: '/governance/api/v1/requests',
    successStatus: 201,
    inputs: {
      requestTypeId: requestTypeIdV1,
      subject: bodyField('/subject', Type.String({ minLength: 1, maxLength: 250 }), {
        label: 'Subject',
        help: 'What is asked for and why, 1–250 characters. Approvers see it first.',
        required: true,
        example: 'Access to the finance reporting app for quarter close',
      }),
      requesterUserId: bodyField('/requesterUserIds/0', ids.user, {
        label: 'Requester user ID',
        help: 'The user the request is for (00u…). Leave empty to file it for the user the connection acts as.',
        example: '00u1a2B3c4D5e6F7g8H9',
      }),
      requesterUserIds: bodyField('/requesterUserIds', Type.Array(ids.user, { minItems: 1, maxItems: 1 }), {
        label: 'Requester user IDs (API form)',
        help: 'The same as Requester user ID, in the API\'s own form: a one-item list of a user id (00u…).',
        advanced: true,
        example: ['00u1a2B3c4D5e6F7g8H9'],
      }),
      requesterFieldValues: fieldValuesV1,
    },
    // The requester is optional (default: the caller), so the friendly field and its API form are "at most one".
    atMostOne: [['requesterUserId', 'requesterUserIds']],
    answer: object(requestV1, requestV1Outputs),
  },
  {
    id: 'listAllRequests',
    title: 'List access requests',
    description: 'List access requests filed under request types, optionally only those in one status or changed since a date.',
    method: 'GET',
    path: '/governance/api/v1/requests',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. requestStatus eq "OPEN" (PENDING, RESOLVED, LOCKED) and/or lastUpdated gt "<ISO date>", joined with AND.',
        example: 'requestStatus eq "RESOLVED" AND lastUpdated gt "2025-01-01T00:00:00Z"',
      }),
      orderBy,
      limit: listControls.limit(200, 20),
      after: listControls.after(ids.requestV1),
    },
    answer: list({
      item: requestV1,
      paginated: true,
      itemOutputs: {
        id: requestV1Outputs.id,
        subject: requestV1Outputs.subject,
        requestStatus: requestV1Outputs.requestStatus,
        requestTypeId: requestV1Outputs.requestTypeId,
        requesterUserIds: requestV1Outputs.requesterUserIds,
        lastUpdated: requestV1Outputs.lastUpdated,
      },
    }),
  },
  {
    id: 'getRequest',
    title: 'Get access request',
    description: 'Read one access request: its status, requester, answers, approvals and the provisioning action taken.',
    method: 'GET',
    path: '/governance/api/v1/requests/{requestId}',
    inputs: { requestId: requestIdV1 },
    answer: object(requestV1, requestV1Outputs),
  },
  {
    id: 'createRequestMessage',
    title: 'Add message to access request',
    description: 'Post a message on an access request, e.g. to give approvers context; it is authored by the user the connection acts as.',
    method: 'POST',
    path: '/governance/api/v1/requests/{requestId}/messages',
    successStatus: 201,
    inputs: { requestId: requestIdV1, message },
    answer: noBody(),
  },
  {
    id: 'createRequestV2',
    title: 'Request catalog access for a user',
    description: 'Ask for a catalog entry (an app, or a bundle or group offered through it) on behalf of a user. Okta accepts it as SUBMITTED and decides shortly after: read it back to see the outcome.',
    docs: docsV2('createRequestV2'),
    lifecycle: 'GA',
    method: 'POST',
    path: '/governance/api/v2/requests',
    successStatus: 202,
    scopes: v2.manage,
    inputs: {
      entryId: bodyField('/requested/entryId', ids.catalogEntry, {
        label: 'Catalog entry ID',
        help: 'What is requested (cen…). Find it with "List catalog entries" or "List catalog entries for a user".',
        set: { '/requested/type': 'CATALOG_ENTRY' },
        example: 'cen1a2B3c4D5e6F7g8H9',
      }),
      requestedForUserId: bodyField('/requestedFor/externalId', ids.user, {
        label: 'Requested for (user ID)',
        help: 'The user who is to get the access (00u…).',
        set: { '/requestedFor/type': 'OKTA_USER' },
        example: '00u1a2B3c4D5e6F7g8H9',
      }),
      requesterFieldValues: bodyField('/requesterFieldValues', Type.Array(requestFieldAnswer), {
        label: 'Answers to the entry\'s questions',
        help: 'One {id, value} per question (ids from "Get catalog entry request fields"); a MULTISELECT question takes values (a list) instead of value. Text up to 1000 characters.',
        example: [{ id: '7c0e4b1a-2f3d-4e5a-9b6c-1d2e3f4a5b6c', value: 'Needed for the quarter close' }],
      }),
      requestedBy: bodyField('/requestedBy', oktaUser, {
        label: 'Requested by',
        help: 'Who files it, as {externalId: "00u…", type: "OKTA_USER"}. Defaults to the user the connection acts as; a different user needs on-behalf-of requests enabled in the request settings.',
      }),
      requested: bodyField('/requested', Type.Object({ type: enumOf(['CATALOG_ENTRY']), entryId: ids.catalogEntry }, { additionalProperties: false }), {
        label: 'Requested (API form)',
        help: 'What is requested as the API takes it: {type: "CATALOG_ENTRY", entryId: "cen…"}. Use instead of Catalog entry ID.',
        advanced: true,
      }),
      requestedFor: bodyField('/requestedFor', oktaUser, {
        label: 'Requested for (API form)',
        help: 'The user as the API takes it: {externalId: "00u…", type: "OKTA_USER"}. Use instead of Requested for (user ID).',
        advanced: true,
      }),
    },
    oneOf: [
      ['entryId', 'requested'],
      ['requestedForUserId', 'requestedFor'],
    ],
    answer: object(requestV2, requestV2Outputs),
  },
  {
    id: 'listAllRequestsV2',
    title: 'List catalog access requests',
    description: 'List catalog access requests, optionally only those in one status, for one user, for one resource, or changed since a date.',
    docs: docsV2('listAllRequestsV2'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/requests',
    scopes: v2.read,
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. eq on status, grantStatus, requestedFor (00u…), resourceId, resourceType, accessScopeId or accessScopeType, and lastUpdated gt "<ISO date>", joined with AND.',
        example: 'status eq "PENDING" AND requestedFor eq "00u1a2B3c4D5e6F7g8H9"',
      }),
      orderBy,
      limit: listControls.limit(200, 20),
      after: listControls.after(ids.requestV2),
    },
    answer: list({
      item: requestV2,
      paginated: true,
      itemOutputs: {
        id: requestV2Outputs.id,
        status: requestV2Outputs.status,
        grantStatus: requestV2Outputs.grantStatus,
        requestedForUserId: requestV2Outputs.requestedForUserId,
        entryId: requestV2Outputs.entryId,
        resourceId: requestV2Outputs.resourceId,
        lastUpdated: requestV2Outputs.lastUpdated,
      },
    }),
  },
  {
    id: 'getRequestV2',
    title: 'Get catalog access request',
    description: 'Read one catalog access request: its status, what was asked for and for whom, the approval, the risk assessment and whether access was granted.',
    docs: docsV2('getRequestV2'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/requests/{requestId}',
    scopes: v2.read,
    inputs: { requestId: requestIdV2 },
    answer: object(requestV2, requestV2Outputs),
  },
  {
    id: 'createRequestMessageV2',
    title: 'Add message to catalog access request',
    description: 'Post a message on a catalog access request; it is authored by the user the connection acts as and shown to everyone who can see the request.',
    docs: docsV2('createRequestMessageV2'),
    lifecycle: 'GA',
    method: 'POST',
    path: '/governance/api/v2/requests/{requestId}/messages',
    successStatus: 201,
    scopes: v2.manage,
    inputs: { requestId: requestIdV2, message },
    answer: noBody(),
  },
]);
