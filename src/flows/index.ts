import type { FlowTemplate } from './context.ts';
import { fileAccessRequestFlow } from './file-access-request.ts';
import { labelResourcesFlow } from './label-resources.ts';
import { launchSecurityAccessReviewFlow } from './launch-security-access-review.ts';
import { reviewOnRiskEventFlow } from './review-on-risk-event.ts';

/** The flow templates by the names `oig flow <name>` takes (DESIGN.md). */
export const flows: Record<string, FlowTemplate<never, unknown>> = {
  [launchSecurityAccessReviewFlow.name]: launchSecurityAccessReviewFlow as FlowTemplate<never, unknown>,
  [fileAccessRequestFlow.name]: fileAccessRequestFlow as FlowTemplate<never, unknown>,
  [labelResourcesFlow.name]: labelResourcesFlow as FlowTemplate<never, unknown>,
  [reviewOnRiskEventFlow.name]: reviewOnRiskEventFlow as FlowTemplate<never, unknown>,
};

export { FlowInputError, type FlowContext, type FlowTemplate } from './context.ts';

import { createAjv, type ValidateFunction } from '../model/ajv.ts';
import { FlowInputError as InputError, type FlowContext as Context } from './context.ts';

const ajv = createAjv({ allErrors: false });
const validators = new Map<string, ValidateFunction>();

/** Check a flow's input against its schema, naming the field that is wrong. */
export function validateFlowInput(name: string, input: unknown): void {
  const flow = flows[name];
  if (!flow) throw new InputError(name, 'name', `is not a flow template; use one of ${Object.keys(flows).join(', ')}`);
  if (!validators.has(name)) validators.set(name, ajv.compile(flow.input));
  const validate = validators.get(name)!;
  if (validate(input)) return;
  const error = validate.errors![0]!;
  const missing = (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty;
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  const field = missing ?? extra ?? (error.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'input');
  const why = missing ? 'is required' : extra ? `is not an input of this flow (it takes ${Object.keys((flow.input as { properties: object }).properties).join(', ')})` : error.message ?? 'is invalid';
  throw new InputError(name, field, why);
}

/** Run a flow template by name: validate its input, then run it in the given context. */
export async function runFlow(name: string, input: unknown, ctx: Context): Promise<unknown> {
  validateFlowInput(name, input);
  return flows[name]!.run(ctx, input as never);
}

export { flowContext } from './runner.ts';
