/**
 * Resource owners and risk rules. Owners: up to 5 principal ORNs on up to 10 resource ORNs (apps,
 * groups, bundles, collections of the org); PATCH adds or removes one principal. Risk rules
 * (rul…): separation of duties between two entitlement lists on one app, names unique; the risk
 * assessment of a user and a resource lists the rules the user would break.
 */
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../core.ts';
import { checkFilter, parseFilter } from '../filter.ts';
import type { Doc } from '../state.ts';
import { invalid } from '../validate.ts';
import { errors } from '../wire.ts';
import { json, noContent, requireUser, stringEnum, type Route } from './common.ts';
import { audit, bodyOf, docAt, docs, links, listReply, one, parseOrn, touch } from './kit.ts';

const OWNERS = '/governance/api/v1/resource-owners';
const RULES = '/governance/api/v1/risk-rules';

const ownersBody = Type.Object({ principalOrns: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 5 })), resourceOrns: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 10 }) });
const ownersPatch = Type.Object({
  resourceOrn: Type.String({ minLength: 1 }),
  data: Type.Array(Type.Object({ op: stringEnum(['ADD', 'REMOVE'] as const), path: Type.String(), value: Type.String({ minLength: 1 }) }), { minItems: 1, maxItems: 5 }),
});
const criterion = Type.Object({ name: Type.String(), attribute: Type.String(), operation: stringEnum(['CONTAINS_ONE', 'CONTAINS_ALL'] as const), value: Type.Object({ type: Type.String(), value: Type.Array(Type.Object({ id: Type.String(), values: Type.Optional(Type.Array(Type.Object({ id: Type.String() }))) })) }) });
const ruleBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  notes: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  type: Type.Optional(stringEnum(['SEPARATION_OF_DUTIES'] as const)),
  resources: Type.Array(Type.Object({ resourceOrn: Type.String({ minLength: 1 }) }), { minItems: 1, maxItems: 1 }),
  conflictCriteria: Type.Object({ and: Type.Array(criterion, { minItems: 2, maxItems: 2 }) }),
});
const assessmentBody = Type.Object({ principalOrn: Type.String({ minLength: 1 }), resourceOrn: Type.Optional(Type.String({ minLength: 1 })) });

interface Resource {
  id: string;
  type: string;
  orn: string;
  profile: Doc;
  parentOrn?: string;
}

/** An app, group, bundle or collection of the org by ORN. */
function resourceAt(ctx: Ctx, orn: string): Resource | undefined {
  const parsed = parseOrn(orn);
  if (!parsed) return undefined;
  const { apps, groups } = ctx.core.state;
  if (parsed.type === 'apps') {
    const a = apps.get(parsed.id);
    return a && a.orn === orn ? { id: a.id, type: 'apps', orn, profile: { id: a.id, name: a.label, label: a.label, logo: [] } } : undefined;
  }
  if (parsed.type === 'groups') {
    const g = groups.get(parsed.id);
    return g ? { id: g.id, type: 'groups', orn: g.orn, profile: { id: g.id, name: g.name, description: g.description, logo: [] } } : undefined;
  }
  if (parsed.type === 'entitlement-bundles') {
    const b = docs(ctx, 'entitlementBundles').get(parsed.id);
    return b ? { id: b.id, type: 'entitlement-bundles', orn: b.orn, profile: { id: b.id, name: b.name, ...(b.description ? { description: b.description } : {}), logo: [] }, parentOrn: b.targetResourceOrn } : undefined;
  }
  if (parsed.type === 'collections') {
    const c = docs(ctx, 'collections').get(parsed.id);
    return c ? { id: c.id, type: 'collections', orn, profile: { id: c.id, name: c.name, ...(c.description ? { description: c.description } : {}), logo: [] } } : undefined;
  }
  return undefined;
}

function principalAt(ctx: Ctx, orn: string, at: string): Doc {
  const parsed = parseOrn(orn);
  if (parsed?.type === 'users') {
    const u = requireUser(ctx, parsed.id, at);
    return { id: ctx.core.ids.okta('pri'), type: 'users', orn, profile: userOwnerProfile(u.id, `${u.profile.firstName} ${u.profile.lastName}`, u.profile.email) };
  }
  if (parsed?.type === 'groups') {
    const g = ctx.core.state.groups.get(parsed.id);
    if (!g) invalid(at, `group ${parsed.id} was not found in the org`, 'IDENTIFIER_NOT_FOUND');
    return { id: ctx.core.ids.okta('pri'), type: 'groups', orn, profile: { id: g.id, name: g.name, logo: [] } };
  }
  invalid(at, 'must be the ORN of a user or a group, e.g. orn:okta:directory:<orgId>:users:00u…', 'STRING_FORMAT_INVALID');
}

