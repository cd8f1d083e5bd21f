import { Type, type Static } from '@sinclair/typebox';
import { FlowInputError, type FlowContext, type FlowTemplate } from './context.ts';
import { listOf } from './people.ts';

const name = 'label-resources';
const colors = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'teal', 'beige', 'gray'];

const valueSpec = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }), color: Type.Optional(Type.String({ enum: colors })) },
  { additionalProperties: false },
);
const input = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 50, description: 'The label key, e.g. "Sensitivity". Reused if it exists (ignoring case).' }),
    values: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.Union([Type.String({ minLength: 1, maxLength: 50 }), valueSpec]), { minItems: 1, maxItems: 10 })], {
      description: 'Values to put on the resources: names (comma-separated text or a list) or {name, color} objects.',
    }),
    resources: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 100 })], {
      description: 'Resource ORNs, or group (00g…) and app (0oa…) ids together with orgId.',
    }),
    orgId: Type.Optional(Type.String({ pattern: '^00o[0-9a-zA-Z]{17}$', description: 'The org id (00o…), needed to turn group and app ids into ORNs.' })),
    partition: Type.Optional(Type.String({ enum: ['okta', 'oktapreview'], default: 'okta' })),
  },
  { additionalProperties: false },
);
export type LabelResourcesInput = Static<typeof input>;

interface LabelValue {
  labelValueId: string;
  name: string;
}
interface Label {
  labelId: string;
  name: string;
  values: LabelValue[];
}

export interface LabelledResources {
  labelId: string;
  label: string;
  created: boolean;
  valuesAdded: string[];
  assigned: { orn: string; values: string[] }[];
  nowLabelled: { labelValueId: string; value: string; resources: string[] }[];
}

const chunks = <T>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function toOrn(ctx: FlowContext, resource: string, orgId: string | undefined, partition: string): Promise<string> {
  if (resource.startsWith('orn:')) return resource;
  const kind = /^00g[0-9a-zA-Z]{17}$/.test(resource) ? 'group' : /^0oa[0-9a-zA-Z]{17}$/.test(resource) ? 'app' : undefined;
  if (!kind) throw new FlowInputError(name, 'resources', `contains "${resource}", which is neither an ORN nor a group (00g…) or app (0oa…) id`);
  if (!orgId) throw new FlowInputError(name, 'resources', `contains the ${kind} id ${resource}: give orgId (00o…) too, so it can be written as an ORN`);
  if (kind === 'group') return `orn:${partition}:directory:${orgId}:groups:${resource}`;
  const { body } = await ctx.run('getApplication', { appId: resource });
  return `orn:${partition}:idp:${orgId}:apps:${String((body as { name: string }).name)}:${resource}`;
}

export async function labelResources(ctx: FlowContext, given: LabelResourcesInput): Promise<LabelledResources> {
  const wanted = (Array.isArray(given.values) ? given.values : listOf(given.values)).map((v) => (typeof v === 'string' ? { name: v.trim() } : v));
  const seen = new Set<string>();
  for (const v of wanted) {
    if (seen.has(v.name.toLowerCase())) throw new FlowInputError(name, 'values', `lists "${v.name}" twice (Okta ignores case in value names)`);
    seen.add(v.name.toLowerCase());
  }
  const resources = [...new Set(Array.isArray(given.resources) ? given.resources : listOf(given.resources))];
  const orns: string[] = [];
  for (const r of resources) orns.push(await toOrn(ctx, r, given.orgId, given.partition ?? 'okta'));

  const existing = ((await ctx.run('listLabels', {})).outputs.items as Label[]).find((l) => l.name.toLowerCase() === given.label.toLowerCase());
  let label: Label;
  const valuesAdded: string[] = [];
  if (!existing) {
    ctx.progress(`creating label "${given.label}" with ${wanted.map((v) => v.name).join(', ')}`);
    label = (await ctx.run('createLabel', { name: given.label, labelValues: wanted })).body as Label;
    valuesAdded.push(...wanted.map((v) => v.name));
  } else {
    label = existing;
    const missing = wanted.filter((v) => !existing.values.some((e) => e.name.toLowerCase() === v.name.toLowerCase()));
    if (missing.length) {
      ctx.progress(`label "${existing.name}" exists; adding ${missing.map((v) => v.name).join(', ')}`);
      const operations = missing.map((v) => ({
        op: 'ADD',
        path: '/values/-',
        value: { name: v.name, ...(v.color ? { metadata: { additionalProperties: { backgroundColor: v.color } } } : {}) },
        refType: 'LABEL-VALUE',
      }));
      label = (await ctx.run('updateLabel', { labelId: existing.labelId, operations })).body as Label;
      valuesAdded.push(...missing.map((v) => v.name));
    } else {
      ctx.progress(`label "${existing.name}" exists with every value; reusing it`);
    }
  }
  const valueIds = wanted.map((v) => {
    const found = label.values.find((e) => e.name.toLowerCase() === v.name.toLowerCase());
    if (!found) throw new Error(`${name}: Okta did not return value "${v.name}" of label ${label.name}`);
    return found;
  });

  for (const batch of chunks(orns, 10)) {
    await ctx.run('assignResourceLabels', { resourceOrns: batch, labelValueIds: valueIds.map((v) => v.labelValueId) });
  }
  const nowLabelled = [];
  for (const v of valueIds) {
    const list = [];
    for await (const r of ctx.iterate('listLabelResources', { filter: `labelValueId eq "${v.labelValueId}"` })) list.push(String(r.orn));
    nowLabelled.push({ labelValueId: v.labelValueId, value: v.name, resources: list });
  }
  return {
    labelId: label.labelId,
    label: label.name,
    created: !existing,
    valuesAdded,
    assigned: orns.map((orn) => ({ orn, values: valueIds.map((v) => v.name) })),
    nowLabelled,
  };
}

export const labelResourcesFlow: FlowTemplate<LabelResourcesInput, LabelledResources> = {
  name,
  title: 'Label resources',
  description: 'Create the label or reuse the existing one (ignoring case), add missing values, assign them to the resources, and list what now carries them.',
  cards: ['listLabels', 'createLabel', 'updateLabel', 'getApplication', 'assignResourceLabels', 'listLabelResources'],
  input,
  run: labelResources,
};
