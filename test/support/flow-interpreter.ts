/**
 * A small interpreter of the Workflows card types our generated folder uses, so tests can run the
 * flows we ship against the local simulator over HTTP and see the calls they make.
 *
 * It reads the export exactly as written (cards, `pins`, `orderings`, `branches`, `joins`) and
 * gives each card type the behaviour Okta's function reference describes. Where the reference is
 * silent we pick one reading and say so:
 * - Construct leaves out keys whose value is null (a field nobody filled in);
 * - Compose writes an empty value as empty text;
 * - Custom API Action returns 4xx/5xx responses as Status Code rather than stopping the flow (our
 *   flows check the status themselves, so they stop with a readable message either way).
 * Custom API Action = an HTTP call to the connection's org (here the simulator) + the relative URL,
 * with `Authorization: Bearer <token>` — what the Workflows Okta connection does.
 */

type Json = Record<string, any>;

export interface Connection {
  baseUrl: string;
  token: string;
}
export interface HttpCall {
  method: string;
  url: string;
  body?: unknown;
  status: number;
}

/** A flow stopped by Return Error If (or a card that failed). */
export class FlowError extends Error {
  override name = 'FlowError';
  constructor(
    message: string,
    readonly flow: string,
    readonly card: string,
  ) {
    super(message);
  }
}

/** Continue If stopped the flow quietly. */
class Halt {
  constructor(readonly message: string) {}
}
class Returned {
  constructor(readonly values: Json) {}
}

export interface RunResult {
  /** What the flow's Return card handed back (undefined when it has none or was halted). */
  returned?: Json;
  /** The message of the Continue If that stopped the flow, if one did. */
  halted?: string;
}

const KNOWN = new Set([
  'callable', 'delegated', 'return', 'spawn', 'if', 'noop', 'join', 'let', 'continueIf', 'throwIf', 'asyncEach', 'compose',
  'replace', 'split', 'find', 'match', 'substr', 'shift', 'pop', 'length', 'union', 'findBy', 'construct', 'get', 'stringify', 'parse',
  'comment', 'now', 'createRow', 'hTTPRequest', 'userReportedSuspiciousActivityBeta',
]);

/** A row a Tables "Create Row" card added: column name → value. */
export type Row = Record<string, unknown>;

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

function getPath(value: unknown, path: string): unknown {
  let node: any = value;
  for (const part of path.split('.')) {
    if (node === null || node === undefined) return null;
    node = Array.isArray(node) && /^\d+$/.test(part) ? node[Number(part)] : node[part];
  }
  return node === undefined ? null : node;
}

export function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return a == b || (a !== null && b !== null && String(a) === String(b));
    case '!=':
      return !compare(a, '==', b);
    case '>':
      return Number(a) > Number(b);
    case '<':
      return Number(a) < Number(b);
    case '>=':
      return Number(a) >= Number(b);
    case '<=':
      return Number(a) <= Number(b);
    case 'in':
      return a !== null && a !== undefined && String(b ?? '').includes(String(a));
    case 'not in':
      return !compare(a, 'in', b);
    case 'has':
      return typeof a === 'object' && a !== null && !Array.isArray(a) && String(b) in (a as object);
    case "doesn't have":
      return !compare(a, 'has', b);
    case 'is empty':
      return isEmpty(a);
    case 'is not empty':
      return !isEmpty(a);
    default:
      throw new Error(`interpreter: unknown comparison ${op}`);
  }
}

interface Card {
  uuid: string;
  key: string;
  name: string;
  raw: Json;
  inputs: Json[];
  outputs: Json[];
}

interface Scope {
  name: string;
  cards: Map<string, Card>;
  next: Map<string, string[]>;
  /** consumer card → input id → producers */
  feeds: Map<string, Map<string, { card: string; output: string; wrap: boolean }[]>>;
}

export class Interpreter {
  readonly calls: HttpCall[] = [];
  /** Rows added by Create Row cards, by table id (the export's `data.tables` keys). */
  readonly rows = new Map<string, Row[]>();
  private readonly tableNames = new Map<string, string>();
  /** Names of the flows run, in order (helpers included). */
  readonly trace: string[] = [];
  private readonly flows = new Map<string, Json>();
  private depth = 0;

