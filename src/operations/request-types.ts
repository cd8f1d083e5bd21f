/**
 * Request types: the forms behind v1 access requests. A request type grants one resource (an app,
 * a group or an entitlement bundle), is owned by a team, says who may ask (everyone or members of a
 * group, with up to 5 questions) and who approves (nobody, or 1–5 serial steps: the manager, a user,
 * members of a group or the resource owner), optionally for a limited time.
 *
 * API rules worth knowing (API-NOTES §6.3): a new type is DRAFT unless created ACTIVE; publish and
 * unpublish move it between DRAFT and ACTIVE, and a DISABLED type can do neither (409 E0000195);
 * deleting a type leaves requests already filed under it running. Ids are 24 hexadecimal characters.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { ids } from '../model/ids.ts';
import { isoDateTime } from '../model/date-time.ts';
import { loose } from './tolerant-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Request types',
  docs: { api: 'governance.requests.admin.v1', tag: 'Request-Types' },
  lifecycle: 'BETA',
  adminRoles: ['ACCESS_REQUESTS_ADMIN'],
  scopes: { read: ['okta.governance.accessRequests.read'], manage: ['okta.governance.accessRequests.manage'] },
};

const closed = (properties: Record<string, TSchema>) => Type.Object(properties, { additionalProperties: false });
const link = loose({ href: Type.String() });

/** The id prefix each kind of target resource has. */
export const targetPrefixes = { APPS: '0oa', GROUPS: '00g', ENTITLEMENT_BUNDLES: 'enb' } as const;
type ResourceKind = keyof typeof targetPrefixes;
const resourceKinds = Object.keys(targetPrefixes) as ResourceKind[];

// ---- input: the API's nested settings ----

const resourceSettings = closed({
  type: enumOf(resourceKinds),
  targetResources: Type.Array(
    closed({ resourceId: Type.String({ minLength: 20, maxLength: 20, pattern: '^(0oa|00g|enb)[0-9a-zA-Z]{17}$' }) }),
    { minItems: 1, maxItems: 1 },
  ),
});

const question = { prompt: Type.String({ minLength: 1, maxLength: 100 }), required: Type.Optional(Type.Boolean()) };
/** A question asked of requesters or approvers: free text, a date and time, or a choice of options. */
const field = Type.Union([
  closed({ ...question, type: enumOf(['TEXT']) }),
  closed({ ...question, type: enumOf(['DATE-TIME']) }),
  closed({
    ...question,
    type: enumOf(['SELECT']),
    options: Type.Array(closed({ value: Type.String({ minLength: 1, maxLength: 280 }) }), { minItems: 1, maxItems: 25 }),
  }),
]);
const fields = Type.Array(field, { maxItems: 5 });
const oneGroup = Type.Array(ids.group, { minItems: 1, maxItems: 1 });
const stepDescription = Type.Optional(Type.String({ minLength: 1, maxLength: 250 }));

const requestSettings = Type.Union([
  closed({ type: enumOf(['EVERYONE']), requesterFields: Type.Optional(fields) }),
  closed({ type: enumOf(['MEMBER_OF']), requesterMemberOf: oneGroup, requesterFields: Type.Optional(fields) }),
]);

const approvalStep = Type.Union([
  closed({ approverType: enumOf(['MANAGER']), description: stepDescription, approverFields: Type.Optional(fields) }),
  closed({ approverType: enumOf(['USER']), approverUserId: ids.user, description: stepDescription, approverFields: Type.Optional(fields) }),
  closed({ approverType: enumOf(['MEMBER_OF']), approverMemberOf: oneGroup, description: stepDescription, approverFields: Type.Optional(fields) }),
  closed({ approverType: enumOf(['RESOURCE_OWNER']), description: stepDescription }),
]);
const approvalSettings = Type.Union([
  closed({ type: enumOf(['NONE']) }),
  closed({ type: enumOf(['SERIAL']), approvals: Type.Array(approvalStep, { minItems: 1, maxItems: 5 }) }),
]);

/** A request type grants exactly one resource, and its id must be of the kind the type names. */
const oneMatchingTarget: BusinessRule = {
  id: 'request-type-target-matches-kind',
  field: 'resourceSettings',
  description: 'Exactly one target resource, whose id prefix matches the resource type (APPS 0oa…, GROUPS 00g…, ENTITLEMENT_BUNDLES enb…).',
  check: ({ body }) => {
    const settings = (body as { resourceSettings?: { type?: string; targetResources?: { resourceId?: string }[] } } | undefined)?.resourceSettings;
    if (!settings) return null;
    const targets = settings.targetResources ?? [];
    if (targets.length !== 1) {
      return `resourceSettings.targetResources must hold exactly one resource, not ${targets.length}; create one request type per resource`;
    }
    const prefix = targetPrefixes[settings.type as ResourceKind];
    const id = targets[0]?.resourceId ?? '';
    if (prefix && !id.startsWith(prefix)) {
      return `resourceSettings.targetResources[0].resourceId "${id}" is not ${settings.type === 'APPS' ? 'an app' : settings.type === 'GROUPS' ? 'a group' : 'an entitlement bundle'}: a ${settings.type} request type needs an id starting with ${prefix}; fix the id or the type`;
    }
    return null;
  },
};