export function userOwnerProfile(id: string, name: string, email: string): Doc {
  return { id, name, email, logo: [] };
}

/** An owner's profile links to its Admin Console page, as the recorded answers show. */
function renderOwners(ctx: Ctx, o: Doc): Doc {
  const { key: _key, principals, ...rest } = o;
  const page = (p: Doc) => (p.type === 'groups' ? `/admin/group/${p.profile.id}` : `/admin/user/profile/view/${p.profile.id}`);
  return { ...rest, principals: principals.map((p: Doc) => ({ ...p, profile: { ...p.profile, _links: links(ctx, { self: page(p) }) } })) };
}

function rule(ctx: Ctx): Doc {
  return docAt(ctx, 'riskRules', 'ruleId', 'RiskRule');
}

function checkRule(ctx: Ctx, body: Doc, self?: string): Doc {
  const orn = body.resources[0].resourceOrn;
  const parsed = parseOrn(orn);
  const app = parsed?.type === 'apps' ? ctx.core.state.apps.get(parsed.id) : undefined;
  if (!app) invalid('/resources/0/resourceOrn', `${orn} is not an app ORN of the org`, 'INVALID_RESOURCE_ORN');
  if ([...docs(ctx, 'riskRules').values()].some((r) => r.id !== self && r.name.toLowerCase() === body.name.toLowerCase())) {
    throw errors.validation([{ summary: `a risk rule named "${body.name}" already exists`, reason: 'DUPLICATE_VALUES', location: '/name', locationType: 'body' }]);
  }
  (body.conflictCriteria.and as Doc[]).forEach((c, i) =>
    (c.value.value as Doc[]).forEach((e, j) => {
      const ent = docs(ctx, 'entitlements').get(e.id);
      if (!ent || ent.parent.externalId !== app.id) invalid(`/conflictCriteria/and/${i}/value/value/${j}/id`, `entitlement ${e.id} is not an entitlement of ${app.label}`, 'IDENTIFIER_NOT_FOUND');
    }),
  );
  return { ...body, type: body.type ?? 'SEPARATION_OF_DUTIES', status: 'ACTIVE' };
}

/** Entitlement value ids a user holds, through custom grants and bundles. */
function heldValues(ctx: Ctx, userId: string): Set<string> {
  const out = new Set<string>();
  for (const g of docs(ctx, 'grants').values()) {
    if (g.status !== 'ACTIVE' || g.targetPrincipal.externalId !== userId) continue;
    const granted: Doc[] = g.grantType === 'ENTITLEMENT-BUNDLE' ? docs(ctx, 'entitlementBundles').get(g.entitlementBundleId)?.entitlements ?? [] : g.entitlements ?? [];
    for (const e of granted) for (const v of e.values ?? []) out.add(v.id);
  }
  return out;
}

function criterionHolds(c: Doc, held: Set<string>): boolean {
  const values = (c.value.value as Doc[]).flatMap((e) => (e.values ?? []).map((v: Doc) => v.id as string));
  return c.operation === 'CONTAINS_ALL' ? values.every((v) => held.has(v)) : values.some((v) => held.has(v));
}

