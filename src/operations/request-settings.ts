/**
 * Request settings: how access requests work for the whole org and for one app. The org settings say
 * whether Access Requests is provisioned and its subprocessors acknowledged. An app's settings say
 * which kinds of request condition it allows (requesters, scopes, durations), whether people may
 * request for someone else, and what happens when a request would break a risk rule
 * (separation of duties): allowed as is, allowed through a stricter approval sequence, or refused.
 *
 * API rules worth knowing (API-NOTES §6.4, §7.1): an update changes only what it sends; `null`
 * removes the on-behalf-of settings or the risk duration limit (the real server accepts it);
 * ALLOWED_WITH_OVERRIDES needs the approval sequence that handles risky requests.
 */
import { Type } from '@sinclair/typebox';
import { object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, enumOf, out } from '../model/fields.ts';
import { accessDurationRecord, accessDurationSettings, approvalSequenceId, resourceIdParam } from './request-conditions.ts';
import { loose } from './tolerant-shapes.ts';
import { nothingToUpdate } from './update-rules.ts';

const defaults: FamilyDefaults = {
  family: 'Request settings',
  docs: { api: 'governance.requests.admin.v2', tag: 'Request-Settings' },
  lifecycle: 'GA',
  adminRoles: ['ACCESS_REQUESTS_ADMIN'],
  scopes: { read: ['okta.accessRequests.condition.read'], manage: ['okta.accessRequests.condition.manage'] },
};

export const requestSubmissionTypes = ['ALLOWED_WITH_NO_OVERRIDES', 'ALLOWED_WITH_OVERRIDES', 'RESTRICTED'] as const;

// ---- Response shapes (tolerant: every field optional, undeclared fields allowed) ----

const typeList = (kinds: string) => Type.Array(loose({ type: Type.String({ description: kinds }) }));

const orgRequestSettings = loose({
  subprocessorsAcknowledged: Type.Boolean(),
  provisioningStatus: Type.String({ description: 'NOT_PROVISIONED, PROVISIONING_FAILED or PROVISIONED' }),
  requestExperiences: Type.Array(Type.String({ description: 'ADMIN_ROLES or CATALOG' })),
  longTimePastProvisioned: Type.Boolean(),
});

const resourceRequestSettings = loose({
  validAccessScopeSettings: typeList('RESOURCE_DEFAULT, ENTITLEMENT_BUNDLES or GROUPS'),
  validRequesterSettings: typeList('EVERYONE, GROUPS or TEAMS'),
  validAccessDurationSettings: loose({
    supportedTypes: typeList('ADMIN_FIXED_DURATION or REQUESTER_SPECIFIED_DURATION'),
    required: Type.Boolean(),
    maximumDays: Type.Number(),
    maximumHours: Type.Number(),
    maximumWeeks: Type.Number(),
  }),
  requestOnBehalfOfSettings: loose({ allowed: Type.Boolean(), onlyFor: Type.Array(Type.String({ description: 'DIRECT_REPORT' })) }),
  validRequestOnBehalfOfSettings: typeList('EVERYONE or DIRECT_REPORT'),
  validRiskSettings: loose({ supportedTypes: typeList('DEFAULT_SETTING') }),
  riskSettings: loose({
    defaultSetting: loose({
      requestSubmissionType: Type.String({ description: requestSubmissionTypes.join(', ') }),
      approvalSequenceId: Type.String(),
      accessDurationSettings: accessDurationRecord,
      error: Type.Array(Type.String({ description: 'INVALID_SEQUENCE' })),
    }),
  }),
});

const orgOutputs = {
  subprocessorsAcknowledged: out('/subprocessorsAcknowledged', 'Subprocessors acknowledged'),
  provisioningStatus: out('/provisioningStatus', 'Provisioning status', 'NOT_PROVISIONED, PROVISIONING_FAILED or PROVISIONED.'),
  requestExperiences: out('/requestExperiences', 'Request experiences', 'ADMIN_ROLES and/or CATALOG.'),
  longTimePastProvisioned: out('/longTimePastProvisioned', 'Provisioned long ago'),
};

