/**
 * Risk rules (BETA): separation-of-duties rules for one app — "nobody may hold both an entitlement
 * from list 1 and the entitlements of list 2" — and the risk assessment that tells, before access is
 * granted, which rules a user would break.
 *
 * API rules worth knowing: a rule has exactly two entitlement lists (conflictCriteria.and), each
 * matched with CONTAINS_ONE or CONTAINS_ALL against the user's effective grants; rule ids start with
 * rul (API-NOTES §6.1); rule names are unique (400 E0000028 INVALID_RULE_NAME). Replacing a rule sends
 * its id twice, in the path and in the body, and the two must match. The assessment is a POST that
 * only reads (it needs the read scope) and answers with the conflicts found.
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { oktaId, orn } from '../model/ids.ts';
import { auditFields } from './record-shapes.ts';
import { entitlementSelectionOptionalIds } from './entitlement-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Risk Rules',
  docs: { api: 'governance.api', tag: 'Risk-Rules' },
  lifecycle: 'BETA',
  adminRoles: ['APP_ADMIN'],
  scopes: { read: ['okta.governance.riskRule.read'], manage: ['okta.governance.riskRule.manage'] },
};

const read = ['okta.governance.riskRule.read'];

const userOrn = Type.String({
  minLength: 8,
  maxLength: 500,
  pattern: '^orn:[a-z0-9-]+:directory:[0-9a-zA-Z]+:users?:[0-9a-zA-Z]+$',
  description: 'Okta user ORN',
});

// ---- the two conflicting entitlement lists, as the API takes them ----

const conflictCriteriaSchema = (options: { nullable?: boolean } = {}) =>
  Type.Object(
    {
      and: Type.Optional(
        Type.Array(
          Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1 })),
              attribute: Type.Optional(Type.String({ minLength: 1 })),
              operation: Type.Optional(enumOf(['CONTAINS_ONE', 'CONTAINS_ALL'])),
              value: Type.Optional(
                Type.Object({ type: Type.Optional(enumOf(['ENTITLEMENTS'])), value: Type.Optional(entitlementSelectionOptionalIds) }, { additionalProperties: false }),
              ),
            },
            { additionalProperties: false },
          ),
          { minItems: 2, maxItems: 2 },
        ),
      ),
    },
    { additionalProperties: false, ...options },
  );
const conflictCriteriaHelp =
  'Exactly two lists under and: [{name, attribute: "principal.effective_grants", operation: CONTAINS_ONE | CONTAINS_ALL, value: {type: ENTITLEMENTS, value: [{id: "esp…", values: [{id: "ent…"}]}]}}, …]. A user breaks the rule when both lists match their grants.';
const conflictCriteriaExample = {
  and: [
    {
      name: 'Approvers',
      attribute: 'principal.effective_grants',
      operation: 'CONTAINS_ONE',
      value: { type: 'ENTITLEMENTS', value: [{ id: 'espo3v6xlwdtEX2il1d6', values: [{ id: 'ento3v6xmkviXCltm1d6' }] }] },
    },
    {
      name: 'Buyers',
      attribute: 'principal.effective_grants',
      operation: 'CONTAINS_ALL',
      value: { type: 'ENTITLEMENTS', value: [{ id: 'espxf36xlwdtEX2il23e', values: [{ id: 'ento3v6xk6nOq7lm51d6' }] }] },
    },
  ],
};

// ---- response shapes (tolerant) ----

const entitlementWithValues = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  externalValue: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  values: Type.Optional(
    Type.Array(Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()), externalValue: Type.Optional(Type.String()) })),
  ),
});
const conflictCriteria = Type.Object({
  and: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.Optional(Type.String()),
        attribute: Type.Optional(Type.String()),
        operation: Type.Optional(Type.String()),
        value: Type.Optional(Type.Object({ type: Type.Optional(Type.String()), value: Type.Optional(Type.Array(entitlementWithValues)) })),
      }),
    ),
  ),
});
const riskRule = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  notes: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  resources: Type.Optional(Type.Array(Type.Object({ resourceOrn: Type.Optional(Type.String()) }))),
  conflictCriteria: Type.Optional(conflictCriteria),
  ...auditFields,
});
const riskConflict = Type.Object({
  id: Type.Optional(Type.String()),
  principalOrn: Type.Optional(Type.String()),
  resourceOrn: Type.Optional(Type.String()),
  ruleId: Type.Optional(Type.String()),
  ruleName: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  conflictCriteria: Type.Optional(conflictCriteria),
});

const ruleOutputs = {
  ruleId: out('/id', 'Rule ID'),
  name: out('/name', 'Name'),
  status: out('/status', 'Status', 'ACTIVE, or INVALID when an entitlement it names is gone.'),
  resourceOrn: out('/resources/0/resourceOrn', 'App ORN'),
};

const ruleIdParam = pathParam('ruleId', oktaId('rul', 'Risk rule'), {
  label: 'Rule ID',
  help: 'The risk rule to act on (rul…). Find it with "List risk rules".',
  example: 'rulb0oNGTSWTBKOLGLNR',
});
const ruleName = Type.String({ minLength: 1, maxLength: 255 });

/** The id is sent in the path and in the body; Okta needs the same rule in both. */
const bodyIdMatchesPath: BusinessRule = {
  id: 'risk-rule-id-matches-path',
  field: 'id',
  description: 'The body id is the ruleId of the path.',
  check: ({ path, body }) => {
    const bodyId = (body as { id?: string } | undefined)?.id;
    if (bodyId === undefined || bodyId === path.ruleId) return null;
    return `id must be the rule being replaced: it is "${bodyId}" but ruleId is "${path.ruleId}"; give the same rul… id in both`;
  },
};

