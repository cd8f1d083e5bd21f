/**
 * Request types and teams of the access-request v1 backend (API-NOTES §6.3): 24-hex ids, the
 * access-request error shape, DRAFT ⇄ ACTIVE by publish/un-publish (409 E0000195 for DISABLED),
 * and the teams list's own link style (§2.2 item 8) behind the `teamsLinks` switch.
 */
import { Type } from '@sinclair/typebox';
import { href, type Ctx } from '../core.ts';
import { envelope, linkHeader, page } from '../paging.ts';
import type { RequestTypeRecord, RequesterField } from '../state.ts';
import { checkBody, invalid } from '../validate.ts';
import { errors } from '../wire.ts';
import { found, hex24, json, noContent, stringEnum, type Route } from './common.ts';

const BASE = '/governance/api/v1/request-types';
const READ = 'okta.governance.accessRequests.read';
const MANAGE = 'okta.governance.accessRequests.manage';

const field = Type.Object({
  prompt: Type.String({ minLength: 1, maxLength: 100 }),
  required: Type.Optional(Type.Boolean()),
  type: stringEnum(['TEXT', 'SELECT', 'DATE-TIME'] as const),
  options: Type.Optional(Type.Array(Type.Object({ value: Type.String({ minLength: 1, maxLength: 280 }) }), { minItems: 1, maxItems: 25 })),
});
const groupId = Type.String({ minLength: 20, maxLength: 20, pattern: '^00g[0-9a-zA-Z]+$' });
const approval = Type.Object({
  approverType: stringEnum(['MANAGER', 'USER', 'MEMBER_OF', 'RESOURCE_OWNER'] as const),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 250 })),
  approverUserId: Type.Optional(Type.String({ minLength: 20, maxLength: 20, pattern: '^00u[0-9a-zA-Z]+$' })),
  approverMemberOf: Type.Optional(Type.Array(groupId, { minItems: 1, maxItems: 1 })),
  approverFields: Type.Optional(Type.Array(field, { maxItems: 5 })),
});
const createBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  status: Type.Optional(stringEnum(['DRAFT', 'ACTIVE'] as const)),
  ownerId: hex24,
  resourceSettings: Type.Object({
    type: stringEnum(['APPS', 'GROUPS', 'ENTITLEMENT_BUNDLES'] as const),
    targetResources: Type.Array(Type.Object({ resourceId: Type.String({ minLength: 20, maxLength: 20 }) }), { minItems: 1, maxItems: 1 }),
  }),
  requestSettings: Type.Optional(
    Type.Object({
      type: stringEnum(['EVERYONE', 'MEMBER_OF'] as const),
      requesterMemberOf: Type.Optional(Type.Array(groupId, { minItems: 1, maxItems: 1 })),
      requesterFields: Type.Optional(Type.Array(field, { maxItems: 5 })),
    }),
  ),
  approvalSettings: Type.Object({
    type: stringEnum(['NONE', 'SERIAL'] as const),
    approvals: Type.Optional(Type.Array(approval, { minItems: 1, maxItems: 5 })),
  }),
  accessDuration: Type.Optional(Type.Union([Type.String({ pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$' }), Type.Null()])),
});

const PREFIX = { APPS: '0oa', GROUPS: '00g', ENTITLEMENT_BUNDLES: 'enb' } as const;

function withIds(ctx: Ctx, fields: { prompt: string; required?: boolean; type: RequesterField['type']; options?: { value: string }[] }[] | undefined, at: string): RequesterField[] {
  return (fields ?? []).map((f, i) => {
    if (f.type === 'SELECT' && !f.options) invalid(`${at}/${i}/options`, 'is required for a SELECT field', 'REQUIRED_PROPERTY_MISSING');
    return { id: ctx.core.ids.uuid(), prompt: f.prompt, required: f.required ?? true, type: f.type, ...(f.options ? { options: f.options } : {}) };
  });
}

export function renderRequestType(ctx: Ctx, t: RequestTypeRecord): Record<string, unknown> {
  const self = `${BASE}/${t.id}`;
  return {
    id: t.id,
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    createdBy: t.createdBy,
    created: t.created,
    lastUpdated: t.lastUpdated,
    lastUpdatedBy: t.lastUpdatedBy,
    status: t.status,
    ownerId: t.ownerId,
    resourceSettings: t.resourceSettings,
    requestSettings: t.requestSettings,
    approvalSettings: t.approvalSettings,
    lastUpdateSource: t.lastUpdateSource,
    accessDuration: t.accessDuration,
    _links: {
      ...(t.status === 'ACTIVE' ? { createRequest: { href: href(ctx.core, `/next/new?request_type=${t.id}`), type: 'text/html' } } : {}),
      requests: { href: href(ctx.core, `/governance/api/v1/requests?filter=${encodeURIComponent(`requestTypeId eq "${t.id}"`)}`), type: 'application/json' },
      self: { href: href(ctx.core, self), type: 'application/json' },
    },
  };
}

function requestType(ctx: Ctx): RequestTypeRecord {
  return found(ctx.core.state.requestTypes.get(ctx.params.requestTypeId!), `${ctx.params.requestTypeId} (RequestType)`);
}

function setStatus(ctx: Ctx, status: 'ACTIVE' | 'DRAFT'): RequestTypeRecord {
  const t = requestType(ctx);
  if (t.status === 'DISABLED') {
    throw errors.conflict(`request type ${t.id} is DISABLED and can't be ${status === 'ACTIVE' ? 'published' : 'unpublished'}`, [
      { summary: `Request type status is DISABLED`, reason: 'REQUEST_TYPE_STATE', location: '/status', locationType: 'body' },
    ]);
  }
  if (t.status !== status) {
    t.status = status;
    t.lastUpdated = ctx.core.clock.iso();
    t.lastUpdatedBy = ctx.caller.id;
  }
  return t;
}

export const requestTypeRoutes: Route[] = [
  {
    method: 'POST',
    path: BASE,
    operationId: 'createRequestType',
    scope: MANAGE,
    shape: 'access-requests',
    handler: (ctx) => {
      const body = checkBody(createBody, ctx.body);
      const { state } = ctx.core;
      if (!state.teams.has(body.ownerId)) invalid('/ownerId', 'does not name a team; list teams to find its id', 'IDENTIFIER_NOT_FOUND');
      const { type, targetResources } = body.resourceSettings;
      const target = targetResources[0]!.resourceId;
      const resource = type === 'APPS' ? state.apps.get(target) : type === 'GROUPS' ? state.groups.get(target) : state.bundles.get(target);
      // The real service answers "format is invalid" for an id of the wrong kind or one it can't find.
      if (!target.startsWith(PREFIX[type]) || !resource) invalid('/resourceSettings/targetResources/0/resourceId', 'format is invalid', 'STRING_FORMAT_INVALID');
      const resourceName = 'label' in resource ? resource.label : resource.name;
      const requestSettings = body.requestSettings ?? { type: 'EVERYONE' as const };
      if (requestSettings.type === 'MEMBER_OF' && !requestSettings.requesterMemberOf) {
        invalid('/requestSettings/requesterMemberOf', 'is required when requestSettings.type is MEMBER_OF', 'REQUIRED_PROPERTY_MISSING');
      }
      const approvals = body.approvalSettings.type === 'SERIAL' ? body.approvalSettings.approvals : undefined;
      if (body.approvalSettings.type === 'SERIAL' && !approvals) invalid('/approvalSettings/approvals', 'is required when approvalSettings.type is SERIAL', 'REQUIRED_PROPERTY_MISSING');
      (approvals ?? []).forEach((a, i) => {
        if (a.approverType === 'USER' && !a.approverUserId) invalid(`/approvalSettings/approvals/${i}/approverUserId`, 'is required for a USER approval', 'REQUIRED_PROPERTY_MISSING');
        if (a.approverType === 'USER' && !state.users.has(a.approverUserId!)) invalid(`/approvalSettings/approvals/${i}/approverUserId`, 'does not name a user of the org', 'IDENTIFIER_NOT_FOUND');
        if (a.approverType === 'MEMBER_OF' && !a.approverMemberOf) invalid(`/approvalSettings/approvals/${i}/approverMemberOf`, 'is required for a MEMBER_OF approval', 'REQUIRED_PROPERTY_MISSING');
      });
      const now = ctx.core.clock.iso();
      const record: RequestTypeRecord = {
        id: ctx.core.ids.hex24(),
        name: body.name ?? `Request ${resourceName}`,
        ...(body.description ? { description: body.description } : {}),
        status: body.status ?? 'DRAFT',
        ownerId: body.ownerId,
        resourceSettings: { type, targetResources: [{ resourceId: target, resourceName }] },
        requestSettings: {
          type: requestSettings.type,
          ...(requestSettings.requesterMemberOf ? { requesterMemberOf: requestSettings.requesterMemberOf } : {}),
          requesterFields: withIds(ctx, requestSettings.requesterFields, '/requestSettings/requesterFields'),
        },
        approvalSettings: approvals
          ? { type: 'SERIAL', approvals: approvals.map((a, i) => ({ ...a, approverFields: withIds(ctx, a.approverFields, `/approvalSettings/approvals/${i}/approverFields`) })) }
          : { type: 'NONE' },
        accessDuration: body.accessDuration ?? null,
        lastUpdateSource: 'API',
        createdBy: ctx.caller.id,
        created: now,
        lastUpdated: now,
        lastUpdatedBy: ctx.caller.id,
      };
      state.requestTypes.set(record.id, record);
      return json(201, renderRequestType(ctx, record), { Location: href(ctx.core, `${BASE}/${record.id}`) });
    },
  },
  {
    method: 'GET',
    path: BASE,
    operationId: 'listAllRequestTypes',
    scope: READ,
    shape: 'access-requests',
    handler: (ctx) => {
      const p = page(ctx, [...ctx.core.state.requestTypes.values()], {
        id: (t) => t.id,
        paging: { cursor: 'hex24' },
        filter: { spec: { status: ['eq'], lastUpdated: ['gt'] } },
        orderBy: { keys: { created: (t) => t.created, lastUpdated: (t) => t.lastUpdated } },
      });
      return envelope(ctx, p, (t) => renderRequestType(ctx, t));
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{requestTypeId}`,
    operationId: 'getRequestType',
    scope: READ,
    shape: 'access-requests',
    handler: (ctx) => json(200, renderRequestType(ctx, requestType(ctx))),
  },
  {
    method: 'DELETE',
    path: `${BASE}/{requestTypeId}`,
    operationId: 'deleteRequestType',
    scope: MANAGE,
    shape: 'access-requests',
    handler: (ctx) => {
      ctx.core.state.requestTypes.delete(requestType(ctx).id);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{requestTypeId}/publish`,
    operationId: 'publishRequestType',
    scope: MANAGE,
    shape: 'access-requests',
    handler: (ctx) => json(200, renderRequestType(ctx, setStatus(ctx, 'ACTIVE'))),
  },
  {
    method: 'POST',
    path: `${BASE}/{requestTypeId}/un-publish`,
    operationId: 'unpublishRequestType',
    scope: MANAGE,
    shape: 'access-requests',
    handler: (ctx) => json(200, renderRequestType(ctx, setStatus(ctx, 'DRAFT'))),
  },
  {
    method: 'GET',
    path: '/governance/api/v1/teams',
    operationId: 'listAllRequestTeams',
    scope: READ,
    shape: 'access-requests',
    handler: (ctx) => {
      const p = page(ctx, [...ctx.core.state.teams.values()], { id: (t) => t.id, paging: { cursor: 'hex24' }, filter: { spec: { name: ['eq'] } } });
      if (!ctx.core.faults.effective('teamsLinks')) return envelope(ctx, p, (t) => t);
      // The real teams backend: `links` (no underscore), relative hrefs, `next: {}` when there is no next page.
      const selfPath = `${ctx.path}${p.selfQuery}`;
      const rels: Record<string, string> = { self: href(ctx.core, selfPath) };
      if (p.nextQuery) rels.next = href(ctx.core, `${ctx.path}${p.nextQuery}`);
      return {
        status: 200,
        body: { data: p.items, links: { self: { href: selfPath }, next: p.nextQuery ? { href: `${ctx.path}${p.nextQuery}` } : {} } },
        headers: { Link: linkHeader(rels), 'Content-Type': 'application/json;charset=utf-8', 'X-Powered-By': 'Express' },
      };
    },
  },
];

