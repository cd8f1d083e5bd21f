/**
 * One prototype per card type the generator emits, each copied from a real card of that type: the
 * address, the behaviour flags, the model keys, the input/output containers (`rules`,
 * `groupRules`) and the fixed fields. `evidence` names where the real card is: a file of the
 * MIT-licensed samples (shared/workflows/samples/, checked field by field by a test when present)
 * or a section of shared/workflows/FLOPACK-FORMAT.md (observed over Okta's template catalogue).
 *
 * The flow builder makes every card from its prototype and refuses a field the prototype doesn't
 * attest (a fixed field of the type, or an author-added field where the type accepts them), so a
 * card type or key that no prototype attests fails the build.
 */
import type { ValueType } from './format.ts';

/**
 * Where the real card is: an MIT sample (checked by a test), a section of FLOPACK-FORMAT.md, or a
 * template of Okta's catalogue (okta/workflows-templates at CATALOGUE_COMMIT; studied for facts —
 * addresses, keys, flags — and never copied: that repository has no licence).
 */
export type Evidence = { sample: string; flow: string } | { format: string } | { catalogue: string; flow: string };
export const CATALOGUE_COMMIT = 'b11231c41f652442b5bd4bc075daad447ded8da4';

/** A field every card of the type carries (matched by group + key). */
export interface FixedField {
  key: string;
  group: string | null;
  type: ValueType;
  list?: boolean;
  /** Inputs only: "p" for the card's options (group `parameters`). */
  flags?: 'd' | 'p';
  /** For a field the prototype's own card doesn't show (an optional field of the type): where it is attested. */
  attested?: string;
}

export interface Container {
  extensible: boolean;
  rules?: Record<string, unknown>;
  groupRules?: Record<string, unknown>;
}

export interface Prototype {
  address: string;
  /** The card's default name (`node.data.name`; authors rename cards). */
  title: string;
  evidence: Evidence;
  description: string | null;
  executable: boolean;
  displayed: boolean;
  async: boolean;
  cooperative: boolean;
  mirrored: boolean;
  timeout: number;
  webhook: boolean;
  /** Connector cards: the numeric ids the real card carries (environment-specific; see FLOPACK-FORMAT §5.2). */
  connector?: {
    metadataId: number;
    partnerChannelKeys: number | null;
    /** `parents.version.data.id` and `parents.channel.data.id`. */
    parentIds: { version: number; channel: number };
    comments: string;
    display: Record<string, unknown>;
    /** The dynamic-field hooks in `model.meta` (keyed by a UUID, each with a short id, in real cards). */
    hooks: Record<string, unknown>[];
  };
  /** Kernel cards that carry `display` (and, for Comment, `comments`) after `runtime`. */
  display?: Record<string, unknown>;
  inputs: Container;
  outputs: Container;
  fixed: { inputs: FixedField[]; outputs: FixedField[] };
  /** Groups whose fields authors add (null = no group); a side not listed takes no author-added field. */
  custom: { inputs: (string | null)[]; outputs: (string | null)[] };
  /** Trigger cards write `ref, metadata, required, flags`; every other card `required, ref, metadata, flags`. */
  fieldOrder: 'trigger' | 'standard';
}

const kernel = (module: string, key: string) => `root:kernel:${module}:0.0.1:${key}`;
const MIT_PAGINATION = 'JacobDWaters_Okta-Workflows/paginatingOktaApiCalls.folder';
const MIT_OFFBOARDING = 'BuiltTechnologies-IT_Okta-Workflows/oktaDeviceOffboarding.folder';
const sample = (file: string, flow: string): Evidence => ({ sample: file, flow });

const anything = { '*': { types: ['*'], collection: '*' } };
const operandTypes = ['object', 'string', 'number', 'Date', 'boolean'];
const operands = { 'left-operand': { types: operandTypes }, 'right-operand': { types: operandTypes } };
const aList = { list: { types: ['*'], collection: true } };
const base = { description: null, executable: false, displayed: true, async: false, cooperative: false, mirrored: false, timeout: 90000, webhook: false, fieldOrder: 'standard' } as const;
const closed: Container = { extensible: false };
const none = { inputs: [], outputs: [] };
const f = (key: string, type: ValueType, extra: Partial<FixedField> = {}): FixedField => ({ key, group: null, type, ...extra });
const comparison = [f('left-operand', 'string'), f('operator', 'string'), f('right-operand', 'string')];
const t = (type: ValueType) => ({ type, collection: false });

