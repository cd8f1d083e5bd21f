/**
 * The SCIM-like filter grammar of the OIG lists (API-NOTES §2.4):
 *
 *   expr    := and ( OR and )*
 *   and     := unary ( AND unary )*
 *   unary   := not '(' expr ')' | '(' expr ')' | attr pr | attr op value
 *   op      := eq | ne | co | sw | ew | gt | ge | lt | le
 *   value   := "quoted string" | true | false | null | number | bare token (ONE_OFF, 2024-01-01T00:00:00Z)
 *
 * AND / OR / not in any case. Each list says which attributes and operators it supports; anything
 * else is 400 E0000053 naming the attribute.
 */
import { errors } from './wire.ts';

export type Operator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le' | 'pr';
export type Value = string | number | boolean | null;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; expr: FilterNode }
  | { kind: 'compare'; attr: string; op: Operator; value: Value };

const OPERATORS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

type Token = { type: 'lparen' } | { type: 'rparen' } | { type: 'string'; text: string } | { type: 'word'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(') {
      tokens.push({ type: 'lparen' });
      i++;
    } else if (ch === ')') {
      tokens.push({ type: 'rparen' });
      i++;
    } else if (ch === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= input.length) throw errors.scimFilter('a quoted value is not closed; end it with "');
        const c = input[i]!;
        if (c === '\\' && i + 1 < input.length) {
          text += input[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      tokens.push({ type: 'string', text });
    } else {
      const match = /^[^\s()"]+/.exec(input.slice(i))!;
      tokens.push({ type: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

export function parseFilter(input: string): FilterNode {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, word: string): boolean => t?.type === 'word' && t.text.toLowerCase() === word;

  const parseValue = (): Value => {
    const t = tokens[pos++];
    if (!t || t.type === 'lparen' || t.type === 'rparen') throw errors.scimFilter('a comparison needs a value after its operator, e.g. name eq "Finance"');
    if (t.type === 'string') return t.text;
    if (t.text === 'true') return true;
    if (t.text === 'false') return false;
    if (t.text === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(t.text)) return Number(t.text);
    return t.text;
  };

  const parseUnary = (): FilterNode => {
    const t = peek();
    if (isWord(t, 'not') && tokens[pos + 1]?.type === 'lparen') {
      pos += 2;
      const expr = parseOr();
      if (peek()?.type !== 'rparen') throw errors.scimFilter('not( … ) is missing its closing parenthesis');
      pos++;
      return { kind: 'not', expr };
    }
    if (t?.type === 'lparen') {
      pos++;
      const expr = parseOr();
      if (peek()?.type !== 'rparen') throw errors.scimFilter('a parenthesis is not closed');
      pos++;
      return expr;
    }
    if (t?.type !== 'word') throw errors.scimFilter('expected an attribute name, e.g. status eq "ACTIVE"');
    pos++;
    const opToken = tokens[pos++];
    const op = opToken?.type === 'word' ? opToken.text.toLowerCase() : '';
    if (op === 'pr') return { kind: 'compare', attr: t.text, op: 'pr', value: null };
    if (!OPERATORS.has(op)) {
      throw errors.scimFilter(`"${t.text}" must be followed by an operator (eq, co, sw, gt, lt, pr …)`);
    }
    return { kind: 'compare', attr: t.text, op: op as Operator, value: parseValue() };
  };

  const parseAnd = (): FilterNode => {
    let left = parseUnary();
    while (isWord(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };

  if (tokens.length === 0) throw errors.scimFilter('the filter is empty');
  const node = parseOr();
  if (pos !== tokens.length) throw errors.scimFilter('unexpected text after the end of the expression; join conditions with AND or OR');
  return node;
}

/** Which attributes a list accepts and with which operators. */
export type FilterSpec = Record<string, readonly Operator[]>;

export function checkFilter(node: FilterNode, spec: FilterSpec): void {
  if (node.kind === 'not') {
    checkFilter(node.expr, spec);
  } else if (node.kind !== 'compare') {
    checkFilter(node.left, spec);
    checkFilter(node.right, spec);
  } else {
    const ops = spec[node.attr];
    if (!ops) throw errors.scimFilter(`"${node.attr}" can't be filtered on here; use one of ${Object.keys(spec).join(', ')}`);
    if (!ops.includes(node.op)) throw errors.scimFilter(`"${node.attr}" supports ${ops.join(', ')}, not ${node.op}`);
  }
}

/** Reads an attribute of an item; may return a list (any element matching is a match). */
export type Accessor<T> = (item: T, attr: string) => unknown;

/** Dotted paths through objects and arrays: values.name → every value's name. */
export function readPath(item: unknown, attr: string): unknown {
  let current: unknown[] = [item];
  for (const key of attr.split('.')) {
    const next: unknown[] = [];
    for (const c of current) {
      if (Array.isArray(c)) {
        for (const e of c) if (e && typeof e === 'object') next.push((e as Record<string, unknown>)[key]);
      } else if (c && typeof c === 'object') {
        next.push((c as Record<string, unknown>)[key]);
      }
    }
    current = next.flat();
  }
  return current.length === 1 ? current[0] : current;
}

const ISO = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function compareOne(actual: unknown, op: Operator, expected: Value): boolean {
  if (op === 'pr') return actual !== undefined && actual !== null && actual !== '';
  if (actual === undefined || actual === null) return op === 'ne' ? expected !== null : expected === null && op === 'eq';
  if (typeof actual === 'string' && typeof expected === 'string') {
    if (['gt', 'ge', 'lt', 'le'].includes(op) && ISO.test(actual) && ISO.test(expected)) {
      return ordered(Date.parse(actual) - Date.parse(expected), op);
    }
    const a = actual.toLowerCase();
    const e = expected.toLowerCase();
    switch (op) {
      case 'eq': return a === e;
      case 'ne': return a !== e;
      case 'co': return a.includes(e);
      case 'sw': return a.startsWith(e);
      case 'ew': return a.endsWith(e);
      default: return ordered(a.localeCompare(e), op);
    }
  }
  if (typeof actual === 'number' && typeof expected === 'number') {
    if (op === 'eq') return actual === expected;
    if (op === 'ne') return actual !== expected;
    return ordered(actual - expected, op);
  }
  if (op === 'eq') return String(actual).toLowerCase() === String(expected).toLowerCase();
  if (op === 'ne') return String(actual).toLowerCase() !== String(expected).toLowerCase();
  return false;
}

function ordered(diff: number, op: Operator): boolean {
  if (op === 'gt') return diff > 0;
  if (op === 'ge') return diff >= 0;
  if (op === 'lt') return diff < 0;
  if (op === 'le') return diff <= 0;
  return false;
}

export function matches<T>(node: FilterNode, item: T, read: Accessor<T> = readPath as Accessor<T>): boolean {
  switch (node.kind) {
    case 'and': return matches(node.left, item, read) && matches(node.right, item, read);
    case 'or': return matches(node.left, item, read) || matches(node.right, item, read);
    case 'not': return !matches(node.expr, item, read);
    case 'compare': {
      const actual = read(item, node.attr);
      if (Array.isArray(actual)) {
        if (node.op === 'pr') return actual.some((a) => compareOne(a, 'pr', null));
        if (node.op === 'ne') return actual.every((a) => compareOne(a, 'ne', node.value));
        return actual.some((a) => compareOne(a, node.op, node.value));
      }
      return compareOne(actual, node.op, node.value);
    }
  }
}

export interface OrderBy {
  key: string;
  direction: 'asc' | 'desc';
}

/** "<key>", "<key> asc" or "<key> desc" with a key the list sorts by; else 400 E0000029 on /orderBy. */
export function parseOrderBy(raw: string, keys: readonly string[]): OrderBy {
  const match = /^\s*([A-Za-z][\w.]*)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  if (!match || !keys.includes(match[1]!)) {
    throw errors.paging({
      summary: `orderBy "${raw}" is not valid; use one of ${keys.join(', ')}, optionally followed by asc or desc`,
      reason: 'STRING_FORMAT_INVALID',
      location: 'orderBy',
      locationType: 'query',
    });
  }
  return { key: match[1]!, direction: (match[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' };
}
