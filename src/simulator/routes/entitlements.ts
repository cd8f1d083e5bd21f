/**
 * Entitlements (esp…) and their values (ent…), entitlement bundles (enb…), grants (gra…) and what a
 * principal holds through them (API-NOTES §6.7): lists need a parent/target filter, an entitlement
 * or bundle in use by a grant can't be deleted (409), a grant names a user and an app of the org.
 */
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../core.ts';
import type { Doc } from '../state.ts';
import { invalid } from '../validate.ts';
import { errors } from '../wire.ts';
import { found, governanceLabels, json, noContent, requireUser, stringEnum, type Route } from './common.ts';
import { audit, bodyOf, created, docAt, docs, governanceOrn, includes, links, listReply, parseOrn, touch, userOrn } from './kit.ts';
import { selfLink } from '../paging.ts';

const V1 = '/governance/api/v1';
const READ = 'okta.governance.entitlements.read';
const MANAGE = 'okta.governance.entitlements.manage';

const parentRef = Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 20 }), type: stringEnum(['APPLICATION'] as const) });
const principalRef = Type.Object({ externalId: Type.String({ minLength: 20, maxLength: 20, pattern: '^00u[0-9a-zA-Z]+$' }), type: stringEnum(['OKTA_USER'] as const) });
const valueIn = Type.Object({ id: Type.Optional(Type.String()), name: Type.String({ minLength: 1, maxLength: 255 }), externalValue: Type.String({ minLength: 1, maxLength: 2000 }), description: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })) });
const entitlementBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  externalValue: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  multiValue: Type.Boolean(),
  dataType: stringEnum(['string', 'array'] as const),
  parent: parentRef,
  values: Type.Optional(Type.Array(valueIn)),
});
const entitlementPatch = Type.Array(
  Type.Object({ op: stringEnum(['ADD', 'REMOVE', 'REPLACE'] as const), path: Type.String(), value: Type.Optional(Type.Unknown()), refType: stringEnum(['ENTITLEMENT', 'ENTITLEMENT-VALUE'] as const) }),
  { minItems: 1, maxItems: 100 },
);
const grantedEntitlements = Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 20 }), values: Type.Optional(Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 20 }) }))) }));
const bundleBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  target: parentRef,
  entitlements: Type.Optional(grantedEntitlements),
});
const scheduleSettings = Type.Object({ expirationDate: Type.Optional(Type.String({ format: 'date-time' })), timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) });
const grantBody = Type.Object({
  grantType: stringEnum(['ENTITLEMENT-BUNDLE', 'CUSTOM', 'POLICY'] as const),
  targetPrincipal: principalRef,
  entitlementBundleId: Type.Optional(Type.String()),
  target: Type.Optional(parentRef),
  entitlements: Type.Optional(grantedEntitlements),
  scheduleSettings: Type.Optional(scheduleSettings),
  action: Type.Optional(stringEnum(['ALLOW', 'DENY'] as const)),
  actor: Type.Optional(stringEnum(['API', 'ACCESS_REQUEST', 'NONE', 'ADMIN'] as const)),
});
const grantReplace = Type.Object({ id: Type.String(), grantType: Type.String(), targetPrincipal: principalRef, target: Type.Optional(parentRef), entitlements: Type.Optional(grantedEntitlements), scheduleSettings: Type.Optional(scheduleSettings), _links: Type.Object({ self: Type.Object({ href: Type.String() }) }) });
const grantPatch = Type.Object({ id: Type.String(), scheduleSettings });
const revokeBody = Type.Object({ principalOrn: Type.String({ minLength: 1 }), actor: Type.Optional(Type.String()), revokeOrns: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 5 }) });
const settingsBody = Type.Object({ status: stringEnum(['OPTED_IN', 'OPTED_OUT'] as const) });

const ENTITLEMENT_FIELDS = ['id', 'name', 'externalValue', 'description', 'multiValue', 'required', 'dataType'] as const;

function appOf(ctx: Ctx, id: string, location: string) {
  const app = ctx.core.state.apps.get(id);
  if (!app) invalid(location, `app ${id} was not found in the org`, 'IDENTIFIER_NOT_FOUND');
  return app;
}

/** The entitlement as lists and principal views show it: its own fields, no values, no audit. */
function entitlementCore(e: Doc): Doc {
  return Object.fromEntries(ENTITLEMENT_FIELDS.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]));
}

function renderValue(ctx: Ctx, e: Doc, v: Doc): Doc {
  const labels = governanceLabels(ctx, v.orn).map((l) => ({ ...l, _links: links(ctx, { self: `${V1}/labels/${l.labelId}` }) }));
  return { ...v, entitlementId: e.id, parentResourceOrn: e.parentResourceOrn, parent: e.parent, labels, _links: links(ctx, { self: `${V1}/entitlements/${e.id}/values/${v.id}` }) };
}

