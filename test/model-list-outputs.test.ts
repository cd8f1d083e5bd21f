/**
 * Outputs as documented (issue 12 item 2): every item of a list card carries the card's item outputs,
 * picked from the record, plus `raw`, the record as the API sent it. Checked against records from the
 * simulator (always), and from recorded real traffic and the official spec's examples (with ../shared):
 * each item output's pointer must reach something in some real record, with the documented type.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCard, type BodyCardOutput, type Card } from '../src/compile/card.ts';
import { RAW_RECORD } from '../src/model/answers.ts';
import type { WorkflowsType } from '../src/model/operation.ts';
import { findOperation, operations } from '../src/operations/index.ts';
import { runCard, type CardId } from '../src/runtime/index.ts';
import { getAt } from '../src/runtime/json-pointer.ts';
import { itemsOf, listItemsOf } from '../src/runtime/parse-response.ts';
import { simulatorRoutes, startSimulator, type Simulator } from '../src/simulator/index.ts';
import { exampleOf } from './support/cards.ts';
import { loadRecorded } from './support/recorded.ts';
import { hasShared } from './support/shared.ts';
import { deref, loadSpec } from './support/spec.ts';

const listCards: Card[] = operations.filter((op) => op.answer.kind === 'list').map(compileCard);
const documented = (card: Card) => card.list!.itemOutputs.filter((o) => o.key !== RAW_RECORD);

/**
 * Item outputs no sample record carries: optional fields of the spec's record schema that neither the
 * spec's examples, the recordings nor the simulator happen to fill. Each must stay absent from every
 * sample (a test checks), so the list can't hide a pointer that went wrong.
 */
const absentFromEverySample: Record<string, Record<string, string>> = {
  reassignReviews: { principalLogin: 'principalProfile.login is in the spec schema; its examples give only id, email, names and status' },
  addResourcesToCollection: { entitlements: 'entitlements is in the spec schema for a resource with entitlements; the example adds a whole app' },
  listGrants: { expirationDate: 'scheduleSettings.expirationDate: only grants that expire carry it; no example grant expires' },
  listAllDefaultUserEntriesV2: { label: 'label is in the spec schema; the examples give only name and description' },
  listSecurityAccessReviewAccessesAnomalies: { sodConflicts: 'sodConflicts: only separation-of-duties anomalies carry it; the examples are usage anomalies' },
  listMySecurityAccessReviewAccessesAnomalies: { sodConflicts: 'sodConflicts: only separation-of-duties anomalies carry it; the examples are usage anomalies' },
};

/** Whether a value has the Workflows type the card documents for it. */
function fits(type: WorkflowsType, value: unknown): boolean {
  const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  switch (type) {
    case 'text':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'true/false':
      return typeof value === 'boolean';
    case 'date & time':
      return isDate(value);
    case 'object':
      return value !== null && typeof value === 'object';
    case 'list of text':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'list of numbers':
      return Array.isArray(value) && value.every((v) => typeof v === 'number');
    case 'list of true/false':
      return Array.isArray(value) && value.every((v) => typeof v === 'boolean');
    case 'list of date & time':
      return Array.isArray(value) && value.every(isDate);
    case 'list of objects':
      return Array.isArray(value) && value.every((v) => v !== null && typeof v === 'object');
  }
}

/** "card.key: why", for every item output whose value in some record has another type than documented. */
function misfits(card: Card, records: unknown[], source: string): string[] {
  return documented(card).flatMap((o) =>
    records
      .map((r) => getAt(r, o.from))
      .filter((v) => v !== undefined && v !== null && v !== '' && !fits(o.type, v))
      .slice(0, 1)
      .map((v) => `${card.id}.${o.key} (${o.from}) is documented as ${o.type}, but a ${source} record has ${JSON.stringify(v).slice(0, 80)}`),
  );
}

// ---- The simulator: every list card it serves, path ids taken from the list one level up ----

const served = new Set(simulatorRoutes.map((r) => r.operationId));
let sim: Simulator;
const fromSimulator = new Map<string, { items: Record<string, unknown>[] }>();

/** A value for each path parameter: the id of the first record of the list card at the path above it. */
async function pathValues(template: string): Promise<Record<string, string> | undefined> {
  const values: Record<string, string> = {};
  for (const match of template.matchAll(/\/\{([^}]+)\}/g)) {
    const above = template.slice(0, match.index);
    const lister = listCards.find((c) => c.path === above && served.has(c.id));
    if (!lister) return undefined;
    const items = (await simulated(lister))?.items ?? [];
    const id = items.map((i) => getAt(i[RAW_RECORD], '/id')).find((v) => typeof v === 'string');
    if (typeof id !== 'string') return undefined;
    values[match[1]!] = id;
  }
  return values;
}

async function simulated(card: Card): Promise<{ items: Record<string, unknown>[] } | undefined> {
  if (fromSimulator.has(card.id)) return fromSimulator.get(card.id);
  const path = await pathValues(card.path);
  if (!path) return undefined;
  const example = exampleOf(findOperation(card.id)!);
  const required = Object.fromEntries(card.inputs.filter((i) => i.required && i.to.in !== 'path').map((i) => [i.key, example[i.key]]));
  try {
    const result = await runCard(card.id as CardId, { ...required, ...path } as never, { orgUrl: sim.url, accessToken: sim.token }, { resultSet: 'firstN', limit: 50 });
    const outputs = result.outputs as { items: Record<string, unknown>[] };
    fromSimulator.set(card.id, outputs);
    return outputs;
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { '*': 100_000 }, activationDelayMs: 0, requestDecisionDelayMs: 0 });
  sim.addReviews(3);
});
afterAll(() => sim?.close());

