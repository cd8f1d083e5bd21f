/**
 * Every operation of the official OIG spec (3.2.0, 147 operations) and what this bundle does with it:
 * `card`, or `excluded` with the reason a user would accept. A test checks this list against the spec
 * (an operation gained or lost fails) and against the declarations.
 */
export type Coverage = 'card' | { excluded: string };

export const coverage: Record<string, Coverage> = {
  // Campaigns
  createCampaign: 'card',
  listCampaigns: 'card',
  getCampaign: 'card',
  deleteCampaign: 'card',
  endCampaign: 'card',
  launchCampaign: 'card',
  // Reviews
  reassignReviews: 'card',
  // Collections
  createCollection: 'card',
  listCollections: 'card',
  listCollectionsAssignments: 'card',
  getCollection: 'card',
  replaceCollection: 'card',
  deleteCollection: 'card',
  listCollectionAssignments: 'card',
  assignCollection: 'card',
  updatePrincipalAssignment: 'card',
  deletePrincipalAssignment: 'card',
  getUnassignedUsers: 'card',
  listCollectionResources: 'card',
  addResourcesToCollection: 'card',
  deleteCollectionResource: 'card',
  getCollectionResource: 'card',
  replaceCollectionResource: 'card',
  // Delegates
  listDelegateAppointments: 'card',
  // Entitlement Bundles
  createEntitlementBundle: 'card',
  listEntitlementBundles: 'card',
  getEntitlementBundle: 'card',
  replaceEntitlementBundle: 'card',
  deleteEntitlementBundle: 'card',
  // Entitlements
  createEntitlement: 'card',
  listEntitlements: 'card',
  listAllEntitlementValues: 'card',
  deleteEntitlement: 'card',
  getEntitlement: 'card',
  replaceEntitlement: 'card',
  updateEntitlement: 'card',
  listEntitlementValues: 'card',
  getEntitlementValue: 'card',
  // Grants
  createGrant: 'card',
  listGrants: 'card',
  getGrant: 'card',
  replaceGrant: 'card',
  updateGrant: 'card',
  // Labels
  createLabel: 'card',
  listLabels: 'card',
  deleteLabel: 'card',
  getLabel: 'card',
  updateLabel: 'card',
  // My Access Certification Reviews
  listMyManagedConnections: 'card',
  // My Settings
  getMySettings: 'card',
  updateMySettings: 'card',
  listMyDelegateUsers: 'card',
  // Principal Access
  getPrincipalAccess: 'card',
  // Principal Entitlements
  getPrincipalEntitlements: 'card',
  getPrincipalEntitlementsChanges: 'card',
  getPrincipalEntitlementsHistory: 'card',
  // Principal Settings
  updatePrincipalSettings: 'card',
  // Request Types
  createRequestType: 'card',
  listAllRequestTypes: 'card',
  getRequestType: 'card',
  deleteRequestType: 'card',
  publishRequestType: 'card',
  unpublishRequestType: 'card',
  // Requests
  listAllRequests: 'card',
  createRequest: 'card',
  getRequest: 'card',
  createRequestMessage: 'card',
  // Labels
  listLabelResources: 'card',
  assignResourceLabels: 'card',
  removeResourceLabels: 'card',
  // Resource Owners
  configureResourceOwners: 'card',
  listResourceOwners: 'card',
  updateResourceOwners: 'card',
  listResourceOwnerCatalogResources: 'card',
  // Reviews
  listReviews: 'card',
  getReview: 'card',
  // Risk Rules
  generatePotentialRiskAssessments: 'card',
  createRiskRule: 'card',
  listRiskRules: 'card',
  getRiskRule: 'card',
  replaceRiskRule: 'card',
  deleteRiskRule: 'card',
  // Org Governance Settings
  getOrgSettings: 'card',
  updateOrgSettings: 'card',
  // Request Types
  listAllRequestTeams: 'card',
  // Catalogs
  listAllDefaultEntriesV2: 'card',
  getCatalogEntryV2: 'card',
  getCatalogEntryRequestFieldsV2: 'card',
  listAllDefaultUserEntriesV2: 'card',
  // My Catalogs
  listMyDefaultEntriesV2: 'card',
  getMyEntryV2: 'card',
  getMyCatalogEntryRequestFieldsV2: 'card',
  // My Requests
  createMyRequestV2: 'card',
  getMyRequestV2: 'card',
  // My Catalogs
  listMyEntryUsersV2: 'card',
  getMyCatalogEntryUserRequestFieldsV2: 'card',
  // My Security Access Reviews
  listMySecurityAccessReviews: 'card',
  getMySecurityAccessReviewsStats: 'card',
  getMySecurityAccessReview: 'card',
  listMySecurityAccessReviewAccesses: 'card',
  listMySecurityAccessReviewSubAccesses: 'card',
  executeMySecurityAccessReviewAccessesAction: 'card',
  listMySecurityAccessReviewAccessesAnomalies: 'card',
  generateMySecurityAccessReviewAccessesSummary: 'card',
  listMySecurityAccessReviewActions: 'card',
  executeMySecurityAccessReviewAction: 'card',
  addMySecurityAccessReviewComment: 'card',
  listMySecurityAccessReviewHistory: 'card',
  getMySecurityAccessReviewPrincipalDetails: 'card',
  generateMySecurityAccessReviewSummary: 'card',
  // Request Sequences
  deleteRequestSequenceV2: 'card',
  // Request Settings
  getOrgRequestSettingsV2: 'card',
  updateOrgRequestSettingsV2: 'card',
  // Requests
  listAllRequestsV2: 'card',
  createRequestV2: 'card',
  getRequestV2: 'card',
  createRequestMessageV2: 'card',
  // Request Conditions
  listResourceRequestConditionsV2: 'card',
  createResourceRequestConditionV2: 'card',
  getResourceRequestConditionV2: 'card',
  deleteResourceRequestConditionV2: 'card',
  updateResourceRequestConditionV2: 'card',
  activateResourceRequestConditionV2: 'card',
  deactivateResourceRequestConditionV2: 'card',
  // Request Sequences
  listResourceRequestSequencesV2: 'card',
  getResourceRequestSequenceV2: 'card',
  // Request Settings
  getRequestSettingsV2: 'card',
  updateResourceRequestSettingsV2: 'card',
  // Entitlement Settings
  updateEntitlementSettings: 'card',
  getEntitlementSettings: 'card',
  // Principal Access - V2
  revokePrincipalAccess: 'card',
  // Security Access Reviews
  listSecurityAccessReviews: 'card',
  createSecurityAccessReview: 'card',
  getSecurityAccessReviewsStats: 'card',
  getSecurityAccessReview: 'card',
  updateSecurityAccessReview: 'card',
  listSecurityAccessReviewAccesses: 'card',
  listSecurityAccessReviewSubAccesses: 'card',
  executeSecurityAccessReviewAccessesAction: 'card',
  listSecurityAccessReviewAccessesAnomalies: 'card',
  generateSecurityAccessReviewAccessesSummary: 'card',
  listSecurityAccessReviewActions: 'card',
  executeSecurityAccessReviewAction: 'card',
  addSecurityAccessReviewComment: 'card',
  listSecurityAccessReviewHistory: 'card',
  getSecurityAccessReviewPrincipalDetails: 'card',
  generateSecurityAccessReviewSummary: 'card',
};
