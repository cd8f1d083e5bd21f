/**
 * Every card's own example, run through the runtime against the simulator with an independent
 * validator (openapi-backend over ../shared/oig/governance-openapi.yaml) in front of it: each card
 * succeeds, no answer is the simulator's generic 404, and every request and response conforms to
 * the official spec — except the deviations listed in SPEC_DEVIATIONS, each with its evidence.
 *
 * The examples name objects of Okta's documentation org; they are mapped to objects the seed
 * provides (same kind, in order of appearance), and a few cards whose example needs an object in
 * a particular state get it (ON_SEED below, each with the reason).
 */
import { readFileSync } from 'node:fs';
import type { Document } from 'openapi-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operations } from '../src/operations/index.ts';
import { OktaApiError, prepareCard, runCard } from '../src/runtime/index.ts';
import type { CardId } from '../src/runtime/index.ts';
import { simulatorRoutes, startSimulator, type Simulator } from '../src/simulator/index.ts';
import { exampleOf } from './support/cards.ts';
import { REFUSAL_HEADER, specValidator, startValidatingProxy, type Exchange, type ValidatingProxy } from './support/openapi-proxy.ts';
import { HEX24, ID, ornOf, seedPools, UUID, type Pools } from './support/stand-ins.ts';
import { hasShared, sharedPath } from './support/shared.ts';

type Json = Record<string, unknown>;

/** Core Okta reads the flows use: the management API, not the OIG spec. */
const NOT_IN_OIG_SPEC = new Set(['listUsers', 'getUser', 'listApplications', 'getApplication', 'listGroups', 'getGroup', 'getWellknownOrgMetadata']);

/**
 * Where the simulator follows reality rather than the spec (API-NOTES §7 and the recorded traffic
 * decide). Key: `operationId request|response`, value: the evidence. A listed deviation that no
 * longer occurs fails the test, so the list stays honest.
 */
const UNDECLARED_400 =
  'the spec declares no 400 here, but a body that breaks the contract gets 400 E0000001 on every OIG endpoint (API-NOTES §4.2; recorded: go-sdk-request_types-create_delete_request_type.json#0)';

const SPEC_DEVIATIONS: Record<string, string> = {
  // Answers to a body of the wrong type (the refusal pass): the real API's 400, which these operations don't declare.
  'createSecurityAccessReview response': UNDECLARED_400,
  'updateSecurityAccessReview response': UNDECLARED_400,
  'executeSecurityAccessReviewAction response': UNDECLARED_400,
  'executeSecurityAccessReviewAccessesAction response': UNDECLARED_400,
  'addSecurityAccessReviewComment response': UNDECLARED_400,
  'createRequestMessage response': UNDECLARED_400,
  'createRequestMessageV2 response': UNDECLARED_400,
  'endCampaign response': UNDECLARED_400,
  'updateResourceRequestConditionV2 response': UNDECLARED_400,
  'updateOrgRequestSettingsV2 response': UNDECLARED_400,
  'executeMySecurityAccessReviewAccessesAction response': UNDECLARED_400,
  'executeMySecurityAccessReviewAction response': UNDECLARED_400,
  'addMySecurityAccessReviewComment response': UNDECLARED_400,

  // grant-full and grant-full-with-entitlements overlap (no discriminator, no additionalProperties:
  // false): any grant that lists entitlements matches both branches, so `oneOf` can't hold. The
  // spec's own examples grant-custom-full-example, grant-custom-with-full-entitlements and
  // grants-success-custom-response fail the same check (API-NOTES §7.2: spec examples contradict
  // the spec's schemas).
  'getGrant response': 'oneOf of two overlapping grant schemas: a CUSTOM grant with entitlements matches both (the spec example grant-custom-full-example does too)',
  'listGrants response': 'same oneOf as getGrant, per item (the spec example grants-success-custom-response does too)',
};

