/**
 * One function per card we append to a flow, with the field keys each card type uses in real
 * exports (or, for documented/inferred types, in Okta's function reference). Each returns the
 * output(s) later cards wire from.
 */
import type { ValueType } from './format.ts';
import { FlowBuilder, literal, type CardHandle, type FieldSpec, type Port, type Source } from './flow-builder.ts';
import { shortId, uuidV4 } from './ids.ts';
import { HELPER_CONTEXT, type Operator } from './prototypes.ts';

export { literal };
export type { Port, Source };

const text: ValueType = 'string';
const isPort = (s: Source): s is Port => 'card' in s;

/** Wires `source` into `card.in(key)` when it is a port (literals are already typed on the card). */
function feed(fb: FlowBuilder, card: CardHandle, key: string, source: Source, wrap = false) {
  if (isPort(source)) fb.wire(source, card.in(key), { wrap });
}

/**
 * Compose: `template` marks values as `{{name}}`; each becomes an input with a shortid key, as in
 * real Compose cards (`{{{Kx7pQ2mA9}}}`), labelled with the name.
 */
export function compose(fb: FlowBuilder, role: string, template: string, values: Record<string, Source>, name = 'Compose'): Port {
  const keys = Object.fromEntries(Object.keys(values).map((n) => [n, shortId(`${fb.role}|${role}|slot|${n}`, 9)]));
  const body = template.replace(/\{\{(\w+)\}\}/g, (_, n: string) => {
    if (!keys[n]) throw new Error(`compose ${role}: no value for {{${n}}}`);
    return `{{{${keys[n]}}}}`;
  });
  const card = fb.step('compose', role, {
    name,
    inputs: [
      { key: '_text_', type: text, value: body, label: 'text' },
      ...Object.entries(values).map(([n, s]) => FlowBuilder.input(keys[n]!, s, { type: text, list: false, label: n, custom: true })),
    ],
    outputs: [{ key: 'output', type: text }],
  });
  for (const [n, s] of Object.entries(values)) feed(fb, card, keys[n]!, s);
  return card.out('output');
}

/** Get: the value at a dotted path inside an object (or list). */
/** Object Get: the value at `path` (fixed text, or a port when the path arrives as a value). */
export function get(fb: FlowBuilder, role: string, object: Port, path: string | Port, type: ValueType, list = false, name = `Get ${typeof path === 'string' ? path : 'value'}`): Port {
  const pathField: FieldSpec = typeof path === 'string' ? { key: 'path', type: text, value: path, required: true } : FlowBuilder.input('path', path, { required: true, type: text });
  const card = fb.step('get', role, {
    name,
    inputs: [FlowBuilder.input('object', object, { required: true }), pathField],
    outputs: [{ key: 'output', type, list }],
  });
  feed(fb, card, 'object', object);
  if (typeof path !== 'string') feed(fb, card, 'path', path);
  return card.out('output');
}

/** Replace: `find` (fixed text, or a port) in `input`; every instance and case-sensitive unless told otherwise. */
export function replace(
  fb: FlowBuilder,
  role: string,
  input: Source,
  find: string | Port,
  replacement: string,
  name = 'Replace',
  options: { all?: boolean; caseSensitive?: boolean } = {},
): Port {
  const card = fb.step('replace', role, {
    name,
    inputs: [
      FlowBuilder.input('string', input, { label: 'look in', type: text }),
      typeof find === 'string' ? { key: 'src', type: text, value: find, label: 'look for' } : FlowBuilder.input('src', find, { label: 'look for', type: text }),
      { key: 'dest', type: text, value: replacement, label: 'replace with' },
      { key: 'global', type: 'boolean', value: options.all ?? true, label: 'all instances' },
      { key: 'sensitive', type: 'boolean', value: options.caseSensitive ?? true, label: 'case sensitive' },
    ],
    outputs: [{ key: 'output', type: text }],
  });
  feed(fb, card, 'string', input);
  if (typeof find !== 'string') feed(fb, card, 'src', find);
  return card.out('output');
}