export const governanceRoutes: Route[] = [
  {
    method: 'POST',
    path: OWNERS,
    operationId: 'configureResourceOwners',
    scope: 'okta.governance.resourceOwner.manage',
    handler: (ctx) => {
      const body = bodyOf(ownersBody, ctx);
      const principals = (body.principalOrns ?? []).map((orn: string, i: number) => principalAt(ctx, orn, `/principalOrns/${i}`));
      const data = (body.resourceOrns as string[]).map((orn, i) => {
        const r = resourceAt(ctx, orn);
        if (!r) invalid(`/resourceOrns/${i}`, `${orn} is not an app, group, entitlement bundle or collection of the org`, 'INVALID_RESOURCE_ORN');
        const o: Doc = { key: r.orn, ...(r.parentOrn ? { parentResourceOrn: r.parentOrn } : {}), principals, resource: { id: r.id, type: r.type, orn: r.orn, profile: r.profile } };
        if (principals.length) docs(ctx, 'resourceOwners').set(r.orn, o);
        else docs(ctx, 'resourceOwners').delete(r.orn);
        return o;
      });
      return json(200, { data: data.map((o) => renderOwners(ctx, o)) });
    },
  },
  {
    method: 'GET',
    path: OWNERS,
    operationId: 'listResourceOwners',
    scope: 'okta.governance.resourceOwner.read',
    handler: (ctx) =>
      listReply(ctx, [...docs(ctx, 'resourceOwners').values()], {
        id: (o) => o.resource.id,
        filter: { parentResourceOrn: ['eq'], 'resource.orn': ['eq'], 'resource.type': ['eq'], 'principals.orn': ['eq'] },
        filterRequired: true,
        total: true,
      }, (o) => renderOwners(ctx, o)),
  },
  {
    method: 'PATCH',
    path: OWNERS,
    operationId: 'updateResourceOwners',
    scope: 'okta.governance.resourceOwner.manage',
    handler: (ctx) => {
      const body = bodyOf(ownersPatch, ctx);
      const r = resourceAt(ctx, body.resourceOrn);
      if (!r) invalid('/resourceOrn', `${body.resourceOrn} is not an app, group, entitlement bundle or collection of the org`, 'INVALID_RESOURCE_ORN');
      const o: Doc = docs(ctx, 'resourceOwners').get(r.orn) ?? { key: r.orn, ...(r.parentOrn ? { parentResourceOrn: r.parentOrn } : {}), principals: [], resource: { id: r.id, type: r.type, orn: r.orn, profile: r.profile } };
      (body.data as Doc[]).forEach((op, i) => {
        if (op.path !== '/principalOrn') invalid(`/data/${i}/path`, 'must be /principalOrn', 'STRING_FORMAT_INVALID');
        if (op.op === 'ADD') {
          if (!o.principals.some((p: Doc) => p.orn === op.value)) o.principals.push(principalAt(ctx, op.value, `/data/${i}/value`));
          if (o.principals.length > 5) invalid(`/data/${i}/value`, 'a resource has at most 5 owners', 'INVALID_ARRAY_LENGTH_OVER_MAX');
        } else {
          if (!o.principals.some((p: Doc) => p.orn === op.value)) invalid(`/data/${i}/value`, `${op.value} is not an owner of ${r.orn}`, 'IDENTIFIER_NOT_FOUND');
          o.principals = o.principals.filter((p: Doc) => p.orn !== op.value);
        }
      });
      if (o.principals.length) docs(ctx, 'resourceOwners').set(r.orn, o);
      else docs(ctx, 'resourceOwners').delete(r.orn);
      return noContent();
    },
  },
  {
    method: 'GET',
    path: `${OWNERS}/catalog/resources`,
    operationId: 'listResourceOwnerCatalogResources',
    scope: 'okta.governance.resourceOwner.read',
    handler: (ctx) => {
      const raw = ctx.query.get('filter');
      if (!raw) throw errors.missingParameter('filter', 'filter is required, e.g. parentResourceOrn eq "orn:okta:idp:<orgId>:apps:<name>:0oa…"');
      checkFilter(parseFilter(raw), { parentResourceOrn: ['eq'], 'resource.type': ['eq'] });
      const parent = /parentResourceOrn\s+eq\s+"([^"]+)"/i.exec(raw)?.[1];
      const app = [...ctx.core.state.apps.values()].find((a) => a.orn === parent);
      if (!app || !parent) throw errors.scimFilter('the filter must name parentResourceOrn eq "<app ORN of the org>"');
      const type = /resource\.type\s+eq\s+"([^"]+)"/i.exec(raw)?.[1];
      const bundles = [...docs(ctx, 'entitlementBundles').values()].filter((b) => b.target.externalId === app.id).map((b) => resourceAt(ctx, b.orn)!);
      const resources = bundles.filter((r) => !type || r.type === type).map((r) => ({ id: r.id, type: r.type, orn: r.orn, profile: { ...r.profile, parent: { id: app.id, name: app.label } } }));
      const reply = listReply(ctx, resources, {}, (x) => x);
      return { ...reply, body: { parentResourceOrn: parent, ...(reply.body as Doc) } };
    },
  },
  {
    method: 'POST',
    path: RULES,
    operationId: 'createRiskRule',
    scope: 'okta.governance.riskRule.manage',
    handler: (ctx) => {
      const r: Doc = { id: ctx.core.ids.okta('rul'), ...checkRule(ctx, bodyOf(ruleBody, ctx)), ...audit(ctx) };
      docs(ctx, 'riskRules').set(r.id, r);
      return one(ctx, 201, r, `${RULES}/${r.id}`);
    },
  },
  {
    method: 'GET',
    path: RULES,
    operationId: 'listRiskRules',
    scope: 'okta.governance.riskRule.read',
    handler: (ctx) =>
      listReply(ctx, [...docs(ctx, 'riskRules').values()], {
        filter: { resourceOrn: ['eq'], name: ['eq', 'sw', 'co'], status: ['eq'] },
        read: (r, attr) => (attr === 'resourceOrn' ? r.resources.map((x: Doc) => x.resourceOrn) : r[attr]),
        cursor: 'len20',
        total: true,
      }, (r) => ({ ...r, _links: links(ctx, { self: `${RULES}/${r.id}` }) })),
  },
  {
    method: 'GET',
    path: `${RULES}/{ruleId}`,
    operationId: 'getRiskRule',
    scope: 'okta.governance.riskRule.read',
    handler: (ctx) => {
      const r = rule(ctx);
      return one(ctx, 200, r, `${RULES}/${r.id}`);
    },
  },
  {
    method: 'PUT',
    path: `${RULES}/{ruleId}`,
    operationId: 'replaceRiskRule',
    scope: 'okta.governance.riskRule.manage',
    handler: (ctx) => {
      const r = rule(ctx);
      const body = bodyOf(Type.Intersect([Type.Omit(ruleBody, ['resources']), Type.Object({ id: Type.String(), resources: Type.Optional(ruleBody.properties.resources) })]), ctx);
      if (body.id !== r.id) invalid('/id', `must be ${r.id}, the id in the path`, 'INVALID_VALUE');
      const next = checkRule(ctx, { ...body, resources: body.resources ?? r.resources }, r.id);
      Object.assign(r, next);
      touch(ctx, r);
      return one(ctx, 200, r, `${RULES}/${r.id}`);
    },
  },
  {
    method: 'DELETE',
    path: `${RULES}/{ruleId}`,
    operationId: 'deleteRiskRule',
    scope: 'okta.governance.riskRule.manage',
    handler: (ctx) => {
      docs(ctx, 'riskRules').delete(rule(ctx).id);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/governance/api/v1/risk-rule-assessments',
    operationId: 'generatePotentialRiskAssessments',
    scope: 'okta.governance.riskRule.read',
    handler: (ctx) => {
      const body = bodyOf(assessmentBody, ctx);
      const principal = parseOrn(body.principalOrn);
      if (principal?.type !== 'users') invalid('/principalOrn', 'must be a user ORN such as orn:okta:directory:<orgId>:users:00u…', 'STRING_FORMAT_INVALID');
      requireUser(ctx, principal.id, '/principalOrn');
      const held = heldValues(ctx, principal.id);
      // The resource the user would get counts as held, so the assessment shows what a request would break.
      const target = body.resourceOrn ? resourceAt(ctx, body.resourceOrn) : undefined;
      if (body.resourceOrn && !target) invalid('/resourceOrn', `${body.resourceOrn} is not a resource of the org`, 'INVALID_RESOURCE_ORN');
      if (target?.type === 'entitlement-bundles') for (const e of docs(ctx, 'entitlementBundles').get(target.id)!.entitlements) for (const v of e.values ?? []) held.add(v.id);
      const broken = [...docs(ctx, 'riskRules').values()].filter((r) => r.status === 'ACTIVE' && (r.conflictCriteria.and as Doc[]).every((c) => criterionHolds(c, held)));
      return json(200, {
        data: broken.map((r) => ({ id: r.id, ...(r.description ? { description: r.description } : {}), type: r.type, conflictCriteria: r.conflictCriteria })),
        _links: links(ctx, { self: '/governance/api/v1/risk-rule-assessments' }),
      });
    },
  },
];