  constructor(
    pack: Json,
    private readonly connection: Connection,
    private readonly clock: () => Date = () => new Date(),
  ) {
    for (const [id, flow] of Object.entries(pack.data.flos as Json)) this.flows.set(id, flow);
    for (const [id, table] of Object.entries((pack.data.tables ?? {}) as Json)) this.tableNames.set(id, table.name);
  }

  /** The rows of the table with this name. */
  tableRows(name: string): Row[] {
    const id = [...this.tableNames].find(([, n]) => n === name)?.[0];
    if (!id) throw new Error(`interpreter: the export has no table named "${name}"`);
    return this.rows.get(id) ?? [];
  }

  /** Delivers Okta events to an event flow: each event is one item of the event card's list. */
  async deliver(name: string, events: Json[]): Promise<RunResult> {
    return this.run(name, { collection: events });
  }

  flowByName(name: string): Json {
    const flow = [...this.flows.values()].find((f) => f.name === name);
    if (!flow) throw new Error(`interpreter: no flow named "${name}"`);
    return flow;
  }

  /** Runs a flow by name with its trigger fields given by key. */
  async run(name: string, inputs: Json): Promise<RunResult> {
    const flow = this.flowByName(name);
    return this.runFlow(flow.data, flow.name, inputs);
  }

  private scope(data: Json, name: string): Scope {
    const cards = new Map<string, Card>();
    for (const m of data.methods as Json[]) {
      const model = m.node.model;
      if (!KNOWN.has(m.node.key)) throw new Error(`interpreter: flow "${name}" uses card type ${m.address}, which this interpreter doesn't know`);
      cards.set(m.uuid, { uuid: m.uuid, key: m.node.key, name: m.node.data.name, raw: m, inputs: Object.values(model.inputs.data), outputs: Object.values(model.outputs.data) });
    }
    const next = new Map<string, string[]>();
    for (const [from, to] of Object.values(data.orderings as Record<string, [string, string]>)) {
      if (from !== to) next.set(from, [...(next.get(from) ?? []), to]);
    }
    const feeds: Scope['feeds'] = new Map();
    for (const card of cards.values()) {
      for (const [output, targets] of Object.entries(card.raw.pins as Json)) {
        for (const [target, pins] of Object.entries(targets as Json)) {
          for (const pin of pins as Json[]) {
            const byInput = feeds.get(target) ?? new Map();
            feeds.set(target, byInput);
            const wrap = Boolean(pin.transform && Object.values(pin.transform as Json).some((t: any) => t.convert === 'wrapArray'));
            byInput.set(pin.input, [...(byInput.get(pin.input) ?? []), { card: card.uuid, output, wrap }]);
          }
        }
      }
    }
    return { name, cards, next, feeds };
  }

  private async runFlow(data: Json, name: string, given: Json): Promise<RunResult> {
    if (++this.depth > 60) throw new Error(`interpreter: flows call each other more than 60 deep (at "${name}")`);
    this.trace.push(name);
    try {
      const scope = this.scope(data, name);
      const values = new Map<string, Map<string, unknown>>();
      const incoming = new Set([...scope.next.values()].flat());
      const branchStarts = new Set([...scope.cards.values()].flatMap((c) => Object.keys(c.raw.branches)));
      const trigger = [...scope.cards.values()].find((c) => !incoming.has(c.uuid) && !branchStarts.has(c.uuid));
      if (!trigger) throw new Error(`interpreter: flow "${name}" has no trigger`);
      values.set(trigger.uuid, new Map(trigger.outputs.map((f) => [f.id, f.key in given ? given[f.key] : null])));
      try {
        await this.chain(scope, values, trigger.uuid, false);
      } catch (signal) {
        if (signal instanceof Returned) return { returned: signal.values };
        if (signal instanceof Halt) return { halted: signal.message };
        throw signal;
      }
      return {};
    } finally {
      this.depth--;
    }
  }