export const riskRuleOperations = defineFamily(defaults, [
  {
    id: 'generatePotentialRiskAssessments',
    title: 'Assess access risk',
    description:
      'Before granting access, ask which separation-of-duties rules a user would break if they got a resource (an app, entitlement bundle or collection). Reads only; nothing is granted.',
    method: 'POST',
    path: '/governance/api/v1/risk-rule-assessments',
    scopes: read,
    // A read dressed as a POST: repeating it changes nothing.
    idempotent: true,
    inputs: {
      principalOrn: bodyField('/principalOrn', userOrn, {
        label: 'User ORN',
        help: 'The user who would get the access: orn:okta:directory:<orgId>:users:<userId>.',
        required: true,
        example: 'orn:okta:directory:00o11edPwGqbUrsDm0g4:users:00ub0oNGTSWTBKOLGLNR',
      }),
      resourceOrn: bodyField('/resourceOrn', orn, {
        label: 'Resource ORN',
        help: 'Optional. What they would get: an app, entitlement bundle or collection as an ORN, e.g. orn:okta:governance:<orgId>:entitlement-bundles:<enb…>.',
        example: 'orn:okta:governance:00o11edPwGqbUrsDm0g4:entitlement-bundles:enbogpaj3XUzcM62u1d6',
      }),
    },
    answer: list({
      item: riskConflict,
      paginated: false,
      itemOutputs: {
        ruleId: out('/ruleId', 'Rule ID'),
        ruleName: out('/ruleName', 'Rule name'),
        resourceOrn: out('/resourceOrn', 'App ORN'),
        description: out('/description', 'Description'),
      },
    }),
  },
  {
    id: 'createRiskRule',
    title: 'Create risk rule',
    description: 'Create a separation-of-duties rule for one app from two lists of entitlements that no one should hold together.',
    method: 'POST',
    path: '/governance/api/v1/risk-rules',
    successStatus: 201,
    inputs: {
      name: bodyField('/name', ruleName, {
        label: 'Name',
        help: 'A unique name, 1–255 characters.',
        required: true,
        example: 'Process and approve payment',
      }),
      description: bodyField('/description', Type.String({ minLength: 1, maxLength: 1000 }), {
        label: 'Description',
        help: 'Optional. What the rule prevents, 1–1000 characters; shown to reviewers and requesters.',
        example: 'Nobody both raises and approves a payment',
      }),
      notes: bodyField('/notes', Type.String({ minLength: 1, maxLength: 1000 }), {
        label: 'Notes',
        help: 'Optional. Notes for admins, 1–1000 characters.',
      }),
      type: bodyField('/type', enumOf(['SEPARATION_OF_DUTIES']), {
        label: 'Rule type',
        help: 'SEPARATION_OF_DUTIES, the only kind Okta offers.',
        required: true,
        example: 'SEPARATION_OF_DUTIES',
      }),
      resourceOrn: bodyField('/resources/0/resourceOrn', orn, {
        label: 'App ORN',
        help: 'The one app the rule watches: orn:okta:idp:<orgId>:apps:<appName>:<appId>.',
        example: 'orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oafxqCAJWWGELFTYASJ',
      }),
      resources: bodyField(
        '/resources',
        Type.Array(Type.Object({ resourceOrn: Type.Optional(orn) }, { additionalProperties: false }), { maxItems: 1 }),
        {
          label: 'App (API form)',
          help: 'The same as App ORN, in the API\'s own form: [{resourceOrn: "orn:okta:idp:<orgId>:apps:<appName>:<appId>"}].',
          advanced: true,
          example: [{ resourceOrn: 'orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oafxqCAJWWGELFTYASJ' }],
        },
      ),
      conflictCriteria: bodyField('/conflictCriteria', conflictCriteriaSchema(), {
        label: 'Conflicting entitlements',
        help: conflictCriteriaHelp,
        required: true,
        example: conflictCriteriaExample,
      }),
    },
    oneOf: [['resourceOrn', 'resources']],
    answer: object(riskRule, ruleOutputs),
  },
  {
    id: 'listRiskRules',
    title: 'List risk rules',
    description: 'List the risk rules of the org, optionally those of one app or with a name that starts with or contains some text.',
    method: 'GET',
    path: '/governance/api/v1/risk-rules',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. resourceOrn eq "<app ORN>", or name sw "…" / name co "…".',
        example: 'resourceOrn eq "orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oafxqCAJWWGELFTYASJ"',
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({ item: riskRule, paginated: true, itemOutputs: ruleOutputs }),
  },
  {
    id: 'getRiskRule',
    title: 'Get risk rule',
    description: 'Read one risk rule with its app and both entitlement lists.',
    method: 'GET',
    path: '/governance/api/v1/risk-rules/{ruleId}',
    inputs: { ruleId: ruleIdParam },
    answer: object(riskRule, ruleOutputs),
  },
  {
    id: 'replaceRiskRule',
    title: 'Replace risk rule',
    description: 'Change a risk rule\'s name, description, notes or entitlement lists. Its app and type stay as they are.',
    method: 'PUT',
    path: '/governance/api/v1/risk-rules/{ruleId}',
    inputs: {
      ruleId: ruleIdParam,
      id: bodyField('/id', Type.String({ minLength: 1, maxLength: 20, pattern: '^rul[0-9a-zA-Z]{17}$' }), {
        label: 'Rule ID (again)',
        help: 'The same rul… id as Rule ID: Okta wants it in the body too.',
        required: true,
        example: 'rulb0oNGTSWTBKOLGLNR',
      }),
      name: bodyField('/name', Type.String({ minLength: 1, maxLength: 255, nullable: true }), {
        label: 'Name',
        help: 'The new unique name, 1–255 characters.',
        example: 'Process and approve payment',
      }),
      description: bodyField('/description', Type.String({ maxLength: 1000, nullable: true }), {
        label: 'Description',
        help: 'The new description, up to 1000 characters.',
      }),
      notes: bodyField('/notes', Type.String({ maxLength: 1000, nullable: true }), {
        label: 'Notes',
        help: 'New notes for admins, up to 1000 characters.',
      }),
      conflictCriteria: bodyField('/conflictCriteria', conflictCriteriaSchema({ nullable: true }), {
        label: 'Conflicting entitlements',
        help: conflictCriteriaHelp,
        example: conflictCriteriaExample,
      }),
    },
    rules: [bodyIdMatchesPath],
    answer: object(riskRule, ruleOutputs),
  },
  {
    id: 'deleteRiskRule',
    title: 'Delete risk rule',
    description: 'Delete a risk rule for good.',
    method: 'DELETE',
    path: '/governance/api/v1/risk-rules/{ruleId}',
    inputs: { ruleId: ruleIdParam },
    answer: noBody(),
  },
]);