describe('list items as the runtime returns them (simulator)', () => {
  it('carry each documented output picked from the record, and the record itself as raw', async () => {
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const card of listCards.filter((c) => served.has(c.id))) {
      const items = (await simulated(card))?.items ?? [];
      if (!items.length) continue;
      checked.push(card.id);
      for (const item of items) {
        const expected: Record<string, unknown> = {};
        for (const o of card.list!.itemOutputs) {
          const value = getAt(item[RAW_RECORD], o.from);
          if (value !== undefined) expected[o.key] = value;
        }
        if (JSON.stringify(item) !== JSON.stringify(expected)) wrong.push(`${card.id}: ${JSON.stringify(item).slice(0, 120)}`);
      }
      wrong.push(...misfits(card, items.map((i) => i[RAW_RECORD]), 'simulator'));
    }
    expect(wrong).toEqual([]);
    // The lists the simulator seeds, and the lists below a review (its ids come from the list above).
    expect(checked).toEqual(
      expect.arrayContaining(['listSecurityAccessReviews', 'listSecurityAccessReviewAccesses', 'listSecurityAccessReviewSubAccesses', 'listAllRequestsV2', 'listAllRequestTypes', 'listLabels', 'listUsers']),
    );
  });

  it('never use the key raw for a documented output (it would hide the record)', () => {
    for (const card of listCards) {
      expect(documented(card).map((o) => o.key), card.id).not.toContain(RAW_RECORD);
      expect(card.list!.itemOutputs.at(-1), card.id).toEqual({ key: RAW_RECORD, label: 'Raw record', type: 'object', from: '', help: 'The record as the API sent it.' });
    }
  });
});

describe.skipIf(!hasShared)('list item outputs against real records (recorded traffic, spec examples, simulator)', () => {
  /** Every sample record of each card; `real` leaves out the spec's hand-written examples (one has a stray quote in its dates). */
  const samples = new Map<string, unknown[]>();
  const real = new Map<string, unknown[]>();
  const add = (id: string, records: unknown[], isReal = true) => {
    samples.set(id, [...(samples.get(id) ?? []), ...records]);
    if (isReal) real.set(id, [...(real.get(id) ?? []), ...records]);
  };

  beforeAll(async () => {
    const byId = new Map(listCards.map((c) => [c.id, c]));
    for (const { interactions } of loadRecorded()) {
      for (const i of interactions) {
        const card = byId.get(i.operation.operationId);
        if (card && i.response.status === card.successStatus) add(card.id, itemsOf(i.response.body, card.list!.itemsAt));
      }
    }
    const { doc, entries } = loadSpec();
    for (const card of listCards) {
      const response = deref(doc, entries.get(card.id)?.operation.responses?.[String(card.successStatus)]) as OpenAPIV3.ResponseObject | undefined;
      const media = response?.content?.['application/json'];
      const bodies = [media?.example, ...Object.values(media?.examples ?? {}).map((e) => (e as OpenAPIV3.ExampleObject).value)];
      add(card.id, bodies.filter((b) => b !== undefined).flatMap((b) => itemsOf(b, card.list!.itemsAt)), false);
      const simulatedItems = (await simulated(card))?.items ?? [];
      add(card.id, simulatedItems.map((i) => i[RAW_RECORD]));
    }
  });

  it('find sample records for every list card', () => {
    expect(listCards.filter((c) => !samples.get(c.id)?.length).map((c) => c.id)).toEqual([]);
  });

  it('reach a value in some record for every item output (or say why none has it)', () => {
    const missing = listCards.flatMap((card) =>
      documented(card)
        .filter((o) => !absentFromEverySample[card.id]?.[o.key])
        .filter((o) => !(samples.get(card.id) ?? []).some((r) => getAt(r, o.from) !== undefined))
        .map((o: BodyCardOutput) => `${card.id}.${o.key} (${o.from})`),
    );
    expect(missing).toEqual([]);
  });

  it('keep the list of outputs absent from every sample true', () => {
    const present = Object.entries(absentFromEverySample).flatMap(([id, keys]) => {
      const card = listCards.find((c) => c.id === id);
      if (!card) return [`${id} is not a list card`];
      return Object.keys(keys).flatMap((key) => {
        const output = documented(card).find((o) => o.key === key);
        if (!output) return [`${id}.${key} is not an item output`];
        return (samples.get(id) ?? []).some((r) => getAt(r, output.from) !== undefined) ? [`${id}.${key} is in a sample now: drop it from the list`] : [];
      });
    });
    expect(present).toEqual([]);
  });

  it('have the documented type wherever a recorded or simulated record has them', () => {
    expect(listCards.flatMap((card) => misfits(card, real.get(card.id) ?? [], 'recorded or simulated'))).toEqual([]);
  });

  it('come out of the runtime the same way for recorded records', () => {
    for (const card of listCards) {
      const records = samples.get(card.id) ?? [];
      const at = card.list!.itemsAt;
      const body = at === undefined ? { data: records } : at === '' ? records : { [at.slice(1)]: records };
      const items = listItemsOf(card, body);
      expect(items.map((i) => i[RAW_RECORD]), card.id).toEqual(records);
    }
  });
});