/** The seed's stand-ins, with a custom label (the predefined ones can't be changed). */
async function pools(sim: Simulator): Promise<Pools> {
  const label = (await (await fetch(`${sim.url}/governance/api/v1/labels`, {
    method: 'POST',
    headers: { Authorization: `SSWS ${sim.apiToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Data sensitivity', values: [{ name: 'Confidential' }, { name: 'Internal' }] }),
  })).json()) as { labelId: string; values: { labelValueId: string }[] };
  return { ...seedPools(sim), lbc: [label.labelId], lbl: label.values.map((v) => v.labelValueId) };
}

/** 24-hex ids mean different things; the field or parameter name says which. */
function hexFor(key: string, sim: Simulator, made: { v1Request?: string }): string | undefined {
  const f = sim.seed.families!;
  if (/sequence/i.test(key)) return f.requestSequences[0];
  if (/requestType/i.test(key)) return sim.seed.requestTypes.active.id;
  if (/owner|team/i.test(key)) return sim.seed.team.id;
  if (key === 'requestId') return made.v1Request;
  return undefined;
}

/** The example with its ids replaced by seeded ones of the same kind (entitlement values stay with their entitlement). */
function mapExample(example: Json, pool: Pools, sim: Simulator, made: { v1Request?: string }): Json {
  const map = new Map<string, string>();
  const used = new Map<string, number>();
  const take = (prefix: string) => {
    const list = pool[prefix === '0gg' ? '0gg' : prefix] ?? [];
    const i = used.get(prefix) ?? 0;
    used.set(prefix, i + 1);
    return list[Math.min(i, list.length - 1)];
  };
  const mapId = (id: string, prefix: string) => {
    if (!map.has(id)) {
      const to = take(prefix);
      if (to) map.set(id, to);
    }
    return map.get(id) ?? id;
  };
  const valuesOf = (entitlementId: string) => [...sim.state.docs.entitlements.get(entitlementId)?.values ?? []].map((v) => v.id as string);
  // Values of an entitlement follow it: {id: esp…, values: [{id: ent…}]} and {entitlementId, valueId}.
  const pair = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(pair);
    if (!node || typeof node !== 'object') return;
    const o = node as Json;
    const espKey = typeof o.id === 'string' && o.id.startsWith('esp') ? 'id' : typeof o.entitlementId === 'string' ? 'entitlementId' : undefined;
    if (espKey) {
      const mapped = valuesOf(mapId(o[espKey] as string, 'esp'));
      if (Array.isArray(o.values)) o.values.forEach((v, i) => typeof (v as Json)?.id === 'string' && mapped[i] && map.set((v as Json).id as string, mapped[i]!));
      if (typeof o.valueId === 'string' && mapped[0]) map.set(o.valueId, mapped[0]);
    }
    Object.values(o).forEach(pair);
  };
  pair(example);
  const walk = (node: unknown, key: string): unknown => {
    if (Array.isArray(node)) return node.map((n) => walk(n, key));
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    if (typeof node !== 'string') return node;
    let s = node.replace(ID, (id, prefix: string) => mapId(id, prefix));
    s = s.replace(HEX24, (hex) => hexFor(key, sim, made) ?? hex);
    s = s.replace(UUID, (uuid) => mapId(uuid, 'uuid'));
    return s.replace(/orn:okta:(idp|directory|governance):00o[0-9a-zA-Z]+:([a-z-]+):(?:[a-z_0-9]+:)?([0-9a-zA-Z]+)/g, (orn, _ns: string, type: string, id: string) => ornOf(sim, type, id) ?? orn);
  };
  return walk(example, '') as Json;
}

/** Cards whose example needs an object in another state than the first of its kind, and why. */
const ON_SEED: Record<string, (input: Json, sim: Simulator) => Json> = {
  // end, reassign and agent connections need an ACTIVE campaign (the first seeded one is SCHEDULED).
  endCampaign: (input, sim) => ({ ...input, campaignId: sim.seed.families!.campaigns.active }),
  reassignReviews: (input, sim) => ({ ...input, campaignId: sim.seed.families!.campaigns.active }),
  listMyManagedConnections: (input, sim) => ({ ...input, campaignId: sim.seed.families!.campaigns.active }),
  // Only an ACTIVE request condition can be deactivated.
  deactivateResourceRequestConditionV2: (input, sim) => ({ ...input, requestConditionId: sim.seed.families!.requestConditions.active }),
  // Entitlements, bundles and collections in use can't be deleted: delete unused ones.
  deleteEntitlement: (input, sim) => ({ ...input, entitlementId: sim.seed.families!.entitlements.find((e) => e.key === 'slack-workspaces')!.id }),
  deleteEntitlementBundle: (input, sim) => ({ ...input, entitlementBundleId: sim.seed.entitlementBundles.find((b) => b.key === 'aws-billing-read')!.id }),
  deleteCollection: (input, sim) => ({ ...input, collectionId: sim.seed.families!.collections.unassigned }),
  // A change id is made by the grants of the seed.
  // The example's login is a person of Okta's documentation; ask for a seeded person's.
  getUser: (input, sim) => ({ ...input, id: sim.seed.users.requester.login }),
  // A sequence a condition uses can't be deleted: delete the one nobody uses.
  deleteRequestSequenceV2: (input, sim) => ({ ...input, sequenceId: sim.seed.families!.requestSequences.at(-1)! }),
  getPrincipalEntitlementsChanges: (input, sim) => ({ ...input, principalEntitlementsChangeId: [...sim.state.docs.entitlementChanges.keys()][0]! }),
};

/** Runs one card against a fresh simulator behind the proxy; the failure, if any, as a sentence. */
async function drive(id: string, proxy: ValidatingProxy): Promise<string | undefined> {
  const sim = await startSimulator({ activationDelayMs: 0, requestDecisionDelayMs: 0, rateLimits: { '*': 100_000 } });
  try {
    proxy.target = sim.url;
    const op = operations.find((o) => o.id === id)!;
    const made: { v1Request?: string } = {};
    const pool = await pools(sim);
    // v1 request ids are 24-hex like several other kinds: the example's v1 request is made first.
    if (/^[0-9a-f]{24}$/.test(String(exampleOf(op).requestId))) {
      const create = operations.find((o) => o.id === 'createRequest')!;
      const created = await runCard('createRequest', mapExample(structuredClone(exampleOf(create)), pool, sim, made) as never, { orgUrl: sim.url, accessToken: sim.token });
      made.v1Request = (created.body as { id: string }).id;
    }
    let input = mapExample(structuredClone(exampleOf(op)), pool, sim, made);
    input = ON_SEED[id]?.(input, sim) ?? input;
    try {
      // First the refusal: the same call with a body of the wrong type, straight to the wire (the
      // runtime would refuse it before sending), so error answers are checked too.
      const planned = prepareCard(id, input).request;
      if (planned.body !== undefined) {
        await fetch(`${proxy.url}${planned.path}${planned.query ? `?${planned.query}` : ''}`, {
          method: planned.method,
          headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json', [REFUSAL_HEADER]: '1' },
          body: JSON.stringify(Array.isArray(planned.body) ? {} : []),
        });
      }
      await runCard(id as CardId, input as never, { orgUrl: proxy.url, accessToken: sim.token });
      return undefined;
    } catch (error) {
      if (error instanceof OktaApiError) return `${error.status} ${error.errorCode ?? ''} ${error.errorSummary} ${JSON.stringify(error.causes)} — input ${JSON.stringify(input)}`;
      return `${(error as Error).message} — input ${JSON.stringify(input)}`;
    }
  } finally {
    await sim.close();
  }
}

describe('the simulator serves every card', () => {
  it('has a route for every operation the cards declare, at the card method, path and scope', () => {
    const byId = new Map(simulatorRoutes.map((r) => [r.operationId, r]));
    const missing = operations.filter((op) => !byId.has(op.id)).map((op) => op.id);
    expect(missing).toEqual([]);
    const drift = operations.flatMap((op) => {
      const r = byId.get(op.id)!;
      const scoped = r.public ? op.scopes.length === 0 : op.scopes.includes(r.scope);
      return r.method === op.method && r.path === op.path && scoped ? [] : [`${op.id}: card ${op.method} ${op.path} ${op.scopes.join(' ')}, simulator ${r.method} ${r.path} ${r.scope}`];
    });
    expect(drift).toEqual([]);
  });
});

describe.skipIf(!hasShared)('every card example against the simulator, checked by an independent OpenAPI validator', () => {
  let proxy: ValidatingProxy;
  beforeAll(async () => {
    const definition = parse(readFileSync(sharedPath('oig', 'governance-openapi.yaml'), 'utf8')) as Document;
    proxy = await startValidatingProxy(await specValidator(definition), 'http://127.0.0.1:9');
  }, 60_000);
  afterAll(async () => proxy?.close());

  it('runs each card example to success, and every exchange conforms except the listed deviations', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const failure = await drive(op.id, proxy);
      if (failure) failures.push(`${op.id}: ${failure}`);
    }
    const problems = new Map<string, string[]>();
    const note = (x: Exchange, side: 'request' | 'response', list: string[]) => {
      if (!list.length || !x.operationId) return;
      const key = `${x.operationId} ${side}`;
      problems.set(key, [...(problems.get(key) ?? []), `${x.method} ${x.path} → ${x.status}: ${list.join('; ')}`]);
    };
    for (const x of proxy.exchanges) {
      note(x, 'request', x.request);
      note(x, 'response', x.response);
    }
    const unexpected = [...problems].filter(([key]) => !SPEC_DEVIATIONS[key]).map(([key, lines]) => `${key}:\n    ${[...new Set(lines)].slice(0, 3).join('\n    ')}`);
    const stale = Object.keys(SPEC_DEVIATIONS).filter((key) => !problems.has(key));
    const generic404 = proxy.exchanges.filter((x) => x.status === 404 && !x.operationId && !NOT_IN_OIG_SPEC.has(x.operationId ?? '')).map((x) => `${x.method} ${x.path}`);
    expect({ failures, unexpected, stale, generic404 }).toEqual({ failures: [], unexpected: [], stale: [], generic404: [] });
    // The validator saw the OIG calls (a proxy that matched nothing would pass everything).
    const checked = new Set(proxy.exchanges.map((x) => x.operationId).filter(Boolean));
    expect(operations.filter((op) => !NOT_IN_OIG_SPEC.has(op.id) && !checked.has(op.id)).map((op) => op.id)).toEqual([]);
  }, 240_000);
});
