/**
 * Governance labels (API-NOTES §6.5): at most 10 custom labels besides the predefined Crown Jewel
 * and Privileged (which can't be changed), at most 10 values per label and per resource, names
 * unique org-wide ignoring case, no delete while a value is assigned; assign/unassign up to 10 ORNs
 * × 10 values; the labelled-resources list needs a filter.
 */
import { Type } from '@sinclair/typebox';
import { link, type Ctx } from '../core.ts';
import { envelope, page, selfLink } from '../paging.ts';
import type { LabelRecord, LabelValueRecord } from '../state.ts';
import { checkBody, invalid } from '../validate.ts';
import { errors } from '../wire.ts';
import { found, id20, json, labelsOn, noContent, renderLabelValue, stringEnum, type Route } from './common.ts';

const BASE = '/governance/api/v1/labels';
const READ = 'okta.governance.labels.read';
const MANAGE = 'okta.governance.labels.manage';
const MAX_CUSTOM = 10;
const MAX_VALUES = 10;

export const LABEL_COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'teal', 'beige', 'gray'] as const;

const name50 = Type.String({ minLength: 1, maxLength: 50 });
const metadata = Type.Object({ additionalProperties: Type.Optional(Type.Object({ backgroundColor: Type.Optional(stringEnum(LABEL_COLORS)) })) });
const valueInput = Type.Object({ name: name50, metadata: Type.Optional(metadata) });
const createBody = Type.Object({ name: name50, values: Type.Array(valueInput, { maxItems: MAX_VALUES }) });
const patchBody = Type.Array(
  Type.Object({
    op: stringEnum(['ADD', 'REMOVE', 'REPLACE'] as const),
    path: Type.String({ minLength: 1 }),
    value: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Object({ name: Type.Optional(name50), metadata: Type.Optional(metadata) })])),
    refType: stringEnum(['LABEL-CATEGORY', 'LABEL-VALUE'] as const),
  }),
  { minItems: 1, maxItems: 10 },
);
const assignBody = Type.Object({
  resourceOrns: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 10 }),
  labelValueIds: Type.Array(id20, { minItems: 1, maxItems: 10 }),
});

function renderLabel(ctx: Ctx, l: LabelRecord, valueIds?: string[]): Record<string, unknown> {
  return {
    labelId: l.labelId,
    name: l.name,
    values: l.values.filter((v) => !valueIds || valueIds.includes(v.labelValueId)).map(renderLabelValue),
    _links: { self: link(ctx.core, `${BASE}/${l.labelId}`) },
  };
}

function label(ctx: Ctx): LabelRecord {
  return found(ctx.core.state.labels.get(ctx.params.labelId!), `${ctx.params.labelId} (Label)`);
}

function mutable(l: LabelRecord): void {
  if (l.predefined) invalid('/', `"${l.name}" is a predefined label and can't be changed or deleted`, 'INVALID_VALUE');
}

function isAssigned(ctx: Ctx, valueId: string): boolean {
  for (const ids of ctx.core.state.resourceLabels.values()) if (ids.includes(valueId)) return true;
  return false;
}

/** Label names are unique among labels, value names among values, both ignoring case. */
function checkNames(ctx: Ctx, candidate: { labelId?: string; name: string; values: { labelValueId?: string; name: string }[] }, at: { name: string; values: (i: number) => string }): void {
  const others = [...ctx.core.state.labels.values()].filter((l) => l.labelId !== candidate.labelId);
  if (others.some((l) => l.name.toLowerCase() === candidate.name.toLowerCase())) {
    invalid(at.name, `a label named "${candidate.name}" already exists (names are compared without case)`, 'DUPLICATE_VALUES');
  }
  const taken = new Map(others.flatMap((l) => l.values.map((v) => [v.name.toLowerCase(), l.name] as const)));
  const mine = new Set<string>();
  candidate.values.forEach((v, i) => {
    const key = v.name.toLowerCase();
    if (mine.has(key)) invalid(at.values(i), `the value "${v.name}" appears twice (names are compared without case)`, 'DUPLICATE_VALUES');
    if (taken.has(key)) invalid(at.values(i), `a value named "${v.name}" already exists in label "${taken.get(key)}" (value names are unique in the org, ignoring case)`, 'DUPLICATE_VALUES');
    mine.add(key);
  });
}