export function split(fb: FlowBuilder, role: string, input: Source, separator: string, name = 'Split'): Port {
  const card = fb.step('split', role, {
    name,
    inputs: [FlowBuilder.input('string', input, { label: 'text', type: text, required: true }), { key: 'delimiter', type: text, value: separator, label: 'separator' }],
    outputs: [{ key: 'output', type: text, list: true, label: 'result list' }],
  });
  feed(fb, card, 'string', input);
  return card.out('output');
}

export function find(fb: FlowBuilder, role: string, input: Source, what: string, name = 'Find'): Port {
  const card = fb.step('find', role, {
    name,
    inputs: [FlowBuilder.input('string', input, { label: 'look in', type: text, required: true }), { key: 'substr', type: text, value: what, label: 'look for', required: true }],
    outputs: [{ key: 'output', type: 'number', label: 'position' }],
  });
  feed(fb, card, 'string', input);
  return card.out('output');
}

export function segment(fb: FlowBuilder, role: string, input: Source, start: Source, end: Source, name = 'Text Segment'): Port {
  const card = fb.step('textSegment', role, {
    name,
    inputs: [
      FlowBuilder.input('string', input, { label: 'text', type: text, required: true }),
      FlowBuilder.input('start', start, { label: 'start at', type: 'number' }),
      FlowBuilder.input('end', end, { label: 'end before', type: 'number' }),
    ],
    outputs: [{ key: 'output', type: text, label: 'segment' }],
  });
  feed(fb, card, 'string', input);
  feed(fb, card, 'start', start);
  feed(fb, card, 'end', end);
  return card.out('output');
}

/** First (shift) or Last (pop): the item, and the list without it. */
export function takeItem(fb: FlowBuilder, role: string, which: 'first' | 'last', list: Port, itemType: ValueType, name?: string) {
  const card = fb.step(which, role, {
    name: name ?? (which === 'first' ? 'First item' : 'Last item'),
    inputs: [FlowBuilder.input('list', list, { required: true, list: true })],
    outputs: [
      { key: 'list', type: list.type, list: true },
      { key: 'item', type: itemType },
    ],
  });
  feed(fb, card, 'list', list);
  return { item: card.out('item'), rest: card.out('list') };
}

export function length(fb: FlowBuilder, role: string, list: Port, name = 'Count'): Port {
  const card = fb.step('length', role, {
    name,
    inputs: [FlowBuilder.input('list', list, { required: true, list: true })],
    outputs: [{ key: 'length', type: 'number' }],
  });
  feed(fb, card, 'list', list);
  return card.out('length');
}

export function union(fb: FlowBuilder, role: string, a: Port, b: Port, wrapB = false, name = 'Combine'): Port {
  const card = fb.step('union', role, {
    name,
    inputs: [
      FlowBuilder.input('list1', a, { list: true, label: 'List 1' }),
      FlowBuilder.input('list2', b, { list: true, type: a.type, label: 'List 2' }),
    ],
    outputs: [{ key: 'union', type: a.type, list: true }],
  });
  feed(fb, card, 'list1', a);
  feed(fb, card, 'list2', b, wrapB);
  return card.out('union');
}

/** Find (findBy): the first item whose value at `path` equals `value`; index is -1 when none does. */
export function findBy(fb: FlowBuilder, role: string, list: Port, path: string, value: Source, name = 'Find item') {
  const card = fb.step('findBy', role, {
    name,
    inputs: [
      FlowBuilder.input('list', list, { required: true, list: true }),
      { key: 'operator', type: text, value: '==', required: true },
      { key: 'path', type: text, value: path },
      FlowBuilder.input('comparison', value, { type: text, required: true }),
    ],
    outputs: [
      { key: 'item', type: 'object' },
      { key: 'index', type: 'number' },
    ],
  });
  feed(fb, card, 'list', list);
  feed(fb, card, 'comparison', value);
  return { item: card.out('item'), index: card.out('index') };
}

