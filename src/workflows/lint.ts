/**
 * A flopack linter: checks an Okta Workflows export the way the importer plausibly does. Okta
 * publishes no schema, so every rule comes from real exports (see FLOPACK-FORMAT.md) and each
 * message says how sure we are:
 *   [observed]   true of every real export studied (counts given where known);
 *   [documented] stated by Okta's documentation;
 *   [inferred]   our reading of the format, not yet confirmed by an import.
 * Errors are what an import would most likely reject or break on; warnings are departures from
 * what real exports always do.
 */

export type Severity = 'error' | 'warning';
export interface LintIssue {
  severity: Severity;
  rule: string;
  where: string;
  message: string;
}
export interface LintReport {
  issues: LintIssue[];
  errors: number;
  warnings: number;
  flows: number;
  cards: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const KNOWN_VERSIONS = ['1.2.0', '1.3.0', '1.4.0', '1.5.0'];
const FLAGS = { 'auto-transform': true, looseBooleans: true, looseStrings: true, looseNulls: true };
const ENVELOPE_ORDER = ['type', 'version', 'created', 'flags', 'data', 'checksum'];
const DATA_KEYS = ['flos', 'configs', 'tables', 'groups', 'projectOverview'];
const FLOW_FIELDS = ['id', 'uuid', 'display', 'tree', 'methods', 'model', 'orderings', 'cron', 'security_level', 'log', 'inheritLog', 'scheduled', 'group'];
const CARD_KEYS = ['joins', 'address', 'parents', 'uuid', 'branches', 'node', 'pins'];
const MODEL_KEYS = [
  'type', '_v', 'key', 'executable', 'displayed', 'async', 'cooperative', 'mirrored', 'inlined', 'dependencies', 'timeout',
  'idempotent', 'monitor', 'webhook', 'webhookList', 'webhookConditions', 'mobile', 'hooks', 'policy', 'metadata', 'meta',
  'config', 'partnerChannelKeys', 'inputs', 'outputs', 'runtime',
];
const SCALAR_TYPES = new Set(['string', 'number', 'boolean', 'Date', 'object', 'file', 'flo', 'folder', 'Array', '*']);
const DELEGATED_TYPES = new Set(['string', 'number', 'Date', 'boolean']);
const KERNEL_ADDRESS = /^root:kernel:([A-Za-z0-9_-]+):(\d+\.\d+\.\d+):([A-Za-z0-9_]+)$/;
const CHANNEL_ADDRESS = /^root:channels:http:([A-Za-z0-9_]+):(\d+\.\d+\.\d+):([A-Za-z0-9_]+)$/;
const CARD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const CALLABLE = 'root:kernel:control:0.0.1:callable';
const DELEGATED = 'root:kernel:http:0.0.1:delegated';
/** Cards that run a flow from a `flo` input and pass it fields by key. */
const CALLERS = new Set(['spawn', 'run', 'each', 'asyncEach', 'map', 'reduce', 'filter']);

interface Field {
  id: string;
  key: string;
  group: unknown;
  value: Json;
  metadata: Json;
}
interface Card {
  uuid: string;
  name: string;
  address: string;
  key: string;
  raw: Json;
  inputs: Map<string, Field>;
  outputs: Map<string, Field>;
}

class Linter {
  readonly issues: LintIssue[] = [];
  flowCount = 0;
  cardCount = 0;
  private flows: Json = {};
  private configs: Json = {};

  report(severity: Severity, rule: string, where: string, message: string) {
    this.issues.push({ severity, rule, where, message });
  }

  run(doc: unknown) {
    if (!isObject(doc)) return this.report('error', 'envelope', 'file', 'the file is not a JSON object; a Workflows export is one JSON object [observed]');
    this.envelope(doc);
    const data = doc.data;
    if (!isObject(data)) return;
    this.flows = isObject(data.flos) ? data.flos : {};
    this.configs = isObject(data.configs) ? data.configs : {};
    this.groups(data.groups, doc.version);
    this.placeholders();
    for (const [key, flow] of Object.entries(this.flows)) this.flow(key, flow, data.groups);
  }

