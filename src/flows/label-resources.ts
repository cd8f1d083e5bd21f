import { say } from '../missions/index.ts';
import { LABEL_COLORS, labelResourcesMission as mission, MAX_RESOURCES, type LabelResourcesInput } from '../missions/label-resources.ts';
import { OktaApiError } from '../model/errors.ts';
import { FlowInputError, type FlowContext, type FlowTemplate } from './context.ts';
import { listOf } from './people.ts';

const { name } = mission;
export type { LabelResourcesInput };

type Color = (typeof LABEL_COLORS)[number];
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
  /** The resources, as ORNs, each with the value names it now carries. */
  assigned: { orn: string; values: string[] }[];
  /** The record the Workflows template writes to its audit table (less the time). */
  audit: { job: string; startedBy: string; outcome: string; label: string; labelId: string; values: string; valueIds: string; resources: string };
}

const APP_ID = /^0oa[0-9a-zA-Z]{17}$/;
const GROUP_ID = /^00g[0-9a-zA-Z]{17}$/;
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The org id and ORN partition, read once per run (preview orgs write `oktapreview` in their ORNs). */
interface Org {
  id: string;
  partition: string;
}

async function readOrg(ctx: FlowContext): Promise<Org> {
  const { body } = await ctx.run('getWellknownOrgMetadata', {});
  const metadata = body as { id: string; _links?: { organization?: { href?: string } } };
  return { id: metadata.id, partition: /oktapreview\.com/.test(metadata._links?.organization?.href ?? '') ? 'oktapreview' : 'okta' };
}

/** Reads one app or group by id; an id Okta doesn't know is the admin's to fix, in the mission's words. */
async function byId(ctx: FlowContext, kind: 'app' | 'group', id: string): Promise<Record<string, unknown>> {
  try {
    return (await (kind === 'app' ? ctx.run('getApplication', { appId: id }) : ctx.run('getGroup', { groupId: id }))).body as Record<string, unknown>;
  } catch (error) {
    // Not found (or malformed): the admin's id to fix. Anything else (scopes, outages) stays Okta's error.
    if (error instanceof OktaApiError && (error.status === 404 || error.status === 400)) {
      throw new FlowInputError(name, 'resources', say(mission.messages.unknownId, { kind, id, status: error.status, summary: error.errorSummary }));
    }
    throw error;
  }
}

async function collect(ctx: FlowContext, cardId: string, input: Record<string, unknown>, keep: (item: Record<string, unknown>) => boolean) {
  const kept: Record<string, unknown>[] = [];
  for await (const item of ctx.iterate(cardId, input)) if (keep(item)) kept.push(item);
  return kept;
}

/** A name, an id or an ORN → the resource's ORN. Names are an app's label or a group's name, case aside. */
async function toOrn(ctx: FlowContext, resource: string, org: () => Promise<Org>): Promise<string> {
  if (resource.startsWith('orn:')) return resource;
  const appOrn = async (app: Record<string, unknown>) => {
    const { id, partition } = await org();
    return `orn:${partition}:idp:${id}:apps:${String(app.name)}:${String(app.id)}`;
  };
  const groupOrn = async (group: Record<string, unknown>) => {
    const { id, partition } = await org();
    return `orn:${partition}:directory:${id}:groups:${String(group.id)}`;
  };
  if (APP_ID.test(resource)) return appOrn(await byId(ctx, 'app', resource));
  if (GROUP_ID.test(resource)) return groupOrn(await byId(ctx, 'group', resource));
  const apps = await collect(ctx, 'listApplications', { q: resource }, (a) => sameName(String(a.label ?? ''), resource));
  const groups = await collect(ctx, 'listGroups', { q: resource }, (g) => sameName(String(g.name ?? ''), resource));
  const count = apps.length + groups.length;
  if (count === 0) throw new FlowInputError(name, 'resources', say(mission.messages.unknownResource, { name: resource }));
  if (count > 1) throw new FlowInputError(name, 'resources', say(mission.messages.ambiguousResource, { name: resource, count }));
  return apps[0] ? appOrn(apps[0]) : groupOrn(groups[0]!);
}

const valueBody = (v: { name: string; color?: Color }) => ({ name: v.name, ...(v.color ? { metadata: { additionalProperties: { backgroundColor: v.color } } } : {}) });

