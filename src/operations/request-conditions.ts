/**
 * Request conditions: the rules that make an app requestable in the access request catalog. A
 * condition on an app says who may ask (everyone, some groups, some teams), what they may ask for
 * (the app itself, some of its groups, some entitlement bundles), for how long, and which approval
 * sequence decides ("List request sequences" gives the sequence ids).
 *
 * API rules worth knowing (API-NOTES §6.4): a new condition is INACTIVE until activated; activating an
 * active one (or deactivating an inactive one) answers 409; statuses are ACTIVE, INACTIVE, INVALID and
 * DELETED. The lower the priority number the earlier the condition is tried (0 first). Access
 * durations are ISO 8601 in one unit, at most 72 hours, 90 days or 12 weeks. What requester and scope
 * kinds an app allows is listed by "Get request settings for resource".
 *
 * Requesters, scope and duration are objects with a `type` that picks the shape; they are taken in
 * the API's form, which the commonest cases (everyone, the app itself) need anyway.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { timestamp } from '../model/date-time.ts';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { bodyField, enumOf, out, pathParam } from '../model/fields.ts';
import { hex24, ids, oktaId } from '../model/ids.ts';
import { loose } from './tolerant-shapes.ts';
import { nothingToUpdate } from './update-rules.ts';

const defaults: FamilyDefaults = {
  family: 'Request conditions',
  docs: { api: 'governance.requests.admin.v2', tag: 'Request-Conditions' },
  lifecycle: 'GA',
  adminRoles: ['ACCESS_REQUESTS_ADMIN'],
  scopes: { read: ['okta.accessRequests.condition.read'], manage: ['okta.accessRequests.condition.manage'] },
};

export const conditionStatuses = ['ACTIVE', 'INACTIVE', 'INVALID', 'DELETED'] as const;

// ---- Identifiers shared with request sequences and request settings ----

/** A resource named by its Okta id (an app, 0oa…) or by its ORN; both forms are accepted in the path. */
export const resourceRef = Type.String({
  minLength: 20,
  maxLength: 500,
  pattern: '^(?:[0-9a-zA-Z]{20}|orn:[a-z0-9-]+:[a-z0-9-]+:[0-9a-zA-Z]+:[a-zA-Z0-9:_-]+)$',
  description: 'Okta id of the resource (20 characters, e.g. 0oa… for an app) or its ORN',
});

export const resourceIdParam = pathParam('resourceId', resourceRef, {
  label: 'App ID',
  help: 'The app whose access requests are governed, as its id (0oa…) or its ORN (orn:okta:idp:<orgId>:apps:<appName>:<appId>).',
  example: '0oa8f2kzP4QvLm7Xw0g7',
});

export const approvalSequenceId = hex24('Approval sequence');

/**
 * An access duration in ISO 8601, in a single unit: up to 72 hours (PT72H), 90 days (P90D) or
 * 12 weeks (P12W), the limits Okta enforces.
 */
export const accessDuration = Type.String({
  format: 'duration',
  pattern: '^P(?:(?:[1-9]|1[0-2])W|(?:[1-9]|[1-8][0-9]|90)D|T(?:[1-9]|[1-6][0-9]|7[0-2])H)$',
  description: 'ISO 8601 duration in one unit: PT1H–PT72H, P1D–P90D or P1W–P12W',
});

/** ADMIN_FIXED_DURATION: every grant lasts `duration`; REQUESTER_SPECIFIED_DURATION: the requester picks, up to `maximumDuration`. */
export const accessDurationSettings = Type.Union([
  Type.Object({ type: enumOf(['ADMIN_FIXED_DURATION']), duration: accessDuration }, { additionalProperties: false }),
  Type.Object({ type: enumOf(['REQUESTER_SPECIFIED_DURATION']), maximumDuration: accessDuration }, { additionalProperties: false }),
]);

