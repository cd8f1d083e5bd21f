/** The mission jobs, each described once (see mission.ts). */
import { fileAccessRequestMission } from './file-access-request.ts';
import { labelResourcesMission } from './label-resources.ts';
import { launchSecurityAccessReviewMission } from './launch-security-access-review.ts';
import type { Mission } from './mission.ts';
import { reviewOnRiskEventMission } from './review-on-risk-event.ts';

export const missions: readonly Mission[] = [launchSecurityAccessReviewMission, fileAccessRequestMission, labelResourcesMission, reviewOnRiskEventMission];

export { fileAccessRequestMission, labelResourcesMission, launchSecurityAccessReviewMission, reviewOnRiskEventMission };
export { say, AUDIT_COMMON, PEOPLE_MESSAGES, type Mission, type AuditColumn } from './mission.ts';
export type { LaunchReviewInput } from './launch-security-access-review.ts';
export type { FileAccessRequestInput } from './file-access-request.ts';
export type { LabelResourcesInput } from './label-resources.ts';
export type { RiskEventInput } from './review-on-risk-event.ts';
export { RISK_EVENT_TYPES } from './review-on-risk-event.ts';