export function stringify(fb: FlowBuilder, role: string, value: Port, name = 'Stringify'): Port {
  const card = fb.step('stringify', role, {
    name,
    inputs: [FlowBuilder.input('object', value, { required: true })],
    outputs: [{ key: 'output', type: text }],
  });
  feed(fb, card, 'object', value);
  return card.out('output');
}

export function urlParse(fb: FlowBuilder, role: string, url: Port, name = 'Parse URL') {
  const card = fb.step('urlParse', role, {
    name,
    inputs: [FlowBuilder.input('url', url, { required: true, type: text })],
    outputs: [
      { key: 'protocol', type: text },
      { key: 'host', type: text },
      { key: 'port', type: 'number' },
      { key: 'path', type: text },
      { key: 'query', type: text },
    ],
  });
  feed(fb, card, 'url', url);
  return { path: card.out('path'), query: card.out('query') };
}

/** Find Pattern: the position of the first match of a regular expression in a text, -1 when none. */
export function findPattern(fb: FlowBuilder, role: string, input: Source, pattern: string, name = 'Find Pattern'): Port {
  const card = fb.step('findPattern', role, {
    name,
    inputs: [FlowBuilder.input('string', input, { label: 'look in', type: text, required: true }), { key: 'target', type: text, value: pattern, label: 'look for', required: true }],
    outputs: [{ key: 'output', type: 'number', label: 'position' }],
  });
  feed(fb, card, 'string', input);
  return card.out('output');
}

/** A Comment card: a note in the flow for whoever opens it. */
export function comment(fb: FlowBuilder, role: string, title: string, lines: string[]) {
  fb.step('comment', role, { name: 'Comment', note: { title, markdown: lines.join('\n\n') } });
}

/** Date & Time Now: the current time as ISO text. */
export function now(fb: FlowBuilder, role: string, name = 'Now'): Port {
  const card = fb.step('now', role, { name, outputs: [{ key: 'date', type: 'Date' }, { key: 'iso', type: text }] });
  return card.out('iso');
}

/** Tables "Create Row": one row in `table`, a value per column (the row's inputs are the table's columns). */
export function createRow(fb: FlowBuilder, role: string, table: { id: string; name: string; columns: string[] }, values: Record<string, Source>, name = `Add a row to ${table.name}`): Port {
  for (const column of Object.keys(values)) {
    if (!table.columns.includes(column)) throw new Error(`${fb.role}: table "${table.name}" has no column "${column}" (it has ${table.columns.join(', ')})`);
  }
  const card = fb.step('createRow', role, {
    name,
    inputs: [
      { key: 'stash', type: text, group: 'parameters', value: table.id, flags: 'p', label: 'Table', metadata: { type: 'object', table: true, optional: false, ordering: 0 } },
      ...table.columns.map((column): FieldSpec => {
        const v = values[column] ?? literal('');
        return { ...FlowBuilder.input(column, v, { type: text, list: false }), group: 'Fields', metadata: { optional: false } };
      }),
    ],
    outputs: [{ key: 'Row ID', type: text, group: 'Output' }],
  });
  for (const [column, v] of Object.entries(values)) if (isPort(v)) fb.wire(v, card.in(column, 'Fields'));
  return card.out('Row ID', 'Output');
}

/** The Delegated Flow card: the admin's id (user context), the execution id, and the form fields (group `inputs`). */
export function delegatedTrigger(fb: FlowBuilder, fields: FieldSpec[]): CardHandle {
  return fb.step('delegatedFlow', 'trigger', {
    inputs: [
      { key: 'okta-user-id', type: text, group: 'user context', label: 'Okta User ID', value: '' },
      { key: 'execution_id', type: text, group: 'context', label: 'Execution ID' },
      ...fields.map((f) => ({ ...f, group: 'inputs', required: false, value: f.value ?? '' })),
    ],
  });
}

/** A value for one key of a Construct card, optionally wrapped into a one-item list on the wire. */
export interface Member {
  source: Source;
  type?: ValueType;
  list?: boolean;
  wrap?: boolean;
}

