/** Business rules several update cards share. */
import type { BusinessRule } from '../model/operation.ts';

/**
 * A partial update (PATCH) that sends nothing changes nothing: say so before sending.
 * `inputs` names what the card could have been given, e.g. "name, description or priority".
 */
export const nothingToUpdate = (rule: { id: string; field: string; description: string; inputs: string }): BusinessRule => ({
  id: rule.id,
  field: rule.field,
  description: rule.description,
  check: ({ body }) =>
    body && typeof body === 'object' && Object.keys(body).length > 0
      ? null
      : `${rule.inputs} is required: an update with none of them changes nothing; give at least one`,
});