// ---- Input shapes (strict: the API's own forms, picked by `type`) ----

const idRefs = (id: TSchema) => Type.Array(Type.Object({ id }, { additionalProperties: false }), { minItems: 1, maxItems: 100 });

const requesterSettings = Type.Union([
  Type.Object({ type: enumOf(['EVERYONE']) }, { additionalProperties: false }),
  Type.Object({ type: enumOf(['GROUPS']), groups: idRefs(ids.group) }, { additionalProperties: false }),
  Type.Object({ type: enumOf(['TEAMS']), teams: idRefs(ids.team) }, { additionalProperties: false }),
]);

const accessScopeSettings = Type.Union([
  Type.Object({ type: enumOf(['RESOURCE_DEFAULT']) }, { additionalProperties: false }),
  Type.Object({ type: enumOf(['ENTITLEMENT_BUNDLES']), entitlementBundles: idRefs(ids.entitlementBundle) }, { additionalProperties: false }),
  Type.Object({ type: enumOf(['GROUPS']), groups: idRefs(ids.group) }, { additionalProperties: false }),
]);

// ---- Response shapes (tolerant: every field optional, undeclared fields allowed) ----

const idList = Type.Array(loose({ id: Type.String() }));

/** Access duration settings as Okta returns them (in conditions and in an app's risk settings). */
export const accessDurationRecord = loose({ type: Type.String(), duration: Type.String(), maximumDuration: Type.String() });

const requestCondition = loose({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: Type.String({ description: conditionStatuses.join(', ') }),
  priority: Type.Integer(),
  approvalSequenceId: Type.String(),
  requesterSettings: loose({ type: Type.String(), groups: idList, teams: idList }),
  accessScopeSettings: loose({ type: Type.String(), groups: idList, entitlementBundles: idList }),
  accessDurationSettings: accessDurationRecord,
  created: timestamp,
  createdBy: Type.String(),
  lastUpdated: timestamp,
  lastUpdatedBy: Type.String(),
  _links: loose({ self: loose({ href: Type.String() }) }),
});

const conditionOutputs = {
  id: out('/id', 'Condition ID'),
  name: out('/name', 'Name'),
  status: out('/status', 'Status', `One of ${conditionStatuses.join(', ')}. A new condition is INACTIVE until activated.`),
  priority: out('/priority', 'Priority', '0 is tried first.'),
  approvalSequenceId: out('/approvalSequenceId', 'Approval sequence ID'),
  requesterType: out('/requesterSettings/type', 'Who can request', 'EVERYONE, GROUPS or TEAMS.'),
  accessScopeType: out('/accessScopeSettings/type', 'What can be requested', 'RESOURCE_DEFAULT, ENTITLEMENT_BUNDLES or GROUPS.'),
  accessDurationType: out('/accessDurationSettings/type', 'Duration kind', 'ADMIN_FIXED_DURATION or REQUESTER_SPECIFIED_DURATION; empty when access does not expire.'),
  lastUpdated: out('/lastUpdated', 'Last updated at'),
  link: out('/_links/self/href', 'Link'),
};

// ---- Inputs used by several cards ----

const conditionIdParam = pathParam('requestConditionId', oktaId('rco', 'Request condition'), {
  label: 'Condition ID',
  help: 'The request condition (rco…). "List request conditions" gives it.',
  example: 'rco8f3pWq1ZtKb6Ns0g7',
});

const conditionName = Type.String({ minLength: 1, maxLength: 255 });
const conditionDescription = Type.String({ minLength: 1, maxLength: 2000 });
const priority = Type.Integer({ minimum: 0 });