// ---- output ----

const responseField = loose({
  id: Type.String(),
  type: Type.String(),
  prompt: Type.String(),
  required: Type.Boolean(),
  options: Type.Array(loose({ value: Type.String() })),
});
const requestType = loose({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: Type.String({ description: 'DRAFT, ACTIVE or DISABLED' }),
  ownerId: Type.String(),
  accessDuration: Type.Union([Type.String(), Type.Null()]),
  lastUpdateSource: Type.String({ description: 'API or WEB' }),
  resourceSettings: loose({
    type: Type.String(),
    targetResources: Type.Array(loose({ resourceId: Type.String(), resourceName: Type.String() })),
  }),
  requestSettings: loose({ type: Type.String(), requesterMemberOf: Type.Array(Type.String()), requesterFields: Type.Array(responseField) }),
  approvalSettings: loose({
    type: Type.String(),
    approvals: Type.Array(loose({ approverType: Type.String(), description: Type.String(), approverFields: Type.Array(responseField) })),
  }),
  created: isoDateTime,
  createdBy: Type.String(),
  lastUpdated: isoDateTime,
  lastUpdatedBy: Type.String(),
  _links: loose({ self: link, requests: link }),
});

const requestTypeOutputs = {
  id: out('/id', 'Request type ID'),
  name: out('/name', 'Name'),
  status: out('/status', 'Status', 'DRAFT, ACTIVE or DISABLED. Only ACTIVE types take requests.'),
  ownerId: out('/ownerId', 'Owner team ID'),
  resourceType: out('/resourceSettings/type', 'Resource type', 'APPS, GROUPS or ENTITLEMENT_BUNDLES.'),
  resourceId: out('/resourceSettings/targetResources/0/resourceId', 'Resource ID'),
  requesterFields: out('/requestSettings/requesterFields', 'Questions for requesters', 'Each with the id a request answers it by.'),
  accessDuration: { ...out('/accessDuration', 'Access duration', 'ISO 8601 duration; empty when access does not expire.'), type: 'text' as const },
  link: out('/_links/self/href', 'Link'),
};

const requestTypeId = pathParam('requestTypeId', ids.requestType, {
  label: 'Request type ID',
  help: 'The request type (24 hexadecimal characters). Find it with "List request types".',
  example: '65f0a1b2c3d4e5f6a7b8c9d0',
});

