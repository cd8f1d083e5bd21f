/**
 * Access requests. v1 (API-NOTES §6.3): 24-hex ids, only against ACTIVE request types (409
 * E0000195), exactly one requester, required requester fields, messages. v2 (§6.4): 202 SUBMITTED,
 * then PENDING — or REJECTED when the catalog entry's required fields were left empty, as the
 * recorded traffic shows.
 */
import { Type } from '@sinclair/typebox';
import { href, link, type Ctx, type SimCore } from '../core.ts';
import { envelope, page } from '../paging.ts';
import type { RequestTypeRecord, RequestV1Record, RequestV2Record, UserRecord } from '../state.ts';
import { checkBody, invalid } from '../validate.ts';
import { errors } from '../wire.ts';
import { found, hex24, id20, json, requireUser, stringEnum, userId, type Route } from './common.ts';

const V1 = '/governance/api/v1/requests';
const V2 = '/governance/api/v2/requests';

const createV1Body = Type.Object({
  requestTypeId: hex24,
  subject: Type.String({ minLength: 1, maxLength: 250 }),
  requesterUserIds: Type.Optional(Type.Array(userId, { minItems: 1, maxItems: 1 })),
  requesterFieldValues: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String({ minLength: 36, maxLength: 36, format: 'uuid' }),
        value: Type.Union([Type.String({ maxLength: 1000 }), Type.Array(Type.String({ minLength: 1, maxLength: 280 }), { minItems: 1, maxItems: 1 }), Type.Null()]),
      }),
    ),
  ),
});
const messageBody = Type.Object({ message: Type.String({ minLength: 1, maxLength: 5000 }) });
const principalRef = Type.Object({ externalId: userId, type: stringEnum(['OKTA_USER'] as const) });
const createV2Body = Type.Object({
  requested: Type.Object({ type: stringEnum(['CATALOG_ENTRY'] as const), entryId: id20 }),
  requestedBy: Type.Optional(principalRef),
  requestedFor: principalRef,
  requesterFieldValues: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String({ minLength: 1 }),
        label: Type.Optional(Type.String()),
        type: Type.Optional(stringEnum(['TEXT', 'SELECT', 'MULTISELECT', 'ISO_DATE', 'DURATION', 'OKTA_USER_ID'] as const)),
        value: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
        values: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 280 }))),
      }),
    ),
  ),
});

const ACTION = { APPS: 'ASSIGN_APP_TO_USER', GROUPS: 'ADD_USER_TO_GROUP', ENTITLEMENT_BUNDLES: 'GRANT_ACCESS_TO_ENTITLEMENT_BUNDLE' } as const;

/** With no approval step the access is granted at once and the request resolves. */
function grant(core: SimCore, type: RequestTypeRecord, user: UserRecord): void {
  const target = type.resourceSettings.targetResources[0]!.resourceId;
  if (type.resourceSettings.type === 'GROUPS' && !user.groupIds.includes(target)) user.groupIds.push(target);
  if (type.resourceSettings.type === 'APPS' && !user.appAssignments.some((a) => a.appId === target)) {
    user.appAssignments.push({ appId: target, assignmentType: 'ACCESS_REQUEST', assigned: core.clock.iso() });
  }
  if (type.resourceSettings.type === 'ENTITLEMENT_BUNDLES' && !user.bundleIds.includes(target)) user.bundleIds.push(target);
}

function renderV1(ctx: Ctx, r: RequestV1Record): Record<string, unknown> {
  return {
    ...r,
    _links: { self: link(ctx.core, `${V1}/${r.id}`), requestType: link(ctx.core, `/governance/api/v1/request-types/${r.requestTypeId}`) },
  };
}

export function renderV2(ctx: Ctx, r: RequestV2Record): Record<string, unknown> {
  const decided = r.status !== 'SUBMITTED';
  return {
    id: r.id,
    createdBy: r.createdBy,
    created: r.created,
    lastUpdated: r.lastUpdated,
    lastUpdatedBy: r.lastUpdatedBy,
    _links: {
      ...(decided
        ? {
            approvalCondition: link(ctx.core, `/governance/api/v2/resources/${r.requested.resourceId}/request-conditions/${r.conditionId}`),
            approvalSequence: link(ctx.core, `/next/sequences/${r.sequenceId}`),
          }
        : {}),
      self: link(ctx.core, `${V2}/${r.id}`),
    },
    status: r.status,
    requestedBy: r.requestedBy,
    requestedFor: r.requestedFor,
    requested: r.requested,
    requesterFieldValues: r.requesterFieldValues,
    ...(decided
      ? {
          ...(r.accessDuration ? { accessDuration: r.accessDuration } : {}),
          requestApproval: { type: 'OKTA', providerName: 'Okta', providerDescription: 'Okta Access Requests', externalRequestId: 'N/A', decisions: [] },
          riskAssessment: { requestSubmissionType: 'ALLOWED_WITH_NO_OVERRIDES', riskRules: [] },
        }
      : {}),
  };
}