/** Construct: an object with one key per input. */
export function construct(fb: FlowBuilder, role: string, members: Record<string, Member>, name = 'Construct'): Port {
  const card = fb.step('construct', role, {
    name,
    inputs: Object.entries(members).map(([key, m]) =>
      FlowBuilder.input(key, m.source, { custom: true, ...(m.type ? { type: m.type } : {}), ...(m.list !== undefined ? { list: m.list } : {}) }),
    ),
    outputs: [{ key: 'output', type: 'object' }],
  });
  for (const [key, m] of Object.entries(members)) feed(fb, card, key, m.source, m.wrap);
  return card.out('output');
}

/** Return Error If: stops the flow with `message` (and status 400) when `a op b`. */
export function failIf(fb: FlowBuilder, role: string, a: Source, op: Operator, b: Source, message: Source, name = 'Return Error If') {
  const card = fb.step('returnErrorIf', role, {
    name,
    inputs: [
      ...fb.comparison(a, op, b),
      FlowBuilder.input('message', message, { type: text }),
      { key: 'statusCode', type: 'number', value: 400 },
    ],
  });
  fb.connect(card, { 'left-operand': a, 'right-operand': b, message });
}

/** Continue If: stops the flow quietly, with `message`, unless `a op b`. */
export function continueIf(fb: FlowBuilder, role: string, a: Source, op: Operator, b: Source, message: Source, name = 'Continue If') {
  const card = fb.step('continueIf', role, {
    name,
    inputs: [...fb.comparison(a, op, b), FlowBuilder.input('message', message, { type: text, group: 'otherwise' })],
    outputs: [{ key: 'message', type: text, metadata: { hidden: true } }],
  });
  fb.connect(card, { 'left-operand': a, 'right-operand': b });
  if (isPort(message)) fb.wire(message, card.in('message', 'otherwise'));
}

export function assign(fb: FlowBuilder, role: string, values: Record<string, { source: Source; type?: ValueType; list?: boolean }>, name = 'Assign') {
  const card = fb.step('assign', role, {
    name,
    inputs: Object.entries(values).map(([key, v]) => FlowBuilder.input(key, v.source, { custom: true, type: v.type, list: v.list })),
  });
  for (const [key, v] of Object.entries(values)) feed(fb, card, key, v.source);
  return card;
}

/** What a caller needs to know of a helper flow: its id and the fields it takes and returns, by key. */
export interface HelperRef {
  uuid: string;
  name: string;
  takes: Map<string, FieldSpec>;
  returns: Map<string, FieldSpec>;
}

/** A helper's reference from its role (which fixes its UUID), name, and fields by key. */
export function makeRef(role: string, name: string, takes: FieldSpec[], returns: FieldSpec[]): HelperRef {
  return { uuid: uuidV4(`flow:${role}`), name, takes: new Map(takes.map((f) => [f.key, f])), returns: new Map(returns.map((f) => [f.key, f])) };
}

/** A Return field of a helper, without its key (what `returnValues` takes). */
export function spec(ref: HelperRef, key: string): Omit<FieldSpec, 'key'> {
  const { key: _key, ...rest } = ref.returns.get(key)!;
  return rest;
}

/**
 * Call Flow: passes `pass` to the helper's fields of the same keys and exposes the Return fields
 * named in `want`. Keys the helper doesn't have fail the build (Call Flow matches by key).
 */
export function callFlow(
  fb: FlowBuilder,
  role: string,
  helper: HelperRef,
  pass: Record<string, Source>,
  want: string[],
  name = `Call ${helper.name}`,
): Record<string, Port> {
  const inputs: FieldSpec[] = [{ key: 'flo', type: 'flo', value: helper.uuid, required: true, label: 'Helper Flow' }];
  const wrap: string[] = [];
  for (const [key, source] of Object.entries(pass)) {
    const target = helper.takes.get(key);
    if (!target) throw new Error(`${fb.role}: "${helper.name}" has no input "${key}" (it takes ${[...helper.takes.keys()].join(', ')})`);
    if (isPort(source) && target.list && !source.list) wrap.push(key);
    if (isPort(source) && !target.list && source.list) throw new Error(`${fb.role}: "${helper.name}" takes one value in "${key}", not a list`);
    inputs.push(FlowBuilder.input(key, source, { type: target.type, list: Boolean(target.list), label: target.label, custom: true, metadata: { transient: true } }));
  }
  const outputs = want.map((key): FieldSpec => {
    const ret = helper.returns.get(key);
    if (!ret) throw new Error(`${fb.role}: "${helper.name}" returns no "${key}" (it returns ${[...helper.returns.keys()].join(', ')})`);
    return { key, type: ret.type, list: ret.list, label: ret.label, custom: true };
  });
  const card = fb.step('callFlow', role, { name, inputs, outputs });
  for (const [key, source] of Object.entries(pass)) feed(fb, card, key, source, wrap.includes(key));
  return Object.fromEntries(want.map((key) => [key, card.out(key)]));
}

