/**
 * v2 request conditions (rco…) on an app or group, and the approval sequences (24-hex) they use.
 * A condition starts INACTIVE; activate only an INACTIVE one and deactivate only an ACTIVE one
 * (else 409); an ACTIVE condition can't be deleted. Priorities of a resource's conditions stay
 * 0…n-1: a new or moved condition pushes the others down. A sequence in use can't be deleted.
 */
import { Type } from '@sinclair/typebox';
import { href, type Ctx } from '../core.ts';
import type { Doc } from '../state.ts';
import { invalid } from '../validate.ts';
import { errors } from '../wire.ts';
import { json, noContent, stringEnum, type Route } from './common.ts';
import { audit, bodyOf, docs, links, listReply, one, touch } from './kit.ts';

const V2 = '/governance/api/v2';
const READ = 'okta.accessRequests.condition.read';
const MANAGE = 'okta.accessRequests.condition.manage';

const idList = Type.Array(Type.Object({ id: Type.String({ minLength: 1 }) }), { minItems: 1 });
const requesterSettings = Type.Object({ type: stringEnum(['EVERYONE', 'GROUPS', 'TEAMS'] as const), groups: Type.Optional(idList), teams: Type.Optional(idList) });
const accessScopeSettings = Type.Object({ type: stringEnum(['RESOURCE_DEFAULT', 'ENTITLEMENT_BUNDLES', 'GROUPS'] as const), entitlementBundles: Type.Optional(idList), groups: Type.Optional(idList) });
const accessDurationSettings = Type.Object({ type: stringEnum(['ADMIN_FIXED_DURATION', 'REQUESTER_SPECIFIED_DURATION'] as const), duration: Type.Optional(Type.String({ pattern: '^P' })), maximumDuration: Type.Optional(Type.String({ pattern: '^P' })) });
const conditionBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  requesterSettings: Type.Optional(requesterSettings),
  accessScopeSettings: Type.Optional(accessScopeSettings),
  accessDurationSettings: Type.Optional(accessDurationSettings),
  approvalSequenceId: Type.String({ minLength: 24, maxLength: 24 }),
  priority: Type.Optional(Type.Integer({ minimum: 0 })),
});
const conditionPatch = Type.Partial(conditionBody);

function resource(ctx: Ctx): { id: string; type: 'APP' | 'GROUP' } {
  const id = ctx.params.resourceId!;
  if (ctx.core.state.apps.has(id)) return { id, type: 'APP' };
  if (ctx.core.state.groups.has(id)) return { id, type: 'GROUP' };
  throw errors.notFound(`${id} (Resource)`);
}

function conditionsOf(ctx: Ctx, resourceId: string): Doc[] {
  return [...docs(ctx, 'requestConditions').values()].filter((c) => c.resourceId === resourceId).sort((a, b) => a.priority - b.priority);
}

function condition(ctx: Ctx): Doc {
  const r = resource(ctx);
  const c = docs(ctx, 'requestConditions').get(ctx.params.requestConditionId!);
  if (!c || c.resourceId !== r.id) throw errors.notFound(`${ctx.params.requestConditionId} (RequestCondition)`);
  return c;
}

function selfPath(c: Doc): string {
  return `${V2}/resources/${c.resourceId}/request-conditions/${c.id}`;
}

function render(ctx: Ctx, c: Doc): Doc {
  const { resourceId: _r, ...rest } = c;
  return { ...rest, _links: links(ctx, { self: selfPath(c) }) };
}

/** Puts a condition at a priority, keeping the resource's priorities 0…n-1. */
function place(ctx: Ctx, c: Doc, priority: number | undefined): void {
  const others = conditionsOf(ctx, c.resourceId).filter((x) => x !== c);
  const at = Math.min(priority ?? others.length, others.length);
  others.splice(at, 0, c);
  others.forEach((x, i) => (x.priority = i));
}

function checkRefs(ctx: Ctx, body: Doc): void {
  if (body.approvalSequenceId !== undefined && !docs(ctx, 'requestSequences').has(body.approvalSequenceId)) invalid('/approvalSequenceId', `approval sequence ${body.approvalSequenceId} does not exist`, 'IDENTIFIER_NOT_FOUND');
  (body.requesterSettings?.groups ?? []).forEach((g: Doc, i: number) => {
    if (!ctx.core.state.groups.has(g.id)) invalid(`/requesterSettings/groups/${i}/id`, `group ${g.id} was not found in the org`, 'IDENTIFIER_NOT_FOUND');
  });
  if (body.requesterSettings?.type === 'GROUPS' && !body.requesterSettings.groups?.length) invalid('/requesterSettings/groups', 'requester type GROUPS needs the groups', 'REQUIRED_PROPERTY_MISSING');
  const d = body.accessDurationSettings;
  if (d?.type === 'ADMIN_FIXED_DURATION' && !d.duration) invalid('/accessDurationSettings/duration', 'ADMIN_FIXED_DURATION needs a duration such as P30D', 'REQUIRED_PROPERTY_MISSING');
}

export function addCondition(ctx: Ctx, resourceId: string, body: Doc): Doc {
  const c: Doc = {
    resourceId,
    id: ctx.core.ids.okta('rco'),
    name: body.name,
    ...(body.description ? { description: body.description } : {}),
    requesterSettings: body.requesterSettings ?? { type: 'EVERYONE' },
    accessScopeSettings: body.accessScopeSettings ?? { type: 'RESOURCE_DEFAULT' },
    ...(body.accessDurationSettings ? { accessDurationSettings: body.accessDurationSettings } : {}),
    approvalSequenceId: body.approvalSequenceId,
    ...audit(ctx),
    status: 'INACTIVE',
    priority: 0,
  };
  docs(ctx, 'requestConditions').set(c.id, c);
  place(ctx, c, body.priority);
  return c;
}