function renderEntitlement(ctx: Ctx, e: Doc, withValues: boolean): Doc {
  const { values, ...rest } = e;
  return {
    ...rest,
    ...(withValues ? { values, metadata: { total: values.length } } : {}),
    _links: links(ctx, { self: `${V1}/entitlements/${e.id}`, values: `${V1}/entitlements/${e.id}/values` }),
  };
}

function newValues(ctx: Ctx, input: Doc[] | undefined): Doc[] {
  return (input ?? []).map((v) => {
    const id = ctx.core.ids.okta('ent');
    return { id, name: v.name, externalValue: v.externalValue, ...(v.description ? { description: v.description } : {}), orn: governanceOrn(ctx, 'entitlement-values', id), ...audit(ctx) };
  });
}

/** Creates an entitlement document on an app (used by the seed too). */
export function addEntitlement(ctx: Ctx, body: Doc): Doc {
  const app = appOf(ctx, body.parent.externalId, '/parent/externalId');
  const e: Doc = {
    id: ctx.core.ids.okta('esp'),
    name: body.name,
    externalValue: body.externalValue,
    ...(body.description ? { description: body.description } : {}),
    multiValue: body.multiValue,
    required: false,
    dataType: body.dataType,
    parent: { externalId: app.id, type: 'APPLICATION' },
    parentResourceOrn: app.orn,
    values: newValues(ctx, body.values),
    ...audit(ctx),
  };
  docs(ctx, 'entitlements').set(e.id, e);
  return e;
}

function valueById(ctx: Ctx, valueId: string): { entitlement: Doc; value: Doc } | undefined {
  for (const e of docs(ctx, 'entitlements').values()) {
    const value = e.values.find((v: Doc) => v.id === valueId);
    if (value) return { entitlement: e, value };
  }
  return undefined;
}

/** `[{id, values:[{id}]}]` checked against the org's entitlements of one app. */
function checkGranted(ctx: Ctx, list: Doc[] | undefined, appId: string, at: string): Doc[] {
  return (list ?? []).map((g, i) => {
    const e = docs(ctx, 'entitlements').get(g.id);
    if (!e || e.parent.externalId !== appId) invalid(`${at}/${i}/id`, `entitlement ${g.id} is not an entitlement of app ${appId}`, 'IDENTIFIER_NOT_FOUND');
    (g.values ?? []).forEach((v: Doc, j: number) => {
      if (!e.values.some((x: Doc) => x.id === v.id)) invalid(`${at}/${i}/values/${j}/id`, `value ${v.id} is not a value of entitlement ${e.id}`, 'IDENTIFIER_NOT_FOUND');
    });
    return { id: g.id, values: (g.values ?? []).map((v: Doc) => ({ id: v.id })) };
  });
}

/** Granted entitlements with names and values filled in (with realism, the undeclared audit fields of values too, API-NOTES §7.1). */
function fullEntitlements(ctx: Ctx, list: Doc[]): Doc[] {
  const auditOf = (v: Doc) => (ctx.core.settings.realism ? { createdBy: v.createdBy, created: v.created, lastUpdated: v.lastUpdated, lastUpdatedBy: v.lastUpdatedBy } : {});
  return list.flatMap((g) => {
    const e = docs(ctx, 'entitlements').get(g.id);
    if (!e) return [];
    const ids = new Set((g.values ?? []).map((v: Doc) => v.id));
    return [{ ...entitlementCore(e), values: e.values.filter((v: Doc) => ids.has(v.id)).map((v: Doc) => ({ id: v.id, name: v.name, externalValue: v.externalValue, ...(v.description ? { description: v.description } : {}), orn: v.orn, ...auditOf(v) })) }];
  });
}

function renderBundle(ctx: Ctx, b: Doc, full: boolean): Doc {
  return {
    ...b,
    entitlements: full ? fullEntitlements(ctx, b.entitlements) : b.entitlements,
    _links: links(ctx, { self: `${V1}/entitlement-bundles/${b.id}` }),
  };
}

/** Creates a bundle document and its directory record (labels and reviews see bundles too). */
export function addBundle(ctx: Ctx, body: Doc): Doc {
  const app = appOf(ctx, body.target.externalId, '/target/externalId');
  const id = ctx.core.ids.okta('enb');
  const b: Doc = {
    id,
    name: body.name,
    ...(body.description ? { description: body.description } : {}),
    orn: governanceOrn(ctx, 'entitlement-bundles', id),
    target: { externalId: app.id, type: 'APPLICATION' },
    targetResourceOrn: app.orn,
    entitlements: checkGranted(ctx, body.entitlements, app.id, '/entitlements'),
    status: 'ACTIVE',
    ...audit(ctx),
  };
  docs(ctx, 'entitlementBundles').set(id, b);
  ctx.core.state.bundles.set(id, { id, name: b.name, description: b.description ?? b.name, orn: b.orn, appId: app.id });
  return b;
}

