import type { Operation } from '../model/operation.ts';
import { applicationOperations } from './applications.ts';
import { catalogOperations } from './catalogs.ts';
import { labelOperations } from './labels.ts';
import { requestTypeOperations } from './request-types.ts';
import { requestOperations } from './requests.ts';
import { securityAccessReviewOperations } from './security-access-reviews.ts';
import { userOperations } from './users.ts';
import { collectionOperations } from './collections.ts';
import { delegateOperations } from './delegates.ts';
import { entitlementSettingsOperations } from './entitlement-settings.ts';
import { resourceOwnerOperations } from './resource-owners.ts';
import { riskRuleOperations } from './risk-rules.ts';
import { campaignOperations } from './campaigns.ts';
import { reviewOperations } from './reviews.ts';
import { entitlementOperations } from './entitlements.ts';
import { entitlementBundleOperations } from './entitlement-bundles.ts';
import { grantOperations } from './grants.ts';
import { principalEntitlementOperations } from './principal-entitlements.ts';
import { principalAccessOperations } from './principal-access.ts';
import { principalAccessV2Operations } from './principal-access-v2.ts';
import { requestConditionOperations } from './request-conditions.ts';
import { requestSequenceOperations } from './request-sequences.ts';
import { requestSettingsOperations } from './request-settings.ts';
import { orgGovernanceSettingsOperations } from './org-governance-settings.ts';
import { principalSettingsOperations } from './principal-settings.ts';
import { mySecurityAccessReviewOperations } from './my-security-access-reviews.ts';
import { myCatalogOperations } from './my-catalogs.ts';
import { myRequestOperations } from './my-requests.ts';
import { mySettingsOperations } from './my-settings.ts';
import { myAccessCertificationReviewOperations } from './my-access-certification-reviews.ts';
import { groupOperations } from './groups.ts';
import { orgMetadataOperations } from './org-metadata.ts';

const declared = [
  ...securityAccessReviewOperations,
  ...requestOperations,
  ...requestTypeOperations,
  ...catalogOperations,
  ...labelOperations,
  ...userOperations,
  ...applicationOperations,
  ...collectionOperations,
  ...resourceOwnerOperations,
  ...riskRuleOperations,
  ...entitlementSettingsOperations,
  ...delegateOperations,
  ...campaignOperations,
  ...reviewOperations,
  ...entitlementOperations,
  ...entitlementBundleOperations,
  ...grantOperations,
  ...principalEntitlementOperations,
  ...principalAccessOperations,
  ...principalAccessV2Operations,
  ...requestConditionOperations,
  ...requestSequenceOperations,
  ...requestSettingsOperations,
  ...orgGovernanceSettingsOperations,
  ...principalSettingsOperations,
  ...mySecurityAccessReviewOperations,
  ...myCatalogOperations,
  ...myRequestOperations,
  ...mySettingsOperations,
  ...myAccessCertificationReviewOperations,
  ...groupOperations,
  ...orgMetadataOperations,
] as const;

/** Every declared operation, in the order the reference lists them. */
export const operations: readonly Operation[] = declared;

const byId = new Map(operations.map((op) => [op.id, op]));

export function findOperation(id: string): Operation | undefined {
  return byId.get(id);
}
