import type { TSchema } from '@sinclair/typebox';
import type { HeaderOutput, ListAnswer, NoBodyAnswer, ObjectAnswer, OutputField } from './operation.ts';

/** The API answers with no body; header outputs (e.g. the Location of a 202) may still be read. */
export function noBody<const H extends Record<string, HeaderOutput> = {}>(headerOutputs?: H): NoBodyAnswer<H> {
  return { kind: 'none', outputs: headerOutputs ?? ({} as H) };
}

/** The API answers with one JSON object: its schema and the outputs picked from it. */
export function object<S extends TSchema, const O extends Record<string, OutputField | HeaderOutput>>(schema: S, outputs: O): ObjectAnswer<S, O> {
  return { kind: 'object', schema, outputs };
}

/**
 * Each item of a list card's result is its documented item outputs plus this key: the record as the
 * API sent it (what the official connector calls Raw Output; a get card's whole body is `response`).
 */
export const RAW_RECORD = 'raw';

/** The API answers with records: each one's schema, where they are, paging, and the outputs of each record. */
export function list<S extends TSchema, const O extends Record<string, OutputField>>(shape: { item: S; paginated: boolean; itemsAt?: string; itemOutputs: O }): ListAnswer<S, O> {
  return { kind: 'list', ...shape };
}
