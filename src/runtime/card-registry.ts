import type { CardInput } from '../compile/card.ts';
import { compiledCard, similarCardIds, type CompiledCard } from '../compile/registry.ts';
import { createAjv, type ValidateFunction } from '../model/ajv.ts';
import { CardInputError } from '../model/errors.ts';
import { schemaAcceptingIds } from './orn-ids.ts';

/** A card ready to run: the compiled card (as written to cards/), its inputs by key and its input validator. */
export interface RunnableCard extends CompiledCard {
  inputs: ReadonlyMap<string, CardInput>;
  validate: ValidateFunction;
}

// One error at a time (the first is the one a person fixes first); `verbose` keeps the failing schema for messages.
let ajv: ReturnType<typeof createAjv> | undefined;
const validator = () => (ajv ??= createAjv({ allErrors: false, verbose: true }));

const cache = new Map<string, RunnableCard>();

/** The card with this id, from the compiled registry (its validator compiled once per card). */
export function runnableCard(id: string): RunnableCard {
  const hit = cache.get(id);
  if (hit) return hit;
  const compiled = compiledCard(id);
  if (!compiled) {
    const near = similarCardIds(id);
    throw new CardInputError(id, '', 'unknown-card', `There is no card "${id}".${near.length ? ` Did you mean ${near.join(', ')}?` : ' `oig cards` lists them.'}`);
  }
  const { $id: _id, ...schema } = compiled.inputSchema;
  const entry: RunnableCard = {
    ...compiled,
    inputs: new Map(compiled.card.inputs.map((i) => [i.key, i])),
    validate: validator().compile(schemaAcceptingIds(schema, compiled.card.inputs)),
  };
  cache.set(id, entry);
  return entry;
}