  private envelope(doc: Json) {
    if (doc.type !== 'flopack') this.report('error', 'envelope', 'file', `type is ${str(doc.type)}; every export says "flopack" [inferred: required]`);
    if (typeof doc.version !== 'string' || !KNOWN_VERSIONS.includes(doc.version)) {
      this.report('error', 'envelope', 'file', `version ${str(doc.version)} is not one Okta has written (${KNOWN_VERSIONS.join(', ')}) [observed]`);
    }
    if (typeof doc.created !== 'string' || !ISO_UTC.test(doc.created)) {
      this.report('error', 'envelope', 'file', `created must be an ISO-8601 UTC time such as 2026-01-01T00:00:00.000Z, not ${str(doc.created)} [inferred: required]`);
    }
    if (JSON.stringify(doc.flags) !== JSON.stringify(FLAGS)) {
      this.report('error', 'envelope', 'file', `flags must be exactly ${JSON.stringify(FLAGS)}, as in every export [observed]`);
    }
    const unknown = Object.keys(doc).filter((k) => !ENVELOPE_ORDER.includes(k));
    if (unknown.length) this.report('error', 'envelope', 'file', `unknown top-level key(s) ${unknown.join(', ')}; exports have only ${ENVELOPE_ORDER.join(', ')} [observed]`);
    const order = Object.keys(doc).filter((k) => ENVELOPE_ORDER.includes(k));
    if (order.join() !== ENVELOPE_ORDER.filter((k) => k in doc).join()) {
      this.report('warning', 'envelope', 'file', `top-level keys are in the order ${order.join(', ')}; exports write ${ENVELOPE_ORDER.join(', ')} [observed]`);
    }
    if (doc.checksum !== undefined) {
      if (typeof doc.checksum !== 'string' || !/^[0-9a-f]{64}$/.test(doc.checksum)) this.report('error', 'envelope', 'file', 'checksum must be 64 hex characters [observed]');
      else if (doc.version === '1.5.0') this.report('warning', 'envelope', 'file', 'a 1.5.0 export with a checksum: none of the 1.5.0 exports carries one, and ours cannot be computed [observed]');
    } else if (doc.version === '1.3.0' || doc.version === '1.4.0') {
      this.report('warning', 'envelope', 'file', `every ${doc.version} export carries a checksum; this one has none [observed]`);
    }
    if (!isObject(doc.data)) return this.report('error', 'envelope', 'file', 'data must be an object with flos, configs, tables and groups [observed]');
    for (const k of ['flos', 'configs', 'tables', 'groups']) {
      if (!isObject(doc.data[k])) this.report('error', 'envelope', 'file', `data.${k} must be an object (possibly empty) [observed]`);
    }
    const extra = Object.keys(doc.data).filter((k) => !DATA_KEYS.includes(k));
    if (extra.length) this.report('warning', 'envelope', 'file', `data has unknown key(s) ${extra.join(', ')} [observed: exports have ${DATA_KEYS.join(', ')}]`);
  }

  private groups(groups: unknown, version: unknown) {
    if (!isObject(groups)) return;
    for (const [key, g] of Object.entries(groups)) {
      const where = `folder ${key}`;
      if (!isObject(g) || g.id !== key) {
        this.report('error', 'folder', where, 'a folder\'s id must equal its key in data.groups [observed]');
        continue;
      }
      if (!isObject(g.data) || typeof g.data.name !== 'string' || !g.data.name) {
        this.report('error', 'folder', where, 'a folder needs data.name [observed]');
        continue;
      }
      const path = g.data.path;
      if (path === undefined) {
        if (version === '1.4.0' || version === '1.5.0') this.report('warning', 'folder', where, `folder "${g.data.name}" has no path; 1.4.0 and 1.5.0 exports always give one [observed]`);
      } else if (typeof path !== 'string') {
        this.report('error', 'folder', where, 'a folder path is "" (top folder) or its ancestors\' ids joined with "." [observed]');
      } else if (path) {
        const missing = path.split('.').filter((id) => !(id in groups));
        if (missing.length) this.report('error', 'folder', where, `folder "${g.data.name}" names ancestor(s) ${missing.join(', ')} that are not in the file [inferred]`);
      }
    }
  }