type Resource = { id: string; orn: string; profile: Record<string, unknown> };

function resourceByOrn(ctx: Ctx, orn: string): Resource | undefined {
  const { apps, groups, bundles } = ctx.core.state;
  for (const a of apps.values()) if (a.orn === orn) return { id: a.id, orn, profile: { id: a.id, name: a.label, description: a.label } };
  for (const g of groups.values()) if (g.orn === orn) return { id: g.id, orn, profile: { id: g.id, name: g.name, description: g.description } };
  for (const b of bundles.values()) {
    if (b.orn === orn) {
      const app = apps.get(b.appId);
      return { id: b.id, orn, profile: { id: b.id, name: b.name, description: b.description, ...(app ? { parent: { id: app.id, name: app.label } } : {}) } };
    }
  }
  return undefined;
}

function valueById(ctx: Ctx, id: string): LabelValueRecord | undefined {
  for (const l of ctx.core.state.labels.values()) {
    const v = l.values.find((x) => x.labelValueId === id);
    if (v) return v;
  }
  return undefined;
}

function renderResource(ctx: Ctx, r: Resource): Record<string, unknown> {
  return {
    orn: r.orn,
    profile: r.profile,
    labels: labelsOn(ctx, r.orn).map(({ label: l, valueIds }) => renderLabel(ctx, l, valueIds)),
    _links: { self: link(ctx.core, `/governance/api/v1/resource-labels?filter=${encodeURIComponent(`orn eq "${r.orn}"`)}`) },
  };
}

function resolveAssignment(ctx: Ctx): { resources: Resource[]; valueIds: string[] } {
  const body = checkBody(assignBody, ctx.body);
  const resources = body.resourceOrns.map((orn, i) => {
    if (!orn.startsWith('orn:')) invalid(`/resourceOrns/${i}`, 'format is invalid: expected an ORN such as orn:okta:idp:<orgId>:apps:<app>:<appId>', 'STRING_FORMAT_INVALID');
    const r = resourceByOrn(ctx, orn);
    if (!r) invalid(`/resourceOrns/${i}`, `${orn} does not name an app, group or entitlement bundle of the org`, 'IDENTIFIER_NOT_FOUND');
    return r;
  });
  body.labelValueIds.forEach((id, i) => {
    if (!valueById(ctx, id)) invalid(`/labelValueIds/${i}`, `label value ${id} does not exist`, 'IDENTIFIER_NOT_FOUND');
  });
  return { resources, valueIds: [...new Set(body.labelValueIds)] };
}

interface PatchOp {
  op: 'ADD' | 'REMOVE' | 'REPLACE';
  path: string;
  value?: string | { name?: string; metadata?: { additionalProperties?: { backgroundColor?: string } } };
  refType: 'LABEL-CATEGORY' | 'LABEL-VALUE';
}

