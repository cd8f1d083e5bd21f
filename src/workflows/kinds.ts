/**
 * The card types our generated flows use, with the constant parts of each (address, behaviour
 * flags, container rules). Flags are fixed per card type in real exports, not chosen by authors.
 *
 * `evidence` says how sure we are that Workflows knows the card as we write it:
 * - observed: the card, with these flags and field keys, appears in the MIT-licensed real exports;
 * - documented: the address is recorded in FLOPACK-FORMAT.md from the template corpus, field keys
 *   from Okta's function reference or that document;
 * - inferred: Okta's function reference documents the card, but no export we studied shows its
 *   address — first to check when a generated folder is imported into a real org.
 */
import { OKTA_CONNECTOR_VERSION } from './format.ts';

export type Evidence = 'observed' | 'documented' | 'inferred';

export interface CardKind {
  /** `root:kernel:<module>:0.0.1:<key>` or `root:channels:http:<connector>:<version>:<key>`. */
  address: string;
  title: string;
  evidence: Evidence;
  description: string;
  executable: boolean;
  displayed: boolean;
  async: boolean;
  cooperative: boolean;
  mirrored: boolean;
  timeout: number;
  inputs: { extensible: boolean; rules?: Record<string, unknown>; groupRules?: Record<string, unknown> };
  outputs: { extensible: boolean; rules?: Record<string, unknown>; groupRules?: Record<string, unknown> };
  webhook?: boolean;
}

const anything = { '*': { types: ['*'], collection: '*' } };
const operands = {
  'left-operand': { types: ['object', 'string', 'number', 'Date', 'boolean'] },
  'right-operand': { types: ['object', 'string', 'number', 'Date', 'boolean'] },
};
const aList = { list: { types: ['*'], collection: true } };

const kernel = (module: string, key: string) => `root:kernel:${module}:0.0.1:${key}`;
const base = { executable: false, displayed: true, async: false, cooperative: false, mirrored: false, timeout: 90000 };
const fixed = { inputs: { extensible: false }, outputs: { extensible: false } };

