/**
 * fast-check arbitraries from JSON Schema (the subset the card input schemas use: type, enum, const,
 * pattern via fc.stringMatching, formats date-time/uuid/duration, length and number bounds, items,
 * properties/required/additionalProperties, anyOf/oneOf, nullable), and card inputs built from them.
 */
import fc from 'fast-check';
import type { Operation } from '../../src/model/operation.ts';
import { plain, type JsonSchema } from '../../src/compile/schemas.ts';

const MAX_ITEMS = 4;

export function arbitraryFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const base = baseArbitrary(schema);
  return schema.nullable === true ? fc.oneof(base, fc.constant(null)) : base;
}

function baseArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants?.length) return fc.oneof(...variants.map((v) => arbitraryFor(v)));
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
      return schema.type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.max(minLength, Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : MAX_ITEMS, MAX_ITEMS));
      const items = arbitraryFor((schema.items as JsonSchema | undefined) ?? {});
      return schema.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(schema);
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Math.max(minLength, 40);
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'duration') return fc.constantFrom('P1D', 'PT12H', 'P30D', 'P1M', 'PT1H30M', 'P1Y');
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40) });
}

function objectArbitrary(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, sub] of Object.entries(properties)) model[key] = arbitraryFor(sub);
  return fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) }) as fc.Arbitrary<Record<string, unknown>>;
}

/**
 * Inputs for a card: every required field, any subset of the optional ones, and exactly one field
 * of each `oneOf` group (a friendly field or its API form).
 */
export function inputArbitrary(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  const grouped = new Set((op.oneOf ?? []).flat());
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [key, field] of Object.entries(op.inputs)) {
    if (grouped.has(key)) continue;
    model[key] = arbitraryFor(plain(field.schema));
    if (field.required) requiredKeys.push(key);
  }
  const base = fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
  const groups = (op.oneOf ?? []).map((group) =>
    fc.constantFrom(...group).chain((key) => arbitraryFor(plain(op.inputs[key]!.schema)).map((value) => [key, value] as const)),
  );
  return fc.tuple(base, ...groups).map(([values, ...chosen]) => ({ ...values, ...Object.fromEntries(chosen) }));
}

/** A value of a different JSON type than the schema asks for. */
export function wrongTypeFor(schema: JsonSchema): unknown {
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'a list' };
    case 'object':
      return ['not', 'an', 'object'];
    default:
      return Symbol.for('no JSON type') as unknown;
  }
}

/** A value just past one of the schema's bounds, or undefined when it has none. */
export function outOfBoundsFor(schema: JsonSchema): unknown {
  if (typeof schema.maxLength === 'number') return 'x'.repeat(schema.maxLength + 1);
  if (typeof schema.minLength === 'number' && schema.minLength > 0) return '';
  if (typeof schema.maximum === 'number') return schema.maximum + 1;
  if (typeof schema.minimum === 'number') return schema.minimum - 1;
  if (typeof schema.maxItems === 'number') return Array.from({ length: schema.maxItems + 1 }, () => null);
  if (typeof schema.minItems === 'number' && schema.minItems > 0) return [];
  if (Array.isArray(schema.enum)) return '__not_in_the_enum__';
  return undefined;
}