export const requestTypeOperations = defineFamily(defaults, [
  {
    id: 'createRequestType',
    title: 'Create request type',
    description: 'Create a request type: which resource it grants, which team owns it, who may ask and what they are asked, who approves and for how long access lasts.',
    method: 'POST',
    path: '/governance/api/v1/request-types',
    successStatus: 201,
    inputs: {
      name: bodyField('/name', Type.String({ minLength: 1, maxLength: 50 }), {
        label: 'Name',
        help: 'What requesters see, 1–50 characters.',
        required: true,
        example: 'Finance reporting access',
      }),
      description: bodyField('/description', Type.String({ minLength: 1, maxLength: 2000 }), {
        label: 'Description',
        help: 'Optional, 1–2000 characters: what the access is for and who should ask.',
        example: 'Read access to the finance reporting app for analysts.',
      }),
      ownerId: bodyField('/ownerId', ids.team, {
        label: 'Owner team ID',
        help: 'The team that owns the type (24 hexadecimal characters). Find it with "List request teams".',
        required: true,
        example: '64e1f2a3b4c5d6e7f8a9b0c1',
      }),
      resourceSettings: bodyField('/resourceSettings', resourceSettings, {
        label: 'Resource',
        help: 'The one resource the type grants: {type: APPS | GROUPS | ENTITLEMENT_BUNDLES, targetResources: [{resourceId}]}, with an app (0oa…), group (00g…) or bundle (enb…) id to match.',
        required: true,
        example: { type: 'APPS', targetResources: [{ resourceId: '0oa1a2B3c4D5e6F7g8H9' }] },
      }),
      requestSettings: bodyField('/requestSettings', requestSettings, {
        label: 'Who may ask',
        help: 'Optional. {type: EVERYONE} or {type: MEMBER_OF, requesterMemberOf: ["00g…"]}, each with up to 5 requesterFields: {type: TEXT | DATE-TIME, prompt, required} or {type: SELECT, prompt, options: [{value}]}.',
        example: { type: 'EVERYONE', requesterFields: [{ type: 'TEXT', prompt: 'What do you need it for?', required: true }] },
      }),
      approvalSettings: bodyField('/approvalSettings', approvalSettings, {
        label: 'Approvals',
        help: '{type: NONE}, or {type: SERIAL, approvals: [1–5 steps]} where a step is {approverType: MANAGER | RESOURCE_OWNER}, {approverType: USER, approverUserId: "00u…"} or {approverType: MEMBER_OF, approverMemberOf: ["00g…"]}, each with an optional description (≤ 250) and up to 5 approverFields.',
        required: true,
        example: { type: 'SERIAL', approvals: [{ approverType: 'MANAGER' }] },
      }),
      status: bodyField('/status', enumOf(['DRAFT', 'ACTIVE']), {
        label: 'Status',
        help: 'DRAFT (what Okta uses when empty) or ACTIVE to take requests at once.',
        example: 'DRAFT',
      }),
      accessDuration: bodyField('/accessDuration', Type.String({ pattern: '^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?$', minLength: 2 }), {
        label: 'Access duration',
        help: 'Optional. How long granted access lasts, as an ISO 8601 duration such as P40D (40 days) or PT12H. Leave empty for access that does not expire.',
        example: 'P30D',
      }),
    },
    rules: [oneMatchingTarget],
    answer: object(requestType, requestTypeOutputs),
  },
  {
    id: 'listAllRequestTypes',
    title: 'List request types',
    description: 'List request types, optionally only those in one status or changed since a date.',
    method: 'GET',
    path: '/governance/api/v1/request-types',
    // The spec names no admin role for this one.
    adminRoles: [],
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. status eq "ACTIVE" (DRAFT, DISABLED) and/or lastUpdated gt "<ISO date>", joined with AND.',
        example: 'status eq "ACTIVE"',
      }),
      orderBy: queryParam('orderBy', Type.String({ pattern: '^(created|lastUpdated)( (asc|desc))?$' }), {
        label: 'Order by',
        help: 'created or lastUpdated, optionally followed by asc or desc, e.g. "lastUpdated desc".',
        example: 'lastUpdated desc',
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(ids.requestType),
    },
    // Listed request types carry no resourceSettings (only "Get request type" has them).
    answer: list({
      item: requestType,
      paginated: true,
      itemOutputs: {
        id: requestTypeOutputs.id,
        name: requestTypeOutputs.name,
        status: requestTypeOutputs.status,
      },
    }),
  },
  {
    id: 'getRequestType',
    title: 'Get request type',
    description: 'Read one request type with its resource, owner, questions (and their ids), approval steps and status.',
    method: 'GET',
    path: '/governance/api/v1/request-types/{requestTypeId}',
    inputs: { requestTypeId },
    answer: object(requestType, requestTypeOutputs),
  },
  {
    id: 'deleteRequestType',
    title: 'Delete request type',
    description: 'Delete a request type. Requests already filed under it carry on; no new ones can be filed.',
    method: 'DELETE',
    path: '/governance/api/v1/request-types/{requestTypeId}',
    inputs: { requestTypeId },
    answer: noBody(),
  },
  {
    id: 'publishRequestType',
    title: 'Publish request type',
    description: 'Make a DRAFT request type ACTIVE so that requests can be filed under it. A DISABLED type can\'t be published.',
    method: 'POST',
    path: '/governance/api/v1/request-types/{requestTypeId}/publish',
    inputs: { requestTypeId },
    answer: object(requestType, requestTypeOutputs),
  },
  {
    id: 'unpublishRequestType',
    title: 'Unpublish request type',
    description: 'Put an ACTIVE request type back to DRAFT so that no new requests are filed under it. A DISABLED type can\'t be unpublished.',
    method: 'POST',
    path: '/governance/api/v1/request-types/{requestTypeId}/un-publish',
    inputs: { requestTypeId },
    answer: object(requestType, requestTypeOutputs),
  },
  {
    id: 'listAllRequestTeams',
    title: 'List request teams',
    description: 'List the teams that can own request types, optionally only the one with a given name.',
    method: 'GET',
    path: '/governance/api/v1/teams',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. name eq "<team name>" (team names are 1–40 characters).',
        example: 'name eq "IT"',
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(ids.team),
    },
    answer: list({
      item: loose({ id: Type.String(), name: Type.String(), created: isoDateTime, lastUpdated: isoDateTime }),
      paginated: true,
      itemOutputs: { id: out('/id', 'Team ID'), name: out('/name', 'Name') },
    }),
  },
]);
