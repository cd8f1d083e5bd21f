/**
 * Campaigns: access certification campaigns. A campaign asks reviewers to approve or revoke who has
 * access to a set of apps, groups or entitlements, once (ONE_OFF) or on a schedule (RECURRING).
 *
 * API rules worth knowing (API-NOTES §6.6): a new campaign is SCHEDULED and its start date must be in
 * the future (Okta answers 400 "start date must be a future date" otherwise). Status runs SCHEDULED →
 * LAUNCHING → ACTIVE → COMPLETED (or ERROR). Launch works only on a SCHEDULED campaign and end only on
 * an ACTIVE one; both answer 202 with no body and a Location header (launching a recurring campaign
 * points at the new instance). Delete works only while SCHEDULED or ERROR; otherwise Okta answers 409.
 * Okta fills many settings with defaults and echoes dates in the campaign's time zone.
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule, RuleContext } from '../model/operation.ts';
import { bodyField, enumOf, listControls, out, outHeader, pathParam, queryParam } from '../model/fields.ts';
import { ids, oktaId } from '../model/ids.ts';
import { instant, isoDateTime } from '../model/date-time.ts';
import { auditFields, strict } from './record-shapes.ts';
import { orderByOneKey } from './order-by-param.ts';

const defaults: FamilyDefaults = {
  family: 'Campaigns',
  docs: { api: 'governance.api', tag: 'Campaigns' },
  lifecycle: 'GA',
  adminRoles: ['ACCESS_CERTIFICATIONS_ADMIN'],
  scopes: { read: ['okta.governance.accessCertifications.read'], manage: ['okta.governance.accessCertifications.manage'] },
};

const campaignIdSchema = oktaId('ici', 'Campaign');
/** A GROUP reviewer is an Okta group (00g…) or a governance reviewer group (irg…); the spec's examples use both. */
const reviewerGroupId = Type.String({
  minLength: 20,
  maxLength: 20,
  pattern: '^(00g|irg)[0-9a-zA-Z]{17}$',
  description: 'Okta group (00g…) or reviewer group (irg…) id, 20 characters',
});

export const campaignStatuses = ['SCHEDULED', 'LAUNCHING', 'ACTIVE', 'COMPLETED', 'DELETED', 'ERROR'] as const;
const resourceSettingsTypes = ['GROUP', 'APPLICATION', 'APPLICATION_AND_GROUP', 'OKTA_SERVICE_ACCOUNT', 'APP_SERVICE_ACCOUNT'] as const;
const targetResourceTypes = ['GROUP', 'APPLICATION', 'GOVERNANCE_LABEL_VALUE', 'APP_SERVICE_ACCOUNT', 'OKTA_SERVICE_ACCOUNT'] as const;
const reviewerTypes = ['USER', 'REVIEWER_EXPRESSION', 'GROUP', 'RESOURCE_OWNER', 'MULTI_LEVEL'] as const;

// ---- input shapes (the API's own nesting, strict) ----

const idRef = (maxLength: number) => strict({ id: Type.String({ minLength: 1, maxLength }) });

const scheduleSettings = strict({
  type: enumOf(['ONE_OFF', 'RECURRING']),
  startDate: isoDateTime,
  durationInDays: Type.Number({ minimum: 1 }),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  recurrence: Type.Optional(
    strict({
      // Terraform sends {interval: ""} on one-off campaigns and Okta accepts it (recorded), so "" passes too.
      interval: Type.Union([Type.String({ format: 'duration' }), Type.Literal('')]),
      repeatOnType: Type.Optional(enumOf(['SAME_DAY_AS_START_DATE', 'SAME_WEEKDAY_AS_START_DATE', 'LAST_WEEKDAY_AS_START_DATE'])),
      ends: Type.Optional(isoDateTime),
    }),
  ),
});