  private placeholders() {
    for (const [key, c] of Object.entries(this.configs)) {
      if (!isObject(c) || c.id !== key || typeof c.module !== 'string' || !c.module) {
        this.report('error', 'connection', `connection ${key}`, 'a connection placeholder is {id (= its key), name, module, data: null} [observed]');
      }
    }
  }

  private flow(key: string, flow: unknown, groups: unknown) {
    const where = `flow ${key}`;
    if (!isObject(flow)) return this.report('error', 'flow', where, 'a flow entry must be an object [observed]');
    const name = typeof flow.name === 'string' ? flow.name : key;
    const at = `flow "${name}"`;
    if (flow.id !== key) this.report('error', 'flow', at, `the flow's id (${str(flow.id)}) must equal its key ${key} [observed 560/560]`);
    if (!UUID.test(key)) this.report('warning', 'flow', at, `flow id ${key} is not a UUID [observed: always a UUID]`);
    if (flow.data === null) return; // a stub for a flow called but not exported [observed]
    if (!isObject(flow.data)) return this.report('error', 'flow', at, 'data must be the flow, or null for a stub [observed]');
    this.flowCount++;
    const data = flow.data;
    const missing = FLOW_FIELDS.filter((f) => !(f in data));
    if (missing.length) this.report('error', 'flow', at, `missing ${missing.join(', ')}; every real flow has them [observed 560/560]`);
    if (data.uuid !== key) this.report('error', 'flow', at, `data.uuid (${str(data.uuid)}) must equal the flow's key [observed 560/560]`);
    if (typeof data.group === 'string' && isObject(groups) && !(data.group in groups)) {
      this.report('warning', 'flow', at, `its folder ${data.group} is not in the file; imports tolerate that, but the flow lands outside our folder [observed]`);
    }
    const cards = this.cards(at, data);
    if (!cards) return;
    const trigger = this.trigger(cards, data);
    if (trigger?.address === CALLABLE && isObject(data.display) && data.display.isCallable !== true) {
      this.report('error', 'flow', at, 'a flow that starts with a Helper Flow card must have display.isCallable true, or no Call Flow can call it [observed]');
    }
    if (trigger?.address === DELEGATED) {
      if (data.security_level !== 'high') this.report('warning', 'flow', at, `a delegated flow has security_level "high" in every export (14/14), not ${str(data.security_level)} [observed]`);
      if (isObject(data.display) && data.display.isCallable !== false) this.report('warning', 'flow', at, 'a delegated flow is not callable (display.isCallable false) [observed]');
      this.delegatedFields(at, trigger);
    }
  }

  /** Checks the cards of a flow (or an inline sub-flow) and returns them. */
  private cards(at: string, data: Json): Map<string, Card> | undefined {
    if (!Array.isArray(data.methods)) {
      this.report('error', 'flow', at, 'methods must be the list of cards [observed]');
      return undefined;
    }
    const cards = new Map<string, Card>();
    const fieldIds = new Set<string>();
    for (const raw of data.methods as unknown[]) {
      const card = this.card(at, raw, fieldIds);
      if (!card) continue;
      if (cards.has(card.uuid)) this.report('error', 'card', at, `two cards share the id ${card.uuid}; card ids are unique within a flow [observed]`);
      cards.set(card.uuid, card);
    }
    for (const card of cards.values()) {
      this.pins(at, card, cards);
      this.joinsAndBranches(at, card, cards);
      this.flowInputs(at, card);
      if (card.key === 'compose') this.compose(at, card);
    }
    this.orderings(at, data, cards);
    return cards;
  }

