/**
 * Seeded stand-ins for objects of other orgs: the ids an example or a recording names are mapped to
 * objects of the simulator's seed of the same kind (by id prefix), and ORNs to the seeded ORNs.
 */
import type { Simulator } from '../../src/simulator/index.ts';

export interface Pools {
  [prefix: string]: string[];
}

export const ID = /\b(?=[0-9a-zA-Z]*\d)(00u|00g|0oa|esp|ent|enb|gra|0gg|col|ass|rco|req|sar|aim|sai|cen|ici|icr|rul|gda|wlp|lbc|lbl|res)[0-9a-zA-Z]{15,18}\b/g;
export const HEX24 = /\b[0-9a-f]{24}\b/g;
export const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

/** Objects of the seeded org, by the id prefix an example or a recording uses for them (most useful first). */
export function seedPools(sim: Simulator): Pools {
  const { seed } = sim;
  const f = seed.families!;
  const state = sim.state;
  const docs = state.docs;
  const app = (key: string) => seed.apps.find((a) => a.key === key)!.id;
  const requester = seed.users.requester.id;
  const grants = [...docs.grants.values()];
  const customGrant = grants.find((g) => g.grantType === 'CUSTOM' && g.targetPrincipal.externalId === requester && g.target.externalId === app('salesforce'))!;
  const sar = state.reviews.get(f.securityAccessReview)!;
  const entitlement = (key: string) => f.entitlements.find((e) => e.key === key)!;
  return {
    '00u': [requester, seed.users.manager.id, seed.users.security[1]!.id, seed.users.target.id, ...seed.users.all.map((u) => u.id)],
    '00g': [seed.groups.find((g) => g.key === 'sales')!.id, ...seed.groups.map((g) => g.id)],
    '0oa': [app('salesforce'), app('github'), app('aws'), app('slack'), app('workday')],
    esp: [entitlement('salesforce-permission-sets').id, entitlement('salesforce-profiles').id],
    ent: entitlement('salesforce-permission-sets').valueIds,
    enb: seed.entitlementBundles.map((b) => b.id),
    gra: [customGrant.id, ...grants.map((g) => g.id)],
    '0gg': [customGrant.id],
    col: [f.collections.assigned, f.collections.unassigned],
    ass: [...docs.collectionAssignments.values()].filter((a) => a.collectionId === f.collections.assigned).map((a) => a.id),
    res: [app('salesforce')],
    rco: [f.requestConditions.inactive, f.requestConditions.active],
    req: [f.myRequest, ...seed.requestsV2.map((r) => r.id)],
    sar: [sar.id],
    aim: sar.accesses.map((a) => a.id),
    sai: sar.accesses.flatMap((a) => a.subAccesses.map((s) => s.id)),
    cen: [seed.catalogEntries.find((e) => e.key === 'github')!.id, ...seed.catalogEntries.map((e) => e.id)],
    ici: [f.campaigns.scheduled, f.campaigns.active, f.campaigns.completed],
    icr: [...docs.certReviews.values()].filter((r) => r.campaignId === f.campaigns.active).map((r) => r.id),
    rul: [f.riskRule],
    gda: [f.delegate],
    wlp: ['wlp00000000000000001'],
    lbc: [seed.labels.crownJewel.labelId],
    lbl: [seed.labels.crownJewel.labelValueId],
    // The one no condition uses first, so a recorded delete of a sequence can happen.
    sequence: [...f.requestSequences].reverse(),
    uuid: state.catalogEntries.get(seed.catalogEntries.find((e) => e.key === 'github')!.id)!.fields.map((f) => f.id),
  };
}

/** The ORN the seeded org gives an object of this type. */
export function ornOf(sim: Simulator, type: string, id: string): string | undefined {
  const org = sim.seed.orgId;
  if (type === 'apps') return sim.state.apps.get(id)?.orn;
  if (type === 'users') return `orn:okta:directory:${org}:users:${id}`;
  if (type === 'groups') return `orn:okta:directory:${org}:groups:${id}`;
  return `orn:okta:governance:${org}:${type}:${id}`;
}

/** Every ORN of another org (okta or oktapreview partition) → the seeded ORN of the same object. */
export function rewriteOrns(sim: Simulator, text: string): string {
  return text.replace(/orn:okta(?:preview)?:(?:idp|directory|governance):00o[0-9a-zA-Z]+:([a-z-]+):(?:[a-z_0-9]+:)?([0-9a-zA-Z]+)/g, (orn, type: string, id: string) => ornOf(sim, type, id) ?? orn);
}

/**
 * Maps the ids of `text` the map doesn't know yet to seeded stand-ins of the same kind, in order
 * of appearance (`used` counts what each kind handed out); 24-hex ids by the key they sit under.
 */
export function assignStandIns(text: string, key: string, map: Map<string, string>, pools: Pools, used: Map<string, number>): void {
  const take = (kind: string, id: string) => {
    if (map.has(id)) return;
    const list = pools[kind] ?? [];
    const i = used.get(kind) ?? 0;
    if (list.length === 0) return;
    used.set(kind, i + 1);
    map.set(id, list[Math.min(i, list.length - 1)]!);
  };
  for (const m of text.matchAll(ID)) take(m[1]!, m[0]);
  for (const m of text.matchAll(HEX24)) if (/sequence/i.test(key)) take('sequence', m[0]);
  for (const m of text.matchAll(UUID)) take('uuid', m[0]);
}
