import { getAt } from './json-pointer.ts';
import type { CardInput } from '../compile/card.ts';
import type { JsonSchema } from '../compile/schemas.ts';
import { TransportError } from '../model/errors.ts';
import { orgOfOrns, ornPartition, ornSources, type OrnSource } from '../model/ids.ts';
import type { RunnableCard } from './card-registry.ts';
import type { SendContext } from './send.ts';

/**
 * Inputs declared with `acceptsIdsFor: 'orn'` take app (0oa…) and group (00g…) ids besides ORNs.
 * The runtime reads the org id and partition from the org (the getWellknownOrgMetadata card, `GET
 * /.well-known/okta-organization`, once per org), looks up what else an ORN needs (an app's name
 * with getApplication), and sends ORNs. Which cards and pointers: model/ids.ts.
 */

const sources = Object.values(ornSources);
const sourceOf = (value: unknown): OrnSource | undefined => (typeof value === 'string' ? sources.find((s) => s.id.test(value)) : undefined);
const idSchemas = sources.map((s) => ({ type: 'string', pattern: s.id.source }));

/** The input schema the runtime validates with: an ORN field of such an input also takes the ids. */
export function schemaAcceptingIds(schema: JsonSchema, inputs: readonly CardInput[]): JsonSchema {
  const fields = inputs.filter((i) => i.acceptsIdsFor === 'orn').map((i) => i.key);
  if (!fields.length) return schema;
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  const widen = (orn: JsonSchema): JsonSchema => ({ anyOf: [orn, ...idSchemas], description: 'an Okta Resource Name (orn:…), an app id (0oa…) or a group id (00g…)' });
  for (const key of fields) {
    const { title, description, ...field } = properties[key]!;
    properties[key] = field.type === 'array' ? { ...field, items: widen(field.items as JsonSchema), title, description } : { ...widen(field), title, description };
  }
  return { ...schema, properties };
}

/** True when an input holds ids that must become ORNs before the request is built. */
export function hasIdsForOrns(entry: RunnableCard, input: unknown): boolean {
  return idFields(entry).some((key) => valuesOf((input as Record<string, unknown>)[key]).some((v) => sourceOf(v)));
}

/** Runs a card over the same connection and options, to its answer's body. */
type Lookup = (card: string, input: Record<string, string>) => Promise<unknown>;

interface OrgOrn {
  orgId: string;
  partition: string;
}

const orgs = new Map<string, Promise<OrgOrn>>();

/** The input with every app and group id of those fields written as an ORN of the connection's org. */
export async function writeIdsAsOrns(entry: RunnableCard, input: Record<string, unknown>, ctx: SendContext, lookup: Lookup): Promise<Record<string, unknown>> {
  const org = await orgOf(ctx, lookup);
  const orn = async (value: unknown): Promise<unknown> => {
    const source = sourceOf(value);
    if (!source) return value;
    const id = value as string;
    if (!source.lookup) return source.orn({ ...org, id });
    const looked = getAt(await lookup(source.lookup.card, source.lookup.input(id)), source.lookup.pick);
    if (typeof looked !== 'string' || !looked) {
      throw new TransportError(`${ctx.entry.card.id}: ${source.lookup.card} gave no ${source.lookup.pick.slice(1)} for ${id}, which its ORN needs; give the ORN instead`, ctx.entry.card.id, false);
    }
    return source.orn({ ...org, id, looked });
  };
  const out = { ...input };
  for (const key of idFields(entry)) {
    const value = out[key];
    if (value === undefined) continue;
    out[key] = Array.isArray(value) ? await Promise.all(value.map(orn)) : await orn(value);
  }
  return out;
}

/** The org's id and ORN partition, asked once per org (a failure is not remembered). */
function orgOf(ctx: SendContext, lookup: Lookup): Promise<OrgOrn> {
  const key = ctx.connection.orgUrl.origin;
  let known = orgs.get(key);
  if (!known) {
    known = discover(ctx, lookup);
    orgs.set(key, known);
    known.catch(() => orgs.delete(key));
  }
  return known;
}

async function discover(ctx: SendContext, lookup: Lookup): Promise<OrgOrn> {
  const body = await lookup(orgOfOrns.card, {});
  const orgId = getAt(body, orgOfOrns.orgId);
  if (typeof orgId !== 'string' || !/^00o[0-9a-zA-Z]{17}$/.test(orgId)) {
    throw new TransportError(`${ctx.entry.card.id}: the org did not say its id (${orgOfOrns.card} gave no "id": "00o…"), so app and group ids can't be written as ORNs; give the ORNs instead`, ctx.entry.card.id, false);
  }
  // The org's own Okta host (a custom domain doesn't tell production from preview).
  const href = getAt(body, orgOfOrns.orgUrl);
  let host = ctx.connection.orgUrl.hostname;
  try {
    if (typeof href === 'string') host = new URL(href).hostname;
  } catch {
    // keep the connection's host
  }
  return { orgId, partition: ornPartition(host) };
}

const idFields = (entry: RunnableCard) => entry.card.inputs.filter((i) => i.acceptsIdsFor === 'orn').map((i) => i.key);
const valuesOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
