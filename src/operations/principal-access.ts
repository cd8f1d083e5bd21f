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
import { object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { out } from '../model/fields.ts';
import { isoDateTime } from '../model/date-time.ts';
import { externalRef, idAndName } from './record-shapes.ts';
import { filterNamesBoth, parentAndTargetPrincipal, parentAndTargetPrincipalFilter } from './principal-filter.ts';

const defaults: FamilyDefaults = {
  family: 'Principal Access',
  docs: { api: 'governance.api', tag: 'Principal-Access' },
  lifecycle: 'BETA',
  adminRoles: ['APP_ADMIN'],
  scopes: { read: ['okta.governance.entitlements.read'] },
};

const accessGrant = Type.Object({
  grantMethod: Type.Optional(Type.String()),
  grantType: Type.Optional(Type.String()),
  startTime: Type.Optional(isoDateTime),
  expirationTime: Type.Optional(isoDateTime),
  timeZone: Type.Optional(Type.String()),
  grant: Type.Optional(Type.Object({ id: Type.Optional(Type.String()), metadata: Type.Optional(Type.Object({})), _links: Type.Optional(Type.Object({})) })),
  bundle: Type.Optional(idAndName),
  entitlements: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Optional(Type.String()),
        name: Type.Optional(Type.String()),
        externalValue: Type.Optional(Type.String()),
        values: Type.Optional(Type.Array(idAndName)),
      }),
    ),
  ),
});
const principalAccess = Type.Object({
  parent: Type.Optional(externalRef),
  parentResourceOrn: Type.Optional(Type.String()),
  targetPrincipal: Type.Optional(externalRef),
  targetPrincipalOrn: Type.Optional(Type.String()),
  expirationTime: Type.Optional(isoDateTime),
  timeZone: Type.Optional(Type.String()),
  base: Type.Optional(accessGrant),
  additional: Type.Optional(Type.Array(accessGrant)),
});

export const principalAccessOperations = defineFamily(defaults, [
  {
    id: 'getPrincipalAccess',
    title: 'Get user access to app',
    description: 'Explain how one user has access to one app: the base grant and any additional grants, what each gives and when it expires.',
    method: 'GET',
    path: '/governance/api/v1/principal-access',
    inputs: { filter: parentAndTargetPrincipalFilter },
    rules: [filterNamesBoth({ id: 'principal-access-filter-complete', ...parentAndTargetPrincipal })],
    answer: object(principalAccess, {
      base: out('/base', 'Base grant', 'How the access was first given (grantMethod, grantType), with its entitlements.'),
      grantMethod: out('/base/grantMethod', 'Granted through', 'POLICY, ACCESS_REQUEST, ADMIN, API or NONE.'),
      additional: out('/additional', 'Additional grants'),
      expirationTime: out('/expirationTime', 'Expires', 'Empty when the access doesn\'t expire.'),
      appId: out('/parent/externalId', 'App ID'),
      userId: out('/targetPrincipal/externalId', 'User ID'),
    }),
  },
]);
