/**
 * Resource collections (col…, BETA; API-NOTES §6.7): a name unique in the org, apps added by their
 * ORN (anything but an app ORN of the org is 400 INVALID_RESOURCE_ORN), optionally narrowed to some
 * entitlement values, and assigned to users (201 with a bare array). A collection with assignments
 * can't be deleted (409).
 */
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../core.ts';
import type { Doc } from '../state.ts';
import { invalid } from '../validate.ts';
import { errors } from '../wire.ts';
import { json, noContent, requireUser, stringEnum, type Route } from './common.ts';
import { audit, bodyOf, docAt, docs, governanceOrn, links, listReply, one, parseOrn, principalProfile, touch } from './kit.ts';

const BASE = '/governance/api/v1/collections';
const READ = 'okta.governance.collections.read';
const MANAGE = 'okta.governance.collections.manage';

const collectionBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }), description: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) });
const entitlementsBody = Type.Object({ entitlements: Type.Optional(Type.Array(Type.Object({ id: Type.String({ minLength: 20, maxLength: 20 }), values: Type.Optional(Type.Array(Type.Object({ id: Type.String({ minLength: 20, maxLength: 20 }) }))) }))) });
const addResourcesBody = Type.Array(Type.Object({ resourceOrn: Type.String({ minLength: 1 }), entitlements: Type.Optional(Type.Array(Type.Unknown())) }), { minItems: 1, maxItems: 25 });
const assignBody = Type.Array(
  Type.Object({
    principal: Type.Object({ externalId: Type.String({ minLength: 20, maxLength: 20, pattern: '^00u[0-9a-zA-Z]+$' }), type: stringEnum(['OKTA_USER'] as const) }),
    expirationTime: Type.Optional(Type.String({ format: 'date-time' })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    actor: Type.Optional(stringEnum(['API', 'ACCESS_REQUEST', 'NONE', 'ADMIN'] as const)),
    collectionId: Type.Optional(Type.String()),
  }),
  { minItems: 1, maxItems: 20 },
);
const assignmentPatch = Type.Array(Type.Object({ op: stringEnum(['ADD', 'REMOVE', 'REPLACE'] as const), path: Type.String(), value: Type.Optional(Type.String()) }), { minItems: 1, maxItems: 100 });

function collection(ctx: Ctx): Doc {
  return docAt(ctx, 'collections', 'collectionId', 'Collection');
}

function resourcesOf(ctx: Ctx, collectionId: string): Doc[] {
  return [...docs(ctx, 'collectionResources').values()].filter((r) => r.collectionId === collectionId);
}

function assignmentsOf(ctx: Ctx, collectionId?: string): Doc[] {
  return [...docs(ctx, 'collectionAssignments').values()].filter((a) => collectionId === undefined || a.collectionId === collectionId);
}

function renderCollection(ctx: Ctx, c: Doc): Doc {
  return {
    ...c,
    ...(ctx.query.getAll('include').join(',').includes('counts') ? { metadata: { resourceCount: resourcesOf(ctx, c.id).length, assignmentCount: assignmentsOf(ctx, c.id).length } } : {}),
    _links: links(ctx, { self: `${BASE}/${c.id}`, resources: `${BASE}/${c.id}/resources`, assignments: `${BASE}/${c.id}/assignments` }),
  };
}

function renderResource(ctx: Ctx, r: Doc): Doc {
  const { collectionId, key: _key, entitlements, ...rest } = r;
  const withEntitlements = ctx.query.getAll('include').join(',').split(',').includes('entitlements');
  return {
    ...rest,
    ...(withEntitlements ? { entitlements } : {}),
    _links: links(ctx, { self: `${BASE}/${collectionId}/resources/${r.resourceId}`, entitlements: `/governance/api/v1/entitlements?filter=${encodeURIComponent(`parent.externalId eq "${r.resourceId}" AND parent.type eq "APPLICATION"`)}` }),
  };
}

function renderAssignment(ctx: Ctx, a: Doc): Doc {
  const { principalId, ...rest } = a;
  const profile = principalProfile(ctx, principalId);
  return { ...rest, principalProfile: { id: profile.id, email: profile.email ?? `${profile.id}@unknown.invalid`, firstName: profile.firstName, lastName: profile.lastName, login: profile.login, status: profile.status } };
}

function resource(ctx: Ctx, c: Doc): Doc {
  const key = ctx.params.resourceId!;
  const r = resourcesOf(ctx, c.id).find((x) => x.resourceId === key || x.resourceOrn === key);
  if (!r) throw errors.notFound(`${key} (CollectionResource)`);
  return r;
}

function assignment(ctx: Ctx, c: Doc): Doc {
  const a = docs(ctx, 'collectionAssignments').get(ctx.params.assignmentId!);
  if (!a || a.collectionId !== c.id) throw errors.notFound(`${ctx.params.assignmentId} (CollectionAssignment)`);
  return a;
}

function checkName(ctx: Ctx, name: string, self?: string): void {
  const clash = [...docs(ctx, 'collections').values()].some((c) => c.id !== self && c.name.toLowerCase() === name.toLowerCase());
  if (clash) throw errors.conflict(`a collection named "${name}" already exists`);
}

/** Checks entitlement values of an app for a collection resource. */
function checkEntitlements(ctx: Ctx, appId: string, list: Doc[] | undefined): Doc[] {
  return (list ?? []).map((g, i) => {
    const e = docs(ctx, 'entitlements').get(g.id);
    if (!e || e.parent.externalId !== appId) invalid(`/entitlements/${i}/id`, `entitlement ${g.id} is not an entitlement of app ${appId}`, 'IDENTIFIER_NOT_FOUND');
    return { id: g.id, values: (g.values ?? []).map((v: Doc) => ({ id: v.id })) };
  });
}

export function addCollection(ctx: Ctx, body: Doc): Doc {
  const id = ctx.core.ids.okta('col');
  const c: Doc = { id, orn: governanceOrn(ctx, 'collections', id), name: body.name, ...(body.description ? { description: body.description } : {}), ...audit(ctx) };
  docs(ctx, 'collections').set(c.id, c);
  return c;
}

export function addCollectionResource(ctx: Ctx, c: Doc, orn: string, at: string): Doc {
  const parsed = parseOrn(orn);
  const app = parsed?.type === 'apps' ? ctx.core.state.apps.get(parsed.id) : undefined;
  if (!app || app.orn !== orn) {
    throw errors.validation([{ summary: `${orn} is not the ORN of an app of the org; collections hold apps`, reason: 'INVALID_RESOURCE_ORN', location: at, locationType: 'body' }]);
  }
  const key = `${c.id}/${app.id}`;
  const existing = docs(ctx, 'collectionResources').get(key);
  if (existing) return existing;
  const r: Doc = { key, collectionId: c.id, resourceOrn: app.orn, resourceId: app.id, entitlements: [] };
  docs(ctx, 'collectionResources').set(key, r);
  return r;
}

export function assignCollectionTo(ctx: Ctx, c: Doc, userId: string, extra: Doc = {}): Doc {
  const a: Doc = { id: ctx.core.ids.okta('cas'), collectionId: c.id, principalId: userId, assignmentType: 'INDIVIDUAL', ...extra, ...audit(ctx) };
  docs(ctx, 'collectionAssignments').set(a.id, a);
  return a;
}

const userFilter = { 'principalProfile.email': ['eq', 'sw', 'co'], 'principalProfile.firstName': ['eq', 'sw', 'co'], 'principalProfile.lastName': ['eq', 'sw', 'co'], 'principalProfile.login': ['eq', 'sw'], 'principalProfile.id': ['eq'], collectionId: ['eq'] } as const;

export const collectionRoutes: Route[] = [
  {
    method: 'POST',
    path: BASE,
    operationId: 'createCollection',
    scope: MANAGE,
    handler: (ctx) => {
      const body = bodyOf(collectionBody, ctx);
      checkName(ctx, body.name);
      const c = addCollection(ctx, body);
      return one(ctx, 201, c, `${BASE}/${c.id}`, { resources: `${BASE}/${c.id}/resources`, assignments: `${BASE}/${c.id}/assignments` });
    },
  },
  {
    method: 'GET',
    path: BASE,
    operationId: 'listCollections',
    scope: READ,
    handler: (ctx) =>
      listReply(ctx, [...docs(ctx, 'collections').values()], { filter: { name: ['eq', 'sw', 'co'], description: ['co'] }, orderBy: { name: (c) => c.name, created: (c) => c.created }, cursor: 'len20' }, (c) => renderCollection(ctx, c)),
  },
  {
    method: 'GET',
    path: `${BASE}/assignments`,
    operationId: 'listCollectionsAssignments',
    scope: READ,
    handler: (ctx) => listReply(ctx, assignmentsOf(ctx).map((a) => renderAssignment(ctx, a)), { filter: userFilter }, (a) => a),
  },
  {
    method: 'GET',
    path: `${BASE}/{collectionId}`,
    operationId: 'getCollection',
    scope: READ,
    handler: (ctx) => json(200, renderCollection(ctx, collection(ctx))),
  },
  {
    method: 'PUT',
    path: `${BASE}/{collectionId}`,
    operationId: 'replaceCollection',
    scope: MANAGE,
    handler: (ctx) => {
      const c = collection(ctx);
      const body = bodyOf(collectionBody, ctx);
      checkName(ctx, body.name, c.id);
      c.name = body.name;
      if (body.description) c.description = body.description;
      else delete c.description;
      touch(ctx, c);
      return json(200, renderCollection(ctx, c));
    },
  },
  {
    method: 'DELETE',
    path: `${BASE}/{collectionId}`,
    operationId: 'deleteCollection',
    scope: MANAGE,
    handler: (ctx) => {
      const c = collection(ctx);
      const assigned = assignmentsOf(ctx, c.id).length;
      if (assigned) throw errors.conflict(`collection ${c.id} is assigned to ${assigned} user(s); remove the assignments first`);
      for (const r of resourcesOf(ctx, c.id)) docs(ctx, 'collectionResources').delete(r.key);
      docs(ctx, 'collections').delete(c.id);
      return noContent();
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{collectionId}/assignments`,
    operationId: 'listCollectionAssignments',
    scope: READ,
    handler: (ctx) => {
      const c = collection(ctx);
      return listReply(ctx, assignmentsOf(ctx, c.id).map((a) => renderAssignment(ctx, a)), { filter: userFilter }, (a) => a);
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{collectionId}/assignments`,
    operationId: 'assignCollection',
    scope: MANAGE,
    handler: (ctx) => {
      const c = collection(ctx);
      const body = bodyOf(assignBody, ctx) as unknown as Doc[];
      const made = body.map((item, i) => {
        requireUser(ctx, item.principal.externalId, `/${i}/principal/externalId`);
        if (item.collectionId && item.collectionId !== c.id) invalid(`/${i}/collectionId`, `must be ${c.id}, the collection in the path`, 'INVALID_VALUE');
        if (assignmentsOf(ctx, c.id).some((a) => a.principalId === item.principal.externalId)) throw errors.conflict(`user ${item.principal.externalId} is already assigned collection ${c.id}`);
        const extra: Doc = {};
        if (item.expirationTime) extra.expirationTime = item.expirationTime;
        if (item.timeZone) extra.timeZone = item.timeZone;
        return assignCollectionTo(ctx, c, item.principal.externalId, extra);
      });
      return json(201, made.map((a) => ({ id: a.id, assignmentType: a.assignmentType })));
    },
  },
  {
    method: 'PATCH',
    path: `${BASE}/{collectionId}/assignments/{assignmentId}`,
    operationId: 'updatePrincipalAssignment',
    scope: MANAGE,
    handler: (ctx) => {
      const a = assignment(ctx, collection(ctx));
      const ops = bodyOf(assignmentPatch, ctx) as unknown as Doc[];
      ops.forEach((o, i) => {
        const key = o.path.replace(/^\//, '');
        if (!['expirationTime', 'timeZone'].includes(key)) invalid(`/${i}/path`, 'must be /expirationTime or /timeZone', 'STRING_FORMAT_INVALID');
        if (o.op === 'REMOVE') delete a[key];
        else if (typeof o.value !== 'string') invalid(`/${i}/value`, `${o.op} takes a value`, 'REQUIRED_PROPERTY_MISSING');
        else if (key === 'expirationTime' && Number.isNaN(Date.parse(o.value))) invalid(`/${i}/value`, 'must be a date-time such as 2030-04-30T23:59:59Z', 'STRING_FORMAT_INVALID');
        else a[key] = o.value;
      });
      touch(ctx, a);
      return noContent();
    },
  },
  {
    method: 'DELETE',
    path: `${BASE}/{collectionId}/assignments/{assignmentId}`,
    operationId: 'deletePrincipalAssignment',
    scope: MANAGE,
    handler: (ctx) => {
      const a = assignment(ctx, collection(ctx));
      docs(ctx, 'collectionAssignments').delete(a.id);
      return noContent();
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{collectionId}/catalog/users`,
    operationId: 'getUnassignedUsers',
    scope: READ,
    handler: (ctx) => {
      const c = collection(ctx);
      const assigned = new Set(assignmentsOf(ctx, c.id).map((a) => a.principalId));
      const users = [...ctx.core.state.users.values()].filter((u) => u.status === 'ACTIVE' && !assigned.has(u.id)).map((u) => {
        const p = principalProfile(ctx, u.id);
        return { id: p.id, email: p.email, firstName: p.firstName, lastName: p.lastName, login: p.login, status: p.status };
      });
      return listReply(ctx, users, { filter: { firstName: ['eq', 'sw', 'co'], lastName: ['eq', 'sw', 'co'], email: ['eq', 'sw', 'co'], login: ['eq', 'sw'] } }, (u) => u);
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{collectionId}/resources`,
    operationId: 'listCollectionResources',
    scope: READ,
    handler: (ctx) => {
      const c = collection(ctx);
      return listReply(ctx, resourcesOf(ctx, c.id), { id: (r) => r.resourceId, total: true }, (r) => renderResource(ctx, r));
    },
  },
  {
    method: 'POST',
    path: `${BASE}/{collectionId}/resources`,
    operationId: 'addResourcesToCollection',
    scope: MANAGE,
    handler: (ctx) => {
      const c = collection(ctx);
      const body = bodyOf(addResourcesBody, ctx) as unknown as Doc[];
      const added = body.map((item, i) => addCollectionResource(ctx, c, item.resourceOrn, `/${i}/resourceOrn`));
      touch(ctx, c);
      return json(200, { data: added.map((r) => renderResource(ctx, r)), _links: links(ctx, { self: `${BASE}/${c.id}/resources` }), metadata: { total: resourcesOf(ctx, c.id).length } });
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{collectionId}/resources/{resourceId}`,
    operationId: 'getCollectionResource',
    scope: READ,
    handler: (ctx) => json(200, renderResource(ctx, resource(ctx, collection(ctx)))),
  },
  {
    method: 'PUT',
    path: `${BASE}/{collectionId}/resources/{resourceId}`,
    operationId: 'replaceCollectionResource',
    scope: MANAGE,
    handler: (ctx) => {
      const r = resource(ctx, collection(ctx));
      const body = bodyOf(entitlementsBody, ctx);
      r.entitlements = checkEntitlements(ctx, r.resourceId, body.entitlements);
      return json(200, renderResource(ctx, r));
    },
  },
  {
    method: 'DELETE',
    path: `${BASE}/{collectionId}/resources/{resourceId}`,
    operationId: 'deleteCollectionResource',
    scope: MANAGE,
    handler: (ctx) => {
      const r = resource(ctx, collection(ctx));
      docs(ctx, 'collectionResources').delete(r.key);
      return noContent();
    },
  },
];