/** The four platform fields a Helper Flow card starts with (group `context`). */
export const HELPER_CONTEXT: FixedField[] = [
  f('index', 'number', { group: 'context' }),
  f('parent', { id: t('string'), method: t('string'), name: t('string'), execution_id: t('string') }, { group: 'context' }),
  f('error', { message: t('string'), method: t('string'), flo: t('number'), execution: t('string') }, { group: 'context' }),
  f('execution_id', 'string', { group: 'context' }),
];

/** What the Okta "Suspicious Activity Reported" event hands each item (group `Output`), in order. */
export const SUSPICIOUS_ACTIVITY_OUTPUTS: FixedField[] = [
  f('Date and Time', 'string', { group: 'Output' }),
  f('Name', 'string', { group: 'Output' }),
  f('Email', 'string', { group: 'Output' }),
  f('User ID', 'string', { group: 'Output' }),
  f('Suspicious Activity Details', 'string', { group: 'Output' }),
  f('Event Details', 'object', { group: 'Output' }),
  f('Headers', 'object', { group: 'Output' }),
  f('Source', 'string', { group: 'Output' }),
  f('Debug Context', { 'Debug Data': t('object') }, { group: 'Output' }),
];

export const prototypes = {
  helperFlow: {
    ...base,
    address: kernel('control', 'callable'),
    title: 'Helper Flow',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    mirrored: true,
    timeout: 30000,
    fieldOrder: 'trigger',
    inputs: {
      extensible: true,
      rules: anything,
      groupRules: {
        body: { type: 'object', reserved: {}, extensible: true },
        headers: { type: 'object', reserved: { 'Content-Type': 'string' }, extensible: true },
        query: { type: 'object', reserved: {}, extensible: true },
      },
    },
    outputs: { extensible: true, rules: anything, groupRules: { context: { extensible: false } } },
    fixed: { inputs: HELPER_CONTEXT, outputs: HELPER_CONTEXT },
    custom: { inputs: [null], outputs: [null] },
  },
  /** The event card's For Each sub-flow starts with a Helper Flow card named after the event, fields in group Output. */
  eventItem: {
    ...base,
    address: kernel('control', 'callable'),
    title: 'Suspicious Activity Reported',
    evidence: { catalogue: 'remotely_lock_all_kandji_devices_based_on_security', flow: 'Suspicious Activity Reported' },
    mirrored: true,
    timeout: 30000,
    fieldOrder: 'trigger',
    inputs: {
      extensible: true,
      rules: { '*': { collection: false } },
      groupRules: {
        body: { type: 'object', reserved: {}, extensible: true },
        headers: { type: 'object', reserved: { 'Content-Type': 'string' }, extensible: true },
        query: { type: 'object', reserved: {}, extensible: true },
      },
    },
    outputs: { extensible: true, rules: { '*': { collection: false } }, groupRules: { context: { extensible: false }, null: { extensible: false }, '*': { extensible: false } } },
    fixed: {
      inputs: [f('execution_id', 'string', { group: 'context' }), ...SUSPICIOUS_ACTIVITY_OUTPUTS],
      outputs: [f('execution_id', 'string', { group: 'context' }), ...SUSPICIOUS_ACTIVITY_OUTPUTS],
    },
    custom: { inputs: [], outputs: [] },
  },
  delegatedFlow: {
    ...base,
    address: 'root:kernel:http:0.0.1:delegated',
    title: 'Delegated Flow',
    evidence: { format: '§0 Corrections (delegated flows), §9b' },
    mirrored: true,
    fieldOrder: 'trigger',
    display: {},
    inputs: { extensible: false, groupRules: {} },
    outputs: {
      extensible: false,
      rules: { ...anything, 'okta-user-id': { collection: false } },
      groupRules: { inputs: { type: ['string', 'number', 'Date', 'boolean'], index: 0, extensible: true, collection: false }, context: { extensible: false } },
    },
    fixed: {
      inputs: [f('okta-user-id', 'string', { group: 'user context' }), f('execution_id', 'string', { group: 'context' })],
      outputs: [f('okta-user-id', 'string', { group: 'user context' }), f('execution_id', 'string', { group: 'context' })],
    },
    custom: { inputs: ['inputs'], outputs: ['inputs'] },
  },
  return: {
    ...base,
    address: kernel('control', 'return'),
    title: 'Return',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    mirrored: true,
    inputs: { extensible: true, rules: anything },
    outputs: { extensible: true, rules: anything },
    fixed: none,
    custom: { inputs: [null], outputs: [null] },
  },
  callFlow: {
    ...base,
    address: kernel('control', 'spawn'),
    title: 'Call Flow',
    evidence: sample(MIT_OFFBOARDING, 'Okta Device Removal'),
    async: true,
    timeout: 300000,
    inputs: { extensible: true, groupRules: { context: { extensible: true, reserved: {}, type: 'object' } } },
    outputs: { extensible: true, rules: anything },
    fixed: { inputs: [f('flo', 'flo')], outputs: [] },
    custom: { inputs: [null], outputs: [null] },
  },
  ifElse: {
    ...base,
    address: kernel('control', 'if'),
    title: 'If/Else',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: { extensible: false, rules: operands },
    outputs: { extensible: true },
    fixed: { inputs: comparison, outputs: [f('result', 'boolean')] },
    custom: none,
  },
  noop: {
    ...base,
    address: kernel('control', 'noop'),
    title: 'Noop',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    displayed: false,
    inputs: { extensible: true },
    outputs: { extensible: true },
    fixed: none,
    custom: none,
  },
  join: {
    ...base,
    address: kernel('control', 'join'),
    title: 'Join',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: { extensible: true, rules: anything },
    outputs: { extensible: true, rules: anything },
    fixed: none,
    custom: { inputs: [null], outputs: [null] },
  },
  assign: {
    ...base,
    address: kernel('control', 'let'),
    title: 'Assign',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    mirrored: true,
    inputs: { extensible: true, rules: anything },
    outputs: { extensible: false, rules: anything },
    fixed: none,
    custom: { inputs: [null], outputs: [null] },
  },
  continueIf: {
    ...base,
    address: kernel('control', 'continueIf'),
    title: 'Continue If',
    evidence: sample(MIT_OFFBOARDING, 'Okta Device Removal'),
    inputs: { extensible: false, rules: operands },
    outputs: closed,
    fixed: { inputs: [...comparison, f('message', 'string', { group: 'otherwise' })], outputs: [f('message', 'string')] },
    custom: none,
  },
  returnErrorIf: {
    ...base,
    address: kernel('control', 'throwIf'),
    title: 'Return Error If',
    evidence: { format: '§9a (Return Error If, seen 18×)' },
    inputs: { extensible: true, rules: { ...operands, operator: { types: ['string'] }, ...anything } },
    outputs: closed,
    fixed: { inputs: [...comparison, f('message', 'string'), f('statusCode', 'number')], outputs: [] },
    custom: none,
  },
  comment: {
    ...base,
    address: kernel('control', 'comment'),
    title: 'Comment',
    evidence: sample(MIT_OFFBOARDING, 'Okta Device Removal'),
    display: {},
    inputs: closed,
    outputs: closed,
    fixed: none,
    custom: none,
  },
  forEachIgnoreErrors: {
    ...base,
    address: kernel('list', 'asyncEach'),
    title: 'For Each - Ignore Errors',
    evidence: sample(MIT_OFFBOARDING, 'Device Offboarding Search'),
    async: true,
    cooperative: true,
    timeout: 300000,
    inputs: { extensible: false, rules: aList, groupRules: { context: { type: 'object', reserved: { index: 'number' }, extensible: true } } },
    outputs: closed,
    fixed: { inputs: [f('list', 'object', { list: true }), f('flo', 'flo'), f('concurrency', 'number')], outputs: [] },
    custom: none,
  },
  compose: {
    ...base,
    address: kernel('string', 'compose'),
    title: 'Compose',
    evidence: { format: '§6.3 (Compose: 270 of 270 cards)' },
    inputs: { extensible: true, rules: { '*': { types: ['string'], collection: false } } },
    outputs: closed,
    fixed: { inputs: [f('_text_', 'string')], outputs: [f('output', 'string')] },
    custom: { inputs: [null], outputs: [] },
  },
  replace: {
    ...base,
    address: kernel('string', 'replace'),
    title: 'Replace',
    evidence: sample(MIT_OFFBOARDING, 'Okta Device Removal'),
    inputs: closed,
    outputs: closed,
    fixed: { inputs: [f('string', 'string'), f('src', 'string'), f('dest', 'string'), f('global', 'boolean'), f('sensitive', 'boolean')], outputs: [f('output', 'string')] },
    custom: none,
  },
  split: {
    ...base,
    address: kernel('string', 'split'),
    title: 'Split',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: closed,
    outputs: closed,
    fixed: { inputs: [f('string', 'string'), f('delimiter', 'string')], outputs: [f('output', 'string', { list: true })] },
    custom: none,
  },
  find: {
    ...base,
    address: kernel('string', 'find'),
    title: 'Find',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: closed,
    outputs: closed,
    fixed: { inputs: [f('string', 'string'), f('substr', 'string')], outputs: [f('output', 'number')] },
    custom: none,
  },
  textSegment: {
    ...base,
    address: kernel('string', 'substr'),
    title: 'Text Segment',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: closed,
    outputs: closed,
    fixed: { inputs: [f('string', 'string'), f('start', 'number'), f('end', 'number')], outputs: [f('output', 'string')] },
    custom: none,
  },
  first: {
    ...base,
    address: kernel('list', 'shift'),
    title: 'First',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: { extensible: false, rules: aList },
    outputs: { extensible: false, rules: { ...aList, item: { types: ['*'], collection: '*' } } },
    fixed: { inputs: [f('list', 'object', { list: true })], outputs: [f('list', 'object', { list: true }), f('item', 'object')] },
    custom: none,
  },
  last: {
    ...base,
    address: kernel('list', 'pop'),
    title: 'Last',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: { extensible: false, rules: aList },
    outputs: { extensible: false, rules: { ...aList, item: { types: ['*'], collection: '*' } } },
    fixed: { inputs: [f('list', 'object', { list: true })], outputs: [f('list', 'object', { list: true }), f('item', 'object')] },
    custom: none,
  },
  length: {
    ...base,
    address: kernel('list', 'length'),
    title: 'Length',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: { extensible: false, rules: aList },
    outputs: closed,
    fixed: { inputs: [f('list', 'object', { list: true })], outputs: [f('length', 'number')] },
    custom: none,
  },
  union: {
    ...base,
    address: kernel('list', 'union'),
    title: 'Union (Combine Unique)',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: { extensible: true, rules: { '*': { types: ['*'], collection: true } } },
    outputs: { extensible: false, rules: { union: { types: ['*'], collection: true } } },
    fixed: { inputs: [f('list1', 'object', { list: true }), f('list2', 'object', { list: true })], outputs: [f('union', 'object', { list: true })] },
    custom: none,
  },
  findBy: {
    ...base,
    address: kernel('list', 'findBy'),
    title: 'Find',
    evidence: sample(MIT_OFFBOARDING, 'Okta Device Removal'),
    timeout: 300000,
    inputs: { extensible: false, rules: aList },
    outputs: closed,
    fixed: { inputs: [f('list', 'object', { list: true }), f('operator', 'string'), f('path', 'string'), f('comparison', 'string')], outputs: [f('item', 'object'), f('index', 'number')] },
    custom: none,
  },
  construct: {
    ...base,
    address: kernel('object', 'construct'),
    title: 'Construct',
    evidence: sample(MIT_PAGINATION, '1. Okta API call for Pagination'),
    inputs: { extensible: true, rules: anything },
    outputs: closed,
    fixed: { inputs: [], outputs: [f('output', 'object')] },
    custom: { inputs: [null], outputs: [] },
  },
  get: {
    ...base,
    address: kernel('object', 'get'),
    title: 'Get',
    evidence: { format: '§0 Corrections (containers of Get), §6.3' },
    inputs: { extensible: false, rules: { object: { types: ['object'], collection: '*' }, path: { types: ['string'], collection: '*' } } },
    outputs: { extensible: false, rules: { output: { types: ['*'], collection: '*' } } },
    fixed: { inputs: [f('object', 'object'), f('path', 'string')], outputs: [f('output', 'string')] },
    custom: none,
  },
  stringify: {
    ...base,
    address: kernel('json', 'stringify'),
    title: 'Stringify',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    executable: true,
    timeout: 30000,
    inputs: { extensible: false, rules: { object: { types: ['string', 'number', 'Date', 'boolean', 'object'], collection: '*' } } },
    outputs: closed,
    fixed: { inputs: [f('object', 'object')], outputs: [f('output', 'string')] },
    custom: none,
  },
  urlParse: {
    ...base,
    address: kernel('url', 'parse'),
    title: 'Parse',
    evidence: sample(MIT_PAGINATION, '2. Pagination'),
    inputs: closed,
    outputs: closed,
    fixed: { inputs: [f('url', 'string')], outputs: [f('protocol', 'string'), f('host', 'string'), f('port', 'number'), f('path', 'string'), f('query', 'string')] },
    custom: none,
  },
  now: {
    ...base,
    address: kernel('date', 'now'),
    title: 'Now',
    evidence: { catalogue: 'tracking_and_alerting_for_possible_account_takeove', flow: '[util] Compose Syslog search URL' },
    inputs: closed,
    outputs: closed,
    fixed: { inputs: [], outputs: [f('date', 'Date'), f('iso', 'string')] },
    custom: none,
  },
  findPattern: {
    ...base,
    address: kernel('string', 'match'),
    title: 'Find Pattern',
    evidence: { catalogue: 'generate_unique_username_with_user_import_inline_h', flow: '1.3 Find highest login increment' },
    inputs: closed,
    outputs: closed,
    fixed: { inputs: [f('string', 'string'), f('target', 'string')], outputs: [f('output', 'number')] },
    custom: none,
  },
  customApiAction: {
    ...base,
    address: 'root:channels:http:okta:1.0.628:hTTPRequest',
    title: 'Custom API Action',
    evidence: sample(MIT_OFFBOARDING, 'Okta Device Removal'),
    executable: true,
    async: true,
    timeout: 30000,
    connector: {
      metadataId: 86619,
      partnerChannelKeys: 50141,
      parentIds: { version: 51516, channel: 40 },
      comments: 'Make an authenticated HTTP request to the Okta API.',
      display: {},
      hooks: [{ key: null, group: 'Request', fieldIndex: 0, defaultValue: { path: [], method: 'getHttpInputs', data: {} }, namespace: 'input' }],
    },
    inputs: { extensible: false, rules: {}, groupRules: { Request: { extensible: false, reserved: {}, index: 0, type: 'object' } } },
    outputs: { extensible: false, rules: {}, groupRules: { Response: { extensible: false, reserved: {}, index: 0, type: 'object' } } },
    fixed: {
      inputs: [
        f('requestType', 'string', { group: 'parameters', flags: 'p' }),
        f('Relative URL', 'string', { group: 'Request' }),
        f('Query', 'object', { group: 'Request' }),
        f('Headers', 'object', { group: 'Request' }),
        // The dynamic Request group offers Body (an object, or text) for methods that send one.
        f('Body', 'object', { group: 'Request', attested: 'FLOPACK-FORMAT.md §10 (Request / Body, wired in all 66 uses)' }),
      ],
      outputs: [f('Status Code', 'number', { group: 'Response' }), f('Headers', 'object', { group: 'Response' }), f('Body', 'object', { group: 'Response' })],
    },
    custom: none,
  },
  createRow: {
    ...base,
    address: 'root:channels:http:stash:0.7.148:createRow',
    title: 'Create Row',
    evidence: { catalogue: 'suspend_okta_account_ispm_remediation_flow', flow: '2.2 Suspend Okta User' },
    executable: true,
    timeout: 30000,
    connector: {
      metadataId: 44882,
      partnerChannelKeys: null,
      parentIds: { version: 1446, channel: 18 },
      comments: 'Create a new row in a table in Tables.',
      display: {},
      hooks: [
        { key: null, group: null, groupIndex: 0, defaultValue: { method: 'getTableInputs' }, namespace: 'input' },
        { key: null, group: null, groupIndex: 1, defaultValue: { method: 'getColumnFields' }, namespace: 'input' },
      ],
    },
    inputs: { extensible: false, rules: {}, groupRules: { Fields: { index: 1 } } },
    outputs: { extensible: false, rules: {}, groupRules: { Output: { extensible: false, reserved: {}, index: 0, type: 'object' } } },
    fixed: { inputs: [f('stash', 'string', { group: 'parameters', flags: 'p' })], outputs: [f('Row ID', 'string', { group: 'Output' })] },
    // One input per table column, in group Fields.
    custom: { inputs: ['Fields'], outputs: [] },
  },
  suspiciousActivityReported: {
    ...base,
    address: 'root:channels:http:okta:1.0.690:userReportedSuspiciousActivityBeta',
    title: 'Suspicious Activity Reported',
    evidence: { format: '§0 Corrections (event cards), §9c' },
    executable: true,
    async: true,
    timeout: 30000,
    webhook: true,
    connector: {
      metadataId: 47333,
      partnerChannelKeys: 206,
      parentIds: { version: 1566, channel: 17 },
      hooks: [],
      comments: 'Starts flow when a user reports suspicious activity in their account.(user.account.report_suspicious_activity_by_enduser)',
      display: {},
    },
    inputs: { extensible: false, rules: {}, groupRules: {} },
    outputs: { extensible: false, rules: {}, groupRules: { context: { extensible: false } } },
    fixed: {
      inputs: [f('type', 'string'), f('data', 'object')],
      outputs: [
        f('collection', { Output: { type: Object.fromEntries(SUSPICIOUS_ACTIVITY_OUTPUTS.map((o) => [o.key, { type: o.type, collection: false }])), collection: false } }, { list: true }),
        f('execution_id', 'string', { group: 'context' }),
      ],
    },
    custom: none,
  },
} satisfies Record<string, Prototype>;