  private card(at: string, raw: unknown, fieldIds: Set<string>): Card | undefined {
    if (!isObject(raw)) {
      this.report('error', 'card', at, 'a card must be an object [observed]');
      return undefined;
    }
    const uuid = typeof raw.uuid === 'string' ? raw.uuid : '';
    const node = isObject(raw.node) ? raw.node : {};
    const name = isObject(node.data) && typeof node.data.name === 'string' ? node.data.name : uuid;
    const where = `${at} › card "${name}" (${uuid || 'no id'})`;
    this.cardCount++;
    const missing = CARD_KEYS.filter((k) => !(k in raw));
    if (missing.length) this.report('error', 'card', where, `missing ${missing.join(', ')}; every card has ${CARD_KEYS.join(', ')} [observed 5,003/5,003]`);
    const extra = Object.keys(raw).filter((k) => !CARD_KEYS.includes(k));
    if (extra.length) this.report('warning', 'card', where, `unknown key(s) ${extra.join(', ')} [observed: cards have exactly ${CARD_KEYS.join(', ')}]`);
    if (!CARD_ID.test(uuid)) this.report('error', 'card', where, 'the card id must be a short id of letters, digits, "_" and "-" [observed; inferred: the importer does not check its length]');
    const address = typeof raw.address === 'string' ? raw.address : '';
    const m = KERNEL_ADDRESS.exec(address) ?? CHANNEL_ADDRESS.exec(address);
    if (!m) {
      this.report('error', 'address', where, `address ${str(raw.address)} is not root:kernel:<module>:<version>:<key> or root:channels:http:<connector>:<version>:<key> [observed]`);
    } else {
      const parts = address.split(':');
      const parents = isObject(raw.parents) ? raw.parents : {};
      const version = isObject(parents.version) ? parents.version : {};
      const channel = isObject(parents.channel) ? parents.channel : {};
      if (version.address !== parts.slice(0, -1).join(':') || version.key !== parts.at(-2) || channel.address !== parts.slice(0, -2).join(':') || channel.key !== parts.at(-3)) {
        this.report('error', 'address', where, `parents must repeat the address ${address} split into channel and version [observed 5,003/5,003]`);
      }
    }
    const key = address.split(':').at(-1) ?? '';
    const model = isObject(node.model) ? node.model : undefined;
    if (!model) {
      this.report('error', 'card', where, 'node.model is missing [observed]');
      return { uuid, name, address, key, raw, inputs: new Map(), outputs: new Map() };
    }
    if (node.key !== key || model.key !== key) this.report('error', 'card', where, `node.key and node.model.key must both be "${key}", the last part of the address [observed]`);
    const absent = MODEL_KEYS.filter((k) => !(k in model));
    if (absent.length) this.report('error', 'card', where, `model lacks ${absent.join(', ')}, which every card carries [observed; inferred: required]`);
    if (model.config !== null && model.config !== undefined && !(typeof model.config === 'string' && model.config in this.configs)) {
      this.report('error', 'connection', where, `config ${str(model.config)} is neither null nor a connection placeholder in data.configs [observed]`);
    }
    const inputs = this.fields(where, model.inputs, 'input', fieldIds);
    const outputs = this.fields(where, model.outputs, 'output', fieldIds);
    if (model.mirrored === true) {
      const a = [...inputs.values()].map((f) => `${str(f.group)}/${f.key}`).sort().join('|');
      const b = [...outputs.values()].map((f) => `${str(f.group)}/${f.key}`).sort().join('|');
      if (a !== b) this.report('error', 'mirror', where, 'a mirrored card lists the same fields under inputs and outputs [observed]');
    }
    return { uuid, name, address, key, raw, inputs, outputs };
  }