/** SUBMITTED → PENDING (or REJECTED) once the decision delay has passed. */
/** The fixed access duration of the first ACTIVE request condition of an app, if it sets one. */
function conditionDuration(ctx: Ctx, appId: string): string | undefined {
  const active = [...ctx.core.state.docs.requestConditions.values()].filter((c) => c.resourceId === appId && c.status === 'ACTIVE').sort((a, b) => a.priority - b.priority);
  const fixed = active.find((c) => c.accessDurationSettings?.type === 'ADMIN_FIXED_DURATION');
  return fixed?.accessDurationSettings.duration;
}

/**
 * Files a v2 request for a catalog entry: the entry must be requestable, each field value must be
 * a field of the entry; a request missing a required field is REJECTED once decided.
 * `at` is the JSON pointer prefix of the body fields ('' for /requested/entryId, '/…' otherwise).
 */
export function submitV2(
  ctx: Ctx,
  input: { entryId: string; requestedFor: RequestV2Record['requestedFor']; requestedBy?: RequestV2Record['requestedBy']; values: Record<string, unknown>[]; at: string; entryLocation?: string },
): RequestV2Record {
  const { state, clock, settings } = ctx.core;
  const entryAt = input.entryLocation ?? '/requested/entryId';
  const entry = state.catalogEntries.get(input.entryId);
  if (!entry) invalid(entryAt, 'does not name a catalog entry', 'IDENTIFIER_NOT_FOUND');
  if (!entry.requestable || !entry.appId) invalid(entryAt, `catalog entry "${entry.name}" can't be requested itself; request one of its child entries`, 'INVALID_VALUE');
  const values = input.values as { id: string; value?: string; values?: string[] }[];
  values.forEach((v, i) => {
    if (!entry.fields.some((f) => f.id === v.id)) invalid(`${input.at}/requesterFieldValues/${i}/id`, `is not a field of catalog entry ${entry.id}`, 'IDENTIFIER_NOT_FOUND');
  });
  const duration = entry.fields.find((f) => f.type === 'DURATION');
  const chosen = duration && values.find((v) => v.id === duration.id)?.value;
  const complete = entry.fields.filter((f) => f.required && f.value === undefined).every((f) => values.some((v) => v.id === f.id && (v.value || v.values?.length)));
  const now = clock.now();
  const created = clock.iso(now);
  const record: RequestV2Record = {
    id: ctx.core.ids.okta('req'),
    status: 'SUBMITTED',
    outcome: complete ? 'PENDING' : 'REJECTED',
    decideAt: now + settings.requestDecisionDelayMs / settings.timeScale,
    requestedBy: input.requestedBy ?? (ctx.caller.type === 'USER' ? { externalId: ctx.caller.id, type: 'OKTA_USER' } : { externalId: ctx.caller.id, type: 'UNKNOWN' }),
    requestedFor: input.requestedFor,
    requested: { entryId: entry.id, resourceId: entry.appId, resourceType: 'APPLICATION', accessScopeId: entry.appId, accessScopeType: 'APPLICATION' },
    requesterFieldValues: input.values,
    accessDuration: chosen ?? duration?.value ?? conditionDuration(ctx, entry.appId) ?? null,
    conditionId: ctx.core.ids.okta('rco'),
    sequenceId: ctx.core.ids.hex24(),
    createdBy: ctx.caller.id,
    created,
    lastUpdated: created,
    lastUpdatedBy: ctx.caller.id,
  };
  state.requestsV2.set(record.id, record);
  return record;
}

export function tickRequests(core: SimCore): void {
  const now = core.clock.now();
  for (const r of core.state.requestsV2.values()) {
    if (r.status === 'SUBMITTED' && r.decideAt !== undefined && now >= r.decideAt) {
      r.status = r.outcome;
      r.lastUpdated = core.clock.iso(r.decideAt);
      if (r.outcome === 'PENDING') r.accessDuration = 'P30D';
    }
  }
}

