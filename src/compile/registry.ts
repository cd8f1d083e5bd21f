/**
 * The compiled cards, one entry per declared operation: the card and schemas that `oig build`
 * writes to cards/ and schemas/, and that the runtime runs. Both take them from here, so what is
 * committed is what runs (the build-freshness test keeps the files equal to these objects).
 */
import type { Operation } from '../model/operation.ts';
import { findOperation, operations } from '../operations/index.ts';
import { compileCard, type Card } from './card.ts';
import { inputSchema, outputSchema, type JsonSchema } from './schemas.ts';

export interface CompiledCard {
  /** The declaration (its business rules are code, so they stay with it). */
  op: Operation;
  card: Card;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
}

const compiled = new Map<string, CompiledCard>();

function compile(op: Operation): CompiledCard {
  let entry = compiled.get(op.id);
  if (!entry) {
    entry = { op, card: compileCard(op), inputSchema: inputSchema(op), outputSchema: outputSchema(op) };
    compiled.set(op.id, entry);
  }
  return entry;
}

/** The compiled card with this id (compiled on first use), or undefined for an unknown id. */
export function compiledCard(id: string): CompiledCard | undefined {
  const op = findOperation(id);
  return op && compile(op);
}

/** Every card, in declaration order. */
export function compiledCards(): CompiledCard[] {
  return operations.map(compile);
}

/** Card ids that differ from `id` only in case (for "did you mean"). */
export function similarCardIds(id: string): string[] {
  return operations.filter((o) => o.id.toLowerCase() === id.toLowerCase()).map((o) => o.id);
}