export const kinds = {
  helperFlow: {
    ...base,
    address: kernel('control', 'callable'),
    title: 'Helper Flow',
    evidence: 'observed',
    description: 'Starts when another flow calls this one.',
    mirrored: true,
    timeout: 30000,
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
  },
  delegatedFlow: {
    ...base,
    address: 'root:kernel:http:0.0.1:delegated',
    title: 'Delegated Flow',
    evidence: 'documented',
    description: 'Starts when an admin (or an Okta policy) runs this flow and fills in its form.',
    mirrored: true,
    inputs: { extensible: false },
    outputs: {
      extensible: true,
      rules: { 'okta-user-id': { types: ['string'], collection: false } },
      groupRules: { inputs: { type: ['string', 'number', 'Date', 'boolean'], index: 0, extensible: true, collection: false } },
    },
  },
  return: {
    ...base,
    address: kernel('control', 'return'),
    title: 'Return',
    evidence: 'observed',
    description: 'Ends the flow and hands these values to the flow that called it.',
    mirrored: true,
    inputs: { extensible: true, rules: anything },
    outputs: { extensible: true, rules: anything },
  },
  callFlow: {
    ...base,
    address: kernel('control', 'spawn'),
    title: 'Call Flow',
    evidence: 'observed',
    description: 'Runs a helper flow and waits for what it returns.',
    async: true,
    timeout: 300000,
    inputs: { extensible: true, groupRules: { context: { extensible: true, reserved: {}, type: 'object' } } },
    outputs: { extensible: true, rules: anything },
  },
  ifElse: {
    ...base,
    address: kernel('control', 'if'),
    title: 'If/Else',
    evidence: 'observed',
    description: 'Runs one of two branches depending on a condition.',
    inputs: { extensible: false, rules: operands },
    outputs: { extensible: true },
  },
  noop: {
    ...base,
    address: kernel('control', 'noop'),
    title: 'Noop',
    evidence: 'observed',
    description: 'Start of a branch.',
    displayed: false,
    inputs: { extensible: true },
    outputs: { extensible: true },
  },
  join: {
    ...base,
    address: kernel('control', 'join'),
    title: 'Join',
    evidence: 'observed',
    description: 'Brings the values of whichever branch ran back together.',
    inputs: { extensible: true, rules: anything },
    outputs: { extensible: true, rules: anything },
  },
  assign: {
    ...base,
    address: kernel('control', 'let'),
    title: 'Assign',
    evidence: 'observed',
    description: 'Holds values under new names.',
    mirrored: true,
    inputs: { extensible: true, rules: anything },
    outputs: { extensible: false, rules: anything },
  },
  continueIf: {
    ...base,
    address: kernel('control', 'continueIf'),
    title: 'Continue If',
    evidence: 'observed',
    description: 'Stops the flow quietly unless the condition holds.',
    inputs: { extensible: false, rules: operands },
    outputs: { extensible: false },
  },
  returnErrorIf: {
    ...base,
    address: kernel('control', 'throwIf'),
    title: 'Return Error If',
    evidence: 'documented',
    description: 'Stops the flow with an error message when the condition holds.',
    inputs: { extensible: false, rules: operands },
    outputs: { extensible: false },
  },
  forEachIgnoreErrors: {
    ...base,
    address: kernel('list', 'asyncEach'),
    title: 'For Each - Ignore Errors',
    evidence: 'observed',
    description: 'Runs a flow for each item of a list, going on when one item fails.',
    async: true,
    cooperative: true,
    timeout: 300000,
    inputs: { extensible: false, rules: aList, groupRules: { context: { type: 'object', reserved: { index: 'number' }, extensible: true } } },
    outputs: { extensible: false },
  },
  compose: {
    ...base,
    address: kernel('string', 'compose'),
    title: 'Compose',
    evidence: 'documented',
    description: 'Builds text from a template with placeholders.',
    inputs: { extensible: true },
    outputs: { extensible: false },
  },
  replace: { ...base, ...fixed, address: kernel('string', 'replace'), title: 'Replace', evidence: 'observed', description: 'Finds and replaces text.' },
  split: { ...base, ...fixed, address: kernel('string', 'split'), title: 'Split', evidence: 'observed', description: 'Cuts text into a list at each separator.' },
  find: { ...base, ...fixed, address: kernel('string', 'find'), title: 'Find', evidence: 'observed', description: 'Position of the first match in a text, -1 when absent.' },
  textSegment: { ...base, ...fixed, address: kernel('string', 'substr'), title: 'Text Segment', evidence: 'observed', description: 'A part of a text, by position.' },
  first: {
    ...base,
    address: kernel('list', 'shift'),
    title: 'First',
    evidence: 'observed',
    description: 'The first item of a list, and the rest.',
    inputs: { extensible: false, rules: aList },
    outputs: { extensible: false, rules: { list: { types: ['*'], collection: true }, item: { types: ['*'], collection: '*' } } },
  },
  last: {
    ...base,
    address: kernel('list', 'pop'),
    title: 'Last',
    evidence: 'observed',
    description: 'The last item of a list, and the rest.',
    inputs: { extensible: false, rules: aList },
    outputs: { extensible: false, rules: { list: { types: ['*'], collection: true }, item: { types: ['*'], collection: '*' } } },
  },
  length: {
    ...base,
    address: kernel('list', 'length'),
    title: 'Length',
    evidence: 'observed',
    description: 'How many items a list holds.',
    inputs: { extensible: false, rules: aList },
    outputs: { extensible: false },
  },
  union: {
    ...base,
    address: kernel('list', 'union'),
    title: 'Union (Combine Unique)',
    evidence: 'observed',
    description: 'One list with the distinct items of both lists.',
    inputs: { extensible: true, rules: { '*': { types: ['*'], collection: true } } },
    outputs: { extensible: false, rules: { union: { types: ['*'], collection: true } } },
  },
  findBy: {
    ...base,
    address: kernel('list', 'findBy'),
    title: 'Find',
    evidence: 'observed',
    description: 'The first item of a list whose value at a path matches.',
    timeout: 300000,
    inputs: { extensible: false, rules: aList },
    outputs: { extensible: false },
  },
  construct: {
    ...base,
    address: kernel('object', 'construct'),
    title: 'Construct',
    evidence: 'observed',
    description: 'Builds an object, one key per input.',
    inputs: { extensible: true, rules: anything },
    outputs: { extensible: false },
  },
  get: { ...base, ...fixed, address: kernel('object', 'get'), title: 'Get', evidence: 'documented', description: 'The value at a path (a.b.0.c) inside an object.' },
  stringify: {
    ...base,
    ...fixed,
    address: kernel('json', 'stringify'),
    title: 'Stringify',
    evidence: 'observed',
    description: 'JSON text of a value.',
    executable: true,
    timeout: 30000,
  },
  urlParse: { ...base, ...fixed, address: kernel('url', 'parse'), title: 'Parse', evidence: 'observed', description: 'Splits a URL into its parts.' },
  urlEncode: {
    ...base,
    ...fixed,
    address: kernel('url', 'encodeComponent'),
    title: 'Encode Component',
    evidence: 'inferred',
    description: 'Percent-encodes a value for use inside a URL path.',
  },
  customApiAction: {
    ...base,
    address: `root:channels:http:okta:${OKTA_CONNECTOR_VERSION}:hTTPRequest`,
    title: 'Custom API Action',
    evidence: 'observed',
    description: 'An authenticated call to the org\'s API through the Okta connection.',
    executable: true,
    async: true,
    timeout: 30000,
    inputs: { extensible: false, rules: {}, groupRules: { Request: { extensible: false, reserved: {}, index: 0, type: 'object' } } },
    outputs: { extensible: false, rules: {}, groupRules: { Response: { extensible: false, reserved: {}, index: 0, type: 'object' } } },
  },
  suspiciousActivityReported: {
    ...base,
    address: `root:channels:http:okta:${OKTA_CONNECTOR_VERSION}:userReportedSuspiciousActivityBeta`,
    title: 'Suspicious Activity Reported',
    evidence: 'documented',
    description: 'Starts when a user reports a sign-in or enrollment they did not make.',
    executable: true,
    async: true,
    timeout: 30000,
    webhook: true,
    inputs: { extensible: false },
    outputs: { extensible: false },
  },
} satisfies Record<string, CardKind>;

export type KindName = keyof typeof kinds;

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

/** Splits a card address into the `parents` block real exports carry next to it. */
export function parentsOf(address: string) {
  const parts = address.split(':');
  const version = parts.slice(0, -1);
  const channel = parts.slice(0, -2);
  return {
    version: { address: version.join(':'), key: version.at(-1)!, data: { name: version.at(-1)! } },
    channel: { address: channel.join(':'), key: channel.at(-1)!, data: { name: channel.at(-1)! } },
  };
}