/** Return: hands the named values back to the caller, under those keys. */
export function returnValues(fb: FlowBuilder, values: Record<string, { source: Source; spec: Omit<FieldSpec, 'key'> }>, name = 'Return') {
  const card = fb.step('return', 'return', {
    name,
    inputs: Object.entries(values).map(([key, v]) => ({ ...v.spec, key, custom: true, ...('literal' in v.source ? { value: v.source.literal } : {}) })),
  });
  for (const [key, v] of Object.entries(values)) feed(fb, card, key, v.source);
}

/**
 * The Okta connector's Custom API Action: `method` on a relative URL (the connection adds the org
 * host and the token), with an optional Query object and an object Body — laid out as the real
 * card is (Query and Headers always present, Body for methods that send one).
 */
export function customApiAction(
  fb: FlowBuilder,
  role: string,
  request: { method: string; url: Source; query?: Port; body?: Port; config: string; name: string },
) {
  if (request.body?.list) throw new Error(`${fb.role}: a Custom API Action Body is an object or text, never a list; wrap the list in an object`);
  const inputs: FieldSpec[] = [
    {
      key: 'requestType',
      type: 'string',
      group: 'parameters',
      value: request.method,
      flags: 'p',
      label: 'Request Type',
      metadata: { type: 'list', choices: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => ({ label: m, value: m })), dependencies: [], optional: false, ordering: 0 },
    },
    { ...FlowBuilder.input('Relative URL', request.url, { type: 'string', list: false }), group: 'Request', required: true, available: ['string'], metadata: { optional: false } },
    { key: 'Query', type: 'object', group: 'Request', value: {}, available: ['string', 'object'], metadata: { optional: false } },
    { key: 'Headers', type: 'object', group: 'Request', value: {}, available: ['object'], metadata: { optional: false } },
  ];
  if (request.body) inputs.push({ key: 'Body', type: request.body.type === 'string' ? 'string' : 'object', group: 'Request', value: request.body.type === 'string' ? '' : {}, available: ['string', 'object'], metadata: { optional: false } });
  const card = fb.step('customApiAction', role, {
    name: request.name,
    config: request.config,
    inputs,
    outputs: [
      { key: 'Status Code', type: 'number', group: 'Response', value: 0, available: ['number'] },
      { key: 'Headers', type: 'object', group: 'Response', value: {}, available: ['object'] },
      { key: 'Body', type: 'object', group: 'Response', value: {}, available: ['object'] },
    ],
  });
  if (isPort(request.url)) fb.wire(request.url, card.in('Relative URL', 'Request'));
  if (request.query) fb.wire(request.query, card.in('Query', 'Request'));
  if (request.body) fb.wire(request.body, card.in('Body', 'Request'));
  return { status: card.out('Status Code', 'Response'), headers: card.out('Headers', 'Response'), body: card.out('Body', 'Response') };
}

/** The four platform fields every Helper Flow card starts with. */
export function contextFields(): FieldSpec[] {
  const labels: Record<string, string> = { index: 'Index', parent: 'Caller', error: 'Error', execution_id: 'Execution ID' };
  return HELPER_CONTEXT.map((f) => ({ key: f.key, type: f.type, group: f.group, label: labels[f.key], ...(typeof f.type === 'object' ? { metadata: { collapsed: true } } : {}) }));
}
