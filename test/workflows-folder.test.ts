/**
 * The generated Workflows exports, checked over every declared card: each card has its helper flow
 * in the library, the helper sends exactly the request the runtime would send for the same input
 * (and nothing for an id that fails the card's pattern), the templates call helpers that exist with
 * field names those helpers have, each export stays within what real exports hold, and the build
 * is deterministic.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card, CardInput } from '../src/compile/card.ts';
import { compiledCards } from '../src/compile/registry.ts';
import { buildRequest } from '../src/runtime/build-request.ts';
import type { RunnableCard } from '../src/runtime/card-registry.ts';
import { buildExports, MAX_FLOWS } from '../src/workflows/folder.ts';
import { helperName, helperPlan, valueTypeOf } from '../src/workflows/helper-flows.ts';
import { lintFlopack } from '../src/workflows/lint.ts';
import { missions } from '../src/missions/index.ts';
import { builtArtifacts, builtExports } from './support/built.ts';
import { FlowError, Interpreter } from './support/flow-interpreter.ts';

type Json = Record<string, any>;

const compiled = compiledCards();
const cards = compiled.map((c) => c.card);
const { files, summary } = builtExports();
const packs = files.map((f) => f.pack as unknown as Json);
const libraryPacks = files.filter((f) => f.path.startsWith('helpers/')).map((f) => f.pack as unknown as Json);
const templatePacks = files.filter((f) => f.path.startsWith('templates/'));
const flowsOf = (pack: Json): Json[] => Object.values(pack.data.flos);
const libraryFlows = libraryPacks.flatMap(flowsOf);
const flowNamed = (name: string) => libraryFlows.find((f) => f.name === name)!;
const packOf = (name: string) => libraryPacks.find((p) => flowsOf(p).some((f) => f.name === name))!;
const fields = (card: Json, side: 'inputs' | 'outputs'): Json[] => Object.values(card.node.model[side].data);
const trigger = (flow: Json) => flow.data.methods.find((m: Json) => m.address === 'root:kernel:control:0.0.1:callable' || m.address === 'root:kernel:http:0.0.1:delegated');

describe('one helper flow per card', () => {
  it('covers every declared card, once', () => {
    const helpers = libraryFlows.filter((f) => f.name.startsWith('OIG · '));
    expect(helpers.map((f) => f.name).sort()).toEqual(cards.map(helperName).sort());
    expect(summary.library.flatMap((l) => l.helpers.map((h) => h.cardId))).toEqual(cards.map((c) => c.id));
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
    expect(fields(call[0], 'inputs').find((f) => f.key === 'Body')?.value.collection ?? false).toBe(false);
    expect(flow.data.methods.map((m: Json) => m.node.key)).not.toContain('encodeComponent');
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

  /** A value of the input's type; a path id that passes the card's own pattern (its example's). */
  function sample(card: Card, input: CardInput, i: number): unknown {
    if (input.to.in === 'path') {
      const example = (compiled.find((c) => c.card.id === card.id)!.inputSchema.examples as Json[] | undefined)?.[0];
      return example?.[input.key] ?? `id${i}`;
    }
    const one: Record<string, unknown> = { text: `text ${i}`, number: 7 + i, 'true/false': true, 'date & time': '2026-03-01T10:00:00.000Z', object: { note: `n${i}` } };
    const { list } = valueTypeOf(input.type);
    const item = input.type.replace('list of ', '').replace(/^numbers$/, 'number').replace(/^objects$/, 'object');
    const value = one[item] ?? `text ${i}`;
    return list ? [value, value] : value;
  }

  it.each(cards.map((c) => [c.id, c] as const))('%s', async (_id, card: Card) => {
    const plan = helperPlan(card);
    const values = Object.fromEntries(plan.inputs.map((input, i) => [input.key, sample(card, input, i)]));
    const expected = buildRequest({ card } as RunnableCard, values);

    seen.length = 0;
    const interpreter = new Interpreter(packOf(helperName(card)), { baseUrl, token: 'test-token' });
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

  const withPath = cards.filter((c) => c.inputs.some((i) => i.to.in === 'path'));
  it.each(withPath.map((c) => [c.id, c] as const))('%s: an id that could leave its path segment stops the helper, naming the card and field; nothing is sent', async (_id, card: Card) => {
    const plan = helperPlan(card);
    const values = Object.fromEntries(plan.inputs.map((input, i) => [input.key, sample(card, input, i)]));
    const pathInput = plan.inputs.find((i) => i.to.in === 'path')!;
    values[pathInput.key] = '../../api/v1/users';
    seen.length = 0;
    const run = new Interpreter(packOf(helperName(card)), { baseUrl, token: 'test-token' }).run(helperName(card), values);
    await expect(run).rejects.toThrow(FlowError);
    await expect(run).rejects.toThrow(new RegExp(`${card.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${pathInput.key} "\\.\\./\\.\\./api/v1/users" must`));
    expect(seen).toEqual([]);
  });
});

