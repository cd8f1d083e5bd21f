import { inputSchema, type JsonSchema } from '../../src/compile/schemas.ts';
import type { Operation } from '../../src/model/operation.ts';
import { CardInputError } from '../../src/model/errors.ts';
import { prepareCard } from '../../src/runtime/run-card.ts';

/** The clock the business rules see in tests: fixed, so dates in examples stay on the right side of it. */
export const NOW = new Date('2026-06-01T00:00:00Z');

/** A card's example input: what its input schema's `examples` carries (the fields' own examples). */
export const exampleOf = (op: Operation) => ((inputSchema(op).examples as JsonSchema[] | undefined)?.[0] ?? {}) as Record<string, unknown>;

/** The CardInputError prepareCard throws for this input (failing the test when it accepts it). */
export function refusal(id: string, input: unknown, now: Date = NOW): CardInputError {
  try {
    prepareCard(id, input, now);
  } catch (error) {
    if (error instanceof CardInputError) return error;
    throw error;
  }
  throw new Error(`${id} accepted ${JSON.stringify(input)}`);
}