const resourceSettings = strict({
  type: enumOf(resourceSettingsTypes),
  targetResources: Type.Optional(
    Type.Array(
      strict({
        resourceId: Type.String({ minLength: 1, maxLength: 36 }),
        resourceType: Type.Optional(enumOf(targetResourceTypes)),
        includeAllEntitlementsAndBundles: Type.Optional(Type.Boolean()),
        entitlementBundles: Type.Optional(Type.Array(idRef(20))),
        entitlements: Type.Optional(
          Type.Array(
            strict({
              id: Type.String({ minLength: 1, maxLength: 20 }),
              includeAllValues: Type.Optional(Type.Boolean()),
              values: Type.Optional(Type.Array(idRef(20), { minItems: 1 })),
            }),
          ),
        ),
        entitlementValueScopeByGovernanceLabelValues: Type.Optional(Type.Array(idRef(20))),
        includeBundlesHavingSameEntitlementValues: Type.Optional(Type.Boolean()),
        entitlementBundleScopeByGovernanceLabelValues: Type.Optional(Type.Array(idRef(20))),
        appServiceAccounts: Type.Optional(Type.Array(idRef(36))),
        includeAllAppServiceAccounts: Type.Optional(Type.Boolean()),
      }),
    ),
  ),
  excludedResources: Type.Optional(
    Type.Array(
      strict({
        resourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
        resourceType: Type.Optional(enumOf(['GROUP', 'APPLICATION'])),
      }),
    ),
  ),
  individuallyAssignedAppsOnly: Type.Optional(Type.Boolean()),
  individuallyAssignedGroupsOnly: Type.Optional(Type.Boolean()),
  includeEntitlements: Type.Optional(Type.Boolean()),
  onlyIncludeOutOfPolicyEntitlements: Type.Optional(Type.Boolean()),
  includeAdminRoles: Type.Optional(Type.Boolean()),
  includeAllOktaServiceAccounts: Type.Optional(Type.Boolean()),
});

const principalScopeSettings = strict({
  type: enumOf(['USERS']),
  userScopeExpression: Type.Optional(Type.String({ minLength: 1, maxLength: 7000 })),
  excludedUserIds: Type.Optional(Type.Array(ids.user)),
  userIds: Type.Optional(Type.Array(ids.user)),
  groupIds: Type.Optional(Type.Array(ids.group)),
  includeOnlyActiveUsers: Type.Optional(Type.Boolean()),
  predefinedInactiveUsersScope: Type.Optional(strict({ inactiveDays: Type.Optional(Type.Integer({ minimum: 30, maximum: 365 })) })),
  onlyIncludeUsersWithSODConflicts: Type.Optional(Type.Boolean()),
});

const reviewerFields = {
  reviewerId: Type.Optional(ids.user),
  reviewerScopeExpression: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  fallBackReviewerId: Type.Optional(ids.user),
  reviewerGroupId: Type.Optional(reviewerGroupId),
  isSelfReviewDisabled: Type.Optional(Type.Boolean()),
  selfReviewDisabled: Type.Optional(Type.Boolean()),
};
const reviewerSettings = strict({
  type: enumOf(reviewerTypes),
  ...reviewerFields,
  justificationRequired: Type.Optional(Type.Boolean()),
  bulkDecisionDisabled: Type.Optional(Type.Boolean()),
  reassignmentDisabled: Type.Optional(Type.Boolean()),
  reviewerLevels: Type.Optional(
    Type.Array(
      strict({
        type: enumOf(['USER', 'REVIEWER_EXPRESSION', 'GROUP', 'RESOURCE_OWNER']),
        startReview: strict({
          onDay: Type.Integer(),
          when: Type.Optional(enumOf(['LOWER_LEVEL_APPROVES', 'LOWER_LEVEL_APPROVES_OR_REJECTS'])),
        }),
        ...reviewerFields,
      }),
      { minItems: 2, maxItems: 2 },
    ),
  ),
});

const notificationSettings = strict({
  notifyReviewerWhenReviewAssigned: Type.Optional(Type.Boolean()),
  notifyReviewerAtCampaignEnd: Type.Optional(Type.Boolean()),
  remindersReviewerBeforeCampaignCloseInSecs: Type.Optional(Type.Array(Type.Integer(), { minItems: 1, maxItems: 3 })),
  notifyReviewerWhenOverdue: Type.Optional(Type.Boolean()),
  notifyReviewerDuringMidpointOfReview: Type.Optional(Type.Boolean()),
  notifyReviewPeriodEnd: Type.Optional(Type.Boolean()),
});

