/**
 * The generated Workflows folder, checked over every declared card: each card has its helper flow,
 * the helper sends exactly the request the runtime would send for the same input, the templates
 * call helpers that exist with field names those helpers have, and the build is deterministic.
 */
import { compiledCards } from '../src/compile/registry.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArtifacts } from '../src/artifacts/build.ts';
import { compileCard, type Card, type CardInput } from '../src/compile/card.ts';
import { connectorReadme } from '../src/workflows/readme.ts';
import { flopackFolder } from '../src/workflows/export.ts';
import { operations } from '../src/operations/index.ts';
import { buildRequest } from '../src/runtime/build-request.ts';
import type { RunnableCard } from '../src/runtime/card-registry.ts';
import { packageVersion } from '../src/version.ts';
import { buildFolder } from '../src/workflows/folder.ts';
import { helperName, helperPlan, valueTypeOf } from '../src/workflows/helper-flows.ts';
import { lintFlopack } from '../src/workflows/lint.ts';
import { TEMPLATE_CARDS } from '../src/workflows/mission-flows.ts';
import { Interpreter } from './support/flow-interpreter.ts';

type Json = Record<string, any>;

const cards = operations.map(compileCard);
const { pack, summary } = buildFolder(cards);
const flowList = Object.values(pack.data.flos) as Json[];
const flowNamed = (name: string) => flowList.find((f) => f.name === name)!;
const fields = (card: Json, side: 'inputs' | 'outputs'): Json[] => Object.values(card.node.model[side].data);
const trigger = (flow: Json) => flow.data.methods.find((m: Json) => m.address === 'root:kernel:control:0.0.1:callable' || m.address === 'root:kernel:http:0.0.1:delegated');

describe('one helper flow per card', () => {
  it('covers every declared card, once', () => {
    const helpers = flowList.filter((f) => f.name.startsWith('OIG · '));
    expect(helpers.map((f) => f.name).sort()).toEqual(cards.map(helperName).sort());
    expect(summary.helpers.map((h) => h.cardId)).toEqual(cards.map((c) => c.id));
  });

  it.each(cards.map((c) => [c.id, c] as const))('%s: typed fields for its inputs, its method, a Return with status, headers, body and outputs', (_id, card) => {
    const flow = flowNamed(helperName(card));
    expect(flow.data.display.isCallable).toBe(true);
    const plan = helperPlan(card);
    const custom = fields(trigger(flow), 'outputs').filter((f) => f.group === null);
    expect(custom.map((f) => [f.key, f.value.type, f.value.collection])).toEqual(plan.inputs.map((i) => [i.key, valueTypeOf(i.type).type, valueTypeOf(i.type).list]));

    const call = flow.data.methods.filter((m: Json) => m.node.key === 'hTTPRequest');
    expect(call).toHaveLength(1);
    expect(call[0].address).toMatch(/^root:channels:http:okta:\d+\.\d+\.\d+:hTTPRequest$/);
    expect(fields(call[0], 'inputs').find((f) => f.key === 'requestType')!.value.data).toBe(card.method);

    const ret = flow.data.methods.find((m: Json) => m.node.key === 'return');
    const returned = fields(ret, 'inputs').map((f) => f.key);
    const main = card.list ? ['items', 'next', 'count'] : card.outputs.filter((o) => o.key !== 'response').map((o) => o.key);
    expect(returned).toEqual(['statusCode', 'headers', 'body', ...main]);
  });

  it('offers one input of each group of alternatives, and says why it leaves any input out', () => {
    for (const card of cards) {
      const plan = helperPlan(card);
      const taken = new Set(plan.inputs.map((i) => i.key));
      for (const group of card.oneOf) {
        expect(group.filter((k) => taken.has(k)), `${card.id} ${group.join('/')}`).toHaveLength(1);
        expect(plan.inputs.find((i) => group.includes(i.key))!.required).toBe(true);
      }
      for (const input of card.inputs) {
        if (!taken.has(input.key)) expect(plan.leftOut.find((l) => l.key === input.key)?.reason, `${card.id}.${input.key}`).toMatch(/\w/);
      }
    }
  });
});

