/**
 * One helper flow per card: Helper Flow (the card's inputs as typed fields) → Encode Component per
 * path parameter → Compose (relative URL) → Construct (query) → Construct(s) (body) → Okta Custom
 * API Action → Return `statusCode`, `headers`, `body` and the card's main outputs (from the body, or
 * from a header: a link header as path and query only). A list card's helper returns one page
 * (`items`, `count`) and `next`, the relative URL of the next page, which "OIG support · Read all
 * pages" follows (given the card's records path when they are not in `data`).
 *
 * Generic over cards: it reads only the compiled card (method, path, inputs with placements, outputs).
 */
import type { Card, CardInput, HeaderCardOutput } from '../compile/card.ts';
import type { WorkflowsType } from '../model/operation.ts';
import type { ValueType } from './format.ts';
import { FlowBuilder, literal, type FieldSpec, type Port, type Source } from './flow-builder.ts';
import type { JsonSchema } from '../compile/schemas.ts';
import { callFlow, compose, construct, contextFields, customApiAction, failIf, findPattern, get, makeRef, returnValues, spec, stringify, urlParse, type HelperRef, type Member } from './steps.ts';

/**
 * What a path id without a pattern of its own may hold: no "/", "?", "#", "%", "\\", whitespace or
 * "..", so it can't leave its path segment.
 */
export const SAFE_SEGMENT = '^(?!.*\\.\\.)[^/?#%\\\\\\s]+$';

export const HELPER_PREFIX = 'OIG · ';

/** Workflows type of a card field, as the file writes it. */
export function valueTypeOf(type: WorkflowsType): { type: ValueType; list: boolean } {
  const list = type.startsWith('list of ');
  const item = list ? type.slice('list of '.length) : type;
  const map: Record<string, ValueType> = {
    text: 'string',
    number: 'number',
    numbers: 'number',
    'true/false': 'boolean',
    'date & time': 'Date',
    object: 'object',
    objects: 'object',
  };
  return { type: map[item] ?? 'object', list };
}

/** Pointer segments, unescaped (RFC 6901). */
const segments = (pointer: string) => pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

export interface LeftOut {
  key: string;
  reason: string;
}

export interface HelperPlan {
  /** The inputs the helper takes, with `required` as the helper enforces it. */
  inputs: CardInput[];
  /** Card inputs the helper doesn't offer, and why. */
  leftOut: LeftOut[];
}

/** Why an input can't be built with plain Workflows cards, or null when it can. */
function inexpressible(input: CardInput, required: boolean): string | null {
  const to = input.to;
  if (to.in !== 'body' && to.in !== 'body-root') return null;
  if (to.each || to.eachValue !== undefined || to.eachSet) return 'it reshapes each list item, which needs a per-item helper flow';
  if (to.in === 'body-root') return null;
  if (to.set && !required) return 'its fixed companion values would be sent even when it is left empty';
  const segs = segments(to.pointer);
  if (segs.slice(0, -1).some(isIndex)) return 'it points inside a list item';
  return null;
}

/** A list index in a pointer: `0`, `1`, … or `-` (append). */
const isIndex = (segment: string) => /^(?:\d+|-)$/.test(segment);

/**
 * Which card inputs the helper takes. Of a group of alternatives (oneOf) the helper offers one —
 * the friendliest that plain cards can build — and makes it required; the API's own form stays
 * available whenever the friendly one can't be built (it then carries the value as is).
 */