  /** Runs from the card after `from`; in a branch, stops at (and returns) the Join. */
  private async chain(scope: Scope, values: Map<string, Map<string, unknown>>, from: string, inBranch: boolean): Promise<string | undefined> {
    let current = from;
    for (;;) {
      const successors = scope.next.get(current) ?? [];
      const onward = successors.filter((id) => scope.cards.get(id)!.key !== 'join' || !inBranch);
      if (inBranch && !onward.length) return successors.find((id) => scope.cards.get(id)!.key === 'join');
      if (!onward.length) return undefined;
      if (onward.length > 1) throw new Error(`interpreter: card "${scope.cards.get(current)!.name}" in "${scope.name}" has ${onward.length} next cards`);
      current = onward[0]!;
      const card = scope.cards.get(current)!;
      await this.exec(scope, values, card);
      if (card.key === 'if') {
        const result = values.get(card.uuid)!.values().next().value as boolean;
        const noop = Object.entries(card.raw.branches as Record<string, boolean>).find(([, v]) => v === result)![0];
        const join = await this.chain(scope, values, noop, true);
        if (!join) throw new Error(`interpreter: a branch of "${card.name}" in "${scope.name}" never reaches its Join`);
        await this.exec(scope, values, scope.cards.get(join)!);
        current = join;
      }
    }
  }

  private inputs(scope: Scope, values: Map<string, Map<string, unknown>>, card: Card): Json {
    const out: Json = {};
    for (const field of card.inputs) {
      const producers = scope.feeds.get(card.uuid)?.get(field.id) ?? [];
      const live = producers.filter((p) => values.get(p.card)?.has(p.output));
      let value: unknown = field.value.data;
      if (live.length) {
        const p = live.at(-1)!;
        value = values.get(p.card)!.get(p.output);
        if (p.wrap && !Array.isArray(value)) value = value === null || value === undefined ? [] : [value];
      }
      out[field.group === null || field.group === 'Request' || field.group === 'parameters' || field.group === 'otherwise' ? field.key : `${field.group}/${field.key}`] = value;
    }
    return out;
  }

