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
