import { Type, type TSchema } from '@sinclair/typebox';
import type { InputField, OutputField, Placement } from './operation.ts';

type FieldText = { label: string; help: string; example?: unknown; required?: boolean; advanced?: boolean };

/** A path parameter: always required, validated and percent-encoded by the runtime. */
export function pathParam<S extends TSchema>(name: string, schema: S, text: Omit<FieldText, 'required'>): InputField<S> {
  return { ...text, schema, to: { in: 'path', name }, required: true };
}

export function queryParam<S extends TSchema>(name: string, schema: S, text: FieldText): InputField<S> {
  return { ...text, schema, to: { in: 'query', name } };
}

export function bodyField<S extends TSchema>(
  pointer: string,
  schema: S,
  text: FieldText & { set?: Record<string, unknown>; each?: Record<string, string> },
): InputField<S> {
  const { set, each, ...rest } = text;
  const to: Placement = { in: 'body', pointer, ...(set ? { set } : {}), ...(each ? { each } : {}) };
  return { ...rest, schema, to };
}

export function bodyRoot<S extends TSchema>(schema: S, text: FieldText): InputField<S> {
  return { ...text, schema, to: { in: 'body-root' } };
}

export function out(from: string, label: string, help?: string): OutputField {
  return help ? { from, label, help } : { from, label };
}

/** Standard list controls, with the bounds the spec gives each list. */
export const listControls = {
  limit: (max = 200, dflt?: number) =>
    queryParam('limit', Type.Integer({ minimum: 1, maximum: max, ...(dflt !== undefined ? { default: dflt } : {}) }), {
      label: 'Page size',
      help: `How many records to ask for per page (1–${max}). The result set option decides how many pages are read.`,
    }),
  after: (schema: TSchema = Type.String({ minLength: 1 })) =>
    queryParam('after', schema, {
      label: 'After (cursor)',
      help: 'Cursor from a previous page to continue from. Leave empty to start at the beginning; the card follows next links itself.',
    }),
};

/** A closed set of strings, emitted as a plain JSON Schema `enum` (readable, and what the spec uses). */
export function enumOf<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