  private fields(where: string, set: unknown, side: 'input' | 'output', fieldIds: Set<string>): Map<string, Field> {
    const out = new Map<string, Field>();
    if (!isObject(set) || !isObject(set.data)) {
      this.report('error', 'field', where, `${side}s must be {extensible, …, data: {…}} [observed]`);
      return out;
    }
    for (const [id, f] of Object.entries(set.data)) {
      if (!isObject(f) || f.id !== id || typeof f.key !== 'string' || !isObject(f.value)) {
        this.report('error', 'field', where, `${side} ${id} must be {id (= its key), key, value, …} [observed]`);
        continue;
      }
      if (fieldIds.has(id)) this.report('error', 'field', where, `field id ${id} is used twice in this flow; field ids are unique within a flow [observed 560/560]`);
      fieldIds.add(id);
      if (!this.validType(f.value.type)) this.report('error', 'field', where, `${side} "${f.key}" has type ${str(f.value.type)}, not a Workflows type [observed]`);
      if (typeof f.value.collection !== 'boolean') this.report('error', 'field', where, `${side} "${f.key}" must say collection true or false [observed]`);
      out.set(id, { id, key: f.key, group: f.group, value: f.value, metadata: isObject(f.metadata) ? f.metadata : {} });
    }
    return out;
  }

  private validType(t: unknown): boolean {
    if (typeof t === 'string') return SCALAR_TYPES.has(t);
    if (!isObject(t)) return false;
    return Object.values(t).every((sub) => isObject(sub) && this.validType(sub.type));
  }

  private pins(at: string, card: Card, cards: Map<string, Card>) {
    const pins = card.raw.pins;
    const where = `${at} › card "${card.name}" (${card.uuid})`;
    if (!isObject(pins)) return this.report('error', 'pin', where, 'pins must be an object [observed]');
    for (const [outId, targets] of Object.entries(pins)) {
      if (!card.outputs.has(outId)) this.report('error', 'pin', where, `a wire leaves from ${outId}, which is not an output of this card [observed: all 5,391 wires resolve]`);
      if (!isObject(targets)) continue;
      for (const [target, list] of Object.entries(targets)) {
        const consumer = cards.get(target);
        if (!consumer) {
          this.report('error', 'pin', where, `a wire goes to card ${target}, which is not in this flow [observed: all wires resolve]`);
          continue;
        }
        for (const pin of Array.isArray(list) ? list : []) {
          if (!isObject(pin) || typeof pin.input !== 'string' || !consumer.inputs.has(pin.input)) {
            this.report('error', 'pin', where, `a wire goes to input ${isObject(pin) ? str(pin.input) : '?'} of card "${consumer.name}", which has no such input [observed: all wires resolve]`);
          }
        }
      }
    }
  }

  private joinsAndBranches(at: string, card: Card, cards: Map<string, Card>) {
    const where = `${at} › card "${card.name}" (${card.uuid})`;
    const joins = isObject(card.raw.joins) ? card.raw.joins : {};
    for (const [inId, outs] of Object.entries(joins)) {
      const ok = card.inputs.has(inId) && Array.isArray(outs) && outs.every((o) => isObject(o) && typeof o.output === 'string' && card.outputs.has(o.output));
      if (!ok) this.report('error', 'join', where, `joins must map this card's input ids to its own output ids (${inId}) [observed]`);
    }
    const branches = isObject(card.raw.branches) ? card.raw.branches : {};
    for (const [noop, value] of Object.entries(branches)) {
      const start = cards.get(noop);
      if (!start || start.key !== 'noop' || typeof value !== 'boolean') {
        this.report('error', 'branch', where, `branch ${noop} must be a Noop card of this flow mapped to true or false [observed]`);
      }
    }
  }