const text = {
  name: 'A name unique among the conditions of this app, 1–255 characters.',
  description: 'What the condition is for, 1–2000 characters.',
  requesterSettings:
    'Who may ask: {type: "EVERYONE"}, {type: "GROUPS", groups: [{id: "00g…"}]} or {type: "TEAMS", teams: [{id: "<24-hex team id>"}]} (1–100 of each).',
  accessScopeSettings:
    'What may be asked for: {type: "RESOURCE_DEFAULT"} (the app itself), {type: "GROUPS", groups: [{id: "00g…"}]} or {type: "ENTITLEMENT_BUNDLES", entitlementBundles: [{id: "enb…"}]} (1–100 of each).',
  accessDurationSettings:
    'How long granted access lasts: {type: "ADMIN_FIXED_DURATION", duration: "P30D"} or {type: "REQUESTER_SPECIFIED_DURATION", maximumDuration: "P2W"}; at most PT72H, P90D or P12W.',
  approvalSequenceId: 'The approval sequence (24 hexadecimal characters) that decides requests. "List request sequences" gives the ids.',
  priority: 'Order in which the conditions of the app are tried, 0 first. Okta puts a new condition last when empty.',
};

const somethingToUpdate = nothingToUpdate({
  id: 'request-condition-update-not-empty',
  field: 'name',
  description: 'An update changes at least one property of the condition.',
  inputs: 'name, description, requesterSettings, accessScopeSettings, accessDurationSettings, approvalSequenceId or priority',
});

