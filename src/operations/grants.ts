/**
 * Grants (BETA): give a user entitlements of an app directly — a whole entitlement bundle, a custom
 * set of entitlement values, or whatever the app's policy decides — optionally until a date.
 *
 * API rules worth knowing: grantType decides which fields matter. ENTITLEMENT-BUNDLE needs
 * entitlementBundleId; CUSTOM needs the app (target) and usually entitlements; POLICY needs the app.
 * action DENY on a CUSTOM grant takes access away instead. A grant's status is ACTIVE, SCHEDULED,
 * INACTIVE or EXPIRED. Grant ids follow the spec's pattern gra… while its examples use 0gg… (API-NOTES
 * §6.1, §7.2); both are accepted. Listing grants needs a filter (the resource, the user, a bundle, …).
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { list, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule, RuleContext } from '../model/operation.ts';
import { bodyField, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { ids, orn } from '../model/ids.ts';
import { instant, isoDateTime } from '../model/date-time.ts';
import { auditFields, externalRef, idAndName, strict } from './record-shapes.ts';
import { appInput, entitlementSelection, oktaUserInput } from './entitlement-shapes.ts';
import { idInBodyMatchesPath } from './id-in-body-rule.ts';

const defaults: FamilyDefaults = {
  family: 'Grants',
  docs: { api: 'governance.api', tag: 'Grants' },
  lifecycle: 'BETA',
  adminRoles: ['APP_ADMIN'],
  scopes: { read: ['okta.governance.entitlements.read'], manage: ['okta.governance.entitlements.manage'] },
};

const grantIdSchema = Type.String({
  minLength: 20,
  maxLength: 20,
  pattern: '^(gra|0gg)[0-9a-zA-Z]{17}$',
  description: 'Grant id (20 characters, starts with gra or 0gg)',
});
/** In request bodies the spec bounds the grant id only by minLength 1; the pattern still applies. */
const grantIdInBody = Type.String({ minLength: 1, pattern: grantIdSchema.pattern, description: grantIdSchema.description });
const grantActions = ['ALLOW', 'DENY'] as const;
const grantActors = ['API', 'ACCESS_REQUEST', 'NONE', 'ADMIN'] as const;

// ---- input shapes ----

const scheduleInput = strict({
  expirationDate: Type.Optional(isoDateTime),
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

// ---- response shapes (tolerant) ----

const grant = Type.Object({
  id: Type.Optional(Type.String()),
  grantType: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  action: Type.Optional(Type.String()),
  actor: Type.Optional(Type.String()),
  entitlementBundleId: Type.Optional(Type.String()),
  target: Type.Optional(externalRef),
  targetResourceOrn: Type.Optional(Type.String()),
  targetPrincipal: Type.Optional(externalRef),
  targetPrincipalOrn: Type.Optional(Type.String()),
  entitlements: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Optional(Type.String()),
        name: Type.Optional(Type.String()),
        values: Type.Optional(Type.Array(idAndName)),
      }),
    ),
  ),
  scheduleSettings: Type.Optional(Type.Object({ expirationDate: Type.Optional(isoDateTime), timeZone: Type.Optional(Type.String()) })),
  metadata: Type.Optional(Type.Object({ collection: Type.Optional(idAndName) })),
  ...auditFields,
});

const grantOutputs = {
  grantId: out('/id', 'Grant ID'),
  status: out('/status', 'Status', 'ACTIVE, SCHEDULED, INACTIVE or EXPIRED.'),
  grantType: out('/grantType', 'Grant type'),
  action: out('/action', 'Action', 'ALLOW gives access, DENY takes it away.'),
  userId: out('/targetPrincipal/externalId', 'User ID'),
  appId: out('/target/externalId', 'App ID'),
  entitlementBundleId: out('/entitlementBundleId', 'Bundle ID'),
  expirationDate: out('/scheduleSettings/expirationDate', 'Expires', 'Empty when the grant doesn\'t expire.'),
};

const grantIdParam = pathParam('grantId', grantIdSchema, {
  label: 'Grant ID',
  help: 'The grant to act on. Find it with "List grants".',
  example: '0ggb0oNGTSWTBKOLGLNR',
});
const include = queryParam('include', Type.Array(enumOf(['full_entitlements', 'metadata'])), {
  label: 'Include',
  help: 'Optional. full_entitlements adds the names of the granted entitlements and values; metadata adds the collection a grant came from.',
  example: ['full_entitlements'],
});