function applyPatch(ctx: Ctx, l: LabelRecord, ops: PatchOp[]): LabelRecord {
  const draft: LabelRecord = { ...l, values: l.values.map((v) => ({ ...v })) };
  ops.forEach((o, i) => {
    const at = `/${i}`;
    const valueMatch = /^\/values\/([0-9a-zA-Z]{20})(\/name|\/metadata\/additionalProperties\/backgroundColor)?$/.exec(o.path);
    const expectRef = (ref: PatchOp['refType']) => {
      if (o.refType !== ref) invalid(`${at}/refType`, `must be ${ref} for path ${o.path}`, 'INVALID_ENUM_VALUE');
    };
    const target = () => {
      const v = draft.values.find((x) => x.labelValueId === valueMatch![1]);
      if (!v) invalid(`${at}/path`, `label ${l.labelId} has no value ${valueMatch![1]}`, 'IDENTIFIER_NOT_FOUND');
      return v;
    };
    if (o.path === '/name') {
      expectRef('LABEL-CATEGORY');
      if (o.op !== 'REPLACE' || typeof o.value !== 'string' || o.value.length === 0) invalid(`${at}/value`, 'renaming a label takes op REPLACE and the new name as value', 'INVALID_VALUE');
      draft.name = o.value;
    } else if (o.path === '/values/-') {
      expectRef('LABEL-VALUE');
      if (o.op !== 'ADD' || typeof o.value !== 'object' || !o.value.name) invalid(`${at}/value`, 'adding a value takes op ADD and a value {name, metadata?}', 'INVALID_VALUE');
      const color = o.value.metadata?.additionalProperties?.backgroundColor;
      draft.values.push({ labelValueId: ctx.core.ids.okta('lbl'), name: o.value.name, ...(color ? { color } : {}) });
    } else if (valueMatch && !valueMatch[2]) {
      expectRef('LABEL-VALUE');
      if (o.op !== 'REMOVE') invalid(`${at}/op`, `must be REMOVE for path ${o.path}`, 'INVALID_ENUM_VALUE');
      const v = target();
      if (isAssigned(ctx, v.labelValueId)) throw errors.conflict(`label value "${v.name}" is assigned to resources; unassign it before removing it`);
      draft.values = draft.values.filter((x) => x !== v);
    } else if (valueMatch) {
      expectRef('LABEL-VALUE');
      if (o.op !== 'REPLACE') invalid(`${at}/op`, `must be REPLACE for path ${o.path}`, 'INVALID_ENUM_VALUE');
      const v = target();
      if (valueMatch[2] === '/name') {
        const name = typeof o.value === 'string' ? o.value : o.value?.name;
        if (!name) invalid(`${at}/value`, 'renaming a value takes {name: "…"}', 'INVALID_VALUE');
        v.name = name;
      } else {
        const color = typeof o.value === 'string' ? o.value : o.value?.metadata?.additionalProperties?.backgroundColor;
        if (!color || !(LABEL_COLORS as readonly string[]).includes(color)) invalid(`${at}/value`, `the colour must be one of ${LABEL_COLORS.join(', ')}`, 'INVALID_ENUM_VALUE');
        v.color = color;
      }
    } else {
      invalid(`${at}/path`, 'must be /name, /values/-, /values/<labelValueId>, /values/<labelValueId>/name or /values/<labelValueId>/metadata/additionalProperties/backgroundColor', 'STRING_FORMAT_INVALID');
    }
  });
  if (draft.values.length > MAX_VALUES) invalid('/', `label "${draft.name}" would have ${draft.values.length} values; a label has at most ${MAX_VALUES}`, 'INVALID_ARRAY_LENGTH_OVER_MAX');
  checkNames(ctx, draft, { name: '/', values: () => '/' });
  return draft;
}