const remediationSettings = strict({
  accessApproved: enumOf(['NO_ACTION']),
  accessRevoked: enumOf(['NO_ACTION', 'DENY']),
  noResponse: enumOf(['NO_ACTION', 'DENY']),
  autoRemediationSettings: Type.Optional(
    strict({
      includeOnly: Type.Optional(
        Type.Array(strict({ resourceType: Type.Optional(enumOf(['GROUP'])), resourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })) })),
      ),
      includeAllIndirectAssignments: Type.Optional(Type.Boolean()),
    }),
  ),
});

// ---- response shapes (tolerant: Okta adds defaults and fields the spec doesn't declare) ----

const campaign = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  campaignType: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  scheduleSettings: Type.Optional(
    Type.Object({
      type: Type.Optional(Type.String()),
      startDate: Type.Optional(isoDateTime),
      durationInDays: Type.Optional(Type.Number()),
      timeZone: Type.Optional(Type.String()),
      endDate: Type.Optional(isoDateTime),
      recurrence: Type.Optional(Type.Object({})),
    }),
  ),
  resourceSettings: Type.Optional(Type.Object({ type: Type.Optional(Type.String()), targetResources: Type.Optional(Type.Array(Type.Object({}))) })),
  principalScopeSettings: Type.Optional(Type.Object({})),
  reviewerSettings: Type.Optional(Type.Object({ type: Type.Optional(Type.String()), reviewerId: Type.Optional(Type.String()) })),
  notificationSettings: Type.Optional(Type.Object({})),
  remediationSettings: Type.Optional(Type.Object({})),
  reportingSettings: Type.Optional(Type.Object({})),
  recurringCampaignId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  ...auditFields,
});

/** What a campaign list returns per campaign: a summary, not the full settings. */
const campaignSummary = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  startDate: Type.Optional(isoDateTime),
  endDate: Type.Optional(isoDateTime),
  scheduleType: Type.Optional(Type.String()),
  reviewerType: Type.Optional(Type.String()),
  recurringCampaignId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  ...auditFields,
});

const campaignOutputs = {
  campaignId: out('/id', 'Campaign ID'),
  name: out('/name', 'Name'),
  status: out('/status', 'Status', `One of ${campaignStatuses.join(', ')}.`),
  campaignType: out('/campaignType', 'Campaign type', 'RESOURCE (certify who can reach resources) or USER (certify what users can reach).'),
  startDate: out('/scheduleSettings/startDate', 'Start date', 'Echoed in the campaign\'s time zone.'),
  endDate: out('/scheduleSettings/endDate', 'End date', 'Computed by Okta from the start date and the duration.'),
};

const campaignIdParam = pathParam('campaignId', campaignIdSchema, {
  label: 'Campaign ID',
  help: 'The campaign to act on (ici…). Find it with "List campaigns".',
  example: 'ici10fubf8UnNtvb91d7',
});

// ---- business rules (they see the body as it will be sent) ----

type CampaignBody = {
  scheduleSettings?: { startDate?: string; durationInDays?: number; timeZone?: string };
  reviewerSettings?: { type?: string } & Record<string, unknown>;
};
const bodyOf = (ctx: RuleContext) => (ctx.body ?? {}) as CampaignBody;