export function helperPlan(card: Card): HelperPlan {
  const leftOut: LeftOut[] = [];
  const chosen = new Map<string, boolean>();
  const grouped = new Set(card.oneOf.flat());
  for (const group of card.oneOf) {
    const members = group.map((k) => card.inputs.find((i) => i.key === k)).filter((i): i is CardInput => Boolean(i));
    members.sort((a, b) => Number(Boolean(a.advanced)) - Number(Boolean(b.advanced)));
    const pick = members.find((m) => inexpressible(m, true) === null);
    for (const m of members) {
      if (m === pick) chosen.set(m.key, true);
      else {
        const why = inexpressible(m, true);
        leftOut.push({ key: m.key, reason: pick ? `${why ? `${why}; ` : ''}the helper takes ${pick.key} instead` : why! });
      }
    }
  }
  for (const input of card.inputs) {
    if (grouped.has(input.key)) continue;
    const why = inexpressible(input, input.required);
    if (why) leftOut.push({ key: input.key, reason: why });
    else chosen.set(input.key, input.required);
  }
  const inputs = card.inputs.filter((i) => chosen.has(i.key)).map((i) => ({ ...i, required: chosen.get(i.key)! }));

  // Two inputs that write the same part of the body can't both be wired: keep the first.
  const claimed: { key: string; path: string[] }[] = [];
  const kept: CardInput[] = [];
  for (const input of inputs) {
    if (input.to.in === 'body' || input.to.in === 'body-root') {
      const path = input.to.in === 'body-root' ? [] : trimIndex(segments(input.to.pointer)).path;
      const clash = claimed.find((c) => c.path.length === 0 || path.length === 0 || isPrefix(c.path, path) || isPrefix(path, c.path));
      if (clash) {
        leftOut.push({ key: input.key, reason: `it writes the same part of the body as ${clash.key}` });
        continue;
      }
      claimed.push({ key: input.key, path });
    }
    kept.push(input);
  }
  return { inputs: kept, leftOut };
}

const isPrefix = (a: string[], b: string[]) => a.length <= b.length && a.every((s, i) => s === b[i]);

/** `/requesterUserIds/0` means "a one-item list at requesterUserIds": the value is wrapped on the wire. */
function trimIndex(segs: string[]): { path: string[]; wrap: boolean } {
  return isIndex(segs.at(-1) ?? '') ? { path: segs.slice(0, -1), wrap: true } : { path: segs, wrap: false };
}

export const helperName = (card: Card) => `${HELPER_PREFIX}${card.title}`;
export const helperRole = (card: Card) => `card:${card.id}`;

/** The Return fields of a card's helper. */
export function helperReturns(card: Card): FieldSpec[] {
  const base: FieldSpec[] = [
    { key: 'statusCode', type: 'number', label: 'Status code' },
    { key: 'headers', type: 'object', label: 'Headers' },
    { key: 'body', type: 'object', label: 'Body' },
  ];
  const extra: FieldSpec[] = card.list
    ? [
        { key: 'items', type: 'object', list: true, label: 'Records (this page)' },
        { key: 'next', type: 'string', label: 'Next page (relative URL; empty on the last page)' },
        { key: 'count', type: 'number', label: 'Records on this page' },
      ]
    : card.outputs.filter((o) => o.key !== 'response').map((o) => ({ key: o.key, ...valueTypeOf(o.type), label: o.label }));
  const clash = extra.find((e) => base.some((b) => b.key === e.key));
  if (clash) throw new Error(`card ${card.id}: output "${clash.key}" clashes with a field every helper returns; rename the output`);
  return [...base, ...extra];
}

export function helperFields(plan: HelperPlan): FieldSpec[] {
  return plan.inputs.map((i) => ({ key: i.key, ...valueTypeOf(i.type), label: i.label, custom: true, required: i.required, metadata: { description: i.help } }));
}

export interface HelperFlow {
  ref: HelperRef;
  plan: HelperPlan;
  build(group: string, config: string): ReturnType<FlowBuilder['build']>;
}

type BodyNode = { kind: 'object'; children: Map<string, BodyNode> } | { kind: 'input'; input: CardInput; wrap: boolean } | { kind: 'const'; value: unknown };

function bodyTree(card: Card, inputs: CardInput[]): BodyNode | { kind: 'root'; input: CardInput } | null {
  const rootInput = inputs.find((i) => i.to.in === 'body-root');
  if (rootInput) return { kind: 'root', input: rootInput };
  const root: BodyNode = { kind: 'object', children: new Map() };
  let any = false;
  const put = (path: string[], leaf: BodyNode) => {
    let node = root;
    for (const seg of path.slice(0, -1)) {
      let next = node.children.get(seg);
      if (!next) node.children.set(seg, (next = { kind: 'object', children: new Map() }));
      if (next.kind !== 'object') throw new Error(`card ${card.id}: body path /${path.join('/')} runs through a value`);
      node = next;
    }
    const last = path.at(-1)!;
    if (node.children.has(last)) throw new Error(`card ${card.id}: two inputs write /${path.join('/')}`);
    node.children.set(last, leaf);
    any = true;
  };
  for (const input of inputs) {
    if (input.to.in !== 'body') continue;
    const { path, wrap } = trimIndex(segments(input.to.pointer));
    put(path, { kind: 'input', input, wrap });
    for (const [pointer, value] of Object.entries(input.to.set ?? {})) put(segments(pointer), { kind: 'const', value });
  }
  return any ? root : null;
}