const resourceOutputs = {
  requesterTypes: out('/validRequesterSettings', 'Allowed requester kinds', 'What a request condition of this app may use as "Who can request".'),
  accessScopeTypes: out('/validAccessScopeSettings', 'Allowed scope kinds', 'What a request condition of this app may use as "What can be requested".'),
  accessDurations: out('/validAccessDurationSettings', 'Allowed durations', 'Duration kinds, whether one is required, and the maximum days, hours and weeks.'),
  onBehalfOfAllowed: out('/requestOnBehalfOfSettings/allowed', 'Requests for others allowed'),
  onBehalfOfOnlyFor: out('/requestOnBehalfOfSettings/onlyFor', 'Requests for others only for', 'DIRECT_REPORT when limited to direct reports.'),
  requestSubmissionType: out('/riskSettings/defaultSetting/requestSubmissionType', 'Risky requests', requestSubmissionTypes.join(', ') + '.'),
  riskApprovalSequenceId: out('/riskSettings/defaultSetting/approvalSequenceId', 'Risky requests approval sequence ID'),
  riskErrors: out('/riskSettings/defaultSetting/error', 'Risk settings problems', 'INVALID_SEQUENCE when the named sequence no longer works.'),
};

// ---- Inputs of the app settings update ----

const onBehalfOfSettings = Type.Union([
  Type.Object(
    {
      allowed: Type.Boolean(),
      onlyFor: Type.Optional(Type.Union([Type.Array(enumOf(['DIRECT_REPORT']), { minItems: 1 }), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

const riskDefaultSetting = Type.Union([
  Type.Object({ requestSubmissionType: enumOf(['ALLOWED_WITH_NO_OVERRIDES']) }, { additionalProperties: false }),
  Type.Object(
    {
      requestSubmissionType: enumOf(['ALLOWED_WITH_OVERRIDES']),
      approvalSequenceId,
      accessDurationSettings: Type.Optional(Type.Union([...accessDurationSettings.anyOf, Type.Null()])),
    },
    { additionalProperties: false },
  ),
  Type.Object({ requestSubmissionType: enumOf(['RESTRICTED']) }, { additionalProperties: false }),
]);

type SettingsBody = {
  requestOnBehalfOfSettings?: { allowed?: unknown } | null;
  riskSettings?: { defaultSetting?: { requestSubmissionType?: string; approvalSequenceId?: string; accessDurationSettings?: unknown } };
};

/**
 * The friendly fields and the API forms merge into one body, which JSON Schema never sees whole:
 * these check that the risk setting about to be sent is one the API takes.
 */
const riskDefaultOf = (body: unknown) => (body as SettingsBody | undefined)?.riskSettings?.defaultSetting;

const riskKindGiven: BusinessRule = {
  id: 'request-settings-risk-kind-given',
  field: 'requestSubmissionType',
  description: 'A risk approval sequence comes with the kind of risk handling it serves.',
  check: ({ body }) => {
    const setting = riskDefaultOf(body);
    if (!setting || setting.requestSubmissionType !== undefined) return null;
    return 'requestSubmissionType is required when riskApprovalSequenceId is given: the sequence only serves ALLOWED_WITH_OVERRIDES; add requestSubmissionType "ALLOWED_WITH_OVERRIDES"';
  },
};

const riskSequenceMatchesKind: BusinessRule = {
  id: 'request-settings-risk-sequence-matches-kind',
  field: 'riskApprovalSequenceId',
  description: 'ALLOWED_WITH_OVERRIDES names an approval sequence; the other kinds name none.',
  check: ({ body }) => {
    const setting = riskDefaultOf(body);
    const kind = setting?.requestSubmissionType;
    if (!setting || kind === undefined) return null;
    if (kind === 'ALLOWED_WITH_OVERRIDES' && !setting.approvalSequenceId) {
      return 'riskApprovalSequenceId is required when requestSubmissionType is ALLOWED_WITH_OVERRIDES: risky requests go through that approval sequence; give its id (see "List request sequences")';
    }
    if (kind !== 'ALLOWED_WITH_OVERRIDES' && (setting.approvalSequenceId !== undefined || setting.accessDurationSettings !== undefined)) {
      return `riskApprovalSequenceId must be empty when requestSubmissionType is ${kind}: only ALLOWED_WITH_OVERRIDES uses an approval sequence; drop it or choose ALLOWED_WITH_OVERRIDES`;
    }
    return null;
  },
};

const somethingToUpdate = nothingToUpdate({
  id: 'request-settings-update-not-empty',
  field: 'requestSubmissionType',
  description: 'An update changes the on-behalf-of settings, the risk settings, or both.',
  inputs: 'onBehalfOfAllowed, requestSubmissionType, requestOnBehalfOfSettings or riskSettings',
});

export const requestSettingsOperations = defineFamily(defaults, [
  {
    id: 'getOrgRequestSettingsV2',
    title: 'Get org request settings',
    description: 'Read the org-wide Access Requests settings: whether it is provisioned, which request experiences it offers and whether its subprocessors were acknowledged.',
    method: 'GET',
    path: '/governance/api/v2/request-settings',
    inputs: {},
    answer: object(orgRequestSettings, orgOutputs),
  },
  {
    id: 'updateOrgRequestSettingsV2',
    title: 'Update org request settings',
    description: 'Record whether the org acknowledges the subprocessors Access Requests uses.',
    method: 'PATCH',
    path: '/governance/api/v2/request-settings',
    // Setting the same value again leaves the same settings.
    idempotent: true,
    inputs: {
      subprocessorsAcknowledged: bodyField('/subprocessorsAcknowledged', Type.Boolean(), {
        label: 'Subprocessors acknowledged',
        help: 'True when the org acknowledges the third-party subprocessors Access Requests relies on.',
        required: true,
        example: true,
      }),
    },
    answer: object(loose({ subprocessorsAcknowledged: Type.Boolean() }), { subprocessorsAcknowledged: orgOutputs.subprocessorsAcknowledged }),
  },
  {
    id: 'getRequestSettingsV2',
    title: 'Get request settings for resource',
    description:
      'Read the request settings of an app: which requesters, scopes and durations its request conditions may use, whether people may request for others, and how risky requests are handled.',
    method: 'GET',
    path: '/governance/api/v2/resources/{resourceId}/request-settings',
    inputs: { resourceId: resourceIdParam },
    answer: object(resourceRequestSettings, resourceOutputs),
  },
  {
    id: 'updateResourceRequestSettingsV2',
    title: 'Update request settings for resource',
    description:
      'Change the request settings of an app: whether people may request it for others, and whether requests that break a risk rule are allowed, routed to a stricter approval sequence, or refused. Only what is given changes.',
    method: 'PATCH',
    path: '/governance/api/v2/resources/{resourceId}/request-settings',
    // The given settings replace the stored ones, so sending them twice leaves the same settings.
    idempotent: true,
    inputs: {
      resourceId: resourceIdParam,
      onBehalfOfAllowed: bodyField('/requestOnBehalfOfSettings/allowed', Type.Boolean(), {
        label: 'Allow requests for others',
        help: 'Optional. True lets requesters ask for this app on behalf of someone else. Written over On-behalf-of settings (API form) when both are given.',
        example: true,
      }),
      requestSubmissionType: bodyField('/riskSettings/defaultSetting/requestSubmissionType', enumOf(requestSubmissionTypes), {
        label: 'Risky requests',
        help: 'Optional. What happens to a request that breaks a risk rule: ALLOWED_WITH_NO_OVERRIDES (handled like any other), ALLOWED_WITH_OVERRIDES (sent through the approval sequence below) or RESTRICTED (refused). Written over Risk settings (API form) when both are given.',
        example: 'RESTRICTED',
      }),
      riskApprovalSequenceId: bodyField('/riskSettings/defaultSetting/approvalSequenceId', approvalSequenceId, {
        label: 'Risky requests approval sequence ID',
        help: 'Required with ALLOWED_WITH_OVERRIDES, empty otherwise: the approval sequence (24 hexadecimal characters) risky requests go through. "List request sequences" gives the ids.',
      }),
      requestOnBehalfOfSettings: bodyField('/requestOnBehalfOfSettings', onBehalfOfSettings, {
        label: 'On-behalf-of settings (API form)',
        help: 'As the API takes it: {allowed: true}, {allowed: true, onlyFor: ["DIRECT_REPORT"]} (managers for their reports only), or null to remove the setting.',
        advanced: true,
      }),
      riskSettings: bodyField('/riskSettings', Type.Object({ defaultSetting: riskDefaultSetting }, { additionalProperties: false }), {
        label: 'Risk settings (API form)',
        help: 'As the API takes it: {defaultSetting: {requestSubmissionType: "RESTRICTED"}}, or {defaultSetting: {requestSubmissionType: "ALLOWED_WITH_OVERRIDES", approvalSequenceId: "<24-hex id>", accessDurationSettings?: {type: "REQUESTER_SPECIFIED_DURATION", maximumDuration: "P2W"} | null}}.',
        advanced: true,
      }),
    },
    rules: [somethingToUpdate, riskKindGiven, riskSequenceMatchesKind],
    answer: object(resourceRequestSettings, resourceOutputs),
  },
]);