describe('helper flows send the request the runtime sends', () => {
  let server: Server;
  let baseUrl: string;
  const seen: { method: string; url: string; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: [], _links: { self: { href: `${baseUrl}${req.url}` } } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A value of the input's type; path values carry a space so encoding shows. */
  function sample(input: CardInput, i: number): unknown {
    const one: Record<string, unknown> = { text: input.to.in === 'path' ? `id ${i}` : `text ${i}`, number: 7 + i, 'true/false': true, 'date & time': '2026-03-01T10:00:00.000Z', object: { note: `n${i}` } };
    const { list } = valueTypeOf(input.type);
    const item = input.type.replace('list of ', '').replace(/^numbers$/, 'number').replace(/^objects$/, 'object');
    const value = one[item] ?? `text ${i}`;
    return list ? [value, value] : value;
  }

  it.each(cards.map((c) => [c.id, c] as const))('%s', async (_id, card: Card) => {
    const plan = helperPlan(card);
    const values = Object.fromEntries(plan.inputs.map((input, i) => [input.key, sample(input, i)]));
    const expected = buildRequest({ card } as RunnableCard, values);

    seen.length = 0;
    const interpreter = new Interpreter(pack as unknown as Json, { baseUrl, token: 'test-token' });
    const result = await interpreter.run(helperName(card), values);
    expect(result.returned?.statusCode).toBe(200);
    expect(seen).toHaveLength(1);
    const [sent] = seen;
    const url = new URL(sent!.url, baseUrl);
    expect(sent!.method).toBe(expected.method);
    expect(url.pathname).toBe(expected.path);
    expect(Object.fromEntries(url.searchParams)).toEqual(expected.queryParams);
    expect(sent!.body ? JSON.parse(sent!.body) : undefined).toEqual(expected.body);
  });
});

describe('templates', () => {
  const templates = flowList.filter((f) => f.data.group === Object.values(pack.data.groups).find((g) => g.data.name === 'Start here · templates')!.id);

  it('are the three delegated flows and the event flow', () => {
    expect(templates.map((f) => f.name).sort()).toEqual(
      ['File an access request for a user', 'Label resources', 'Launch a security access review for a user', 'Review a user who reports suspicious activity'].sort(),
    );
    expect(templates.filter((f) => f.data.security_level === 'high').map((f) => f.name)).toHaveLength(3);
  });

  it('delegated forms only use text, number, true/false and date & time, never lists', () => {
    for (const flow of templates.filter((f) => f.data.security_level === 'high')) {
      const form = fields(trigger(flow), 'outputs').filter((f) => f.group === 'inputs');
      expect(form.length).toBeGreaterThan(0);
      for (const f of form) {
        expect(['string', 'number', 'boolean', 'Date']).toContain(f.value.type);
        expect(f.value.collection).toBe(false);
      }
    }
  });

  it('every Call Flow in the folder names a helper in the file and uses only field names it has', () => {
    const flowsById = new Map(flowList.map((f) => [f.id, f]));
    const calls: { from: string; card: Json }[] = [];
    const walk = (from: string, methods: Json[]) => {
      for (const m of methods) {
        if (m.node.key === 'spawn') calls.push({ from, card: m });
        for (const f of fields(m, 'inputs')) if (f.value.type === 'flo' && typeof f.value.data === 'object') walk(`${from} (inline)`, f.value.data.methods);
      }
    };
    for (const flow of flowList) walk(flow.name, flow.data.methods);
    expect(calls.length).toBeGreaterThan(cards.filter((c) => c.list).length);
    for (const { from, card } of calls) {
      const target = flowsById.get(fields(card, 'inputs').find((f) => f.key === 'flo')!.value.data);
      expect(target, `${from} → ${card.node.data.name}`).toBeDefined();
      const takes = new Set(fields(trigger(target!), 'outputs').map((f) => f.key));
      const ret = new Set(target!.data.methods.filter((m: Json) => m.node.key === 'return').flatMap((m: Json) => fields(m, 'inputs').map((f) => f.key)));
      for (const f of fields(card, 'inputs').filter((f) => f.metadata.custom)) expect(takes, `${from} passes ${f.key} to ${target!.name}`).toContain(f.key);
      for (const f of fields(card, 'outputs')) expect(ret, `${from} reads ${f.key} from ${target!.name}`).toContain(f.key);
    }
    expect(lintFlopack(pack).issues.filter((i) => i.rule === 'call')).toEqual([]);
  });

  it('call the card helpers of the cards they need', () => {
    const called = new Set<string>();
    const walk = (methods: Json[]) => {
      for (const m of methods) {
        for (const f of fields(m, 'inputs')) {
          if (f.value.type !== 'flo') continue;
          if (typeof f.value.data === 'string') called.add(pack.data.flos[f.value.data]!.name);
          else walk(f.value.data.methods);
        }
      }
    };
    for (const flow of flowList.filter((f) => !f.name.startsWith('OIG · '))) walk(flow.data.methods);
    for (const id of Object.keys(TEMPLATE_CARDS)) expect(called).toContain(helperName(cards.find((c) => c.id === id)!));
  });

  it('fail the build, naming the card, when a card they need is not declared', () => {
    expect(() => buildFolder(cards.filter((c) => c.id !== 'createRequest'))).toThrow(/need createRequest \(to file the request\).*src\/operations/);
  });
});

describe('the build', () => {
  it('is deterministic: the same declarations give byte-identical files', () => {
    const a = buildArtifacts({ version: packageVersion });
    const b = buildArtifacts({ version: packageVersion }, compiledCards());
    expect(a.get('connector/oig-connector.folder')).toBe(b.get('connector/oig-connector.folder'));
    expect(a.get('connector/README.md')).toBe(b.get('connector/README.md'));
    expect(flopackFolder(cards)).toBe(flopackFolder(operations.map(compileCard)));
  });

  it('writes the folder as one line of compact JSON, version 1.5.0, no checksum, in the envelope order of real exports', () => {
    const text = flopackFolder(cards);
    expect(text.indexOf('\n')).toBe(text.length - 1);
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['type', 'version', 'created', 'flags', 'data']);
    expect(doc.version).toBe('1.5.0');
    expect(Object.keys(doc.data)).toEqual(['flos', 'configs', 'tables', 'groups']);
  });

  it('writes connector/README.md with the steps, the scopes the templates need and the honest status', () => {
    const readme = connectorReadme(cards);
    for (const t of summary.templates) expect(readme).toContain(`### ${t.name}`);
    const needed = new Set(
      Object.keys(TEMPLATE_CARDS).flatMap((id) => cards.find((c) => c.id === id)!.scopes),
    );
    for (const scope of needed) expect(readme).toContain(`- \`${scope}\``);
    expect(readme).toMatch(/not yet imported it into a live Okta org/);
    expect(readme).toMatch(/Okta Workflows OAuth/);
    expect(readme).toMatch(/re-authorize/);
    expect(readme).toMatch(/Identity Threat Protection/);
  });
});