export const labelRoutes: Route[] = [
  {
    method: 'POST',
    path: BASE,
    operationId: 'createLabel',
    scope: MANAGE,
    handler: (ctx) => {
      const body = checkBody(createBody, ctx.body);
      const { labels } = ctx.core.state;
      const custom = [...labels.values()].filter((l) => !l.predefined).length;
      if (custom >= MAX_CUSTOM) invalid('/name', `the org already has ${MAX_CUSTOM} custom labels, the most it can have; delete one first`, 'LIMIT_EXCEEDED');
      checkNames(ctx, body, { name: '/name', values: (i) => `/values/${i}/name` });
      const record: LabelRecord = {
        labelId: ctx.core.ids.okta('lbc'),
        name: body.name,
        predefined: false,
        values: body.values.map((v) => {
          const color = v.metadata?.additionalProperties?.backgroundColor;
          return { labelValueId: ctx.core.ids.okta('lbl'), name: v.name, ...(color ? { color } : {}) };
        }),
        created: ctx.core.clock.iso(),
      };
      labels.set(record.labelId, record);
      const self = selfLink(ctx, `${BASE}/${record.labelId}`);
      return json(201, renderLabel(ctx, record), { ...self.headers, Location: self.link.href });
    },
  },
  {
    method: 'GET',
    path: BASE,
    operationId: 'listLabels',
    scope: READ,
    handler: (ctx) => {
      const p = page(ctx, [...ctx.core.state.labels.values()], { id: (l) => l.labelId, filter: { spec: { 'values.name': ['sw', 'co'] } } });
      return envelope(ctx, p, (l) => renderLabel(ctx, l));
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{labelId}`,
    operationId: 'getLabel',
    scope: READ,
    handler: (ctx) => {
      const l = label(ctx);
      return json(200, renderLabel(ctx, l), selfLink(ctx, `${BASE}/${l.labelId}`).headers);
    },
  },
  {
    method: 'PATCH',
    path: `${BASE}/{labelId}`,
    operationId: 'updateLabel',
    scope: MANAGE,
    handler: (ctx) => {
      const l = label(ctx);
      mutable(l);
      const updated = applyPatch(ctx, l, checkBody(patchBody, ctx.body) as PatchOp[]);
      ctx.core.state.labels.set(l.labelId, updated);
      return json(200, renderLabel(ctx, updated), selfLink(ctx, `${BASE}/${l.labelId}`).headers);
    },
  },
  {
    method: 'DELETE',
    path: `${BASE}/{labelId}`,
    operationId: 'deleteLabel',
    scope: MANAGE,
    handler: (ctx) => {
      const l = label(ctx);
      mutable(l);
      const assigned = l.values.filter((v) => isAssigned(ctx, v.labelValueId));
      if (assigned.length) {
        throw errors.conflict(`label "${l.name}" can't be deleted while its values are assigned to resources (${assigned.map((v) => v.name).join(', ')}); unassign them first`);
      }
      ctx.core.state.labels.delete(l.labelId);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/governance/api/v1/resource-labels/assign',
    operationId: 'assignResourceLabels',
    scope: MANAGE,
    handler: (ctx) => {
      const { resources, valueIds } = resolveAssignment(ctx);
      const { resourceLabels } = ctx.core.state;
      resources.forEach((r, i) => {
        const next = [...new Set([...(resourceLabels.get(r.orn) ?? []), ...valueIds])];
        if (next.length > MAX_VALUES) invalid(`/resourceOrns/${i}`, `${r.orn} would carry ${next.length} label values; a resource holds at most ${MAX_VALUES}`, 'INVALID_ARRAY_LENGTH_OVER_MAX');
      });
      for (const r of resources) resourceLabels.set(r.orn, [...new Set([...(resourceLabels.get(r.orn) ?? []), ...valueIds])]);
      return json(200, { data: resources.map((r) => renderResource(ctx, r)), _links: { self: link(ctx.core, '/governance/api/v1/resource-labels/assign') } });
    },
  },
  {
    method: 'POST',
    path: '/governance/api/v1/resource-labels/unassign',
    operationId: 'removeResourceLabels',
    scope: MANAGE,
    handler: (ctx) => {
      const { resources, valueIds } = resolveAssignment(ctx);
      const { resourceLabels } = ctx.core.state;
      for (const r of resources) {
        const left = (resourceLabels.get(r.orn) ?? []).filter((id) => !valueIds.includes(id));
        if (left.length) resourceLabels.set(r.orn, left);
        else resourceLabels.delete(r.orn);
      }
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/governance/api/v1/resource-labels',
    operationId: 'listLabelResources',
    scope: READ,
    handler: (ctx) => {
      const labelled = [...ctx.core.state.resourceLabels.entries()]
        .map(([orn, valueIds]) => ({ resource: resourceByOrn(ctx, orn), valueIds }))
        .filter((x): x is { resource: Resource; valueIds: string[] } => x.resource !== undefined);
      const p = page(ctx, labelled, {
        id: (x) => x.resource.id,
        paging: { cursor: 'any' },
        filter: {
          required: true,
          spec: { orn: ['eq'], labelValueId: ['eq'], resourceType: ['eq'] },
          read: (x, attr) => (attr === 'orn' ? x.resource.orn : attr === 'labelValueId' ? x.valueIds : attr === 'resourceType' ? x.resource.orn.split(':')[4] : undefined),
        },
      });
      return envelope(ctx, p, (x) => renderResource(ctx, x.resource));
    },
  },
];