function messageRoute(api: 'v1' | 'v2'): Route {
  const base = api === 'v1' ? V1 : V2;
  return {
    method: 'POST',
    path: `${base}/{requestId}/messages`,
    operationId: api === 'v1' ? 'createRequestMessage' : 'createRequestMessageV2',
    scope: api === 'v1' ? 'okta.governance.accessRequests.manage' : 'okta.accessRequests.request.manage',
    ...(api === 'v1' ? { shape: 'access-requests' as const } : {}),
    handler: (ctx) => {
      const id = ctx.params.requestId!;
      const exists = api === 'v1' ? ctx.core.state.requests.has(id) : ctx.core.state.requestsV2.has(id);
      if (!exists) throw errors.notFound(`${id} (Request)`);
      const { message } = checkBody(messageBody, ctx.body);
      ctx.core.state.messages.push({ id: ctx.core.ids.hex24(), requestId: id, api, message, authorId: ctx.caller.id, created: ctx.core.clock.iso() });
      return { status: 201 };
    },
  };
}

export const requestRoutes: Route[] = [
  {
    method: 'POST',
    path: V1,
    operationId: 'createRequest',
    scope: 'okta.governance.accessRequests.manage',
    shape: 'access-requests',
    handler: (ctx) => {
      const body = checkBody(createV1Body, ctx.body);
      const { state } = ctx.core;
      const type = state.requestTypes.get(body.requestTypeId);
      if (!type) invalid('/requestTypeId', 'does not name a request type', 'IDENTIFIER_NOT_FOUND');
      if (type.status !== 'ACTIVE') {
        throw errors.conflict(`Request type ${type.id} must be ACTIVE. Current status: ${type.status}`, [
          { summary: `Request type must be ACTIVE. Current status: ${type.status}`, reason: 'REQUEST_TYPE_STATE', location: '/requestTypeId', locationType: 'body' },
        ]);
      }
      let requesterIds = body.requesterUserIds;
      if (!requesterIds) {
        if (ctx.caller.type !== 'USER') invalid('/requesterUserIds', 'is required when a service app files the request: name the one user it is for', 'REQUIRED_PROPERTY_MISSING');
        requesterIds = [ctx.caller.id];
      }
      const requester = requireUser(ctx, requesterIds[0]!, '/requesterUserIds/0');
      const { requestSettings } = type;
      if (requestSettings.type === 'MEMBER_OF' && !requestSettings.requesterMemberOf?.some((g) => requester.groupIds.includes(g))) {
        throw errors.forbidden(`User ${requester.id} can't use request type ${type.id}: only members of ${requestSettings.requesterMemberOf?.join(', ')} may.`);
      }
      const values = body.requesterFieldValues ?? [];
      const rendered = values.map((v, i) => {
        const field = requestSettings.requesterFields.find((f) => f.id === v.id);
        if (!field) invalid(`/requesterFieldValues/${i}/id`, `is not a field of request type ${type.id}`, 'IDENTIFIER_NOT_FOUND');
        if (field.type === 'DATE-TIME' && (typeof v.value !== 'string' || Number.isNaN(Date.parse(v.value)))) invalid(`/requesterFieldValues/${i}/value`, 'must be an ISO 8601 date and time', 'STRING_FORMAT_INVALID');
        if (field.type === 'SELECT' && (!Array.isArray(v.value) || !field.options?.some((o) => o.value === v.value![0]))) {
          invalid(`/requesterFieldValues/${i}/value`, `must be a one-item list with one of: ${(field.options ?? []).map((o) => o.value).join(', ')}`, 'INVALID_ENUM_VALUE');
        }
        if (field.type === 'TEXT' && typeof v.value !== 'string') invalid(`/requesterFieldValues/${i}/value`, 'must be text', 'INVALID_DATA_TYPE');
        return { id: field.id, prompt: field.prompt, required: field.required, type: field.type, value: v.value };
      });
      const missing = requestSettings.requesterFields.filter((f) => f.required && !values.some((v) => v.id === f.id && v.value !== null && v.value !== ''));
      if (missing.length) {
        throw errors.validation(missing.map((f) => ({ summary: `required field "${f.prompt}" (${f.id}) has no value`, reason: 'REQUEST_TYPE_SETTINGS', location: '/requesterFieldValues', locationType: 'body' as const })));
      }
      const now = ctx.core.clock.iso();
      const autoApproved = type.approvalSettings.type === 'NONE';
      const record: RequestV1Record = {
        id: ctx.core.ids.hex24(),
        subject: body.subject,
        requestTypeId: type.id,
        requestStatus: autoApproved ? 'RESOLVED' : 'OPEN',
        resolved: autoApproved ? now : null,
        requesterUserIds: requesterIds,
        requesterFieldValues: rendered,
        approvals: type.approvalSettings.type === 'SERIAL' ? type.approvalSettings.approvals.map(() => ({ status: 'PENDING', approvalId: ctx.core.ids.hex24() })) : [],
        actions: [
          autoApproved
            ? {
                status: 'COMPLETED',
                action: ACTION[type.resourceSettings.type],
                actionId: ctx.core.ids.hex24(),
                actionStatus: 'SUCCEEDED',
                actionAttempted: now,
                accessRemoved: null,
                resourceId: type.resourceSettings.targetResources[0]!.resourceId,
                resourceName: type.resourceSettings.targetResources[0]!.resourceName,
              }
            : { status: 'PENDING', action: ACTION[type.resourceSettings.type], actionId: ctx.core.ids.hex24() },
        ],
        permalinkId: state.nextPermalinkId++,
        type: 'ACCESS_REQUEST',
        createdBy: ctx.caller.id,
        created: now,
        lastUpdated: now,
        lastUpdatedBy: ctx.caller.id,
      };
      if (autoApproved) grant(ctx.core, type, requester);
      state.requests.set(record.id, record);
      return json(201, renderV1(ctx, record), { Location: href(ctx.core, `${V1}/${record.id}`) });
    },
  },
  {
    method: 'GET',
    path: V1,
    operationId: 'listAllRequests',
    scope: 'okta.governance.accessRequests.read',
    shape: 'access-requests',
    handler: (ctx) => {
      const p = page(ctx, [...ctx.core.state.requests.values()], {
        id: (r) => r.id,
        paging: { cursor: 'hex24' },
        filter: { spec: { requestStatus: ['eq'], lastUpdated: ['gt'], requestTypeId: ['eq'] } },
        orderBy: { keys: { created: (r) => r.created, lastUpdated: (r) => r.lastUpdated } },
      });
      return envelope(ctx, p, (r) => renderV1(ctx, r));
    },
  },
  {
    method: 'GET',
    path: `${V1}/{requestId}`,
    operationId: 'getRequest',
    scope: 'okta.governance.accessRequests.read',
    shape: 'access-requests',
    handler: (ctx) => json(200, renderV1(ctx, found(ctx.core.state.requests.get(ctx.params.requestId!), `${ctx.params.requestId} (Request)`))),
  },
  messageRoute('v1'),
  {
    method: 'POST',
    path: V2,
    operationId: 'createRequestV2',
    scope: 'okta.accessRequests.request.manage',
    handler: (ctx) => {
      const body = checkBody(createV2Body, ctx.body);
      requireUser(ctx, body.requestedFor.externalId, '/requestedFor/externalId');
      if (body.requestedBy) requireUser(ctx, body.requestedBy.externalId, '/requestedBy/externalId');
      const record = submitV2(ctx, { entryId: body.requested.entryId, requestedFor: body.requestedFor, ...(body.requestedBy ? { requestedBy: body.requestedBy } : {}), values: body.requesterFieldValues ?? [], at: '' });
      return json(202, renderV2(ctx, record));
    },
  },
  {
    method: 'GET',
    path: V2,
    operationId: 'listAllRequestsV2',
    scope: 'okta.accessRequests.request.read',
    handler: (ctx) => {
      const p = page(ctx, [...ctx.core.state.requestsV2.values()], {
        id: (r) => r.id,
        paging: { cursor: 'len20' },
        filter: {
          spec: { status: ['eq'], requestedFor: ['eq'], resourceId: ['eq'], resourceType: ['eq'], accessScopeId: ['eq'], accessScopeType: ['eq'], lastUpdated: ['gt'] },
          read: (r, attr) => {
            if (attr === 'requestedFor') return r.requestedFor.externalId;
            if (attr in r.requested) return (r.requested as Record<string, unknown>)[attr];
            return (r as unknown as Record<string, unknown>)[attr];
          },
        },
        orderBy: { keys: { created: (r) => r.created, lastUpdated: (r) => r.lastUpdated } },
      });
      return envelope(ctx, p, (r) => renderV2(ctx, r));
    },
  },
  {
    method: 'GET',
    path: `${V2}/{requestId}`,
    operationId: 'getRequestV2',
    scope: 'okta.accessRequests.request.read',
    handler: (ctx) => json(200, renderV2(ctx, found(ctx.core.state.requestsV2.get(ctx.params.requestId!), `${ctx.params.requestId} (Request)`))),
  },
  messageRoute('v2'),
];