  /** `flo` inputs: a flow in this file (Call Flow, For Each, …) or an inline sub-flow (If Error, event For Each). */
  private flowInputs(at: string, card: Card) {
    const where = `${at} › card "${card.name}" (${card.uuid})`;
    for (const f of card.inputs.values()) {
      if (f.value.type !== 'flo') continue;
      const v = f.value.data;
      if (isObject(v)) {
        const inner = `${where} › inline flow`;
        this.cards(inner, v);
        continue;
      }
      if (typeof v !== 'string' || !v) {
        if (CALLERS.has(card.key)) this.report('error', 'call', where, `"${f.key}" names no flow; a Call Flow needs its target [observed 232/232 resolve]`);
        continue;
      }
      const target = this.flows[v];
      if (!isObject(target)) {
        this.report('error', 'call', where, `calls flow ${v}, which is not in the file (not even as a stub) [observed: 232/232 references resolve]`);
        continue;
      }
      if (!isObject(target.data)) continue; // a stub: the user links it after import
      const methods = Array.isArray(target.data.methods) ? (target.data.methods as unknown[]).filter(isObject) : [];
      const start = methods.find((m) => m.address === CALLABLE);
      if (!start || (isObject(target.data.display) && target.data.display.isCallable !== true)) {
        this.report('error', 'call', where, `calls "${str(target.name)}", which is not a helper flow (no Helper Flow card, or not callable) [observed]`);
        continue;
      }
      if (CALLERS.has(card.key)) this.callContract(where, card, target, methods);
    }
  }

  /** Call Flow matches its extra inputs to the helper's fields, and its outputs to the helper's Return, by key. */
  private callContract(where: string, card: Card, target: Json, methods: Json[]) {
    const keysOf = (m: Json | undefined, side: 'inputs' | 'outputs') => {
      const model = m && isObject(m.node) && isObject(m.node.model) ? m.node.model : undefined;
      const set = model && isObject(model[side]) && isObject(model[side].data) ? (model[side].data as Json) : {};
      return new Set(Object.values(set).filter(isObject).map((f) => f.key as string));
    };
    const takes = keysOf(methods.find((m) => m.address === CALLABLE), 'outputs');
    const returns = new Set<string>();
    for (const m of methods.filter((m) => m.address === 'root:kernel:control:0.0.1:return')) for (const k of keysOf(m, 'inputs')) returns.add(k);
    const name = str(target.name);
    for (const f of card.inputs.values()) {
      if (f.metadata.custom !== true || f.group === 'context') continue;
      if (!takes.has(f.key)) this.report('warning', 'call', where, `passes "${f.key}", but "${name}" has no field of that key, so the value is dropped [observed: 68/69 calls match by key]`);
    }
    if (card.key !== 'spawn') return;
    for (const f of card.outputs.values()) {
      if (!returns.has(f.key)) this.report('error', 'call', where, `reads "${f.key}", but the Return of "${name}" gives no such key [observed: 44/44 calls match by key]`);
    }
  }

  private compose(at: string, card: Card) {
    const text = [...card.inputs.values()].find((f) => f.key === '_text_');
    if (!text || typeof text.value.data !== 'string') return;
    const keys = new Set([...card.inputs.values()].map((f) => f.key));
    for (const m of text.value.data.matchAll(/\{\{\{([^}]*)\}\}\}/g)) {
      if (!keys.has(m[1]!)) this.report('error', 'compose', `${at} › card "${card.name}" (${card.uuid})`, `the placeholder {{{${m[1]}}}} names no input of this Compose card [observed 270/270]`);
    }
  }