/** Builds the Construct cards for a body subtree, innermost first; returns the object's port. */
function buildObject(fb: FlowBuilder, node: BodyNode & { kind: 'object' }, path: string[], trigger: (key: string) => Port): Port {
  const members: Record<string, Member> = {};
  for (const [key, child] of node.children) {
    if (child.kind === 'object') members[key] = { source: buildObject(fb, child, [...path, key], trigger), type: 'object' };
    else if (child.kind === 'const') members[key] = { source: literal(child.value) };
    else {
      const port = trigger(child.input.key);
      members[key] = { source: port, ...(child.wrap ? { list: true, wrap: true } : {}) };
    }
  }
  const role = ['body', ...path].join('/');
  return construct(fb, role, members, path.length ? `Body: ${path.join('.')}` : 'Body');
}

/**
 * The helper flow of one card. `readPage` is the support flow that turns a list response into
 * items and the next page's relative URL (list cards only).
 */
export function helperFlow(card: Card, inputSchema: JsonSchema, readPage: HelperRef): HelperFlow {
  const plan = helperPlan(card);
  const fields = helperFields(plan);
  const returns = helperReturns(card);
  const ref = makeRef(helperRole(card), helperName(card), fields, returns);
  return {
    ref,
    plan,
    build(group, config) {
      const fb = new FlowBuilder(helperRole(card));
      const trigger = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...fields] });
      const from = (key: string) => trigger.out(key, null);

      // Relative URL: each path id checked against the card's own pattern, then composed into the path.
      const pathParams = [...card.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      let url: Source = literal(card.path);
      if (pathParams.length) {
        const values: Record<string, Port> = {};
        const properties = (inputSchema.properties ?? {}) as Record<string, JsonSchema>;
        for (const name of pathParams) {
          const input = plan.inputs.find((i) => i.to.in === 'path' && i.to.name === name);
          if (!input) throw new Error(`card ${card.id}: no input for path parameter {${name}}`);
          const own = properties[input.key]?.pattern;
          const pattern = typeof own === 'string' ? own : SAFE_SEGMENT;
          const at = findPattern(fb, `check/${name}`, from(input.key), pattern, `Check ${input.label}`);
          const rule = typeof own === 'string' ? `must match ${own}` : 'must be one path segment (no /, ?, #, %, spaces or ..)';
          const message = compose(fb, `check/${name}/message`, `${card.title}: ${input.key} "{{value}}" ${rule}; nothing was sent.`, { value: from(input.key) }, 'Error message');
          failIf(fb, `check/${name}/stop`, at, '==', literal(-1), message, `Stop on a bad ${input.label}`);
          values[name] = from(input.key);
        }
        url = compose(fb, 'url', card.path.replace(/\{(\w+)\}/g, '{{$1}}'), values, 'Relative URL');
      }

      const queryInputs = plan.inputs.filter((i) => i.to.in === 'query');
      const query = queryInputs.length
        ? construct(fb, 'query', Object.fromEntries(queryInputs.map((i) => [(i.to as { name: string }).name, { source: from(i.key) }])), 'Query')
        : undefined;

      const tree = bodyTree(card, plan.inputs);
      // A body that is a JSON list goes as text (a Custom API Action Body is an object or text, never a list).
      const rootBody = (key: string) => {
        const port = from(key);
        return port.list ? stringify(fb, 'body/text', port, 'Body as JSON text') : port;
      };
      const body = !tree ? undefined : tree.kind === 'root' ? rootBody(tree.input.key) : buildObject(fb, tree as BodyNode & { kind: 'object' }, [], from);

      const call = customApiAction(fb, 'call', {
        method: card.method,
        url,
        ...(query ? { query } : {}),
        ...(body ? { body } : {}),
        config,
        name: `${card.method} ${card.path}`,
      });
      const { status, headers, body: responseBody } = call;

      const values: Parameters<typeof returnValues>[1] = {};
      values.statusCode = { source: status, spec: spec(ref, 'statusCode') };
      values.headers = { source: headers, spec: spec(ref, 'headers') };
      values.body = { source: responseBody, spec: spec(ref, 'body') };
      if (card.list) {
        // Records kept outside `data` (a bare list reads as is): tell "Read page" where they are.
        const at = card.list.itemsAt ? segments(card.list.itemsAt).join('.') : '';
        const pass = { body: responseBody, headers, ...(at && at !== 'data' ? { itemsAt: literal(at) } : {}) };
        const page = callFlow(fb, 'read-page', readPage, pass, ['items', 'next', 'count'], 'Read the page');
        for (const key of ['items', 'next', 'count']) values[key] = { source: page[key]!, spec: spec(ref, key) };
      } else {
        for (const out of card.outputs.filter((o) => o.key !== 'response')) {
          const { type, list } = valueTypeOf(out.type);
          const source = 'header' in out ? headerOutput(fb, out, headers) : get(fb, `out/${out.key}`, responseBody, segments(out.from).join('.'), type, list, out.label);
          values[out.key] = { source, spec: spec(ref, out.key) };
        }
      }
      returnValues(fb, values);
      return fb.build({ uuid: ref.uuid, group, callable: true, securityLevel: null });
    },
  };
}