export async function labelResources(ctx: FlowContext, given: LabelResourcesInput, startedBy = 'code'): Promise<LabelledResources> {
  const labelName = given.label.trim();
  if (!labelName) throw new FlowInputError(name, 'label', mission.messages.needLabel);
  // Values: names or {name, color}; one of each name (case aside), new ones coloured with `color` unless they say otherwise.
  const wanted: { name: string; color?: Color }[] = [];
  for (const v of Array.isArray(given.values) ? given.values : listOf(given.values)) {
    const spec = typeof v === 'string' ? { name: v.trim() } : { ...v, name: v.name.trim() };
    const color = (spec.color ?? given.color) as Color | undefined;
    if (spec.name && !wanted.some((w) => sameName(w.name, spec.name))) wanted.push({ name: spec.name, ...(color ? { color } : {}) });
  }
  if (!wanted.length) throw new FlowInputError(name, 'values', mission.messages.needValues);
  const entries = Array.isArray(given.resources) ? [...new Set(given.resources.map((r) => r.trim()).filter(Boolean))] : listOf(given.resources);
  if (!entries.length) throw new FlowInputError(name, 'resources', mission.messages.needResources);
  if (entries.length > MAX_RESOURCES) throw new FlowInputError(name, 'resources', say(mission.messages.tooManyResources, { count: entries.length }));

  // Everything is read before anything is written: a resource that can't be found changes nothing.
  const labels = await collect(ctx, 'listLabels', {}, (l) => sameName(String(l.name), labelName));
  const existing = labels[0] as unknown as Label | undefined;
  let org: Promise<Org> | undefined;
  const orgOnce = () => (org ??= readOrg(ctx));
  const orns: string[] = [];
  for (const entry of entries) {
    const orn = await toOrn(ctx, entry, orgOnce);
    if (!orns.includes(orn)) orns.push(orn);
  }

  let label: Label;
  let valuesAdded: string[];
  if (!existing) {
    ctx.progress(`creating label "${labelName}" with ${wanted.map((v) => v.name).join(', ')}`);
    label = (await ctx.run('createLabel', { name: labelName, values: wanted.map(valueBody) })).body as Label;
    valuesAdded = wanted.map((v) => v.name);
  } else {
    const missing = wanted.filter((v) => !existing.values.some((e) => sameName(e.name, v.name)));
    label = existing;
    valuesAdded = missing.map((v) => v.name);
    if (missing.length) {
      ctx.progress(`label "${existing.name}" exists; adding ${valuesAdded.join(', ')}`);
      const operations = missing.map((v) => ({ op: 'ADD', path: '/values/-', value: valueBody(v), refType: 'LABEL-VALUE' }));
      label = (await ctx.run('updateLabel', { labelId: existing.labelId, operations })).body as Label;
    }
  }
  const values = wanted.map((v) => {
    const found = label.values.find((e) => sameName(e.name, v.name));
    if (!found) throw new Error(`${name}: Okta did not return the value "${v.name}" of label ${label.name}`);
    return found;
  });

  ctx.progress(`putting ${values.map((v) => v.name).join(', ')} on ${orns.length} resource(s)`);
  // Okta refusing a change stays Okta's error (exit 1 in the CLI), with its errorSummary.
  await ctx.run('assignResourceLabels', { resourceOrns: orns, labelValueIds: values.map((v) => v.labelValueId) });
  return {
    labelId: label.labelId,
    label: label.name,
    created: !existing,
    valuesAdded,
    assigned: orns.map((orn) => ({ orn, values: values.map((v) => v.name) })),
    audit: {
      job: mission.title,
      startedBy,
      outcome: 'labelled',
      label: label.name,
      labelId: label.labelId,
      values: JSON.stringify(values.map((v) => v.name)),
      valueIds: JSON.stringify(values.map((v) => v.labelValueId)),
      resources: JSON.stringify(orns),
    },
  };
}

export const labelResourcesFlow: FlowTemplate<LabelResourcesInput, LabelledResources> = {
  name,
  title: mission.title,
  description: mission.description,
  cards: [...mission.cards],
  input: mission.input,
  run: (ctx, input) => labelResources(ctx, input),
};
