/**
 * Principal Access (BETA): how one user got their access to one app — the base grant (policy, access
 * request, admin, API) and any additional grants, each with the entitlements it gives and when it
 * expires.
 *
 * API rules worth knowing: the required filter names both the app (parent.externalId with
 * parent.type, or parentResourceOrn) and the user (targetPrincipal.externalId with
 * targetPrincipal.type, or targetPrincipalOrn). The answer is one object, not a list.
 */
import { Type } from '@sinclair/typebox';
import { defineOperations, type BusinessRule } from '../model/operation.ts';
import { out, queryParam } from '../model/fields.ts';
import { docsLink } from '../model/docs.ts';
import { isoDateTime } from '../model/ids.ts';

const family = 'Principal Access';
const docs = (id: string) => docsLink('governance.api', 'Principal-Access', id);

const ref = Type.Object({ externalId: Type.Optional(Type.String()), type: Type.Optional(Type.String()) });
const accessGrant = Type.Object({
  grantMethod: Type.Optional(Type.String()),
  grantType: Type.Optional(Type.String()),
  startTime: Type.Optional(isoDateTime),
  expirationTime: Type.Optional(isoDateTime),
  timeZone: Type.Optional(Type.String()),
  grant: Type.Optional(Type.Object({ id: Type.Optional(Type.String()), metadata: Type.Optional(Type.Object({})), _links: Type.Optional(Type.Object({})) })),
  bundle: Type.Optional(Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) })),
  entitlements: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Optional(Type.String()),
        name: Type.Optional(Type.String()),
        externalValue: Type.Optional(Type.String()),
        values: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }))),
      }),
    ),
  ),
});
const principalAccess = Type.Object({
  parent: Type.Optional(ref),
  parentResourceOrn: Type.Optional(Type.String()),
  targetPrincipal: Type.Optional(ref),
  targetPrincipalOrn: Type.Optional(Type.String()),
  expirationTime: Type.Optional(isoDateTime),
  timeZone: Type.Optional(Type.String()),
  base: Type.Optional(accessGrant),
  additional: Type.Optional(Type.Array(accessGrant)),
});

const names = (filter: string, attributes: string[]) => attributes.some((a) => new RegExp(`\\b${a.replace('.', '\\.')}\\s+eq\\s`, 'i').test(filter));

const filterComplete: BusinessRule = {
  id: 'principal-access-filter-complete',
  field: 'filter',
  description: 'The filter names the app (parent.externalId with parent.type, or parentResourceOrn) and the user (targetPrincipal.externalId with targetPrincipal.type, or targetPrincipalOrn).',
  check: ({ query }) => {
    const filter = query.filter ?? '';
    const missing = [
      names(filter, ['parent.externalId', 'parentResourceOrn']) ? null : 'the app (parent.externalId eq "0oa…" AND parent.type eq "APPLICATION", or parentResourceOrn eq "orn:…")',
      names(filter, ['targetPrincipal.externalId', 'targetPrincipalOrn']) ? null : 'the user (targetPrincipal.externalId eq "00u…" AND targetPrincipal.type eq "OKTA_USER", or targetPrincipalOrn eq "orn:…")',
    ].filter(Boolean);
    return missing.length ? `filter must name ${missing.join(' and ')}; add ${missing.length > 1 ? 'them' : 'it'} with AND` : null;
  },
};

export const principalAccessOperations = defineOperations([
  {
    id: 'getPrincipalAccess',
    title: 'Get user access to app',
    family,
    description: 'Explain how one user has access to one app: the base grant and any additional grants, what each gives and when it expires.',
    docs: docs('getPrincipalAccess'),
    lifecycle: 'BETA',
    method: 'GET',
    path: '/governance/api/v1/principal-access',
    successStatus: 200,
    scopes: ['okta.governance.entitlements.read'],
    adminRoles: ['APP_ADMIN'],
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Required. Name the app and the user: parent.externalId eq "0oa…" AND parent.type eq "APPLICATION" AND targetPrincipal.externalId eq "00u…" AND targetPrincipal.type eq "OKTA_USER" (or parentResourceOrn / targetPrincipalOrn with ORNs).',
        required: true,
        example:
          'parent.externalId eq "0oao01ardu8r8qUP91d7" AND parent.type eq "APPLICATION" AND targetPrincipal.externalId eq "00unkw1sfbTw08c0g1d7" AND targetPrincipal.type eq "OKTA_USER"',
      }),
    },
    rules: [filterComplete],
    response: principalAccess,
    outputs: {
      base: out('/base', 'Base grant', 'How the access was first given (grantMethod, grantType), with its entitlements.'),
      grantMethod: out('/base/grantMethod', 'Granted through', 'POLICY, ACCESS_REQUEST, ADMIN, API or NONE.'),
      additional: out('/additional', 'Additional grants'),
      expirationTime: out('/expirationTime', 'Expires', 'Empty when the access doesn\'t expire.'),
      appId: out('/parent/externalId', 'App ID'),
      userId: out('/targetPrincipal/externalId', 'User ID'),
    },
  },
]);
