/**
 * Org governance settings: three org-wide switches of Okta Identity Governance. Whether end users
 * may only see their delegates (READ) or also set them (WRITE); whether AI-written summaries are
 * offered in security access reviews; and whether end users may escalate their access requests.
 *
 * API rules worth knowing (API-NOTES §7.1): an update changes only what it sends; the real server
 * returns more than the spec lists (e.g. governanceAnalyzer, integrations), which the outputs keep in
 * the full response.
 */
import { Type } from '@sinclair/typebox';
import { object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, enumOf, out } from '../model/fields.ts';
import { loose } from './tolerant-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Org governance settings',
  docs: { api: 'governance.api', tag: 'Org-Governance-Settings' },
  lifecycle: 'BETA',
  adminRoles: ['SUPER_ADMIN'],
  scopes: { read: ['okta.governance.settings.read'], manage: ['okta.governance.settings.manage'] },
};

export const delegatePermissions = ['READ', 'WRITE'] as const;

const orgSettings = loose({
  delegates: loose({ enduser: loose({ permissions: Type.Array(Type.String({ description: delegatePermissions.join(' or ') })) }) }),
  governanceAI: loose({ securityAccessReview: loose({ enabled: Type.Boolean() }) }),
  escalations: loose({ accessRequests: loose({ endUserCanEscalate: Type.Boolean() }) }),
});

const settingsOutputs = {
  endUserDelegatePermissions: out('/delegates/enduser/permissions', 'End-user delegate permission', 'READ (end users see their delegates) or WRITE (they also set them), as a one-item list.'),
  sarAiSummariesEnabled: out('/governanceAI/securityAccessReview/enabled', 'AI summaries in security access reviews'),
  endUserCanEscalate: out('/escalations/accessRequests/endUserCanEscalate', 'End users can escalate requests'),
};

// ---- Inputs of the update: the API's three objects, and flat switches for two of them ----

const delegates = Type.Object(
  {
    enduser: Type.Object(
      { permissions: Type.Array(enumOf(delegatePermissions), { minItems: 1, maxItems: 1 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
const governanceAI = Type.Object(
  { securityAccessReview: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }) },
  { additionalProperties: false },
);
const escalations = Type.Object(
  { accessRequests: Type.Object({ endUserCanEscalate: Type.Boolean() }, { additionalProperties: false }) },
  { additionalProperties: false },
);

const somethingToUpdate: BusinessRule = {
  id: 'org-settings-update-not-empty',
  field: 'delegates',
  description: 'An update changes at least one setting.',
  check: ({ body }) =>
    body && typeof body === 'object' && Object.keys(body).length > 0
      ? null
      : 'endUserDelegatePermission, sarAiSummariesEnabled, endUserCanEscalate, delegates, governanceAI or escalations is required: an update with none of them changes nothing; give at least one',
};

export const orgGovernanceSettingsOperations = defineFamily(defaults, [
  {
    id: 'getOrgSettings',
    title: 'Get org governance settings',
    description: 'Read the org-wide governance switches: what end users may do with delegates, AI summaries in security access reviews, and request escalation.',
    method: 'GET',
    path: '/governance/api/v1/settings',
    inputs: {},
    answer: object(orgSettings, settingsOutputs),
  },
  {
    id: 'updateOrgSettings',
    title: 'Update org governance settings',
    description: 'Change org-wide governance switches; only the settings given change.',
    method: 'PATCH',
    path: '/governance/api/v1/settings',
    // The given values replace the stored ones, so sending them twice leaves the same settings.
    idempotent: true,
    inputs: {
      endUserDelegatePermission: bodyField('/delegates/enduser/permissions/0', enumOf(delegatePermissions), {
        label: 'End-user delegate permission',
        help: 'Optional. READ lets end users see their delegates; WRITE also lets them set them. Written over Delegate settings (API form) when both are given.',
        example: 'WRITE',
      }),
      delegates: bodyField('/delegates', delegates, {
        label: 'Delegate settings (API form)',
        help: 'As the API takes it: {enduser: {permissions: ["READ"]}} to see delegates, ["WRITE"] to also set them.',
        advanced: true,
      }),
      sarAiSummariesEnabled: bodyField('/governanceAI/securityAccessReview/enabled', Type.Boolean(), {
        label: 'AI summaries in security access reviews',
        help: 'Optional. True lets reviewers have Okta AI summarize a review and its access items. Written over Governance AI settings (API form) when both are given.',
        example: true,
      }),
      endUserCanEscalate: bodyField('/escalations/accessRequests/endUserCanEscalate', Type.Boolean(), {
        label: 'End users can escalate requests',
        help: 'Optional. True lets end users escalate their access requests to higher approvers. Written over Escalation settings (API form) when both are given.',
      }),
      governanceAI: bodyField('/governanceAI', governanceAI, {
        label: 'Governance AI settings (API form)',
        help: 'As the API takes it: {securityAccessReview: {enabled: true}}.',
        advanced: true,
      }),
      escalations: bodyField('/escalations', escalations, {
        label: 'Escalation settings (API form)',
        help: 'As the API takes it: {accessRequests: {endUserCanEscalate: true}}.',
        advanced: true,
      }),
    },
    rules: [somethingToUpdate],
    answer: object(orgSettings, settingsOutputs),
  },
]);