  private async exec(scope: Scope, values: Map<string, Map<string, unknown>>, card: Card) {
    const input = this.inputs(scope, values, card);
    const set = (byKey: Json) => values.set(card.uuid, new Map(card.outputs.map((f) => [f.id, byKey[f.key] ?? null])));
    const fail = (message: string) => {
      throw new FlowError(message, scope.name, card.name);
    };
    const str = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    switch (card.key) {
      case 'noop':
        return set({});
      case 'let':
      case 'join':
        return set(card.key === 'join' ? Object.fromEntries(card.inputs.map((f) => [f.key, input[f.key]])) : input);
      case 'return':
        throw new Returned(input);
      case 'if':
        return set({ result: compare(input['left-operand'], input.operator, input['right-operand']) });
      case 'continueIf':
        if (!compare(input['left-operand'], input.operator, input['right-operand'])) throw new Halt(str(input.message));
        return set({ message: null });
      case 'throwIf':
        if (compare(input['left-operand'], input.operator, input['right-operand'])) fail(str(input.message));
        return set({});
      case 'compose':
        return set({ output: str(input._text_).replace(/\{\{\{([^}]*)\}\}\}/g, (_, k: string) => str(input[k])) });
      case 'replace': {
        const text = str(input.string);
        if (input.sensitive === false) {
          // "case sensitive" off: the text to look for matches whatever its case.
          const pattern = new RegExp(str(input.src).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), input.global ? 'gi' : 'i');
          return set({ output: text.replace(pattern, () => str(input.dest)) });
        }
        return set({ output: input.global ? text.split(str(input.src)).join(str(input.dest)) : text.replace(str(input.src), str(input.dest)) });
      }
      case 'split':
        return set({ output: str(input.string).split(str(input.delimiter)) });
      case 'find':
        return set({ output: str(input.string).indexOf(str(input.substr)) });
      case 'substr':
        return set({ output: str(input.string).slice(Number(input.start ?? 0), input.end === null ? undefined : Number(input.end)) });
      case 'shift':
      case 'pop': {
        const list = Array.isArray(input.list) ? [...input.list] : [];
        const item = card.key === 'shift' ? list.shift() : list.pop();
        return set({ item: item ?? null, list });
      }
      case 'length':
        return set({ length: Array.isArray(input.list) ? input.list.length : 0 });
      case 'union': {
        const seen = new Set<string>();
        const all = [...(input.list1 ?? []), ...(input.list2 ?? [])].filter((v) => !seen.has(JSON.stringify(v)) && seen.add(JSON.stringify(v)));
        return set({ union: all });
      }
      case 'findBy': {
        const list: unknown[] = Array.isArray(input.list) ? input.list : [];
        const index = list.findIndex((item) => compare(getPath(item, str(input.path)), input.operator, input.comparison));
        return set({ item: index < 0 ? null : list[index], index });
      }
      case 'construct':
        return set({ output: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) });
      case 'get':
        return set({ output: getPath(input.object, str(input.path)) });
      case 'stringify':
        return set({ output: JSON.stringify(input.object) });
      case 'parse': {
        const url = new URL(str(input.url), 'https://org.invalid');
        return set({ protocol: url.protocol.replace(':', ''), host: url.hostname, port: Number(url.port) || null, path: url.pathname, query: url.search.replace(/^\?/, '') });
      }
      case 'match':
        return set({ output: str(input.string).search(new RegExp(str(input.target))) });
      case 'comment':
        return set({});
      case 'now': {
        const at = this.clock();
        return set({ date: at.toISOString(), iso: at.toISOString() });
      }
      case 'createRow': {
        const table = str(input.stash);
        if (!this.tableNames.has(table)) fail(`Create Row names table ${table}, which the export doesn't define`);
        const row: Row = {};
        for (const field of card.inputs.filter((f) => f.group === 'Fields')) row[field.key] = input[`Fields/${field.key}`];
        const rows = this.rows.get(table) ?? [];
        rows.push(row);
        this.rows.set(table, rows);
        return set({ 'Row ID': `row-${rows.length}` });
      }
      case 'hTTPRequest':
        return set(await this.http(input));
      case 'spawn':
        return set(await this.call(card, input));
      case 'asyncEach':
        await this.forEach(card, input);
        return set({});
      default:
        throw new Error(`interpreter: no behaviour for ${card.key} (${card.name}) in "${scope.name}"`);
    }
  }

  private async call(card: Card, input: Json): Promise<Json> {
    const callee = this.flows.get(input.flo);
    if (!callee?.data) throw new Error(`interpreter: "${card.name}" calls flow ${input.flo}, which is not in the file`);
    const passed = Object.fromEntries(card.inputs.filter((f) => f.metadata?.custom).map((f) => [f.key, input[f.key]]));
    const result = await this.runFlow(callee.data, callee.name, passed);
    return result.returned ?? {};
  }

  /** For Each – Ignore Errors: runs the flow once per item; an item that fails doesn't stop the others. */
  readonly itemErrors: FlowError[] = [];
  private async forEach(card: Card, input: Json) {
    const flo = input.flo;
    const flow = typeof flo === 'object' && flo ? { data: flo, name: `${card.name} (inline)` } : this.flows.get(flo);
    if (!flow?.data) throw new Error(`interpreter: "${card.name}" runs a flow that is not in the file`);
    for (const item of Array.isArray(input.list) ? input.list : []) {
      try {
        await this.runFlow(flow.data, flow.name, item && typeof item === 'object' ? item : {});
      } catch (error) {
        if (error instanceof FlowError) this.itemErrors.push(error);
        else throw error;
      }
    }
  }

  private async http(input: Json): Promise<Json> {
    const method = String(input.requestType);
    const relative = String(input['Relative URL'] ?? '');
    if (!relative.startsWith('/')) throw new Error(`interpreter: Relative URL must start with "/", got ${relative}`);
    const url = new URL(relative, this.connection.baseUrl);
    for (const [k, v] of Object.entries((input.Query ?? {}) as Json)) {
      if (v === null || v === undefined) continue;
      url.searchParams.set(k, Array.isArray(v) ? v.join(',') : String(v));
    }
    const hasBody = input.Body !== undefined && input.Body !== null && input.Body !== '' && method !== 'GET' && method !== 'DELETE';
    // A text Body (JSON built with Stringify) goes as it is; an object as JSON.
    const payload = typeof input.Body === 'string' ? input.Body : JSON.stringify(input.Body);
    const response = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${this.connection.token}`,
        Accept: 'application/json',
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(hasBody ? { body: payload } : {}),
    });
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    this.calls.push({ method, url: `${url.pathname}${url.search}`, ...(hasBody ? { body: JSON.parse(payload) } : {}), status: response.status });
    const headers: Json = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { 'Status Code': response.status, Headers: headers, Body: body };
  }
}