/** Read-only fields "Replace grant" still requires: the values "Get grant" returned. */
const copiedFromGetGrant = <S extends TSchema>(key: string, schema: S, label: string, example: unknown) =>
  bodyField(`/${key}`, schema, { label: `${label} (read-only)`, help: 'Copy it from "Get grant".', required: true, example });

// ---- business rules (they see the body as it will be sent) ----

type GrantBody = { id?: string; grantType?: string; entitlementBundleId?: string; target?: unknown; entitlements?: unknown; scheduleSettings?: { expirationDate?: string } };
const bodyOf = (ctx: RuleContext) => (ctx.body ?? {}) as GrantBody;

const fieldsMatchGrantType: BusinessRule = {
  id: 'grant-fields-match-type',
  field: 'grantType',
  description: 'ENTITLEMENT-BUNDLE grants name a bundle; CUSTOM and POLICY grants name the app; only CUSTOM grants list entitlements.',
  check: (ctx) => {
    const body = bodyOf(ctx);
    if (body.grantType === 'ENTITLEMENT-BUNDLE' && body.entitlementBundleId === undefined) {
      return 'grantType ENTITLEMENT-BUNDLE needs entitlementBundleId: add the bundle (enb…) to grant';
    }
    if ((body.grantType === 'CUSTOM' || body.grantType === 'POLICY') && body.target === undefined) {
      return `grantType ${body.grantType} needs target: add the app as {externalId: "0oa…", type: "APPLICATION"}`;
    }
    if (body.entitlements !== undefined && body.grantType !== 'CUSTOM') {
      return `entitlements only apply to CUSTOM grants, not ${String(body.grantType)}: drop entitlements or use grantType CUSTOM`;
    }
    return null;
  },
};

const expiresInFuture: BusinessRule = {
  id: 'grant-expiration-in-future',
  field: 'scheduleSettings',
  description: 'An expiration date is in the future.',
  check: (ctx) => {
    const expirationDate = bodyOf(ctx).scheduleSettings?.expirationDate;
    const at = instant(expirationDate);
    if (Number.isNaN(at) || at > ctx.now.getTime()) return null;
    return `expirationDate ${expirationDate} is not in the future (now is ${ctx.now.toISOString()}): a grant can only expire later; pick a later date or leave it out`;
  },
};

const bodyIdMatchesPath = idInBodyMatchesPath({
  id: 'grant-id-matches-path',
  param: 'grantId',
  noun: 'grant',
  mustCarry: 'the body must carry the id of the grant it changes',
});

