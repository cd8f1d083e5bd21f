import type { Static, TSchema } from '@sinclair/typebox';
import type { InputField, ListAnswer, Operation } from '../model/operation.ts';
import type { DeclaredOperations } from '../operations/index.ts';

/**
 * Per-card types, read off the declarations: `runCard('createLabel', {...})` checks the input's
 * keys and value types at compile time. Every key is optional here (the field builders don't keep
 * `required` as a literal type); required inputs are checked when the card runs.
 */
export type InputOf<O extends Operation> = {
  [K in keyof O['inputs']]?: O['inputs'][K] extends InputField<infer S extends TSchema> ? Static<S> : unknown;
};

/** One item of a list card's result: its item outputs, and the record as the API sent it. */
export type ListItemOf<A> = A extends ListAnswer<infer S, infer Outputs> ? { [K in keyof Outputs]?: unknown } & { raw: Static<S> } : never;

export type OutputsOf<O extends Operation> = O['answer'] extends ListAnswer
  ? { items: ListItemOf<O['answer']>[]; count: number }
  : O['answer'] extends { outputs: infer Outputs } ? { [K in keyof Outputs]?: unknown } & { response?: unknown } : never;

type Declared = DeclaredOperations[number];

/** Card id → input type, for every declared card. */
export type CardInputs = { [O in Declared as O['id']]: InputOf<O> };
export type CardOutputs = { [O in Declared as O['id']]: OutputsOf<O> };

/** A declared card id (any other string is still accepted and checked at run time). */
export type CardId = keyof CardInputs | (string & {});
export type InputFor<Id extends string> = Id extends keyof CardInputs ? CardInputs[Id] : Record<string, unknown>;
export type OutputsFor<Id extends string> = Id extends keyof CardOutputs ? CardOutputs[Id] : Record<string, unknown>;
