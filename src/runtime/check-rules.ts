import type { RunnableCard } from './card-registry.ts';
import type { PlannedRequest } from './build-request.ts';
import { CardInputError } from '../model/errors.ts';
import type { CardInputValues } from './validate-input.ts';

/** The declaration's business rules, run on the request as it would be sent. The first failure stops it. */
export function checkRules(entry: RunnableCard, values: CardInputValues, request: PlannedRequest, now: Date): void {
  for (const rule of entry.op.rules ?? []) {
    const problem = rule.check({ path: request.pathParams, query: request.queryParams, body: request.body, now });
    if (problem) {
      throw new CardInputError(entry.card.id, rule.field, rule.id, `${entry.card.id}: ${problem}`, values[rule.field]);
    }
  }
}