export function addSequence(ctx: Ctx, name: string, description: string): Doc {
  const id = ctx.core.ids.hex24();
  const s: Doc = { id, name, description, compatibleResourceTypes: ['APP', 'GROUP'] };
  docs(ctx, 'requestSequences').set(id, s);
  return s;
}

function renderSequence(ctx: Ctx, s: Doc): Doc {
  return { ...s, link: href(ctx.core, `/next/sequences/${s.id}`) };
}

function statusChange(ctx: Ctx, from: string, to: string) {
  const c = condition(ctx);
  if (c.status !== from) throw errors.conflict(`request condition ${c.id} is ${c.status}; only an ${from} condition can become ${to}`);
  c.status = to;
  touch(ctx, c);
  return json(200, render(ctx, c));
}

export const requestConditionRoutes: Route[] = [
  {
    method: 'GET',
    path: `${V2}/resources/{resourceId}/request-conditions`,
    operationId: 'listResourceRequestConditionsV2',
    scope: READ,
    handler: (ctx) => listReply(ctx, conditionsOf(ctx, resource(ctx).id), { filter: { status: ['eq'], name: ['eq', 'sw', 'co'] } }, (c) => render(ctx, c)),
  },
  {
    method: 'POST',
    path: `${V2}/resources/{resourceId}/request-conditions`,
    operationId: 'createResourceRequestConditionV2',
    scope: MANAGE,
    handler: (ctx) => {
      const r = resource(ctx);
      const body = bodyOf(conditionBody, ctx);
      checkRefs(ctx, body);
      const c = addCondition(ctx, r.id, body);
      return one(ctx, 201, render(ctx, c), selfPath(c));
    },
  },
  {
    method: 'GET',
    path: `${V2}/resources/{resourceId}/request-conditions/{requestConditionId}`,
    operationId: 'getResourceRequestConditionV2',
    scope: READ,
    handler: (ctx) => json(200, render(ctx, condition(ctx))),
  },
  {
    method: 'PATCH',
    path: `${V2}/resources/{resourceId}/request-conditions/{requestConditionId}`,
    operationId: 'updateResourceRequestConditionV2',
    scope: MANAGE,
    handler: (ctx) => {
      const c = condition(ctx);
      const body = bodyOf(conditionPatch, ctx);
      checkRefs(ctx, body);
      const { priority, ...rest } = body;
      Object.assign(c, rest);
      if (priority !== undefined) place(ctx, c, priority);
      touch(ctx, c);
      return json(200, render(ctx, c));
    },
  },
  {
    method: 'DELETE',
    path: `${V2}/resources/{resourceId}/request-conditions/{requestConditionId}`,
    operationId: 'deleteResourceRequestConditionV2',
    scope: MANAGE,
    handler: (ctx) => {
      const c = condition(ctx);
      if (c.status === 'ACTIVE') throw errors.conflict(`request condition ${c.id} is ACTIVE; deactivate it before deleting it`);
      docs(ctx, 'requestConditions').delete(c.id);
      conditionsOf(ctx, c.resourceId).forEach((x, i) => (x.priority = i));
      return noContent();
    },
  },
  {
    method: 'POST',
    path: `${V2}/resources/{resourceId}/request-conditions/{requestConditionId}/activate`,
    operationId: 'activateResourceRequestConditionV2',
    scope: MANAGE,
    handler: (ctx) => statusChange(ctx, 'INACTIVE', 'ACTIVE'),
  },
  {
    method: 'POST',
    path: `${V2}/resources/{resourceId}/request-conditions/{requestConditionId}/deactivate`,
    operationId: 'deactivateResourceRequestConditionV2',
    scope: MANAGE,
    handler: (ctx) => statusChange(ctx, 'ACTIVE', 'INACTIVE'),
  },
  {
    method: 'GET',
    path: `${V2}/resources/{resourceId}/request-sequences`,
    operationId: 'listResourceRequestSequencesV2',
    scope: READ,
    handler: (ctx) => {
      const r = resource(ctx);
      const all = [...docs(ctx, 'requestSequences').values()].filter((s) => s.compatibleResourceTypes.includes(r.type));
      return listReply(ctx, all, {}, (s) => renderSequence(ctx, s), { extraLinks: { newSequence: href(ctx.core, '/next/sequences/new') } });
    },
  },
  {
    method: 'GET',
    path: `${V2}/resources/{resourceId}/request-sequences/{sequenceId}`,
    operationId: 'getResourceRequestSequenceV2',
    scope: READ,
    handler: (ctx) => {
      resource(ctx);
      const s = docs(ctx, 'requestSequences').get(ctx.params.sequenceId!);
      if (!s) throw errors.notFound(`${ctx.params.sequenceId} (RequestSequence)`);
      return json(200, renderSequence(ctx, s));
    },
  },
  {
    method: 'DELETE',
    path: `${V2}/request-sequences/{sequenceId}`,
    operationId: 'deleteRequestSequenceV2',
    scope: MANAGE,
    handler: (ctx) => {
      const id = ctx.params.sequenceId!;
      if (!docs(ctx, 'requestSequences').has(id)) throw errors.notFound(`${id} (RequestSequence)`);
      const user = [...docs(ctx, 'requestConditions').values()].find((c) => c.approvalSequenceId === id);
      if (user) throw errors.conflict(`approval sequence ${id} is used by request condition "${user.name}" (${user.id}); change or delete that condition first`);
      docs(ctx, 'requestSequences').delete(id);
      return noContent();
    },
  },
];
