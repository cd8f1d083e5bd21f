/**
 * Entitlement bundles: named sets of entitlement values of one app ("Salesforce admin" = Role: Admin +
 * License: Enterprise) that are requested, granted and reviewed together.
 *
 * API rules worth knowing (API-NOTES §6.7): a bundle (enb…) targets one app ({externalId: "0oa…",
 * type: APPLICATION}) and lists entitlements (esp…) with some of their values (ent…). Its status is
 * ACTIVE or DELETED. Lists return `entitlements: []` on each bundle unless include=full_entitlements,
 * default to newest first, and carry metadata.total. Real records carry audit fields on each value
 * that the spec doesn't declare (API-NOTES §7.1).
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { bodyField, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { ids, orn } from '../model/ids.ts';
import { auditFields, externalRef } from './record-shapes.ts';
import { appInput, entitlementSelection } from './entitlement-shapes.ts';
import { idInBodyMatchesPath } from './id-in-body-rule.ts';

const defaults: FamilyDefaults = {
  family: 'Entitlement Bundles',
  docs: { api: 'governance.api', tag: 'Entitlement-Bundles' },
  lifecycle: 'GA',
  adminRoles: ['APP_ADMIN'],
  scopes: { read: ['okta.governance.entitlements.read'], manage: ['okta.governance.entitlements.manage'] },
};

// ---- response shapes (tolerant) ----

const bundle = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  orn: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  target: Type.Optional(externalRef),
  targetResourceOrn: Type.Optional(Type.String()),
  entitlements: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Optional(Type.String()),
        name: Type.Optional(Type.String()),
        externalValue: Type.Optional(Type.String()),
        values: Type.Optional(
          Type.Array(
            Type.Object({
              id: Type.Optional(Type.String()),
              name: Type.Optional(Type.String()),
              externalValue: Type.Optional(Type.String()),
              orn: Type.Optional(Type.String()),
            }),
          ),
        ),
      }),
    ),
  ),
  ...auditFields,
});

const bundleOutputs = {
  bundleId: out('/id', 'Bundle ID'),
  name: out('/name', 'Name'),
  orn: out('/orn', 'Bundle ORN', 'Use it to label the bundle or to revoke it from a user.'),
  status: out('/status', 'Status', 'ACTIVE or DELETED.'),
  appId: out('/target/externalId', 'App ID'),
  entitlements: out('/entitlements', 'Entitlements', 'Each entitlement (esp…) with the values (ent…) the bundle gives.'),
};

// ---- inputs shared by several cards ----

const bundleIdSchema = ids.entitlementBundle;
const bundleIdParam = pathParam('entitlementBundleId', bundleIdSchema, {
  label: 'Bundle ID',
  help: 'The entitlement bundle to act on (enb…). Find it with "List entitlement bundles".',
  example: 'enb18v0ta5boKOyxA1d7',
});
const bundleDescription = Type.String({ minLength: 1, maxLength: 1000 });
const nameInput = bodyField('/name', Type.String({ minLength: 1, maxLength: 255 }), {
  label: 'Name',
  help: 'Display name, 1–255 characters.',
  required: true,
  example: 'Salesforce admin',
});
const include = queryParam('include', Type.Array(enumOf(['full_entitlements'])), {
  label: 'Include',
  help: 'Optional. full_entitlements adds each entitlement\'s name and its values\' names, not just their ids.',
  example: ['full_entitlements'],
});

const bodyIdMatchesPath = idInBodyMatchesPath({
  id: 'entitlement-bundle-id-matches-path',
  param: 'entitlementBundleId',
  noun: 'bundle',
  mustCarry: 'the replacement must carry the id of the bundle it replaces',
});

export const entitlementBundleOperations = defineFamily(defaults, [
  {
    id: 'createEntitlementBundle',
    title: 'Create entitlement bundle',
    description: 'Group entitlement values of one app into a bundle that can be requested, granted and reviewed as one.',
    method: 'POST',
    path: '/governance/api/v1/entitlement-bundles',
    successStatus: 201,
    inputs: {
      name: nameInput,
      description: bodyField('/description', bundleDescription, {
        label: 'Description',
        help: 'Optional, 1–1000 characters.',
        example: 'Full administrative access in Salesforce',
      }),
      appId: bodyField('/target/externalId', ids.app, {
        label: 'App ID',
        help: 'The app (0oa…) whose entitlements the bundle holds.',
        set: { '/target/type': 'APPLICATION' },
        example: '0oao01ardu8r8qUP91d7',
      }),
      target: bodyField('/target', appInput, {
        label: 'App (API form)',
        help: 'The app as the API takes it: {externalId: "0oa…", type: "APPLICATION"}. Use instead of App ID.',
        advanced: true,
      }),
      entitlements: bodyField('/entitlements', entitlementSelection, {
        label: 'Entitlements',
        help: 'What the bundle gives: [{id: "esp…", values: [{id: "ent…"}]}], each entitlement with 1–1000 of its values. Find them with "List entitlements".',
        required: true,
        example: [{ id: 'espzcbqd7Suwp4Y7A1d6', values: [{ id: 'entzcbqd8lcD3BRWR1d6' }] }],
      }),
    },
    oneOf: [['appId', 'target']],
    answer: object(bundle, bundleOutputs),
  },
  {
    id: 'listEntitlementBundles',
    title: 'List entitlement bundles',
    description: 'List entitlement bundles, optionally only those of one app, with some status or name, or changed since a date.',
    method: 'GET',
    path: '/governance/api/v1/entitlement-bundles',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. target.externalId eq "0oa…" AND target.type eq "APPLICATION", targetResourceOrn eq "orn:…", status eq "ACTIVE", name sw / co "…", lastUpdated gt / ge / lt / le a date, id gt "enb…"; combine with AND / OR.',
        example: 'target.externalId eq "0oao01ardu8r8qUP91d7" AND target.type eq "APPLICATION"',
      }),
      orderBy: queryParam('orderBy', Type.String({ pattern: '^(created|lastUpdated|id)( (asc|desc))?(,(created|lastUpdated|id)( (asc|desc))?)*$' }), {
        label: 'Order by',
        help: 'Optional. created, lastUpdated or id, each followed by asc or desc; several keys separated by commas, e.g. lastUpdated asc,id asc. Newest first when empty.',
        example: 'lastUpdated desc',
      }),
      include,
      limit: listControls.limit(200, 20),
      after: listControls.after(bundleIdSchema),
    },
    answer: list({ item: bundle, paginated: true, itemOutputs: bundleOutputs }),
  },
  {
    id: 'getEntitlementBundle',
    title: 'Get entitlement bundle',
    description: 'Read one entitlement bundle with its app and the entitlement values it gives.',
    method: 'GET',
    path: '/governance/api/v1/entitlement-bundles/{entitlementBundleId}',
    inputs: { entitlementBundleId: bundleIdParam, include },
    answer: object(bundle, bundleOutputs),
  },
  {
    id: 'replaceEntitlementBundle',
    title: 'Replace entitlement bundle',
    description: 'Overwrite an entitlement bundle with a full new version: name, description and the values it gives. Entitlements left out are dropped from the bundle.',
    method: 'PUT',
    path: '/governance/api/v1/entitlement-bundles/{entitlementBundleId}',
    inputs: {
      entitlementBundleId: bundleIdParam,
      // The spec bounds the body id only by minLength 1; the enb pattern still applies.
      id: bodyField('/id', Type.String({ minLength: 1, pattern: bundleIdSchema.pattern, description: bundleIdSchema.description }), {
        label: 'Bundle ID (in the record)',
        help: 'The same id as Bundle ID: the record names itself.',
        required: true,
        example: 'enb18v0ta5boKOyxA1d7',
      }),
      name: nameInput,
      description: bodyField('/description', bundleDescription, {
        label: 'Description',
        help: 'Optional, 1–1000 characters.',
      }),
      target: bodyField('/target', appInput, {
        label: 'App',
        help: 'The bundle\'s app: {externalId: "0oa…", type: "APPLICATION"}, as "Get entitlement bundle" returns it.',
        required: true,
        example: { externalId: '0oao01ardu8r8qUP91d7', type: 'APPLICATION' },
      }),
      targetResourceOrn: bodyField('/targetResourceOrn', orn, {
        label: 'App ORN',
        help: 'The app as an ORN, as "Get entitlement bundle" returns it.',
        required: true,
        example: 'orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oao01ardu8r8qUP91d7',
      }),
      status: bodyField('/status', enumOf(['ACTIVE', 'DELETED']), {
        label: 'Status',
        help: 'Optional. ACTIVE or DELETED.',
      }),
      entitlements: bodyField('/entitlements', entitlementSelection, {
        label: 'Entitlements',
        help: 'Everything the bundle gives after the change: [{id: "esp…", values: [{id: "ent…"}]}].',
        example: [{ id: 'espzcbqd7Suwp4Y7A1d6', values: [{ id: 'entzcbqd8lcD3BRWR1d6' }] }],
      }),
    },
    rules: [bodyIdMatchesPath],
    answer: object(bundle, bundleOutputs),
  },
  {
    id: 'deleteEntitlementBundle',
    title: 'Delete entitlement bundle',
    description: 'Delete an entitlement bundle. Okta answers 409 when its status doesn\'t allow it (e.g. it is already DELETED).',
    method: 'DELETE',
    path: '/governance/api/v1/entitlement-bundles/{entitlementBundleId}',
    inputs: { entitlementBundleId: bundleIdParam },
    answer: noBody(),
  },
]);
