/**
 * Builds one flow's cards, wires and card order, with deterministic ids.
 *
 * The rules it follows are the ones real exports obey: a wire (`pins`) leaves from an output of
 * the producing card; mirrored cards list each field twice with different ids; `orderings` is a
 * chain from the trigger; an If/Else keeps its two branches in `branches` (each starting at a Noop),
 * every card of a branch also points at the Join that closes it, and the chain goes on from the Join.
 */
import { ANY_TYPE, FLOW_TREE, type CardModel, type Field, type FieldSet, type FlowData, type InlineFlow, type Method, type ValueType } from './format.ts';
import { shortId, uuidV4 } from './ids.ts';
import { fixedField, OPERATORS, parentsOf, prototypes, type KindName, type Operator, type Prototype } from './prototypes.ts';

export interface FieldSpec {
  key: string;
  type: ValueType;
  list?: boolean;
  group?: string | null;
  /** Shown instead of the key. */
  label?: string;
  /** The literal typed on the card; wired inputs keep none. */
  value?: unknown;
  required?: boolean;
  /** Added by the author (not part of the card type). */
  custom?: boolean;
  flags?: 'd' | 'p';
  metadata?: Record<string, unknown>;
  /** The types a user may switch the field to (as the real card lists them). */
  available?: string[];
}

export interface Port {
  card: string;
  field: string;
  key: string;
  type: ValueType;
  list: boolean;
}

export interface CardOptions {
  name?: string;
  inputs?: FieldSpec[];
  outputs?: FieldSpec[];
  /** Connector cards: the connection placeholder. */
  config?: string | null;
  /** Comment cards: the note shown on the card. */
  note?: { title: string; markdown: string };
}

export class CardHandle {
  constructor(
    readonly uuid: string,
    readonly kind: KindName,
    readonly method: Method,
  ) {}

  private port(side: 'inputs' | 'outputs', key: string, group?: string | null): Port {
    const field = Object.values(this.method.node.model[side].data).find((f) => f.key === key && (group === undefined || f.group === group));
    if (!field) throw new Error(`card "${this.method.node.data.name}" (${this.kind}) has no ${side === 'inputs' ? 'input' : 'output'} "${key}"`);
    return { card: this.uuid, field: field.id, key, type: field.value.type, list: field.value.collection };
  }
  in(key: string, group?: string | null): Port {
    return this.port('inputs', key, group);
  }
  out(key: string, group?: string | null): Port {
    return this.port('outputs', key, group);
  }
}

/** A value for an operand or input: a wire from another card, or a literal. */
export type Source = Port | { literal: unknown };
export const literal = (value: unknown) => ({ literal: value });
const isPort = (s: Source): s is Port => 'card' in s;

function emptyOf(spec: FieldSpec): unknown {
  return spec.value === undefined ? null : spec.value;
}

export class FlowBuilder {
  private readonly methods: Method[] = [];
  private readonly orderings: Record<string, [string, string]> = {};
  private readonly ids = new Set<string>();
  private cursor: string | undefined;
  private branchJoin: string | undefined;

  constructor(readonly role: string) {}

  private unique(id: string, what: string): string {
    if (this.ids.has(id)) throw new Error(`flow ${this.role}: duplicate ${what} id ${id}; give the card or field a distinct role`);
    this.ids.add(id);
    return id;
  }

  private field(cardRole: string, side: 'in' | 'out', spec: FieldSpec, index: number, proto: Prototype): Field {
    const id = this.unique(shortId(`${this.role}|${cardRole}|${side}|${spec.group ?? ''}|${spec.key}`), 'field');
    const sideName = side === 'in' ? 'inputs' : 'outputs';
    const fixed = fixedField(proto, sideName, spec.group ?? null, spec.key);
    if (!fixed && !proto.custom[sideName].includes(spec.group ?? null)) {
      const where = spec.group ? `group "${spec.group}"` : 'no group';
      throw new Error(`flow ${this.role}, card ${cardRole}: a ${proto.title} card has no ${sideName.slice(0, -1)} "${spec.key}" (${where}) in its prototype, and takes no author-added ${sideName} there`);
    }
    const list = Boolean(spec.list);
    const metadata: Record<string, unknown> = { index };
    if (spec.custom) metadata.custom = true;
    if (spec.label && spec.label !== spec.key) metadata.displayname = spec.label;
    Object.assign(metadata, spec.metadata);
    const trigger = proto.fieldOrder === 'trigger';
    const value = { error: false, proxy: false, check: false, type: spec.type, collection: list, data: emptyOf(spec), available: spec.available ?? (spec.custom ? ANY_TYPE : []) };
    const ref = list && (side === 'out' || trigger);
    if (side === 'out') return { id, group: spec.group ?? null, key: spec.key, value, ref, metadata };
    const required = Boolean(spec.required);
    const flags = spec.flags ?? fixed?.flags ?? 'd';
    return trigger
      ? { id, group: spec.group ?? null, key: spec.key, value, ref, metadata, required, flags }
      : { id, group: spec.group ?? null, key: spec.key, value, required, ref, metadata, flags };
  }

