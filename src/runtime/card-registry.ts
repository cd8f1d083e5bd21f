import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { compileCard, type Card, type CardInput } from '../compile/card.ts';
import { inputSchema } from '../compile/schemas.ts';
import type { Operation } from '../model/operation.ts';
import { findOperation, operations } from '../operations/index.ts';
import { CardInputError } from './errors.ts';

/** A card ready to run: its declaration, its compiled form and its input validator. */
export interface RunnableCard {
  op: Operation;
  card: Card;
  inputs: ReadonlyMap<string, CardInput>;
  validate: ValidateFunction;
}

// ajv-formats is CommonJS: under NodeNext the default import is the module, whose .default is the plugin.
const addFormats = ajvFormats.default;

let ajv: Ajv | undefined;
function validator(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: true, allErrors: false, verbose: true });
    addFormats(ajv);
  }
  return ajv;
}

const cache = new Map<string, RunnableCard>();

/** The card with this id, compiled on first use (the validator once per card). */
export function runnableCard(id: string): RunnableCard {
  const hit = cache.get(id);
  if (hit) return hit;
  const op = findOperation(id);
  if (!op) {
    const near = operations.filter((o) => o.id.toLowerCase() === id.toLowerCase()).map((o) => o.id);
    throw new CardInputError(id, '', 'unknown-card', `There is no card "${id}".${near.length ? ` Did you mean ${near.join(', ')}?` : ' `oig cards` lists them.'}`);
  }
  const card = compileCard(op);
  const { $id: _id, ...schema } = inputSchema(op);
  const entry: RunnableCard = {
    op,
    card,
    inputs: new Map(card.inputs.map((i) => [i.key, i])),
    validate: validator().compile(schema),
  };
  cache.set(id, entry);
  return entry;
}