const scheduleComplete: BusinessRule = {
  id: 'campaign-schedule-complete',
  field: 'durationInDays',
  description: 'A schedule needs a start date, a duration in days and a time zone.',
  check: (ctx) => {
    const schedule = bodyOf(ctx).scheduleSettings ?? {};
    const missing = (['startDate', 'durationInDays', 'timeZone'] as const).filter((k) => schedule[k] === undefined);
    if (!missing.length) return null;
    return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: a campaign schedule needs startDate, durationInDays (e.g. 14) and timeZone (e.g. America/New_York); add ${missing.join(' and ')}`;
  },
};

const startsInFuture: BusinessRule = {
  id: 'campaign-start-in-future',
  field: 'startDate',
  description: 'The start date is in the future (Okta refuses a past one).',
  check: (ctx) => {
    const startDate = bodyOf(ctx).scheduleSettings?.startDate;
    const start = instant(startDate);
    if (Number.isNaN(start) || start > ctx.now.getTime()) return null;
    return `startDate ${startDate} is not in the future: Okta only schedules campaigns that start later than now (${ctx.now.toISOString()}); pick a later start date`;
  },
};

const knownTimeZone: BusinessRule = {
  id: 'campaign-time-zone-known',
  field: 'timeZone',
  description: 'The time zone is an IANA name such as America/New_York.',
  check: (ctx) => {
    const timeZone = bodyOf(ctx).scheduleSettings?.timeZone;
    if (timeZone === undefined) return null;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      return null;
    } catch {
      return `timeZone "${timeZone}" is not a known IANA time zone; use a name such as America/New_York, Europe/Paris or UTC`;
    }
  },
};

/** What each reviewer type needs next to it (the spec says so in prose only). */
const reviewerNeeds: Record<string, string[]> = {
  USER: ['reviewerId'],
  REVIEWER_EXPRESSION: ['reviewerScopeExpression', 'fallBackReviewerId'],
  GROUP: ['reviewerGroupId'],
  RESOURCE_OWNER: ['fallBackReviewerId'],
  MULTI_LEVEL: ['reviewerLevels'],
};
const reviewerComplete: BusinessRule = {
  id: 'campaign-reviewer-fields',
  field: 'reviewerSettings',
  description: 'Each reviewer type comes with its fields: USER a reviewerId, REVIEWER_EXPRESSION an expression and a fallback reviewer, GROUP a reviewerGroupId, RESOURCE_OWNER a fallback reviewer, MULTI_LEVEL two reviewerLevels.',
  check: (ctx) => {
    const reviewer = bodyOf(ctx).reviewerSettings;
    const needs = reviewer?.type ? reviewerNeeds[reviewer.type] : undefined;
    const missing = (needs ?? []).filter((k) => reviewer?.[k] === undefined);
    if (!missing.length) return null;
    return `reviewerSettings of type ${reviewer!.type} needs ${missing.join(' and ')}: add ${missing.map((k) => `reviewerSettings.${k}`).join(' and ')}, or pick another reviewer type`;
  },
};

/** The Location of a 202, as a path on the org (Okta writes it on the -admin host). */
const campaignLink = (help: string) => outHeader('location', 'Campaign link', { link: true, help: `${help} A path on the org, e.g. /governance/api/v1/campaigns/icm….` });

export const campaignOperations = defineFamily(defaults, [
  {
    id: 'createCampaign',
    title: 'Create campaign',
    description:
      'Schedule an access certification campaign: what to review (apps, groups, entitlements), whose access, who reviews and what happens to revoked access. It starts as SCHEDULED; launch it with "Launch campaign" or let the start date come.',
    method: 'POST',
    path: '/governance/api/v1/campaigns',
    successStatus: 201,
    inputs: {
      name: bodyField('/name', Type.String({ minLength: 1, maxLength: 255 }), {
        label: 'Name',
        help: 'What reviewers see, 1–255 characters.',
        required: true,
        example: 'Quarterly review: Salesforce access',
      }),
      description: bodyField('/description', Type.String({ maxLength: 1000 }), {
        label: 'Description',
        help: 'Optional. Why the campaign runs, up to 1000 characters.',
        example: 'Confirm who still needs Salesforce.',
      }),
      campaignType: bodyField('/campaignType', enumOf(['RESOURCE', 'USER']), {
        label: 'Campaign type',
        help: 'Optional. RESOURCE (the default) reviews who can reach the chosen resources; USER reviews everything the chosen users can reach.',
      }),
      startDate: bodyField('/scheduleSettings/startDate', isoDateTime, {
        label: 'Start date',
        help: 'When the campaign starts; must be in the future. Makes a one-off campaign; for a recurring one use Schedule settings (API form).',
        set: { '/scheduleSettings/type': 'ONE_OFF' },
        example: '2030-01-15T09:00:00Z',
      }),
      durationInDays: bodyField('/scheduleSettings/durationInDays', Type.Number({ minimum: 1 }), {
        label: 'Duration (days)',
        help: 'How many days reviewers have, at least 1. Goes with Start date.',
        example: 14,
      }),
      timeZone: bodyField('/scheduleSettings/timeZone', Type.String({ minLength: 1, maxLength: 64 }), {
        label: 'Time zone',
        help: 'IANA time zone the dates are read in, e.g. America/New_York. Goes with Start date.',
        example: 'America/New_York',
      }),
      scheduleSettings: bodyField('/scheduleSettings', scheduleSettings, {
        label: 'Schedule settings (API form)',
        help: 'The schedule as the API takes it: {type: ONE_OFF|RECURRING, startDate, durationInDays, timeZone, recurrence: {interval: "P1M", repeatOnType, ends}}. Use instead of Start date, Duration and Time zone.',
        advanced: true,
      }),
      resourceSettings: bodyField('/resourceSettings', resourceSettings, {
        label: 'Resources to review',
        help: 'What the campaign covers: {type: GROUP|APPLICATION|APPLICATION_AND_GROUP|OKTA_SERVICE_ACCOUNT|APP_SERVICE_ACCOUNT, targetResources: [{resourceId: "0oa…", resourceType: "APPLICATION", includeAllEntitlementsAndBundles: true}], includeEntitlements, excludedResources}.',
        required: true,
        example: { type: 'APPLICATION', targetResources: [{ resourceId: '0oafxqCAJWWGELFTYASJ', resourceType: 'APPLICATION' }] },
      }),
      principalScopeSettings: bodyField('/principalScopeSettings', principalScopeSettings, {
        label: 'Users in scope',
        help: 'Optional. Whose access is reviewed: {type: USERS, userIds, groupIds, excludedUserIds, userScopeExpression, includeOnlyActiveUsers, predefinedInactiveUsersScope: {inactiveDays: 30–365}}. Everyone with access when empty.',
      }),
      reviewerUserId: bodyField('/reviewerSettings/reviewerId', ids.user, {
        label: 'Reviewer user ID',
        help: 'The one user (00u…) who reviews every item. For managers, groups, resource owners or two levels use Reviewer settings (API form).',
        set: { '/reviewerSettings/type': 'USER' },
        example: '00up7fxeflB7BcC6J1d7',
      }),
      reviewerSettings: bodyField('/reviewerSettings', reviewerSettings, {
        label: 'Reviewer settings (API form)',
        help: 'Who reviews, as the API takes it: {type: USER with reviewerId | REVIEWER_EXPRESSION with reviewerScopeExpression and fallBackReviewerId | GROUP with reviewerGroupId | RESOURCE_OWNER with fallBackReviewerId | MULTI_LEVEL with two reviewerLevels}, plus selfReviewDisabled, justificationRequired, bulkDecisionDisabled, reassignmentDisabled. Use instead of Reviewer user ID.',
        advanced: true,
      }),
      notificationSettings: bodyField('/notificationSettings', notificationSettings, {
        label: 'Notifications',
        help: 'Optional. When reviewers get emails: notifyReviewerWhenReviewAssigned, notifyReviewerAtCampaignEnd, notifyReviewerWhenOverdue, notifyReviewerDuringMidpointOfReview, notifyReviewPeriodEnd (true/false), remindersReviewerBeforeCampaignCloseInSecs (1–3 reminders, in seconds before the end).',
      }),
      remediationSettings: bodyField('/remediationSettings', remediationSettings, {
        label: 'Remediation',
        help: 'What Okta does after decisions: {accessApproved: NO_ACTION, accessRevoked: NO_ACTION|DENY, noResponse: NO_ACTION|DENY}. DENY removes the access.',
        required: true,
        example: { accessApproved: 'NO_ACTION', accessRevoked: 'DENY', noResponse: 'NO_ACTION' },
      }),
      campaignTier: bodyField('/campaignTier', enumOf(['BASIC', 'PREMIUM']), {
        label: 'Campaign tier',
        help: 'Optional. BASIC or PREMIUM, per your Okta license.',
      }),
      reportingSettings: bodyField('/reportingSettings', strict({ createReportingPackageEnabled: Type.Optional(Type.Boolean()) }), {
        label: 'Reporting',
        help: 'Optional. {createReportingPackageEnabled: true} makes Okta build a report package when the campaign ends.',
      }),
    },
    oneOf: [
      ['startDate', 'scheduleSettings'],
      ['reviewerUserId', 'reviewerSettings'],
    ],
    rules: [scheduleComplete, startsInFuture, knownTimeZone, reviewerComplete],
    answer: object(campaign, campaignOutputs),
  },
  {
    id: 'listCampaigns',
    title: 'List campaigns',
    description: 'List access certification campaigns, optionally only some (by name, status, schedule type, reviewer type) and in a chosen order.',
    method: 'GET',
    path: '/governance/api/v1/campaigns',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. name eq "…", status eq "ACTIVE" (OR-able), startDate gt / endDate gt a date, scheduleType eq "RECURRING", reviewerType eq "USER", recurringCampaignId eq "ici…"; combine with AND.',
        example: 'status eq "ACTIVE"',
      }),
      orderBy: orderByOneKey({
        keys: ['name', 'created', 'startDate', 'endDate', 'status'],
        default: 'created asc',
        example: 'startDate desc',
        keysText: 'name, created, startDate, endDate, status',
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({
      item: campaignSummary,
      paginated: true,
      itemOutputs: {
        campaignId: out('/id', 'Campaign ID'),
        name: out('/name', 'Name'),
        status: out('/status', 'Status'),
        startDate: out('/startDate', 'Start date'),
        endDate: out('/endDate', 'End date'),
        scheduleType: out('/scheduleType', 'Schedule type'),
        reviewerType: out('/reviewerType', 'Reviewer type'),
      },
    }),
  },
  {
    id: 'getCampaign',
    title: 'Get campaign',
    description: 'Read one campaign with all its settings and its current status.',
    method: 'GET',
    path: '/governance/api/v1/campaigns/{campaignId}',
    inputs: { campaignId: campaignIdParam },
    answer: object(campaign, campaignOutputs),
  },
  {
    id: 'deleteCampaign',
    title: 'Delete campaign',
    description: 'Delete a campaign that hasn\'t launched (SCHEDULED) or that failed (ERROR). Okta refuses with 409 once it has launched: end it instead.',
    method: 'DELETE',
    path: '/governance/api/v1/campaigns/{campaignId}',
    inputs: { campaignId: campaignIdParam },
    answer: noBody(),
  },
  {
    id: 'launchCampaign',
    title: 'Launch campaign',
    description:
      'Start a SCHEDULED campaign now instead of at its start date. Okta accepts it (202, no body) and launches in the background; Campaign link names the launched campaign (for a recurring one, the new instance).',
    method: 'POST',
    path: '/governance/api/v1/campaigns/{campaignId}/launch',
    successStatus: 202,
    inputs: { campaignId: campaignIdParam },
    answer: noBody({ campaignLink: campaignLink('The launched campaign: read it with "Get campaign" once it is ACTIVE.') }),
  },
  {
    id: 'endCampaign',
    title: 'End campaign',
    description:
      'Close an ACTIVE campaign before its end date. Okta accepts it (202, no body), closes the open reviews and applies the remediation settings unless told to skip them; Campaign link names the campaign.',
    method: 'POST',
    path: '/governance/api/v1/campaigns/{campaignId}/end',
    successStatus: 202,
    inputs: {
      campaignId: campaignIdParam,
      skipRemediation: bodyField('/skipRemediation', Type.Boolean(), {
        label: 'Skip remediation',
        help: 'Optional. true closes the campaign without acting on revoked or unanswered reviews.',
        example: false,
      }),
    },
    answer: noBody({ campaignLink: campaignLink('The campaign being closed: read it with "Get campaign" to see when it is COMPLETED.') }),
  },
]);