export const grantOperations = defineFamily(defaults, [
  {
    id: 'createGrant',
    title: 'Create grant',
    description:
      'Give a user app entitlements directly: an entitlement bundle (ENTITLEMENT-BUNDLE), chosen entitlement values (CUSTOM) or what the app\'s policy gives (POLICY), optionally until an expiration date.',
    method: 'POST',
    path: '/governance/api/v1/grants',
    successStatus: 201,
    inputs: {
      grantType: bodyField('/grantType', enumOf(['ENTITLEMENT-BUNDLE', 'CUSTOM', 'POLICY']), {
        label: 'Grant type',
        help: 'ENTITLEMENT-BUNDLE (give a bundle: set Bundle ID), CUSTOM (give chosen values: set App and Entitlements) or POLICY (give what the app\'s policy says: set App).',
        required: true,
        example: 'ENTITLEMENT-BUNDLE',
      }),
      principalUserId: bodyField('/targetPrincipal/externalId', ids.user, {
        label: 'User ID',
        help: 'The user (00u…) who gets the access.',
        set: { '/targetPrincipal/type': 'OKTA_USER' },
        example: '00unkw1sfbTw08c0g1d7',
      }),
      targetPrincipal: bodyField('/targetPrincipal', oktaUserInput, {
        label: 'User (API form)',
        help: 'The user as the API takes it: {externalId: "00u…", type: "OKTA_USER"}. Use instead of User ID.',
        advanced: true,
      }),
      entitlementBundleId: bodyField('/entitlementBundleId', ids.entitlementBundle, {
        label: 'Bundle ID',
        help: 'For ENTITLEMENT-BUNDLE grants: the bundle (enb…) to give.',
        example: 'enb18v0ta5boKOyxA1d7',
      }),
      target: bodyField('/target', appInput, {
        label: 'App',
        help: 'For CUSTOM and POLICY grants: the app, {externalId: "0oa…", type: "APPLICATION"}.',
      }),
      entitlements: bodyField('/entitlements', entitlementSelection, {
        label: 'Entitlements',
        help: 'For CUSTOM grants: what to give, [{id: "esp…", values: [{id: "ent…"}]}].',
      }),
      scheduleSettings: bodyField('/scheduleSettings', scheduleInput, {
        label: 'Expiration',
        help: 'Optional. {expirationDate: "2027-06-30T00:00:00Z", timeZone: "America/New_York"}: the access ends then. No expiration when empty.',
      }),
      action: bodyField('/action', enumOf(grantActions), {
        label: 'Action',
        help: 'Optional. ALLOW (the default) gives the access; DENY takes it away.',
      }),
      actor: bodyField('/actor', enumOf(grantActors), {
        label: 'Granted by',
        help: 'Optional. Who the grant is recorded as coming from: API (the default), ADMIN, ACCESS_REQUEST or NONE.',
      }),
    },
    oneOf: [['principalUserId', 'targetPrincipal']],
    rules: [fieldsMatchGrantType, expiresInFuture],
    answer: object(grant, grantOutputs),
  },
  {
    id: 'listGrants',
    title: 'List grants',
    description: 'List the grants on an app, of a user, of a bundle or of an entitlement value. Okta requires a filter.',
    method: 'GET',
    path: '/governance/api/v1/grants',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Required. eq on targetResourceOrn (or target.externalId with target.type), targetPrincipalOrn (or targetPrincipal.externalId with targetPrincipal.type "OKTA_USER"), entitlementBundleId, entitlements.id, entitlements.values.id or action; combine with AND / OR.',
        required: true,
        example: 'target.externalId eq "0oao01ardu8r8qUP91d7" AND target.type eq "APPLICATION" AND targetPrincipal.externalId eq "00unkw1sfbTw08c0g1d7" AND targetPrincipal.type eq "OKTA_USER"',
      }),
      include,
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({ item: grant, paginated: true, itemOutputs: grantOutputs }),
  },
  {
    id: 'getGrant',
    title: 'Get grant',
    description: 'Read one grant: who got what on which app, its status and its expiration.',
    method: 'GET',
    path: '/governance/api/v1/grants/{grantId}',
    inputs: { grantId: grantIdParam, include },
    answer: object(grant, grantOutputs),
  },
  {
    id: 'replaceGrant',
    title: 'Replace grant',
    description:
      'Overwrite a grant with a full new version, read-only fields included (take the record from "Get grant" and change it). To change only the expiration use "Update grant".',
    method: 'PUT',
    path: '/governance/api/v1/grants/{grantId}',
    inputs: {
      grantId: grantIdParam,
      id: bodyField('/id', grantIdInBody, {
        label: 'Grant ID (in the record)',
        help: 'The same id as Grant ID: the record names itself.',
        required: true,
        example: '0ggb0oNGTSWTBKOLGLNR',
      }),
      grantType: bodyField('/grantType', enumOf(['CUSTOM', 'ENTITLEMENT-BUNDLE', 'POLICY', 'ENTITLEMENT']), {
        label: 'Grant type',
        help: 'As the grant has it: CUSTOM, ENTITLEMENT-BUNDLE, POLICY or ENTITLEMENT.',
        required: true,
        example: 'CUSTOM',
      }),
      status: bodyField('/status', enumOf(['ACTIVE', 'SCHEDULED', 'INACTIVE', 'EXPIRED']), {
        label: 'Status',
        help: 'ACTIVE, SCHEDULED, INACTIVE or EXPIRED.',
        required: true,
        example: 'ACTIVE',
      }),
      action: bodyField('/action', enumOf(grantActions), {
        label: 'Action',
        help: 'ALLOW gives the access, DENY takes it away.',
        required: true,
        example: 'ALLOW',
      }),
      actor: bodyField('/actor', enumOf(grantActors), {
        label: 'Granted by',
        help: 'API, ADMIN, ACCESS_REQUEST or NONE.',
        required: true,
        example: 'API',
      }),
      target: bodyField('/target', appInput, {
        label: 'App',
        help: 'The app: {externalId: "0oa…", type: "APPLICATION"}.',
        required: true,
        example: { externalId: '0oao01ardu8r8qUP91d7', type: 'APPLICATION' },
      }),
      targetResourceOrn: bodyField('/targetResourceOrn', orn, {
        label: 'App ORN',
        help: 'The app as an ORN, as "Get grant" returns it.',
        required: true,
        example: 'orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oao01ardu8r8qUP91d7',
      }),
      targetPrincipal: bodyField('/targetPrincipal', oktaUserInput, {
        label: 'User',
        help: 'The user: {externalId: "00u…", type: "OKTA_USER"}.',
        required: true,
        example: { externalId: '00unkw1sfbTw08c0g1d7', type: 'OKTA_USER' },
      }),
      targetPrincipalOrn: bodyField('/targetPrincipalOrn', orn, {
        label: 'User ORN',
        help: 'The user as an ORN, as "Get grant" returns it.',
        required: true,
        example: 'orn:okta:directory:00o11edPwGqbUrsDm0g4:users:00unkw1sfbTw08c0g1d7',
      }),
      entitlementBundleId: bodyField('/entitlementBundleId', ids.entitlementBundle, {
        label: 'Bundle ID',
        help: 'For ENTITLEMENT-BUNDLE grants: the bundle (enb…).',
      }),
      entitlements: bodyField('/entitlements', entitlementSelection, {
        label: 'Entitlements',
        help: 'For CUSTOM grants: [{id: "esp…", values: [{id: "ent…"}]}].',
        example: [{ id: 'espzcbqd7Suwp4Y7A1d6', values: [{ id: 'entzcbqd8lcD3BRWR1d6' }] }],
      }),
      scheduleSettings: bodyField('/scheduleSettings', scheduleInput, {
        label: 'Expiration',
        help: 'Optional. {expirationDate, timeZone}.',
      }),
      metadata: bodyField('/metadata', Type.Object({}), {
        label: 'Metadata (read-only)',
        help: 'Read-only (the collection the grant came from); accepted so a record from "Get grant" can be sent back as it is.',
        advanced: true,
      }),
      created: copiedFromGetGrant('created', isoDateTime, 'Created', '2026-03-11T07:59:42Z'),
      createdBy: copiedFromGetGrant('createdBy', Type.String({ minLength: 1, maxLength: 20 }), 'Created by', '00unkw1sfbTw08c0g1d7'),
      lastUpdated: copiedFromGetGrant('lastUpdated', isoDateTime, 'Last updated', '2026-03-11T07:59:42Z'),
      lastUpdatedBy: copiedFromGetGrant('lastUpdatedBy', Type.String({ minLength: 1, maxLength: 20 }), 'Last updated by', '00unkw1sfbTw08c0g1d7'),
      _links: copiedFromGetGrant('_links', Type.Object({ self: Type.Object({ href: Type.String({ minLength: 1 }) }) }), 'Links', {
        self: { href: 'https://acme.okta.com/governance/api/v1/grants/0ggb0oNGTSWTBKOLGLNR' },
      }),
    },
    rules: [bodyIdMatchesPath, fieldsMatchGrantType],
    answer: object(grant, grantOutputs),
  },
  {
    id: 'updateGrant',
    title: 'Update grant',
    description: 'Change when a grant expires (or its time zone) without touching what it gives.',
    method: 'PATCH',
    path: '/governance/api/v1/grants/{grantId}',
    inputs: {
      grantId: grantIdParam,
      id: bodyField('/id', grantIdInBody, {
        label: 'Grant ID (in the body)',
        help: 'The same id as Grant ID: Okta wants it in the body too.',
        required: true,
        example: '0ggb0oNGTSWTBKOLGLNR',
      }),
      expirationDate: bodyField('/scheduleSettings/expirationDate', isoDateTime, {
        label: 'Expires',
        help: 'When the access ends; must be in the future.',
        example: '2030-06-30T00:00:00Z',
      }),
      timeZone: bodyField('/scheduleSettings/timeZone', Type.String({ minLength: 1, maxLength: 64 }), {
        label: 'Time zone',
        help: 'Optional, goes with Expires: the IANA time zone, e.g. America/Toronto.',
      }),
      scheduleSettings: bodyField('/scheduleSettings', scheduleInput, {
        label: 'Expiration (API form)',
        help: 'As the API takes it: {expirationDate, timeZone}. Use instead of Expires.',
        advanced: true,
      }),
    },
    oneOf: [['expirationDate', 'scheduleSettings']],
    rules: [bodyIdMatchesPath, expiresInFuture],
    answer: object(grant, grantOutputs),
  },
]);
