/**
 * The flopack linter is our oracle for the Workflows export format: it must accept every real
 * export we have and every folder we generate, and reject targeted corruptions of each with a
 * message that names the problem (and says when the rule is only inferred).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.ts';
import { compileCard } from '../src/compile/card.ts';
import { shippedExports, templateExport } from './support/exports.ts';
import { operations } from '../src/operations/index.ts';
import { lintFlopack, lintFlopackText, type LintReport } from '../src/workflows/lint.ts';
import { hasShared, sharedPath } from './support/shared.ts';

type Json = Record<string, any>;

const generated = JSON.stringify(templateExport('launch-security-access-review'));

function samples(): [string, string][] {
  const root = sharedPath('workflows', 'samples');
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, d.name)).filter((f) => /\.(flow|folder|flopack)$/.test(f)).map((f) => `${d.name}/${f}`))
    .map((name) => [name, readFileSync(join(root, name), 'utf8')]);
}

const flows = (doc: Json): Json[] => Object.values(doc.data.flos as Json).filter((f: Json) => f.data);
/** Every card with its flow, inline sub-flows (If Error, For Each) included. */
function cardsOf(doc: Json): { flow: Json; card: Json }[] {
  const walk = (flow: Json, methods: Json[]): { flow: Json; card: Json }[] =>
    methods.flatMap((card) => [
      { flow, card },
      ...(Object.values(card.node.model.inputs.data) as Json[])
        .filter((f) => f.value.type === 'flo' && f.value.data && typeof f.value.data === 'object')
        .flatMap((f) => walk(flow, f.value.data.methods)),
    ]);
  return flows(doc).flatMap((flow) => walk(flow, flow.data.methods));
}
const fieldsOf = (card: Json, side: 'inputs' | 'outputs'): Json[] => Object.values(card.node.model[side].data);
function pick<T>(items: T[], test: (t: T) => boolean, what: string): T {
  const found = items.find(test);
  if (!found) throw new Error(`no ${what} to corrupt`);
  return found;
}

interface Corruption {
  name: string;
  rule: string;
  message: RegExp;
  apply(doc: Json): void;
}

/** Corruptions any export can get: each breaks one rule the importer plausibly relies on. */
const corruptions: Corruption[] = [
  { name: 'wrong document type', rule: 'envelope', message: /"flopack"/, apply: (d) => void (d.type = 'flowpack') },
  { name: 'a flag missing', rule: 'envelope', message: /flags must be exactly/, apply: (d) => void delete d.flags.looseNulls },
  { name: 'unknown version', rule: 'envelope', message: /version 2\.0\.0 is not one Okta has written/, apply: (d) => void (d.version = '2.0.0') },
  {
    name: 'malformed card address',
    rule: 'address',
    message: /is not root:kernel:<module>:<version>:<key>/,
    apply: (d) => void (pick(cardsOf(d), () => true, 'card').card.address = 'root:kernel:control:callable'),
  },
  {
    name: 'parents out of step with the address',
    rule: 'address',
    message: /parents must repeat the address/,
    apply: (d) => void (pick(cardsOf(d), () => true, 'card').card.parents.version.key = '9.9.9'),
  },
  {
    name: 'wire to a card that is not in the flow',
    rule: 'pin',
    message: /goes to card NoSuchCard1, which is not in this flow/,
    apply: (d) => {
      const { card } = pick(cardsOf(d), ({ card }) => Object.keys(card.pins).length > 0, 'wired card');
      const out = Object.keys(card.pins)[0]!;
      card.pins[out] = { NoSuchCard1: [{ input: 'whatever', transform: null }] };
    },
  },
  {
    name: 'wire to an input the card lacks',
    rule: 'pin',
    message: /has no such input/,
    apply: (d) => {
      const { card } = pick(cardsOf(d), ({ card }) => Object.keys(card.pins).length > 0, 'wired card');
      const targets = Object.values(card.pins)[0] as Json;
      const first = Object.values(targets)[0] as Json[];
      first[0]!.input = 'NoSuchInput';
    },
  },
  {
    name: 'card order naming a card that is not in the flow',
    rule: 'order',
    message: /names card ZZZZZZZZZ, which is not in this flow/,
    apply: (d) => {
      const flow = pick(flows(d), (f) => f.data.methods.length > 1, 'flow');
      flow.data.orderings.bogusEdge = [flow.data.methods[0].uuid, 'ZZZZZZZZZ'];
    },
  },
  {
    name: 'the same field id twice in a flow',
    rule: 'field',
    message: /is used twice in this flow/,
    apply: (d) => {
      const flow = pick(flows(d), (f) => f.data.methods.filter((m: Json) => fieldsOf(m, 'inputs').length > 0).length > 1, 'flow with two cards with inputs');
      const [a, b] = flow.data.methods.filter((m: Json) => fieldsOf(m, 'inputs').length > 0) as Json[];
      const copy = structuredClone(fieldsOf(a!, 'inputs')[0]!);
      b!.node.model.inputs.data[copy.id] = copy;
    },
  },
  {
    name: 'Call Flow to a flow that is not in the file',
    rule: 'call',
    message: /which is not in the file/,
    apply: (d) => {
      const { card } = pick(cardsOf(d), ({ card }) => fieldsOf(card, 'inputs').some((f) => f.value.type === 'flo' && typeof f.value.data === 'string'), 'Call Flow');
      fieldsOf(card, 'inputs').find((f) => f.value.type === 'flo')!.value.data = '00000000-0000-4000-8000-000000000000';
    },
  },
  {
    name: 'mirrored card with a field missing on one side',
    rule: 'mirror',
    message: /same fields under inputs and outputs/,
    apply: (d) => {
      const { card } = pick(cardsOf(d), ({ card }) => card.node.model.mirrored && fieldsOf(card, 'outputs').length > 0, 'mirrored card');
      const last = fieldsOf(card, 'outputs').at(-1)!;
      delete card.node.model.outputs.data[last.id];
    },
  },
  {
    name: 'flow uuid different from its key',
    rule: 'flow',
    message: /data\.uuid .* must equal the flow's key/,
    apply: (d) => void (flows(d)[0]!.data.uuid = '11111111-1111-4111-8111-111111111111'),
  },
];