  private fieldSet(proto: Prototype, side: 'inputs' | 'outputs', fields: Field[]): FieldSet {
    const c = proto[side];
    return {
      extensible: c.extensible,
      ...(c.rules ? { rules: c.rules } : {}),
      ...(c.groupRules ? { groupRules: c.groupRules } : {}),
      data: Object.fromEntries(fields.map((f) => [f.id, f])),
    };
  }

  /** Adds a card, made from its type's prototype, without placing it in the card order (see `place`). */
  add(kindName: KindName, cardRole: string, options: CardOptions = {}): CardHandle {
    const proto: Prototype = prototypes[kindName];
    const uuid = this.unique(shortId(`${this.role}|card|${cardRole}`, 9), 'card');
    const key = proto.address.split(':').at(-1)!;
    const inSpecs = options.inputs ?? [];
    const outSpecs = proto.mirrored ? inSpecs : options.outputs ?? [];
    const inputs = inSpecs.map((s, i) => this.field(cardRole, 'in', s, i, proto));
    const outputs = outSpecs.map((s, i) => this.field(cardRole, 'out', s, i, proto));
    const connector = proto.connector;
    const hooks = Object.fromEntries(
      (connector?.hooks ?? []).map((address, i) => [uuidV4(`hook:${this.role}|${cardRole}|${i}`), { id: shortId(`${this.role}|${cardRole}|hook|${i}`, 12), address }]),
    );
    const model: CardModel = {
      type: 'method',
      _v: 2,
      key,
      executable: proto.executable,
      displayed: proto.displayed,
      async: proto.async,
      cooperative: proto.cooperative,
      mirrored: proto.mirrored,
      ...(connector ? { compat: false } : {}),
      inlined: false,
      dependencies: [],
      timeout: proto.timeout,
      idempotent: false,
      monitor: false,
      webhook: proto.webhook,
      webhookList: proto.webhook,
      webhookConditions: proto.webhook ? { where: ['headers'], key: 'x-okta-verification-challenge' } : false,
      mobile: false,
      hooks: {},
      policy: { error: { type: 'finish' } },
      metadata: { id: connector?.metadataId ?? null, name: proto.title, description: proto.description },
      meta: hooks,
      config: connector ? (options.config ?? null) : null,
      partnerChannelKeys: connector?.partnerChannelKeys ?? null,
      inputs: this.fieldSet(proto, 'inputs', inputs),
      outputs: this.fieldSet(proto, 'outputs', outputs),
      runtime: {},
      ...(connector ? { display: connector.display, comments: connector.comments, enableNewMetadata: true } : {}),
      ...(proto.display ? { display: proto.display } : {}),
      ...(options.note ? { comments: options.note } : {}),
    };
    const method: Method = {
      joins: {},
      address: proto.address,
      parents: parentsOf(proto),
      uuid,
      branches: {},
      node: { key, data: { name: options.name ?? proto.title }, model },
      pins: {},
    };
    this.methods.push(method);
    return new CardHandle(uuid, kindName, method);
  }

  private edge(from: string, to: string) {
    this.orderings[this.unique(shortId(`${this.role}|edge|${from}|${to}`, 11), 'edge')] = [from, to];
  }

  /** Puts a card next in the card order (inside a branch, it also points at the branch's Join). */
  place(card: CardHandle): CardHandle {
    if (this.cursor) this.edge(this.cursor, card.uuid);
    if (this.branchJoin) this.edge(card.uuid, this.branchJoin);
    this.cursor = card.uuid;
    return card;
  }

  /** `add` + `place`: the usual way to append a card. */
  step(kindName: KindName, cardRole: string, options: CardOptions = {}): CardHandle {
    return this.place(this.add(kindName, cardRole, options));
  }

  /** A wire from an output to an input. `wrap` turns a single value into a one-item list on the way. */
  wire(from: Port, to: Port, options: { wrap?: boolean } = {}) {
    const producer = this.methods.find((m) => m.uuid === from.card)!;
    const targets = (producer.pins[from.field] ??= {});
    const transform = options.wrap ? { [from.field]: { convert: 'wrapArray', forceWrapArray: false, dest: from.field } } : null;
    (targets[to.card] ??= []).push({ input: to.field, transform });
    producer.node.model.outputs.data[from.field]!._used = true;
  }

  /** The input spec for a value that is either wired (empty literal) or typed on the card. */
  static input(key: string, source: Source, spec: Omit<FieldSpec, 'key' | 'type' | 'list' | 'value'> & { type?: ValueType; list?: boolean } = {}): FieldSpec {
    if (isPort(source)) return { ...spec, key, type: spec.type ?? source.type, list: spec.list ?? source.list };
    return { ...spec, key, type: spec.type ?? typeOfLiteral(source.literal), list: spec.list ?? Array.isArray(source.literal), value: source.literal };
  }

