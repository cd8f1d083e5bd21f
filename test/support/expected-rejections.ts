/**
 * Request examples (from the official spec and from recorded traffic) that our input schemas reject,
 * each with the reason. The spec's own examples break its rules in places (API-NOTES §7.2), and some
 * recorded ids were scrubbed by hand. A rejection not listed here fails the conformance test, and so
 * does a listed one that is accepted again: the list stays honest.
 */
export const EXPECTED_EXAMPLE_REJECTIONS: Record<string, string> = {
  // createCampaign: the spec's own examples break its schema (API-NOTES §7.2).
  'spec createCampaign CampaignWithGroupAndUsersScope': 'example sends status, which the create body does not have',
  'spec createCampaign CampaignWithGroupAndUsersExpressionScope': 'example sends status, which the create body does not have',
  'spec createCampaign CampaignWithAppAndUsersScope': 'example sends status, which the create body does not have',
  'spec createCampaign SODCampaignWithGroupReviewerShowConflicts': 'example sends status, which the create body does not have',
  'spec createCampaign CampaignWithGovernanceLabelsScopeForApps': 'example sends status, which the create body does not have',
  'spec createCampaign CampaignsWithGovernanceLabelsScopeForGroups': 'example sends status, which the create body does not have',
  'spec createCampaign CampaignWithReviewerScopeExpression': 'example fallBackReviewerId 00utewuyetytiuwe has 16 characters; user ids have 20',
  'spec createCampaign CampaignWithReviewerNotificationAtCampaignEnd': 'example fallBackReviewerId 00utewuyetytiuwe has 16 characters; user ids have 20',
  'spec createCampaign CampaignWithReviewerNotificationAtCampaignAssignment': 'example fallBackReviewerId 00utewuyetytiuwe has 16 characters; user ids have 20',
  'spec createCampaign CampaignWithReviewerRemindersBeforeCampaignEnd': 'example fallBackReviewerId 00utewuyetytiuwe has 16 characters; user ids have 20',
  'spec createCampaign CampaignWithRemediationToRemoveUsersFromGroupOnRevoke': 'example fallBackReviewerId 00utewuyetytiuwe has 16 characters; user ids have 20',
  'spec createCampaign CampaignWithRemediationToRemoveUsersFromGroupWhenNoDecisionByReviewer': 'example fallBackReviewerId 00utewuyetytiuwe has 16 characters; user ids have 20',
  'spec createCampaign CampaignWithGroupOwner': 'example fallBackReviewerId 00utewuyetytiuwe has 16 characters; user ids have 20',
  'spec createCampaign RecurringCampaignRepeatingIndefinitelyOn5thDayOfEveryMonth': 'example reviewerId 00utewuyetytiuwe has 16 characters; user ids have 20',
  'spec createCampaign RecurringCampaignThatRepeatsEvery3MonthsOnThursdayOf2ndWeek': 'example reviewerId 00utewuyetytiuwe has 16 characters; user ids have 20',
  'spec createCampaign CampaignsUserCentricWithAppsandGroups': 'example puts group ids (00g…) in principalScopeSettings.userIds',
  'spec createCampaign CampaignWithGroupsAutoRemediated': 'example writes autoRemediationSettings.includeOnly items as {type, id}; the schema says {resourceType, resourceId}',
  // replaceEntitlementBundle: the examples send the read-only orn, which the replace body does not have.
  'spec replaceEntitlementBundle SingleValue': 'example sends orn, which the replace body does not have',
  'spec replaceEntitlementBundle NameAndDescription': 'example sends orn, which the replace body does not have',
  // collections: the spec's example ORN carries a scrubbed id.
  'spec addResourcesToCollection example': 'the third resourceOrn contains "~" (…apps:netsuite:0oasdSD~GAVXCBZSDFG): a scrubbed id that no Okta ORN has',
  // My settings: the example carries a read-only appointment id of 18 characters (API-NOTES §7.2).
  'spec updateMySettings UpdateMySettingsWithSelfAppointedDelegate': 'example sends a read-only appointment id (18 characters) the update body does not declare',
  // Hand-scrubbed terraform entry id ce5678abcdefghi12345 (recorded/INDEX.md) is not a cen… id.
  'recorded terraform-TestEndUserMyRequests_without_requesterFields-classic-00.json#0 createMyRequestV2': 'hand-scrubbed entry id ce5678abcdefghi12345 is not a cen… id',
  'recorded terraform-TestEndUserMyRequests_without_requesterFields-classic-00.json#1 getMyRequestV2': 'hand-scrubbed entry id ce5678abcdefghi12345 is not a cen… id',
  'recorded terraform-TestEndUserMyRequests_without_requesterFields-classic-00.json#2 getMyRequestV2': 'hand-scrubbed entry id ce5678abcdefghi12345 is not a cen… id',
  'recorded terraform-TestEndUserMyRequests_without_requesterFields-oie-00.json#0 createMyRequestV2': 'hand-scrubbed entry id ce5678abcdefghi12345 is not a cen… id',
  'recorded terraform-TestEndUserMyRequests_without_requesterFields-oie-00.json#1 getMyRequestV2': 'hand-scrubbed entry id ce5678abcdefghi12345 is not a cen… id',
  'recorded terraform-TestEndUserMyRequests_without_requesterFields-oie-00.json#2 getMyRequestV2': 'hand-scrubbed entry id ce5678abcdefghi12345 is not a cen… id',
};
