import { Type, type TSchema } from '@sinclair/typebox';
import type { HeaderOutput, InputField, ItemMapping, OutputField, Placement } from './operation.ts';

type FieldText = { label: string; help: string; example?: unknown; required?: boolean; advanced?: boolean; acceptsIdsFor?: 'orn' };

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
  text: FieldText & { set?: Record<string, unknown> } & ItemMapping,
): InputField<S> {
  const { set, each, eachValue, eachSet, ...rest } = text;
  const to: Placement = { in: 'body', pointer, ...(set ? { set } : {}), ...itemMapping({ each, eachValue, eachSet }) };
  return { ...rest, schema, to };
}

/** The whole body is the input (a JSON array); an item mapping may reshape its items. */
export function bodyRoot<S extends TSchema>(schema: S, text: FieldText & ItemMapping): InputField<S> {
  const { each, eachValue, eachSet, ...rest } = text;
  return { ...rest, schema, to: { in: 'body-root', ...itemMapping({ each, eachValue, eachSet }) } };
}

/** Only the options given, so cards/<id>.json stays free of empty keys. */
function itemMapping({ each, eachValue, eachSet }: ItemMapping): ItemMapping {
  if (each && eachValue !== undefined) throw new Error('a field maps its items either by key (each) or as plain values (eachValue), not both');
  return { ...(each ? { each } : {}), ...(eachValue !== undefined ? { eachValue } : {}), ...(eachSet ? { eachSet } : {}) };
}

export function out(from: string, label: string, help?: string): OutputField {
  return help ? { from, label, help } : { from, label };
}

/** An output read from a response header; `link` keeps only the path and query of a URL (re-based on the org). */
export function outHeader(header: string, label: string, options: { help?: string; link?: boolean } = {}): HeaderOutput {
  return { header: header.toLowerCase(), label, ...(options.link ? { link: true } : {}), ...(options.help ? { help: options.help } : {}) };
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
