/**
 * Principal Access - V2 (BETA): take access away from a user — entitlement values, entitlement
 * bundles or a whole app — in one call, whatever granted it.
 *
 * API rules worth knowing: the user and the resources are given as ORNs. Up to 5 entitlement values
 * and bundles can be revoked together, but an app is revoked on its own (one app ORN, nothing else).
 * Okta answers 200 with {data: [{_links}]}: links to the user's access and entitlements after the
 * change. Revoking what is already gone leaves the same state, so a retry is harmless.
 */
import { Type } from '@sinclair/typebox';
import { list } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, enumOf, out } from '../model/fields.ts';
import { orn } from '../model/ids.ts';

const defaults: FamilyDefaults = {
  family: 'Principal Access - V2',
  docs: { api: 'governance.api', tag: 'Principal-Access-V2' },
  lifecycle: 'BETA',
  adminRoles: ['APP_ADMIN'],
  scopes: { manage: ['okta.governance.entitlements.manage'] },
};

/** Okta user as an ORN (partition okta or oktapreview; some examples say `user`). */
const userOrn = Type.String({
  minLength: 20,
  maxLength: 200,
  pattern: '^orn:[a-z0-9-]+:directory:[0-9a-zA-Z]+:users?:00u[0-9a-zA-Z]{17}$',
  description: 'Okta user ORN, e.g. orn:okta:directory:<orgId>:users:<userId>',
});

const link = Type.Object({ href: Type.Optional(Type.String()) });
const revokeResult = Type.Object({
  _links: Type.Optional(Type.Object({ 'principal-access': Type.Optional(link), 'principal-entitlements': Type.Optional(link) })),
});

const appAlone: BusinessRule = {
  id: 'revoke-app-alone',
  field: 'revokeOrns',
  description: 'An app ORN is revoked on its own; entitlement values and bundles (up to 5) can go together.',
  check: ({ body }) => {
    const orns = (body as { revokeOrns?: string[] } | undefined)?.revokeOrns ?? [];
    const apps = orns.filter((o) => /:apps:/.test(o));
    if (!apps.length || orns.length === 1) return null;
    return `revokeOrns mixes the app ${apps[0]} with ${orns.length - 1} other ORN(s): Okta revokes an app on its own; send the app in one call and the entitlement values or bundles in another`;
  },
};

export const principalAccessV2Operations = defineFamily(defaults, [
  {
    id: 'revokePrincipalAccess',
    title: 'Revoke user access',
    description: 'Take entitlement values, entitlement bundles or a whole app away from a user, however they were granted.',
    method: 'POST',
    path: '/governance/api/v2/revoke-principal-access',
    // Revoking what is already revoked leaves the same state.
    idempotent: true,
    inputs: {
      principalOrn: bodyField('/principalOrn', userOrn, {
        label: 'User ORN',
        help: 'The user losing access, as an ORN: orn:okta:directory:<orgId>:users:<userId> (oktapreview instead of okta on preview orgs).',
        required: true,
        example: 'orn:okta:directory:00o11edPwGqbUrsDm0g4:users:00unkw1sfbTw08c0g1d7',
      }),
      revokeOrns: bodyField('/revokeOrns', Type.Array(orn, { minItems: 1, maxItems: 5 }), {
        label: 'Resource ORNs',
        help: 'What to take away: up to 5 entitlement values (orn:okta:governance:<orgId>:entitlement-values:ent…) and bundles (…:entitlement-bundles:enb…), or one app (orn:okta:idp:<orgId>:apps:<appName>:0oa…) on its own.',
        required: true,
        example: ['orn:okta:governance:00o11edPwGqbUrsDm0g4:entitlement-values:entzcbqd8lcD3BRWR1d6'],
      }),
      actor: bodyField('/actor', enumOf(['API', 'ACCESS_REQUEST', 'NONE', 'ADMIN']), {
        label: 'Revoked by',
        help: 'Optional. Who the change is recorded as coming from: API (the default), ADMIN, ACCESS_REQUEST or NONE.',
      }),
    },
    rules: [appAlone],
    answer: list({
      item: revokeResult,
      paginated: false,
      itemOutputs: {
        principalAccessLink: out('/_links/principal-access/href', 'User access link', 'Where to read the user\'s access to the app now.'),
        principalEntitlementsLink: out('/_links/principal-entitlements/href', 'User entitlements link'),
      },
    }),
  },
]);