/**
 * A header output: the header's value, or for a link only its path and query — the next call then
 * goes to the connection's own org, whatever host Okta wrote (the way "Read page" treats next links).
 */
function headerOutput(fb: FlowBuilder, out: HeaderCardOutput, headers: Port): Port {
  const value = get(fb, `out/${out.key}`, headers, out.header, 'string', false, out.label);
  if (!out.link) return value;
  const relative = fb.ifElse(`out/${out.key}/relative`, { a: value, op: 'is empty' }, { path: { type: 'string' } }, {
    then: () => ({ path: literal('') }),
    else: () => {
      const parts = urlParse(fb, `out/${out.key}/parse`, value, `Parse ${out.label}`);
      return { path: compose(fb, `out/${out.key}/path`, '{{path}}?{{query}}', { path: parts.path, query: parts.query }, 'Path and query only') };
    },
  });
  return relative.out('path');
}

/** Where a value goes on the wire: how a template finds the helper input it needs. */
export type Where = { in: 'body'; pointer: string } | { in: 'query'; name: string } | { in: 'path'; name?: string };

const describeWhere = (w: Where) => (w.in === 'body' ? `body ${w.pointer}` : w.in === 'query' ? `query parameter ${w.name}` : `path parameter ${w.name ?? ''}`.trim());

/**
 * The key of the helper input that writes `where` — found by placement, not by name, so templates
 * keep working whatever friendly key a card gives its field. Throws, naming who needs it, when the
 * card has no such input or its helper left it out.
 */
export function inputKey(card: Card, plan: HelperPlan, where: Where, neededBy: string): string {
  const matches = (i: CardInput) =>
    where.in === 'body'
      ? (i.to.in === 'body' && (i.to.pointer === where.pointer || i.to.pointer === `${where.pointer}/0`)) || (i.to.in === 'body-root' && where.pointer === '')
      : where.in === 'query'
        ? i.to.in === 'query' && i.to.name === where.name
        : i.to.in === 'path' && (where.name === undefined || i.to.name === where.name);
  const found = plan.inputs.find(matches);
  if (found) return found.key;
  const dropped = card.inputs.find(matches);
  const why = dropped ? ` (its helper leaves out ${dropped.key}: ${plan.leftOut.find((l) => l.key === dropped.key)?.reason})` : '';
  throw new Error(`${neededBy} needs card ${card.id} to take its ${describeWhere(where)}, and it doesn't${why}. Declare that input in src/operations/.`);
}