function renderGrant(ctx: Ctx, g: Doc, full: boolean): Doc {
  const rest: Doc = { ...g };
  if (full) rest.entitlements = fullEntitlements(ctx, g.entitlements ?? []);
  return {
    ...rest,
    _links: links(ctx, { self: `${V1}/grants/${g.id}`, ...(g.entitlementBundleId ? { entitlementBundle: `${V1}/entitlement-bundles/${g.entitlementBundleId}` } : {}) }),
  };
}

/** Creates a grant for a user (used by the seed too). */
export function addGrant(ctx: Ctx, body: Doc): Doc {
  const user = requireUser(ctx, body.targetPrincipal.externalId, '/targetPrincipal/externalId');
  let appId: string;
  let entitlements: Doc[] | undefined;
  if (body.grantType === 'ENTITLEMENT-BUNDLE') {
    if (!body.entitlementBundleId) invalid('/entitlementBundleId', 'an ENTITLEMENT-BUNDLE grant needs entitlementBundleId', 'REQUIRED_PROPERTY_MISSING');
    const bundle = docs(ctx, 'entitlementBundles').get(body.entitlementBundleId);
    if (!bundle) invalid('/entitlementBundleId', `entitlement bundle ${body.entitlementBundleId} was not found`, 'IDENTIFIER_NOT_FOUND');
    appId = bundle.target.externalId;
    if (!user.bundleIds.includes(bundle.id)) user.bundleIds.push(bundle.id);
  } else {
    if (!body.target) invalid('/target', `a ${body.grantType} grant needs a target app`, 'REQUIRED_PROPERTY_MISSING');
    appId = appOf(ctx, body.target.externalId, '/target/externalId').id;
    if (body.grantType === 'CUSTOM') entitlements = checkGranted(ctx, body.entitlements, appId, '/entitlements');
  }
  const app = ctx.core.state.apps.get(appId)!;
  const g: Doc = {
    id: ctx.core.ids.okta('gra'),
    grantType: body.grantType,
    ...(body.entitlementBundleId ? { entitlementBundleId: body.entitlementBundleId } : {}),
    targetPrincipal: { externalId: user.id, type: 'OKTA_USER' },
    targetPrincipalOrn: userOrn(ctx, user.id),
    action: body.action ?? 'ALLOW',
    actor: body.actor ?? 'API',
    target: { externalId: app.id, type: 'APPLICATION' },
    targetResourceOrn: app.orn,
    ...(entitlements ? { entitlements } : {}),
    ...(body.scheduleSettings ? { scheduleSettings: body.scheduleSettings } : {}),
    status: 'ACTIVE',
    ...audit(ctx),
  };
  docs(ctx, 'grants').set(g.id, g);
  recordChange(ctx, g);
  return g;
}

/** What a grant gives: its entitlement values, through the bundle for bundle grants. */
function grantedBy(ctx: Ctx, g: Doc): Doc[] {
  if (g.grantType === 'ENTITLEMENT-BUNDLE') return docs(ctx, 'entitlementBundles').get(g.entitlementBundleId)?.entitlements ?? [];
  return g.entitlements ?? [];
}

function recordChange(ctx: Ctx, g: Doc): void {
  const id = `${ctx.core.ids.okta('pec')}:${g.id}`;
  docs(ctx, 'entitlementChanges').set(id, { id, grantId: g.id, appId: g.target.externalId, userId: g.targetPrincipal.externalId, entitlements: grantedBy(ctx, g), at: ctx.core.clock.iso() });
}

function activeGrants(ctx: Ctx, appId: string, userId: string): Doc[] {
  return [...docs(ctx, 'grants').values()].filter((g) => g.status === 'ACTIVE' && g.action === 'ALLOW' && g.target.externalId === appId && g.targetPrincipal.externalId === userId);
}

/** The app and user a principal filter names (parent.* / resource.* and targetPrincipal.* / principal.*). */
function principalFilter(ctx: Ctx, resourceKey: 'parent' | 'resource', principalKey: 'targetPrincipal' | 'principal'): { appId: string; userId: string } {
  const raw = ctx.query.get('filter');
  if (!raw) throw errors.missingParameter('filter', `filter is required, e.g. ${resourceKey}.externalId eq "0oa…" AND ${resourceKey}.type eq "APPLICATION" AND ${principalKey}.externalId eq "00u…" AND ${principalKey}.type eq "OKTA_USER"`);
  const pick = (attr: string) => new RegExp(`${attr.replace('.', '\\.')}\\s+eq\\s+"([^"]+)"`, 'i').exec(raw)?.[1];
  const appId = pick(`${resourceKey}.externalId`);
  const userId = pick(`${principalKey}.externalId`);
  if (!appId || !userId) throw errors.scimFilter(`the filter must name ${resourceKey}.externalId and ${principalKey}.externalId with eq`);
  found(ctx.core.state.apps.get(appId), `${appId} (AppInstance)`);
  found(ctx.core.state.users.get(userId), `${userId} (User)`);
  return { appId, userId };
}