  /** Wires every port-valued source to the same-named input of `card`. */
  connect(card: CardHandle, sources: Record<string, Source>, options: { wrap?: string[] } = {}) {
    for (const [key, source] of Object.entries(sources)) {
      if (isPort(source)) this.wire(source, card.in(key), { wrap: options.wrap?.includes(key) });
    }
  }

  /** A comparison card (If/Else, Continue If, Return Error If): value a, comparison, value b. */
  comparison(a: Source, op: Operator, b: Source = literal(null)): FieldSpec[] {
    const operandType = (s: Source): ValueType => (isPort(s) ? (s.list ? 'object' : s.type) : typeOfLiteral(s.literal));
    return [
      FlowBuilder.input('left-operand', a, { type: operandType(a), list: false, label: 'value a' }),
      { key: 'operator', type: 'string', value: op, required: true, label: 'comparison', metadata: { choices: OPERATORS } },
      FlowBuilder.input('right-operand', b, { type: isPort(b) ? operandType(b) : operandType(a), list: false, label: 'value b' }),
    ];
  }

  /**
   * If/Else with a Join. Each branch callback appends its cards and returns the values to carry
   * out under the Join's keys; an Assign at the end of each branch holds them (as real flows do).
   * Returns the Join, whose outputs are those keys.
   */
  ifElse(
    role: string,
    condition: { a: Source; op: Operator; b?: Source },
    joinFields: Record<string, { type: ValueType; list?: boolean }>,
    branches: { then: () => Record<string, Source>; else: () => Record<string, Source> },
  ): CardHandle {
    if (this.branchJoin) throw new Error(`flow ${this.role}: nested If/Else (${role}) is not supported; move the inner branch into a helper flow`);
    const specs = Object.entries(joinFields).map(([key, t]): FieldSpec => ({ key, type: t.type, list: t.list }));
    const ifCard = this.step('ifElse', role, { inputs: this.comparison(condition.a, condition.op, condition.b), outputs: [{ key: 'result', type: 'boolean' }] });
    this.connect(ifCard, { 'left-operand': condition.a, ...(condition.b ? { 'right-operand': condition.b } : {}) });
    const join = this.add('join', `${role}/join`, { inputs: specs, outputs: specs });
    for (const spec of specs) join.method.joins[join.in(spec.key).field] = [{ output: join.out(spec.key).field, transform: null }];

    for (const [label, build] of [['then', branches.then], ['else', branches.else]] as const) {
      const noop = this.add('noop', `${role}/${label}`);
      ifCard.method.branches[noop.uuid] = label === 'then';
      this.cursor = noop.uuid;
      this.branchJoin = join.uuid;
      this.edge(noop.uuid, join.uuid);
      const values = build();
      const assign = this.step('assign', `${role}/${label}/assign`, {
        inputs: specs.map((s) => {
          const v = values[s.key];
          if (!v) throw new Error(`flow ${this.role}: branch ${label} of ${role} gives no value for "${s.key}"`);
          return isPort(v) ? { ...s, custom: true } : { ...s, custom: true, value: v.literal };
        }),
      });
      for (const s of specs) {
        const v = values[s.key]!;
        if (isPort(v)) this.wire(v, assign.in(s.key));
        this.wire(assign.out(s.key), join.in(s.key));
      }
      this.branchJoin = undefined;
    }
    // The chain goes on from the Join; the If/Else card itself has no next card.
    this.cursor = join.uuid;
    return join;
  }

  /** The flow as an inline sub-flow (the value of a For Each card's `flo` input). */
  buildInline(uuid: string): InlineFlow {
    return {
      id: uuid,
      uuid,
      // Inline sub-flows of real exports carry tree id 1.
      tree: { ...FLOW_TREE, id: 1 },
      methods: this.methods,
      model: {},
      orderings: this.orderings,
      security_level: null,
      log: false,
      inheritLog: false,
      group: null,
      templateName: null,
      connector_method_meta: { inputs: {}, outputs: {}, options: {} },
      monitor_flo: false,
    };
  }

  /** The flow's `data` block. */
  build(options: { uuid: string; group: string; callable: boolean; securityLevel: string | null }): FlowData {
    const seen = new Set<string>();
    const preview = this.methods
      .filter((m) => m.node.key !== 'noop')
      .map((m) => {
        const [, kind, module] = m.address.split(':');
        return { module: kind === 'kernel' ? module! : m.address.split(':')[3]!, name: m.node.key, kernel: kind === 'kernel' };
      })
      .filter((p) => !seen.has(`${p.module}:${p.name}`) && seen.add(`${p.module}:${p.name}`));
    return {
      id: null,
      uuid: options.uuid,
      display: { preview, isCallable: options.callable },
      tree: FLOW_TREE,
      methods: this.methods,
      model: {},
      orderings: this.orderings,
      cron: {},
      security_level: options.securityLevel,
      log: true,
      inheritLog: true,
      scheduled: false,
      group: options.group,
      templateName: null,
      connector_method_meta: { inputs: {}, outputs: {}, options: {} },
      monitor_flo: false,
    };
  }
}

export function typeOfLiteral(value: unknown): ValueType {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (v !== null && typeof v === 'object') return 'object';
  return 'string';
}
