/**
 * Request bodies are checked against the simulator's own JSON Schemas (written from the spec, the
 * contract) with ajv; each failure becomes an errorCause naming the field (a JSON pointer), as the
 * real 400 E0000001 does.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { createAjv, type ErrorObject, type ValidateFunction } from '../model/ajv.ts';
import { errors, type Cause } from './wire.ts';

// Not strict: the simulator's schemas carry TypeBox's own keywords.
const ajv = createAjv({ strict: false });

const compiled = new WeakMap<TSchema, ValidateFunction>();

function reasonOf(e: ErrorObject): { reason: string; summary: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return { reason: 'REQUIRED_PROPERTY_MISSING', summary: 'is required' };
    case 'type': return { reason: 'INVALID_DATA_TYPE', summary: `must be ${article(String(p.type))}` };
    case 'enum': return { reason: 'INVALID_ENUM_VALUE', summary: `must be one of ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'const': return { reason: 'INVALID_ENUM_VALUE', summary: `must be ${String(p.allowedValue)}` };
    case 'minLength': return { reason: 'INVALID_STRING_LENGTH_UNDER_MIN', summary: `must be at least ${String(p.limit)} characters` };
    case 'maxLength': return { reason: 'INVALID_STRING_LENGTH_OVER_MAX', summary: `must be at most ${String(p.limit)} characters` };
    case 'minItems': return { reason: 'INVALID_ARRAY_LENGTH_UNDER_MIN', summary: `must have at least ${String(p.limit)} items` };
    case 'maxItems': return { reason: 'INVALID_ARRAY_LENGTH_OVER_MAX', summary: `must have at most ${String(p.limit)} items` };
    case 'minimum': return { reason: 'INVALID_NUMBER_UNDER_MIN', summary: `must be at least ${String(p.limit)}` };
    case 'maximum': return { reason: 'INVALID_NUMBER_OVER_MAX', summary: `must be at most ${String(p.limit)}` };
    case 'uniqueItems': return { reason: 'DUPLICATE_VALUES', summary: 'must not contain the same value twice' };
    case 'pattern':
    case 'format': return { reason: 'STRING_FORMAT_INVALID', summary: 'format is invalid' };
    default: return { reason: 'INVALID_VALUE', summary: e.message ?? 'is not valid' };
  }
}

function article(type: string): string {
  return type === 'object' || type === 'array' || type === 'integer' ? `an ${type}` : `a ${type}`;
}

function causesOf(errs: ErrorObject[]): Cause[] {
  const seen = new Set<string>();
  const causes: Cause[] = [];
  for (const e of errs) {
    // anyOf/oneOf wrappers repeat what their branches said
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const location = e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath || '/';
    const { reason, summary } = reasonOf(e);
    const key = `${location} ${summary}`;
    if (seen.has(key)) continue;
    seen.add(key);
    causes.push({ summary, reason, location, locationType: 'body' });
  }
  return causes;
}

/** Checks a body against a schema; returns it typed, or throws 400 E0000001 with a cause per problem. */
export function checkBody<S extends TSchema>(schema: S, body: unknown): Static<S> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(JSON.parse(JSON.stringify(schema)) as object);
    compiled.set(schema, validate);
  }
  if (body === undefined) throw errors.validation([{ summary: 'a JSON body is required', reason: 'REQUIRED_PROPERTY_MISSING', location: '/', locationType: 'body' }]);
  if (!validate(body)) throw errors.validation(causesOf(validate.errors ?? []));
  return body as Static<S>;
}

/** A one-cause 400 E0000001 about a body field. */
export function invalid(location: string, summary: string, reason = 'INVALID_VALUE'): never {
  throw errors.validation([{ summary, reason, location, locationType: 'body' }]);
}