export const requestConditionOperations = defineFamily(defaults, [
  {
    id: 'listResourceRequestConditionsV2',
    title: 'List request conditions',
    description: 'List the request conditions of an app: who may request what, for how long, with which approval sequence, and whether each is active.',
    method: 'GET',
    path: '/governance/api/v2/resources/{resourceId}/request-conditions',
    inputs: { resourceId: resourceIdParam },
    answer: list({
      item: requestCondition,
      paginated: false,
      itemOutputs: {
        id: conditionOutputs.id,
        name: conditionOutputs.name,
        status: conditionOutputs.status,
        priority: conditionOutputs.priority,
        approvalSequenceId: conditionOutputs.approvalSequenceId,
        requesterType: conditionOutputs.requesterType,
        accessScopeType: conditionOutputs.accessScopeType,
      },
    }),
  },
  {
    id: 'createResourceRequestConditionV2',
    title: 'Create request condition',
    description:
      'Make an app requestable: say who may ask, for what, for how long and which approval sequence decides. The condition starts INACTIVE; activate it to put it in the catalog.',
    method: 'POST',
    path: '/governance/api/v2/resources/{resourceId}/request-conditions',
    successStatus: 201,
    inputs: {
      resourceId: resourceIdParam,
      name: bodyField('/name', conditionName, { label: 'Name', help: text.name, required: true, example: 'Everyone, 30 days, manager approval' }),
      description: bodyField('/description', conditionDescription, { label: 'Description', help: `Optional. ${text.description}` }),
      requesterSettings: bodyField('/requesterSettings', requesterSettings, {
        label: 'Who can request',
        help: text.requesterSettings,
        required: true,
        example: { type: 'GROUPS', groups: [{ id: '00g8f2lmT5RwYc3Ke0g7' }] },
      }),
      accessScopeSettings: bodyField('/accessScopeSettings', accessScopeSettings, {
        label: 'What can be requested',
        help: text.accessScopeSettings,
        required: true,
        example: { type: 'RESOURCE_DEFAULT' },
      }),
      accessDurationSettings: bodyField('/accessDurationSettings', accessDurationSettings, {
        label: 'Access duration',
        help: `Optional. ${text.accessDurationSettings} Access doesn't expire when empty.`,
        example: { type: 'ADMIN_FIXED_DURATION', duration: 'P30D' },
      }),
      approvalSequenceId: bodyField('/approvalSequenceId', approvalSequenceId, {
        label: 'Approval sequence ID',
        help: text.approvalSequenceId,
        required: true,
        example: '66a1f0c2b9e84d0012ab34cd',
      }),
      priority: bodyField('/priority', priority, { label: 'Priority', help: `Optional. ${text.priority}`, example: 0 }),
    },
    answer: object(requestCondition, conditionOutputs),
  },
  {
    id: 'getResourceRequestConditionV2',
    title: 'Get request condition',
    description: 'Read one request condition of an app with its requesters, scope, duration, approval sequence and status.',
    method: 'GET',
    path: '/governance/api/v2/resources/{resourceId}/request-conditions/{requestConditionId}',
    inputs: { resourceId: resourceIdParam, requestConditionId: conditionIdParam },
    answer: object(requestCondition, conditionOutputs),
  },
  {
    id: 'updateResourceRequestConditionV2',
    title: 'Update request condition',
    description:
      'Change a request condition; only the properties given change. Okta refuses a change that would make the condition INVALID, and checks requesters and scope against the app\'s request settings.',
    method: 'PATCH',
    path: '/governance/api/v2/resources/{resourceId}/request-conditions/{requestConditionId}',
    // The given properties replace the stored ones, so sending the same change twice leaves the same condition.
    idempotent: true,
    inputs: {
      resourceId: resourceIdParam,
      requestConditionId: conditionIdParam,
      name: bodyField('/name', conditionName, { label: 'Name', help: `Optional. ${text.name}`, example: 'Everyone, 14 days, manager approval' }),
      description: bodyField('/description', conditionDescription, { label: 'Description', help: `Optional. ${text.description}` }),
      requesterSettings: bodyField('/requesterSettings', requesterSettings, { label: 'Who can request', help: `Optional. ${text.requesterSettings}` }),
      accessScopeSettings: bodyField('/accessScopeSettings', accessScopeSettings, { label: 'What can be requested', help: `Optional. ${text.accessScopeSettings}` }),
      accessDurationSettings: bodyField('/accessDurationSettings', Type.Union([...accessDurationSettings.anyOf, Type.Null()]), {
        label: 'Access duration',
        help: `Optional. ${text.accessDurationSettings} null removes the limit, so access doesn't expire.`,
        example: { type: 'ADMIN_FIXED_DURATION', duration: 'P14D' },
      }),
      approvalSequenceId: bodyField('/approvalSequenceId', approvalSequenceId, { label: 'Approval sequence ID', help: `Optional. ${text.approvalSequenceId}` }),
      priority: bodyField('/priority', priority, { label: 'Priority', help: `Optional. ${text.priority}` }),
    },
    rules: [somethingToUpdate],
    answer: object(requestCondition, conditionOutputs),
  },
  {
    id: 'deleteResourceRequestConditionV2',
    title: 'Delete request condition',
    description: 'Delete a request condition: its requesters can no longer ask for the app through it. Requests already filed go on.',
    method: 'DELETE',
    path: '/governance/api/v2/resources/{resourceId}/request-conditions/{requestConditionId}',
    inputs: { resourceId: resourceIdParam, requestConditionId: conditionIdParam },
    answer: noBody(),
  },
  {
    id: 'activateResourceRequestConditionV2',
    title: 'Activate request condition',
    description: 'Turn an INACTIVE request condition on, so its requesters see the app in their catalog. Okta answers 409 when it is already active.',
    method: 'POST',
    path: '/governance/api/v2/resources/{resourceId}/request-conditions/{requestConditionId}/activate',
    inputs: { resourceId: resourceIdParam, requestConditionId: conditionIdParam },
    answer: object(requestCondition, conditionOutputs),
  },
  {
    id: 'deactivateResourceRequestConditionV2',
    title: 'Deactivate request condition',
    description: 'Turn an ACTIVE request condition off without deleting it. Okta answers 409 when it is already inactive.',
    method: 'POST',
    path: '/governance/api/v2/resources/{resourceId}/request-conditions/{requestConditionId}/deactivate',
    inputs: { resourceId: resourceIdParam, requestConditionId: conditionIdParam },
    answer: object(requestCondition, conditionOutputs),
  },
]);