/** Entitlements a user holds on an app, each with the values held. */
function heldEntitlements(ctx: Ctx, appId: string, userId: string): Doc[] {
  const held = new Map<string, Set<string>>();
  for (const g of activeGrants(ctx, appId, userId)) {
    for (const e of grantedBy(ctx, g)) {
      const set = held.get(e.id) ?? new Set<string>();
      for (const v of e.values ?? []) set.add(v.id);
      held.set(e.id, set);
    }
  }
  return [...held].flatMap(([id, valueIds]) => {
    const e = docs(ctx, 'entitlements').get(id);
    if (!e) return [];
    return [{ ...entitlementCore(e), values: e.values.filter((v: Doc) => valueIds.has(v.id)).map((v: Doc) => ({ id: v.id, name: v.name, externalValue: v.externalValue, ...(v.description ? { description: v.description } : {}), orn: v.orn })) }];
  });
}

function grantView(ctx: Ctx, g: Doc): Doc {
  const bundle = g.entitlementBundleId ? docs(ctx, 'entitlementBundles').get(g.entitlementBundleId) : undefined;
  return {
    grantMethod: g.actor === 'ACCESS_REQUEST' ? 'ACCESS_REQUEST' : g.grantType === 'POLICY' ? 'POLICY' : 'API',
    grantType: g.grantType,
    startTime: g.created,
    ...(g.scheduleSettings?.expirationDate ? { expirationTime: g.scheduleSettings.expirationDate } : {}),
    grant: { id: g.id },
    ...(bundle ? { bundle: { id: bundle.id, name: bundle.name } } : {}),
    entitlements: fullEntitlements(ctx, grantedBy(ctx, g)),
  };
}

function entitlement(ctx: Ctx): Doc {
  return docAt(ctx, 'entitlements', 'entitlementId', 'Entitlement');
}