const issues = (report: LintReport, rule: string) => report.issues.filter((i) => i.rule === rule && i.severity === 'error');

describe.skipIf(!hasShared)('the linter on real exports (../shared/workflows/samples)', () => {
  const files = hasShared ? samples() : [];

  it('finds the real exports', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('accepts %s without errors or warnings', (_name, text) => {
    const report = lintFlopackText(text);
    expect(report.issues).toEqual([]);
    expect(report.cards).toBeGreaterThan(0);
  });

  describe.each(files)('rejects corrupted copies of %s', (_name, text) => {
    it.each(corruptions.map((c) => [c.name, c] as const))('%s', (_n, corruption) => {
      const doc = JSON.parse(text);
      corruption.apply(doc);
      const report = lintFlopack(doc);
      expect(report.errors).toBeGreaterThan(0);
      expect(issues(report, corruption.rule).map((i) => i.message)).toContainEqual(expect.stringMatching(corruption.message));
    });
  });
});

describe('the linter on the exports we generate', () => {
  it.each([...shippedExports()])('accepts %s without errors or warnings', (_path, text) => {
    const report = lintFlopackText(text);
    expect(report.issues).toEqual([]);
    expect(report.flows).toBeGreaterThan(0);
  });

  it.each(corruptions.map((c) => [c.name, c] as const))('rejects a copy with %s', (_n, corruption) => {
    const doc = JSON.parse(generated);
    corruption.apply(doc);
    expect(issues(lintFlopack(doc), corruption.rule).map((i) => i.message)).toContainEqual(expect.stringMatching(corruption.message));
  });

  const generatedOnly: Corruption[] = [
    {
      name: 'a list field on a delegated form',
      rule: 'delegated',
      message: /form field "reviewers" is a list of string; .*\[documented\]/,
      apply: (d) => {
        const flow = pick(flows(d), (f) => f.name === 'Launch a security access review (form)', 'delegated flow');
        const trigger = flow.data.methods.find((m: Json) => m.address === 'root:kernel:http:0.0.1:delegated');
        for (const side of ['inputs', 'outputs'] as const) {
          for (const f of fieldsOf(trigger, side)) if (f.key === 'reviewers') f.value.collection = true;
        }
      },
    },
    {
      name: 'a Call Flow reading a key the helper does not return',
      rule: 'call',
      message: /reads "reviewIdentifier", but the Return of "OIG job · Launch security access review" gives no such key/,
      apply: (d) => {
        const { card } = pick(cardsOf(d), ({ flow, card }) => flow.name === 'Launch a security access review (form)' && card.node.key === 'spawn', 'Call Flow');
        pick(fieldsOf(card, 'outputs'), (f) => f.key === 'reviewId', 'reviewId output').key = 'reviewIdentifier';
      },
    },
    {
      name: 'a Compose placeholder without its input',
      rule: 'compose',
      message: /placeholder \{\{\{NotThere1\}\}\} names no input/,
      apply: (d) => {
        const { card } = pick(cardsOf(d), ({ card }) => card.node.key === 'compose', 'Compose');
        pick(fieldsOf(card, 'inputs'), (f) => f.key === '_text_', '_text_').value.data += '{{{NotThere1}}}';
      },
    },
    {
      name: 'a folder path naming an ancestor that is not in the file',
      rule: 'folder',
      message: /names ancestor\(s\) 99999999-.* that are not in the file \[inferred\]/,
      apply: (d) => {
        const folder = pick(Object.values(d.data.groups as Json) as Json[], () => true, 'folder');
        folder.data.path = '99999999-9999-4999-8999-999999999999';
      },
    },
    {
      name: 'a helper flow that is not callable',
      rule: 'flow',
      message: /display\.isCallable true/,
      apply: (d) => void (pick(flows(d), (f) => f.name.startsWith('OIG · '), 'helper').data.display.isCallable = false),
    },
  ];
  it.each(generatedOnly.map((c) => [c.name, c] as const))('rejects a copy with %s', (_n, corruption) => {
    const doc = JSON.parse(generated);
    corruption.apply(doc);
    expect(issues(lintFlopack(doc), corruption.rule).map((i) => i.message)).toContainEqual(expect.stringMatching(corruption.message));
  });

  it('says when a rule is only inferred', () => {
    const doc = JSON.parse(generated);
    const flow = flows(doc)[0]!;
    flow.data.methods.push({ ...structuredClone(flow.data.methods.at(-1)), uuid: 'Stranded01' });
    for (const side of ['inputs', 'outputs']) {
      const data = flow.data.methods.at(-1).node.model[side].data;
      for (const id of Object.keys(data)) {
        data[`${id}x`] = { ...data[id], id: `${id}x` };
        delete data[id];
      }
    }
    flow.data.methods.at(-1).pins = {};
    const warnings = lintFlopack(doc).issues.filter((i) => i.rule === 'order');
    expect(warnings.map((i) => i.message)).toContainEqual(expect.stringMatching(/should start at exactly one card .*it starts at 2: .*\[inferred\]/));
  });

  it('rejects text that is not JSON', () => {
    const report = lintFlopackText('{"type": "flopack",');
    expect(report.errors).toBe(1);
    expect(report.issues[0]!.message).toMatch(/not JSON/);
  });
});

describe('oig lint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oig-lint-'));
  const out: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = 0;
  });
  const capture = () => {
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  };

  it('exits 0 on the generated folder', async () => {
    const file = join(dir, 'ok.folder');
    writeFileSync(file, generated);
    capture();
    expect(await main(['lint', file])).toBe(0);
    expect(out.join('')).toMatch(/0 errors, 0 warnings/);
  });

  it('exits 1 and prints each problem on a corrupted copy', async () => {
    const doc = JSON.parse(generated);
    corruptions.find((c) => c.rule === 'pin')!.apply(doc);
    const file = join(dir, 'broken.folder');
    writeFileSync(file, JSON.stringify(doc));
    capture();
    expect(await main(['lint', file])).toBe(1);
    expect(out.join('')).toMatch(/error: flow ".*" › card ".*" \(\w+\): a wire goes to card NoSuchCard1, which is not in this flow/);
  });

  it('exits 2 when the file cannot be read or none is named', async () => {
    capture();
    expect(await main(['lint', join(dir, 'missing.folder')])).toBe(2);
    expect(await main(['lint'])).toBe(2);
  });
});