describe('helper plan', () => {
  const base: Card = { ...cards[0]!, id: 'testCard', method: 'POST', path: '/x/{thingId}', inputs: [], oneOf: [], list: null, outputs: [] };
  const input = (key: string, to: CardInput['to'], extra: Partial<CardInput> = {}): CardInput => ({ key, label: key, help: '', type: 'text', required: false, to, ...extra });

  it('prefers the friendly field, and falls back to the API form when the friendly one reshapes list items', () => {
    const card: Card = {
      ...base,
      inputs: [
        input('thingId', { in: 'path', name: 'thingId' }, { required: true }),
        input('valueList', { in: 'body', pointer: '/values', each: { name: '/name' } }, { type: 'list of objects' }),
        input('values', { in: 'body', pointer: '/values' }, { type: 'list of objects', advanced: true }),
        input('ownerId', { in: 'body', pointer: '/owner/id', set: { '/owner/type': 'USER' } }),
        input('owner', { in: 'body', pointer: '/owner' }, { type: 'object', advanced: true }),
      ],
      oneOf: [
        ['valueList', 'values'],
        ['ownerId', 'owner'],
      ],
    };
    const plan = helperPlan(card);
    expect(plan.inputs.map((i) => [i.key, i.required])).toEqual([
      ['thingId', true],
      ['values', true],
      ['ownerId', true],
    ]);
    expect(plan.leftOut.map((l) => l.key)).toEqual(['valueList', 'owner']);
    expect(plan.leftOut[0]!.reason).toMatch(/reshapes each list item.*takes values instead/);
  });

  it('leaves out an optional field whose fixed companions would be sent even when it is empty', () => {
    const plan = helperPlan({ ...base, inputs: [input('ownerId', { in: 'body', pointer: '/owner/id', set: { '/owner/type': 'USER' } })] });
    expect(plan.inputs).toEqual([]);
    expect(plan.leftOut[0]!.reason).toMatch(/fixed companion values/);
  });
});