  private orderings(at: string, data: Json, cards: Map<string, Card>) {
    const orderings = data.orderings;
    if (!isObject(orderings)) return this.report('error', 'order', at, 'orderings must be an object of [from, to] card pairs [observed]');
    const next = new Map<string, string[]>();
    const incoming = new Set<string>();
    for (const [id, edge] of Object.entries(orderings)) {
      if (!Array.isArray(edge) || edge.length !== 2 || !edge.every((e) => typeof e === 'string')) {
        this.report('error', 'order', at, `ordering ${id} must be a [from, to] pair of card ids [observed]`);
        continue;
      }
      const [from, to] = edge as [string, string];
      for (const end of [from, to]) {
        if (!cards.has(end)) this.report('error', 'order', at, `ordering ${id} names card ${end}, which is not in this flow [observed; a third party saw such files fail to import]`);
      }
      if (from === to && cards.get(from)?.key !== 'expand') this.report('error', 'order', at, `ordering ${id} loops card ${from} onto itself [observed: only hidden expand cards do]`);
      if (from !== to) incoming.add(to);
      next.set(from, [...(next.get(from) ?? []), to]);
    }
    // Everything but branch starts should be reachable from the first card, through orderings and branches.
    const branchStarts = new Set([...cards.values()].flatMap((c) => (isObject(c.raw.branches) ? Object.keys(c.raw.branches) : [])));
    const starts = [...cards.values()].filter((c) => !incoming.has(c.uuid) && !branchStarts.has(c.uuid));
    if (cards.size > 1 && starts.length !== 1) {
      this.report('warning', 'order', at, `the card order should start at exactly one card (the trigger); it starts at ${starts.length}: ${starts.map((c) => `"${c.name}"`).join(', ')} [inferred]`);
    }
    const seen = new Set<string>();
    const queue = starts.slice(0, 1).map((c) => c.uuid);
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(next.get(id) ?? []));
      const branches = cards.get(id)?.raw.branches;
      if (isObject(branches)) queue.push(...Object.keys(branches));
    }
    const stranded = [...cards.values()].filter((c) => !seen.has(c.uuid) && starts.length === 1);
    if (stranded.length) {
      this.report('warning', 'order', at, `card(s) ${stranded.map((c) => `"${c.name}"`).join(', ')} are not on the path from the trigger, so they never run [inferred]`);
    }
  }

  /** The card the flow starts at: the one no ordering leads to and no branch starts with. */
  private trigger(cards: Map<string, Card>, data: Json): Card | undefined {
    const orderings = isObject(data.orderings) ? Object.values(data.orderings) : [];
    const incoming = new Set(orderings.filter(Array.isArray).filter((e) => e[0] !== e[1]).map((e) => e[1] as string));
    const branchStarts = new Set([...cards.values()].flatMap((c) => (isObject(c.raw.branches) ? Object.keys(c.raw.branches) : [])));
    return [...cards.values()].find((c) => !incoming.has(c.uuid) && !branchStarts.has(c.uuid));
  }

  private delegatedFields(at: string, trigger: Card) {
    for (const f of trigger.outputs.values()) {
      if (f.group !== 'inputs') continue;
      if (f.value.collection === true || typeof f.value.type !== 'string' || !DELEGATED_TYPES.has(f.value.type)) {
        this.report('error', 'delegated', `${at} › card "${trigger.name}"`, `form field "${f.key}" is ${f.value.collection ? 'a list of ' : ''}${str(f.value.type)}; a delegated flow takes only single text, number, true/false or date & time values [documented]`);
      }
    }
  }
}

/** Lints a parsed flopack document. */
export function lintFlopack(doc: unknown): LintReport {
  const linter = new Linter();
  linter.run(doc);
  const errors = linter.issues.filter((i) => i.severity === 'error').length;
  return { issues: linter.issues, errors, warnings: linter.issues.length - errors, flows: linter.flowCount, cards: linter.cardCount };
}

/** Lints flopack text (what a .flow/.folder/.flopack file holds). */
export function lintFlopackText(text: string): LintReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return {
      issues: [{ severity: 'error', rule: 'json', where: 'file', message: `not JSON (${(error as Error).message}); an export is one JSON document [observed]` }],
      errors: 1,
      warnings: 0,
      flows: 0,
      cards: 0,
    };
  }
  return lintFlopack(doc);
}

export function formatIssue(i: LintIssue): string {
  return `${i.severity}: ${i.where}: ${i.message}`;
}