function applyEntitlementPatch(ctx: Ctx, e: Doc, ops: Doc[]): void {
  ops.forEach((o, i) => {
    const valueMatch = /^\/values\/([0-9a-zA-Z]{20})$/.exec(o.path);
    if (o.refType === 'ENTITLEMENT') {
      const key = o.path.replace(/^\//, '');
      if (!['name', 'description', 'externalValue'].includes(key) || o.op !== 'REPLACE' || typeof o.value !== 'string') invalid(`/${i}/path`, 'an ENTITLEMENT operation is REPLACE of /name, /description or /externalValue with a text value', 'INVALID_VALUE');
      e[key] = o.value;
    } else if (o.path === '/values/-') {
      if (o.op !== 'ADD' || !o.value || typeof o.value !== 'object' || !o.value.name || !o.value.externalValue) invalid(`/${i}/value`, 'adding a value takes op ADD and {name, externalValue, description?}', 'INVALID_VALUE');
      e.values.push(...newValues(ctx, [o.value]));
    } else if (valueMatch) {
      const v = e.values.find((x: Doc) => x.id === valueMatch[1]);
      if (!v) invalid(`/${i}/path`, `entitlement ${e.id} has no value ${valueMatch[1]}`, 'IDENTIFIER_NOT_FOUND');
      if (o.op === 'REMOVE') e.values = e.values.filter((x: Doc) => x !== v);
      else if (o.op === 'REPLACE' && o.value && typeof o.value === 'object') Object.assign(v, pickValue(o.value));
      else invalid(`/${i}/op`, 'a value takes REMOVE, or REPLACE with {name?, externalValue?, description?}', 'INVALID_VALUE');
    } else {
      invalid(`/${i}/path`, 'must be /name, /description, /externalValue, /values/- or /values/<valueId>', 'STRING_FORMAT_INVALID');
    }
  });
  touch(ctx, e);
}

function pickValue(v: Doc): Doc {
  return Object.fromEntries(['name', 'externalValue', 'description'].filter((k) => typeof v[k] === 'string').map((k) => [k, v[k]]));
}

function inUse(ctx: Ctx, test: (g: Doc) => boolean): boolean {
  return [...docs(ctx, 'grants').values()].some((g) => g.status === 'ACTIVE' && test(g));
}

const parentFilter = { 'parent.externalId': ['eq'], 'parent.type': ['eq'], parentResourceOrn: ['eq'], name: ['eq', 'sw', 'co'], externalValue: ['eq', 'sw'] } as const;

export const entitlementRoutes: Route[] = [
  {
    method: 'POST',
    path: `${V1}/entitlements`,
    operationId: 'createEntitlement',
    scope: MANAGE,
    handler: (ctx) => {
      const body = bodyOf(entitlementBody, ctx);
      const taken = [...docs(ctx, 'entitlements').values()].some((e) => e.parent.externalId === body.parent.externalId && e.externalValue.toLowerCase() === body.externalValue.toLowerCase());
      if (taken) throw errors.conflict(`app ${body.parent.externalId} already has an entitlement with externalValue "${body.externalValue}"`);
      const e = addEntitlement(ctx, body);
      return created(ctx, renderEntitlement(ctx, e, true), `${V1}/entitlements/${e.id}`);
    },
  },
  {
    method: 'GET',
    path: `${V1}/entitlements`,
    operationId: 'listEntitlements',
    scope: READ,
    handler: (ctx) =>
      listReply(ctx, [...docs(ctx, 'entitlements').values()], { filter: parentFilter, filterRequired: true, cursor: 'len20', orderBy: { name: (e) => e.name, created: (e) => e.created }, defaultOrder: 'name asc', total: true }, (e) => renderEntitlement(ctx, e, false)),
  },
  {
    method: 'GET',
    path: `${V1}/entitlements/values`,
    operationId: 'listAllEntitlementValues',
    scope: READ,
    handler: (ctx) => {
      const all = [...docs(ctx, 'entitlements').values()].flatMap((e) => e.values.map((v: Doc) => renderValue(ctx, e, v)));
      return listReply(ctx, all, { filter: { ...parentFilter, entitlementId: ['eq'] }, filterRequired: true, cursor: 'len20', orderBy: { name: (v) => v.name }, defaultOrder: 'name asc', total: true }, (v) => v);
    },
  },
  {
    method: 'GET',
    path: `${V1}/entitlements/{entitlementId}`,
    operationId: 'getEntitlement',
    scope: READ,
    handler: (ctx) => {
      const e = entitlement(ctx);
      return json(200, renderEntitlement(ctx, e, true), selfLink(ctx, `${V1}/entitlements/${e.id}`).headers);
    },
  },
  {
    method: 'PUT',
    path: `${V1}/entitlements/{entitlementId}`,
    operationId: 'replaceEntitlement',
    scope: MANAGE,
    handler: (ctx) => {
      const e = entitlement(ctx);
      const body = bodyOf(Type.Intersect([entitlementBody, Type.Object({ id: Type.String() })]), ctx);
      if (body.id !== e.id) invalid('/id', `must be ${e.id}, the id in the path`, 'INVALID_VALUE');
      if (body.parent.externalId !== e.parent.externalId) invalid('/parent/externalId', `an entitlement can't move to another app; it belongs to ${e.parent.externalId}`, 'INVALID_VALUE');
      const kept = new Map(e.values.map((v: Doc) => [v.id, v]));
      const values = (body.values ?? []).map((v: Doc) => (v.id && kept.has(v.id) ? { ...(kept.get(v.id) as Doc), ...pickValue(v) } : newValues(ctx, [v])[0]));
      Object.assign(e, { name: body.name, externalValue: body.externalValue, multiValue: body.multiValue, dataType: body.dataType, values });
      if (body.description) e.description = body.description;
      touch(ctx, e);
      return json(200, renderEntitlement(ctx, e, true));
    },
  },
  {
    method: 'PATCH',
    path: `${V1}/entitlements/{entitlementId}`,
    operationId: 'updateEntitlement',
    scope: MANAGE,
    handler: (ctx) => {
      const e = entitlement(ctx);
      const draft = structuredClone(e);
      applyEntitlementPatch(ctx, draft, bodyOf(entitlementPatch, ctx) as unknown as Doc[]);
      docs(ctx, 'entitlements').set(e.id, draft);
      return json(200, renderEntitlement(ctx, draft, true));
    },
  },
  {
    method: 'DELETE',
    path: `${V1}/entitlements/{entitlementId}`,
    operationId: 'deleteEntitlement',
    scope: MANAGE,
    handler: (ctx) => {
      const e = entitlement(ctx);
      if (inUse(ctx, (g) => grantedBy(ctx, g).some((x) => x.id === e.id))) throw errors.conflict(`entitlement ${e.id} is granted to users; revoke those grants first`);
      const inBundle = [...docs(ctx, 'entitlementBundles').values()].find((b) => b.entitlements.some((x: Doc) => x.id === e.id));
      if (inBundle) throw errors.conflict(`entitlement ${e.id} is part of bundle "${inBundle.name}"; remove it from the bundle first`);
      docs(ctx, 'entitlements').delete(e.id);
      return noContent();
    },
  },
  {
    method: 'GET',
    path: `${V1}/entitlements/{entitlementId}/values`,
    operationId: 'listEntitlementValues',
    scope: READ,
    handler: (ctx) => {
      const e = entitlement(ctx);
      return listReply(ctx, e.values.map((v: Doc) => renderValue(ctx, e, v)), { filter: { name: ['eq', 'sw', 'co'], externalValue: ['eq', 'sw'] }, cursor: 'len20', orderBy: { name: (v: Doc) => v.name }, total: true }, (v) => v);
    },
  },
  {
    method: 'GET',
    path: `${V1}/entitlements/{entitlementId}/values/{valueId}`,
    operationId: 'getEntitlementValue',
    scope: READ,
    handler: (ctx) => {
      const e = entitlement(ctx);
      const v = found(e.values.find((x: Doc) => x.id === ctx.params.valueId), `${ctx.params.valueId} (EntitlementValue)`);
      return json(200, renderValue(ctx, e, v), selfLink(ctx, `${V1}/entitlements/${e.id}/values/${v.id}`).headers);
    },
  },
  {
    method: 'POST',
    path: `${V1}/entitlement-bundles`,
    operationId: 'createEntitlementBundle',
    scope: MANAGE,
    handler: (ctx) => {
      const b = addBundle(ctx, bodyOf(bundleBody, ctx));
      return created(ctx, renderBundle(ctx, b, false), `${V1}/entitlement-bundles/${b.id}`);
    },
  },
  {
    method: 'GET',
    path: `${V1}/entitlement-bundles`,
    operationId: 'listEntitlementBundles',
    scope: READ,
    handler: (ctx) => {
      const full = includes(ctx, 'full_entitlements');
      return listReply(ctx, [...docs(ctx, 'entitlementBundles').values()], {
        filter: { 'target.externalId': ['eq'], 'target.type': ['eq'], targetResourceOrn: ['eq'], name: ['eq', 'sw', 'co'], status: ['eq'] },
        cursor: 'len20',
        orderBy: { name: (b) => b.name, created: (b) => b.created, lastUpdated: (b) => b.lastUpdated },
        total: true,
      }, (b) => renderBundle(ctx, b, full));
    },
  },
  {
    method: 'GET',
    path: `${V1}/entitlement-bundles/{entitlementBundleId}`,
    operationId: 'getEntitlementBundle',
    scope: READ,
    // The recorded GET answers with full entitlements whether or not include=full_entitlements is sent.
    handler: (ctx) => {
      const b = docAt(ctx, 'entitlementBundles', 'entitlementBundleId', 'EntitlementBundle');
      return json(200, renderBundle(ctx, b, true), selfLink(ctx, `${V1}/entitlement-bundles/${b.id}`).headers);
    },
  },
  {
    method: 'PUT',
    path: `${V1}/entitlement-bundles/{entitlementBundleId}`,
    operationId: 'replaceEntitlementBundle',
    scope: MANAGE,
    handler: (ctx) => {
      const b = docAt(ctx, 'entitlementBundles', 'entitlementBundleId', 'EntitlementBundle');
      const body = bodyOf(Type.Intersect([bundleBody, Type.Object({ id: Type.String() })]), ctx);
      if (body.id !== b.id) invalid('/id', `must be ${b.id}, the id in the path`, 'INVALID_VALUE');
      if (body.target.externalId !== b.target.externalId) invalid('/target/externalId', `a bundle can't move to another app; it belongs to ${b.target.externalId}`, 'INVALID_VALUE');
      b.name = body.name;
      if (body.description) b.description = body.description;
      b.entitlements = checkGranted(ctx, body.entitlements, b.target.externalId, '/entitlements');
      touch(ctx, b);
      const record = ctx.core.state.bundles.get(b.id);
      if (record) Object.assign(record, { name: b.name, description: b.description ?? b.name });
      return json(200, renderBundle(ctx, b, false));
    },
  },
  {
    method: 'DELETE',
    path: `${V1}/entitlement-bundles/{entitlementBundleId}`,
    operationId: 'deleteEntitlementBundle',
    scope: MANAGE,
    handler: (ctx) => {
      const b = docAt(ctx, 'entitlementBundles', 'entitlementBundleId', 'EntitlementBundle');
      if (inUse(ctx, (g) => g.entitlementBundleId === b.id)) throw errors.conflict(`entitlement bundle ${b.id} is granted to users; revoke those grants first`);
      docs(ctx, 'entitlementBundles').delete(b.id);
      ctx.core.state.bundles.delete(b.id);
      for (const u of ctx.core.state.users.values()) u.bundleIds = u.bundleIds.filter((id) => id !== b.id);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: `${V1}/grants`,
    operationId: 'createGrant',
    scope: MANAGE,
    handler: (ctx) => {
      const g = addGrant(ctx, bodyOf(grantBody, ctx));
      return created(ctx, renderGrant(ctx, g, false), `${V1}/grants/${g.id}`);
    },
  },
  {
    method: 'GET',
    path: `${V1}/grants`,
    operationId: 'listGrants',
    scope: READ,
    handler: (ctx) => {
      const full = includes(ctx, 'full_entitlements');
      return listReply(ctx, [...docs(ctx, 'grants').values()], {
        filter: { 'target.externalId': ['eq'], 'target.type': ['eq'], targetResourceOrn: ['eq'], 'targetPrincipal.externalId': ['eq'], 'targetPrincipal.type': ['eq'], targetPrincipalOrn: ['eq'], grantType: ['eq'], entitlementBundleId: ['eq'], status: ['eq'] },
        filterRequired: true,
        cursor: 'len20',
      }, (g) => renderGrant(ctx, g, full));
    },
  },
  {
    method: 'GET',
    path: `${V1}/grants/{grantId}`,
    operationId: 'getGrant',
    scope: READ,
    handler: (ctx) => json(200, renderGrant(ctx, docAt(ctx, 'grants', 'grantId', 'Grant'), includes(ctx, 'full_entitlements'))),
  },
  {
    method: 'PUT',
    path: `${V1}/grants/{grantId}`,
    operationId: 'replaceGrant',
    scope: MANAGE,
    handler: (ctx) => {
      const g = docAt(ctx, 'grants', 'grantId', 'Grant');
      const body = bodyOf(grantReplace, ctx);
      if (body.id !== g.id) invalid('/id', `must be ${g.id}, the id in the path`, 'INVALID_VALUE');
      if (body.grantType !== g.grantType) invalid('/grantType', `a grant's type can't change; it is ${g.grantType}`, 'INVALID_VALUE');
      if (body.targetPrincipal.externalId !== g.targetPrincipal.externalId) invalid('/targetPrincipal/externalId', `a grant can't move to another user; it belongs to ${g.targetPrincipal.externalId}`, 'INVALID_VALUE');
      if (g.grantType === 'CUSTOM') g.entitlements = checkGranted(ctx, body.entitlements, g.target.externalId, '/entitlements');
      if (body.scheduleSettings) g.scheduleSettings = body.scheduleSettings;
      touch(ctx, g);
      recordChange(ctx, g);
      return json(200, renderGrant(ctx, g, false));
    },
  },
  {
    method: 'PATCH',
    path: `${V1}/grants/{grantId}`,
    operationId: 'updateGrant',
    scope: MANAGE,
    handler: (ctx) => {
      const g = docAt(ctx, 'grants', 'grantId', 'Grant');
      const body = bodyOf(grantPatch, ctx);
      if (body.id !== g.id) invalid('/id', `must be ${g.id}, the id in the path`, 'INVALID_VALUE');
      const expires = body.scheduleSettings.expirationDate;
      if (expires && Date.parse(expires) <= ctx.core.clock.now()) invalid('/scheduleSettings/expirationDate', 'must be in the future', 'INVALID_VALUE');
      g.scheduleSettings = { ...g.scheduleSettings, ...body.scheduleSettings };
      touch(ctx, g);
      return json(200, renderGrant(ctx, g, false));
    },
  },
  {
    method: 'GET',
    path: `${V1}/principal-entitlements`,
    operationId: 'getPrincipalEntitlements',
    scope: READ,
    handler: (ctx) => {
      const { appId, userId } = principalFilter(ctx, 'parent', 'targetPrincipal');
      const app = ctx.core.state.apps.get(appId)!;
      const data = heldEntitlements(ctx, appId, userId).map((e) => ({
        ...e,
        parent: { externalId: appId, type: 'APPLICATION' },
        parentResourceOrn: app.orn,
        targetPrincipal: { externalId: userId, type: 'OKTA_USER' },
        targetPrincipalOrn: userOrn(ctx, userId),
      }));
      return listReply(ctx, data, {}, (x) => x);
    },
  },
  {
    method: 'GET',
    path: `${V1}/principal-entitlements/history`,
    operationId: 'getPrincipalEntitlementsHistory',
    scope: READ,
    handler: (ctx) => {
      const { appId, userId } = principalFilter(ctx, 'resource', 'principal');
      const changes = [...docs(ctx, 'entitlementChanges').values()].filter((c) => c.appId === appId && c.userId === userId);
      const history = changes.map((c, i) => ({
        startDate: c.at,
        ...(changes[i + 1] ? { endDate: changes[i + 1]!.at } : {}),
        lifecycle: changes[i + 1] ? 'INACTIVE' : 'ACTIVE',
        entitlements: fullEntitlements(ctx, c.entitlements),
      }));
      const app = ctx.core.state.apps.get(appId)!;
      const self = `${V1}/principal-entitlements/history?filter=${encodeURIComponent(ctx.query.get('filter')!)}`;
      return json(200, {
        resourceOrn: app.orn,
        resource: { externalId: appId, type: 'APPLICATION' },
        principalOrn: userOrn(ctx, userId),
        principal: { externalId: userId, type: 'OKTA_USER' },
        entitlementHistory: history.slice(-100),
        _links: links(ctx, { self }),
        ...(includes(ctx, 'counts') ? { metadata: { total: history.length } } : {}),
      });
    },
  },
  {
    method: 'GET',
    path: `${V1}/principal-entitlements-changes/{principalEntitlementsChangeId}`,
    operationId: 'getPrincipalEntitlementsChanges',
    scope: READ,
    handler: (ctx) => {
      const c = docAt(ctx, 'entitlementChanges', 'principalEntitlementsChangeId', 'PrincipalEntitlementsChange');
      const app = ctx.core.state.apps.get(c.appId);
      const filter = `parent.externalId eq "${c.appId}" AND parent.type eq "APPLICATION" AND targetPrincipal.externalId eq "${c.userId}" AND targetPrincipal.type eq "OKTA_USER"`;
      return json(200, {
        entitlementsChanged: fullEntitlements(ctx, c.entitlements).map(entitlementCore),
        ...(app ? { resourceOrn: app.orn } : {}),
        resource: { externalId: c.appId, type: 'APPLICATION' },
        principalOrn: userOrn(ctx, c.userId),
        principal: { externalId: c.userId, type: 'OKTA_USER' },
        _links: links(ctx, { 'principal-entitlements': `${V1}/principal-entitlements?filter=${encodeURIComponent(filter)}` }),
      });
    },
  },
  {
    method: 'GET',
    path: `${V1}/principal-access`,
    operationId: 'getPrincipalAccess',
    scope: READ,
    handler: (ctx) => {
      const { appId, userId } = principalFilter(ctx, 'parent', 'targetPrincipal');
      const grants = activeGrants(ctx, appId, userId);
      if (grants.length === 0) throw errors.notFound(`access of ${userId} to ${appId} (PrincipalAccess)`);
      const app = ctx.core.state.apps.get(appId)!;
      const [base, ...additional] = grants.map((g) => grantView(ctx, g));
      return json(200, {
        parentResourceOrn: app.orn,
        parent: { externalId: appId, type: 'APPLICATION' },
        targetPrincipalOrn: userOrn(ctx, userId),
        targetPrincipal: { externalId: userId, type: 'OKTA_USER' },
        base,
        additional,
      });
    },
  },
  {
    method: 'POST',
    path: '/governance/api/v2/revoke-principal-access',
    operationId: 'revokePrincipalAccess',
    scope: MANAGE,
    handler: (ctx) => {
      const body = bodyOf(revokeBody, ctx);
      const principal = parseOrn(body.principalOrn);
      if (!principal || principal.type !== 'users') invalid('/principalOrn', 'must be a user ORN such as orn:okta:directory:<orgId>:users:00u…', 'STRING_FORMAT_INVALID');
      requireUser(ctx, principal.id, '/principalOrn');
      const touched = new Set<string>();
      (body.revokeOrns as string[]).forEach((orn, i) => {
        const target = parseOrn(orn);
        const grants = [...docs(ctx, 'grants').values()].filter((g) => g.status === 'ACTIVE' && g.targetPrincipal.externalId === principal.id);
        let hit = false;
        for (const g of grants) {
          if (target?.type === 'entitlement-bundles' && g.entitlementBundleId === target.id) {
            g.status = 'INACTIVE';
            hit = true;
          } else if (target?.type === 'entitlement-values' && g.grantType === 'CUSTOM') {
            for (const e of g.entitlements ?? []) {
              const before = e.values.length;
              e.values = e.values.filter((v: Doc) => v.id !== target.id);
              if (e.values.length !== before) hit = true;
            }
          } else if (target?.type === 'apps' && g.target.externalId === target.id) {
            g.status = 'INACTIVE';
            hit = true;
          }
          if (hit) {
            touch(ctx, g);
            touched.add(g.target.externalId);
          }
        }
        if (!hit) invalid(`/revokeOrns/${i}`, `${orn} is not access that ${principal.id} holds`, 'IDENTIFIER_NOT_FOUND');
      });
      const data = [...touched].map((appId) => {
        const filter = encodeURIComponent(`parent.externalId eq "${appId}" AND parent.type eq "APPLICATION" AND targetPrincipal.externalId eq "${principal.id}" AND targetPrincipal.type eq "OKTA_USER"`);
        return { _links: links(ctx, { 'principal-access': `${V1}/principal-access?filter=${filter}`, 'principal-entitlements': `${V1}/principal-entitlements?filter=${filter}` }) };
      });
      return json(200, { data });
    },
  },
  {
    method: 'GET',
    path: '/governance/api/v2/resources/{resourceOrn}/entitlement-settings',
    operationId: 'getEntitlementSettings',
    scope: READ,
    handler: (ctx) => {
      const orn = ctx.params.resourceOrn!;
      const app = [...ctx.core.state.apps.values()].find((a) => a.orn === orn);
      if (!app) throw errors.validation([{ summary: `${orn} is not an app ORN of the org`, reason: 'INVALID_RESOURCE_ORN', location: 'resourceOrn', locationType: 'path' }]);
      return json(200, { status: docs(ctx, 'entitlementSettings').get(orn)?.status ?? 'OPTED_OUT' });
    },
  },
  {
    method: 'PATCH',
    path: '/governance/api/v2/resources/{resourceOrn}/entitlement-settings',
    operationId: 'updateEntitlementSettings',
    scope: MANAGE,
    handler: (ctx) => {
      const orn = ctx.params.resourceOrn!;
      const app = [...ctx.core.state.apps.values()].find((a) => a.orn === orn);
      if (!app) throw errors.validation([{ summary: `${orn} is not an app ORN of the org`, reason: 'INVALID_RESOURCE_ORN', location: 'resourceOrn', locationType: 'path' }]);
      const { status } = bodyOf(settingsBody, ctx);
      docs(ctx, 'entitlementSettings').set(orn, { id: orn, status });
      return json(202, { status: status === 'OPTED_IN' ? 'OPTING_IN' : 'OPTING_OUT' });
    },
  },
];