export type KindName = keyof typeof prototypes;

/** The comparison operators of If/Else, Continue If and Return Error If (values are what the file stores). */
export const OPERATORS = [
  { value: '==', label: 'equal to' },
  { value: '!=', label: 'not equal' },
  { value: '>=', label: 'greater than or equal' },
  { value: '<=', label: 'less than or equal' },
  { value: '>', label: 'greater than' },
  { value: '<', label: 'less than' },
  { value: 'in', label: 'in' },
  { value: 'not in', label: 'not in' },
  { value: 'has', label: 'has key' },
  { value: "doesn't have", label: "doesn't have key" },
  { value: 'is empty', label: 'is empty' },
  { value: 'is not empty', label: 'is not empty' },
] as const;
export type Operator = (typeof OPERATORS)[number]['value'];

/** Splits a card address into the `parents` block real exports carry next to it (numeric ids on connector cards only). */
export function parentsOf(proto: Prototype) {
  const parts = proto.address.split(':');
  const version = parts.slice(0, -1);
  const channel = parts.slice(0, -2);
  const ids = proto.connector?.parentIds;
  return {
    version: { address: version.join(':'), key: version.at(-1)!, data: { name: version.at(-1)!, ...(ids ? { id: ids.version } : {}) } },
    channel: { address: channel.join(':'), key: channel.at(-1)!, data: { name: channel.at(-1)!, ...(ids ? { id: ids.channel } : {}) } },
  };
}

/** The fixed field of a prototype with this group and key, if any. */
export function fixedField(proto: Prototype, side: 'inputs' | 'outputs', group: string | null, key: string): FixedField | undefined {
  return proto.fixed[side].find((x) => x.key === key && x.group === group);
}
