/**
 * Every card the exports carry is built from an attested prototype (src/workflows/prototypes.ts):
 * its type has a prototype, its model is the prototype's, and each field is a fixed field of the
 * type or an author-added one where the type takes them. The prototypes themselves are checked
 * against the real card each one names, in the MIT samples (../shared/workflows/samples).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowBuilder } from '../src/workflows/flow-builder.ts';
import { builtExports } from './support/built.ts';
import { fixedField, prototypes, type Prototype } from '../src/workflows/prototypes.ts';
import { hasShared, sharedPath } from './support/shared.ts';

type Json = Record<string, any>;

const { files } = builtExports();

/** Every card of a flow, the cards of inline sub-flows included. */
function cardsOf(methods: Json[]): Json[] {
  return methods.flatMap((m) => [
    m,
    ...Object.values(m.node.model.inputs.data as Json).flatMap((f: Json) => (f.value.type === 'flo' && f.value.data && typeof f.value.data === 'object' ? cardsOf(f.value.data.methods) : [])),
  ]);
}
const emitted = files.flatMap((f) => Object.values(f.pack.data.flos).flatMap((flow) => cardsOf(flow.data.methods as unknown as Json[]).map((card) => ({ file: f.path, flow: flow.name, card }))));

/** The prototypes a card could be made from (same address); the event's item card shares Helper Flow's address. */
function candidates(card: Json): Prototype[] {
  return Object.values(prototypes).filter((p) => p.address === card.address);
}

function matches(proto: Prototype, card: Json): string[] {
  const problems: string[] = [];
  const model = card.node.model;
  for (const key of ['executable', 'displayed', 'async', 'cooperative', 'mirrored', 'timeout', 'webhook'] as const) {
    if (model[key] !== proto[key]) problems.push(`${key} is ${model[key]}, prototype ${proto[key]}`);
  }
  for (const side of ['inputs', 'outputs'] as const) {
    const { data: _data, ...container } = model[side];
    if (JSON.stringify(container) !== JSON.stringify(proto[side])) problems.push(`${side} container ${JSON.stringify(container)} ≠ ${JSON.stringify(proto[side])}`);
    for (const field of Object.values(model[side].data as Json)) {
      const fixed = fixedField(proto, side, field.group, field.key);
      if (!fixed && !proto.custom[side].includes(field.group)) problems.push(`${side} field "${field.key}" (group ${field.group}) is neither a fixed field nor allowed as author-added`);
      const order = side === 'outputs' ? ['id', 'group', 'key', 'value', 'ref', 'metadata'] : proto.fieldOrder === 'trigger' ? ['id', 'group', 'key', 'value', 'ref', 'metadata', 'required', 'flags'] : ['id', 'group', 'key', 'value', 'required', 'ref', 'metadata', 'flags'];
      if (JSON.stringify(Object.keys(field).filter((k) => k !== '_used')) !== JSON.stringify(order)) problems.push(`${side} field "${field.key}" keys ${Object.keys(field).join(',')}`);
    }
  }
  const connectorKeys = proto.connector ? ['compat'] : [];
  const expectedKeys = [
    'type', '_v', 'key', 'executable', 'displayed', 'async', 'cooperative', 'mirrored', ...connectorKeys, 'inlined', 'dependencies', 'timeout', 'idempotent', 'monitor',
    'webhook', 'webhookList', 'webhookConditions', 'mobile', 'hooks', 'policy', 'metadata', 'meta', 'config', 'partnerChannelKeys', 'inputs', 'outputs', 'runtime',
    ...(proto.connector ? ['display', 'comments', 'enableNewMetadata'] : proto.display ? ['display'] : []),
  ];
  const actual = Object.keys(model).filter((k) => !(k === 'comments' && !proto.connector));
  if (JSON.stringify(actual) !== JSON.stringify(expectedKeys)) problems.push(`model keys ${actual.join(',')}`);
  if (JSON.stringify(Object.keys(card)) !== JSON.stringify(['joins', 'address', 'parents', 'uuid', 'branches', 'node', 'pins'])) problems.push(`card keys ${Object.keys(card).join(',')}`);
  return problems;
}