describe('templates', () => {
  const templateFlows = templatePacks.flatMap((f) => flowsOf(f.pack as unknown as Json));
  const entry = templateFlows.filter((f) => !f.data.display.isCallable);

  it('one export per mission template, each within what real exports hold', () => {
    expect(summary.templates.map((t) => t.slug).sort()).toEqual(['file-access-request', 'label-resources', 'launch-security-access-review', 'review-on-suspicious-activity']);
    for (const f of files) expect(Object.keys(f.pack.data.flos).length, f.path).toBeLessThanOrEqual(MAX_FLOWS);
    expect(new Set(summary.templates.map((t) => t.mission))).toEqual(new Set(missions.map((m) => m.name)));
  });

  it('delegated forms only use text, number, true/false and date & time, never lists, and no form field is required', () => {
    const delegated = entry.filter((f) => f.data.security_level === 'high');
    expect(delegated.length).toBeGreaterThanOrEqual(4);
    for (const flow of delegated) {
      const card = trigger(flow);
      expect(card.node.model.outputs.extensible).toBe(false);
      expect(fields(card, 'inputs').find((f) => f.key === 'okta-user-id')!.group).toBe('user context');
      for (const f of fields(card, 'inputs').filter((f) => f.group === 'inputs')) {
        expect(['string', 'number', 'boolean', 'Date']).toContain(f.value.type);
        expect(f.value.collection).toBe(false);
        expect(f.required).toBe(false);
      }
    }
  });

  it('every Call Flow names a flow in the same export and uses only field names it has', () => {
    for (const file of files) {
      const pack = file.pack as unknown as Json;
      const flowsById = new Map(flowsOf(pack).map((f) => [f.id, f]));
      const calls: { from: string; card: Json }[] = [];
      const walk = (from: string, methods: Json[]) => {
        for (const m of methods) {
          if (m.node.key === 'spawn') calls.push({ from, card: m });
          for (const f of fields(m, 'inputs')) if (f.value.type === 'flo' && typeof f.value.data === 'object') walk(`${from} (inline)`, f.value.data.methods);
        }
      };
      for (const flow of flowsOf(pack)) walk(flow.name, flow.data.methods);
      for (const { from, card } of calls) {
        const target = flowsById.get(fields(card, 'inputs').find((f) => f.key === 'flo')!.value.data);
        expect(target, `${file.path}: ${from} → ${card.node.data.name}`).toBeDefined();
        const takes = new Set(fields(trigger(target!), 'outputs').map((f) => f.key));
        const ret = new Set(target!.data.methods.filter((m: Json) => m.node.key === 'return').flatMap((m: Json) => fields(m, 'inputs').map((f) => f.key)));
        for (const f of fields(card, 'inputs').filter((f) => f.metadata.custom)) expect(takes, `${from} passes ${f.key} to ${target!.name}`).toContain(f.key);
        for (const f of fields(card, 'outputs')) expect(ret, `${from} reads ${f.key} from ${target!.name}`).toContain(f.key);
      }
      expect(lintFlopack(pack).issues.filter((i) => i.rule === 'call'), file.path).toEqual([]);
    }
  });

  it('each template export carries its audit table, and every Create Row names it', () => {
    for (const f of templatePacks) {
      const pack = f.pack as unknown as Json;
      const tables = Object.keys(pack.data.tables);
      expect(tables, f.path).toHaveLength(1);
      const rows: Json[] = [];
      const walk = (methods: Json[]) => {
        for (const m of methods) {
          if (m.node.key === 'createRow') rows.push(m);
          for (const x of fields(m, 'inputs')) if (x.value.type === 'flo' && typeof x.value.data === 'object') walk(x.value.data.methods);
        }
      };
      for (const flow of flowsOf(pack)) walk(flow.data.methods);
      expect(rows.length, f.path).toBeGreaterThan(0);
      for (const row of rows) expect(fields(row, 'inputs').find((x) => x.key === 'stash')!.value.data).toBe(tables[0]);
    }
  });

  it('fail the build, naming the card, when a card they need is not declared', () => {
    expect(() => buildExports(compiled.filter((c) => c.card.id !== 'createRequest'))).toThrow(/needs the card createRequest.*src\/operations/);
  });
});

describe('the build', () => {
  it('writes each export as one line of compact JSON, version 1.5.0, no checksum, in the envelope order of real exports', () => {
    const built = builtArtifacts();
    const exports = [...built.keys()].filter((p) => p.endsWith('.folder'));
    expect(exports.length).toBe(files.length);
    for (const path of exports) {
      const text = built.get(path)!;
      expect(text.indexOf('\n')).toBe(text.length - 1);
      const doc = JSON.parse(text);
      expect(Object.keys(doc)).toEqual(['type', 'version', 'created', 'flags', 'data']);
      expect(doc.version).toBe('1.5.0');
      expect(Object.keys(doc.data)).toEqual(['flos', 'configs', 'tables', 'groups']);
    }
  });

  it('flow, folder, table and connection ids are version-4-shaped UUIDs', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const pack of packs) {
      for (const id of [...Object.keys(pack.data.flos), ...Object.keys(pack.data.groups), ...Object.keys(pack.data.tables), ...Object.keys(pack.data.configs)]) expect(id).toMatch(v4);
    }
  });

  it('writes connector/README.md saying which file to import for which job, the scopes, and the honest status', () => {
    const readme = builtArtifacts().get('connector/README.md')!;
    for (const t of summary.templates) {
      expect(readme).toContain(`### ${t.title}`);
      expect(readme).toContain(`\`${t.file}\``);
      for (const scope of t.scopes) expect(readme).toContain(`- \`${scope}\``);
    }
    for (const l of summary.library) expect(readme).toContain(`\`${l.file}\``);
    expect(readme).toMatch(/No export has been imported into a live org yet/);
    expect(readme).toMatch(/Okta Workflows OAuth/);
    expect(readme).toMatch(/re-authorize/);
    expect(readme).toMatch(/entity-risk polic/i);
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
