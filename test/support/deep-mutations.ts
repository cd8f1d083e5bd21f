/**
 * Deep mutations of card inputs for the fuzz suite: anywhere inside an input (not only its top-level
 * keys), put a value of the wrong type, a huge string, odd unicode, a deeply nested value, a number
 * JSON can't carry or a value JSON can't write; add prototype-pollution keys (`__proto__`,
 * `constructor`, `prototype`) as own properties; drop a key; or aim a path parameter at traversal.
 */
import fc from 'fast-check';
import type { Operation } from '../../src/model/operation.ts';

export const HUGE = 100_000;

export type Mutation =
  | { kind: 'replace'; what: string; pick: number; value: unknown }
  | { kind: 'pollute'; pick: number; key: string; value: unknown }
  | { kind: 'remove'; pick: number }
  | { kind: 'traverse'; pick: number; value: string };

export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Ids that try to leave their path segment, or the host. */
export const TRAVERSALS = [
  '..',
  '.',
  '../',
  '../../../../etc/passwd',
  '..%2f..%2fusers',
  '%2e%2e',
  '%2E%2E%2F',
  '.%2e',
  'a/b',
  'a\\b',
  '..\\..\\x',
  '?limit=1',
  '#top',
  'lbc18v2lemBedxq6l1d7/../../../api/v1/users',
  'lbc18v2lemBedxq6l1d7%2F..%2F..',
  '\uff0e\uff0e',
  'a\u0000b',
  '\r\nHost: evil.example',
  ' ',
  '',
  'http://evil.example/x',
  '//evil.example/x',
  '@evil.example',
] as const;

/** Strings that break naive code: lone surrogates, NUL, bidi overrides, BOM, combining marks, astral characters. */
export const ODD_UNICODE = [
  '\ud800',
  'a\udfffb',
  '\u0000',
  'zero\u200bwidth',
  '\u202eevil\u202c',
  '\ufeffbom',
  'e\u0301\u0301\u0301',
  '🙂👩‍👩‍👧‍👦',
  '𝕏'.repeat(60),
  'Ω≈ç√∫',
  '\r\n',
  '"quoted" and \\escaped\\',
  '${not.a.template}',
  '<script>alert(1)</script>',
] as const;

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** Values that are not what any field asks for, or stretch what it allows. */
export const replacement: fc.Arbitrary<{ what: string; value: unknown }> = fc.oneof(
  fc.constantFrom<unknown>(12345, -1, 0.5, 'text', true, false, null, [], {}, [1, 'a', null], { a: 1 }).map((value) => ({ what: 'wrong type', value })),
  fc.constantFrom('x', 'é', '🙂', '\ud800', '0').map((unit) => ({ what: 'huge string', value: unit.repeat(HUGE) })),
  fc.oneof(fc.constantFrom<string>(...ODD_UNICODE), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 })).map((value) => ({
    what: 'unicode',
    value,
  })),
  fc.tuple(fc.integer({ min: 50, max: 2000 }), fc.boolean()).map(([depth, asArray]) => ({ what: 'deep nesting', value: nested(depth, 'leaf', asArray) })),
  fc
    .constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, -(2 ** 53) - 2, 2 ** 31, 1e-320)
    .map((value) => ({ what: 'number edge', value })),
  fc
    .constantFrom<() => unknown>(
      () => 10n,
      () => Symbol('s'),
      () => () => 'fn',
      () => new Date(0),
      () => new Map([['a', 1]]),
      () => undefined,
      () => Object.create(null) as unknown,
      () => {
        const cycle: Record<string, unknown> = {};
        cycle.self = cycle;
        return cycle;
      },
    )
    .map((make) => ({ what: 'not JSON', value: make() })),
);

export function mutationArbitrary(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.nat(), replacement).map(([pick, r]): Mutation => ({ kind: 'replace', pick, what: r.what, value: r.value })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.nat(), fc.constantFrom(...POLLUTING_KEYS), fc.constantFrom<unknown>({ polluted: true }, 'polluted', { prototype: { polluted: true } }, null))
        .map(([pick, key, value]): Mutation => ({ kind: 'pollute', pick, key, value })),
    },
    { weight: 1, arbitrary: fc.nat().map((pick): Mutation => ({ kind: 'remove', pick })) },
    { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...TRAVERSALS)).map(([pick, value]): Mutation => ({ kind: 'traverse', pick, value })) },
  );
}

type Container = Record<string, unknown> | unknown[];
type Location = { parent: Container; key: string | number };

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === 'object';
}

/** Every value inside the input (not the input itself), by its parent and key. */
function locations(root: Container): Location[] {
  const found: Location[] = [];
  const walk = (node: Container) => {
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      found.push({ parent: node, key });
      const child = (node as Record<string | number, unknown>)[key];
      if (isContainer(child)) walk(child);
    }
  };
  walk(root);
  return found;
}

/** The input itself and every object inside it. */
function objects(root: Record<string, unknown>): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [root];
  for (const { parent, key } of locations(root)) {
    const value = (parent as Record<string | number, unknown>)[key];
    if (isContainer(value) && !Array.isArray(value)) found.push(value);
  }
  return found;
}

/** Sets an own, enumerable property even for `__proto__` (a plain assignment would change the prototype). */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A mutated copy of a (JSON) input; the input itself is not touched. */
export function applyMutation(op: Operation, input: Record<string, unknown>, mutation: Mutation): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  const places = locations(copy);
  const at = <T>(list: T[], pick: number): T | undefined => (list.length ? list[pick % list.length] : undefined);
  switch (mutation.kind) {
    case 'replace': {
      const place = at(places, mutation.pick);
      if (place) (place.parent as Record<string | number, unknown>)[place.key] = mutation.value;
      else copy[Object.keys(op.inputs)[mutation.pick % Math.max(1, Object.keys(op.inputs).length)] ?? 'value'] = mutation.value;
      return copy;
    }
    case 'pollute':
      defineOwn(at(objects(copy), mutation.pick)!, mutation.key, mutation.value);
      return copy;
    case 'remove': {
      const place = at(places, mutation.pick);
      if (!place) return copy;
      if (Array.isArray(place.parent)) place.parent.splice(place.key as number, 1);
      else delete place.parent[place.key as string];
      return copy;
    }
    case 'traverse': {
      const pathKeys = Object.entries(op.inputs).filter(([, f]) => f.to.in === 'path').map(([k]) => k);
      const key = at(pathKeys, mutation.pick) ?? at(Object.keys(op.inputs), mutation.pick);
      if (key) copy[key] = mutation.value;
      return copy;
    }
  }
}

/** Keys a generated input may carry: the card's own, polluting ones, near-misses and random text. */
export function keyArbitrary(op: Operation): fc.Arbitrary<string> {
  const own = Object.keys(op.inputs);
  return fc.oneof(
    { weight: 4, arbitrary: own.length ? fc.constantFrom(...own) : fc.constant('anything') },
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTING_KEYS, 'toString', 'hasOwnProperty', 'valueOf', '') },
    { weight: 1, arbitrary: own.length ? fc.constantFrom(...own).map((k) => k.toUpperCase()) : fc.constant('ANYTHING') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
}

/** Anything-goes values, JSON and not. */
export const looseValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: replacement.map((r) => r.value) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(...TRAVERSALS) },
);

/** Objects made of those keys and values, each key an own property. */
export function looseInputArbitrary(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(fc.tuple(keyArbitrary(op), looseValue), { maxLength: 6 }).map((pairs) => {
    const input: Record<string, unknown> = {};
    for (const [key, value] of pairs) defineOwn(input, key, value);
    return input;
  });
}