describe('every emitted card is built from an attested prototype', () => {
  it('sees the cards of every export, inline sub-flows included', () => {
    expect(emitted.length).toBeGreaterThan(2000);
    expect(new Set(emitted.map((e) => e.card.node.key))).toContain('userReportedSuspiciousActivityBeta');
    expect(new Set(emitted.map((e) => e.card.node.key))).toContain('createRow');
  });

  it('every card type has a prototype, and every card matches it', () => {
    const problems: string[] = [];
    for (const { file, flow, card } of emitted) {
      const protos = candidates(card);
      if (!protos.length) {
        problems.push(`${file} · ${flow} · ${card.node.data.name}: no prototype attests ${card.address}`);
        continue;
      }
      const results = protos.map((p) => matches(p, card));
      if (results.every((r) => r.length)) problems.push(`${file} · ${flow} · ${card.node.data.name}: ${results.sort((a, b) => a.length - b.length)[0]!.join('; ')}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('no Encode Component, no list-typed Body', () => {
    for (const { card } of emitted) {
      expect(card.node.key).not.toBe('encodeComponent');
      const body = Object.values(card.node.model.inputs.data as Json).find((f: Json) => f.group === 'Request' && f.key === 'Body');
      if (body) expect(body.value.collection).toBe(false);
    }
  });

  it('the builder refuses a field no prototype attests', () => {
    const fb = new FlowBuilder('test:unattested');
    expect(() => fb.step('get', 'x', { inputs: [{ key: 'text', type: 'string' }] })).toThrow(/Get card has no input "text"/);
    expect(() => fb.step('customApiAction', 'y', { inputs: [{ key: 'Body', type: 'object', group: 'Request', list: true }, { key: 'Cookies', type: 'object', group: 'Request' }] })).toThrow(/no input "Cookies"/);
  });
});

describe.skipIf(!hasShared)('the prototypes match the real cards they name (../shared/workflows/samples)', () => {
  const withSample = Object.entries(prototypes).filter(([, p]) => 'sample' in p.evidence) as [string, Prototype & { evidence: { sample: string; flow: string } }][];

  it('most card types are attested by an MIT sample', () => {
    expect(withSample.length).toBeGreaterThanOrEqual(20);
  });

  it.each(withSample)('%s', (_name, proto) => {
    const doc = JSON.parse(readFileSync(sharedPath('workflows', 'samples', proto.evidence.sample), 'utf8')) as Json;
    const flow = (Object.values(doc.data.flos) as Json[]).find((f) => f.name === proto.evidence.flow);
    expect(flow, `flow "${proto.evidence.flow}" in ${proto.evidence.sample}`).toBeDefined();
    const key = proto.address.split(':').at(-1);
    const real = cardsOf(flow!.data.methods).find((m) => (proto.connector ? m.node.key === key : m.address === proto.address));
    expect(real, `a ${key} card in "${proto.evidence.flow}"`).toBeDefined();
    const model = real!.node.model;
    for (const k of ['executable', 'displayed', 'async', 'cooperative', 'mirrored', 'timeout', 'webhook'] as const) expect(model[k], k).toBe(proto[k]);
    if (proto.connector) {
      expect(real!.address).toBe(proto.address);
      expect(model.metadata.id).toBe(proto.connector.metadataId);
      expect(model.comments).toBe(proto.connector.comments);
      expect(real!.parents.version.data.id).toBe(proto.connector.parentIds.version);
      expect(real!.parents.channel.data.id).toBe(proto.connector.parentIds.channel);
      expect(Object.values(model.meta).map((h: any) => h.address)).toEqual(proto.connector.hooks);
    }
    for (const side of ['inputs', 'outputs'] as const) {
      const { data, ...container } = model[side];
      expect(container, `${side} container`).toEqual(proto[side]);
      const realFixed = (Object.values(data) as Json[]).filter((f) => !f.metadata?.custom && !f.metadata?.forceHide);
      for (const fixed of proto.fixed[side].filter((x) => !x.attested)) {
        expect(realFixed.some((f) => f.key === fixed.key && f.group === fixed.group), `${side} field ${fixed.group ?? ''}/${fixed.key} on the real card`).toBe(true);
      }
      for (const f of realFixed.filter((x) => !(proto.custom[side].includes(x.group) && x.metadata?.custom))) {
        if (proto.mirrored || proto.custom[side].includes(f.group)) continue;
        expect(fixedField(proto, side, f.group, f.key), `${side} field ${f.group ?? ''}/${f.key} of the real card is in the prototype`).toBeDefined();
      }
      const order = side === 'outputs' ? ['id', 'group', 'key', 'value', 'ref', 'metadata'] : proto.fieldOrder === 'trigger' ? ['id', 'group', 'key', 'value', 'ref', 'metadata', 'required', 'flags'] : ['id', 'group', 'key', 'value', 'required', 'ref', 'metadata', 'flags'];
      for (const f of Object.values(data) as Json[]) {
        if (proto.mirrored && side === 'outputs') continue;
        expect(Object.keys(f).filter((k) => k !== '_used'), `${side} field ${f.key}: key order`).toEqual(order);
      }
    }
  });
});
