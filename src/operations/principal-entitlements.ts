/**
 * Principal Entitlements: what one user effectively holds in one app — the entitlement values they
 * have now, how that changed, and the history over time.
 *
 * API rules worth knowing: every call names both the app and the user. The current entitlements and
 * the history take them in a required filter (parent… / targetPrincipal… for the current ones,
 * resource… / principal… for the history); a change is read by the id Okta hands out in events,
 * "{old id}:{new id}" or just "{new id}". The history answers with its own envelope
 * ({resource, principal, entitlementHistory: […], _links, metadata}), not the usual {data} list; its
 * card is a list of the periods in entitlementHistory, paged by the envelope's next link.
 */
import { Type } from '@sinclair/typebox';
import { list, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { isoDateTime } from '../model/date-time.ts';
import { externalRef } from './record-shapes.ts';
import { entitlementFields, entitlementValue, entitlementWithValues } from './entitlement-shapes.ts';
import { filterNamesBoth, parentAndTargetPrincipal, parentAndTargetPrincipalFilter } from './principal-filter.ts';

const defaults: FamilyDefaults = {
  family: 'Principal Entitlements',
  docs: { api: 'governance.api', tag: 'Principal-Entitlements' },
  lifecycle: 'GA',
  adminRoles: ['APP_ADMIN'],
  scopes: { read: ['okta.governance.entitlements.read'] },
};

// ---- response shapes (tolerant) ----

/** One entitlement the user holds in the app, with the values they hold. */
const heldEntitlement = Type.Object({
  ...entitlementWithValues.properties,
  parent: Type.Optional(externalRef),
  parentResourceOrn: Type.Optional(Type.String()),
  targetPrincipal: Type.Optional(externalRef),
  targetPrincipalOrn: Type.Optional(Type.String()),
});

const change = Type.Object({
  entitlementsChanged: Type.Optional(
    Type.Array(
      Type.Object({
        ...entitlementFields,
        values: Type.Optional(Type.Array(Type.Object({ ...entitlementValue.properties, changeType: Type.Optional(Type.String()) }))),
      }),
    ),
  ),
  resource: Type.Optional(externalRef),
  resourceOrn: Type.Optional(Type.String()),
  principal: Type.Optional(externalRef),
  principalOrn: Type.Optional(Type.String()),
  _links: Type.Optional(Type.Object({})),
});

/** One period of the history: from when to when the user held which entitlements. */
const historyPeriod = Type.Object({
  startDate: Type.Optional(isoDateTime),
  endDate: Type.Optional(isoDateTime),
  lifecycle: Type.Optional(Type.String()),
  entitlements: Type.Optional(Type.Array(entitlementWithValues)),
});

// ---- business rules: the filter must name both sides ----

const currentFilterComplete = filterNamesBoth({ id: 'principal-entitlements-filter-complete', ...parentAndTargetPrincipal });

const historyFilterComplete = filterNamesBoth({
  id: 'principal-entitlements-history-filter-complete',
  description:
    'The filter names the app (resource.externalId with resource.type, resourceOrn or resourceId) and the user (principal.externalId with principal.type, principalOrn or principalId).',
  app: {
    attributes: ['resource.externalId', 'resourceOrn', 'resourceId'],
    hint: 'the app (resource.externalId eq "0oa…" AND resource.type eq "APPLICATION", or resourceOrn eq "orn:…")',
  },
  user: {
    attributes: ['principal.externalId', 'principalOrn', 'principalId'],
    hint: 'the user (principal.externalId eq "00u…" AND principal.type eq "OKTA_USER", or principalOrn eq "orn:…")',
  },
});

export const principalEntitlementOperations = defineFamily(defaults, [
  {
    id: 'getPrincipalEntitlements',
    title: 'Get user entitlements',
    description: 'List the entitlements, with their values, that one user effectively holds in one app, whatever granted them.',
    method: 'GET',
    path: '/governance/api/v1/principal-entitlements',
    inputs: { filter: parentAndTargetPrincipalFilter },
    rules: [currentFilterComplete],
    answer: list({
      item: heldEntitlement,
      paginated: false,
      itemOutputs: {
        entitlementId: out('/id', 'Entitlement ID'),
        name: out('/name', 'Name'),
        values: out('/values', 'Values held', 'Each value the user holds, with its id (ent…), name and ORN.'),
        appId: out('/parent/externalId', 'App ID'),
        userId: out('/targetPrincipal/externalId', 'User ID'),
      },
    }),
  },
  {
    id: 'getPrincipalEntitlementsChanges',
    title: 'Get entitlement changes',
    description: 'Read what changed in a user\'s entitlements in one app between two effective grants: each entitlement value added or removed.',
    lifecycle: 'BETA',
    method: 'GET',
    path: '/governance/api/v1/principal-entitlements-changes/{principalEntitlementsChangeId}',
    inputs: {
      principalEntitlementsChangeId: pathParam(
        'principalEntitlementsChangeId',
        Type.String({
          minLength: 20,
          maxLength: 41,
          pattern: '^([0-9a-zA-Z]{20}:)?[0-9a-zA-Z]{20}$',
          description: 'Change id: "{old effective grant id}:{new effective grant id}", or just the new one',
        }),
        {
          label: 'Change ID',
          help: 'The change as Okta names it in events: "<old effective grant id>:<new effective grant id>", or only the new id when there is no old one.',
          example: 'espo3v6yijysPW3ep3q9:espo3v6xlwdtEX2il1d6',
        },
      ),
    },
    answer: object(change, {
      entitlementsChanged: out('/entitlementsChanged', 'Entitlements changed', 'Each entitlement with the values that changed and how (changeType).'),
      appId: out('/resource/externalId', 'App ID'),
      userId: out('/principal/externalId', 'User ID'),
    }),
  },
  {
    id: 'getPrincipalEntitlementsHistory',
    title: 'Get entitlement history',
    description:
      'Read how one user\'s entitlements in one app changed over time, optionally within a date range: one record per period, with the entitlements held then.',
    method: 'GET',
    path: '/governance/api/v1/principal-entitlements/history',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Required. Name the app and the user: resource.externalId eq "0oa…" AND resource.type eq "APPLICATION" AND principal.externalId eq "00u…" AND principal.type eq "OKTA_USER" (or resourceOrn / principalOrn, or resourceId / principalId). Optionally AND startDate eq "…" / endDate eq "…" (ISO 8601, UTC) to bound the range.',
        required: true,
        example:
          'resource.externalId eq "0oao01ardu8r8qUP91d7" AND resource.type eq "APPLICATION" AND principal.externalId eq "00unkw1sfbTw08c0g1d7" AND principal.type eq "OKTA_USER"',
      }),
      include: queryParam('include', Type.Array(enumOf(['counts'])), {
        label: 'Include',
        help: 'Optional. counts adds metadata.total, the number of history periods.',
        example: ['counts'],
      }),
      limit: listControls.limit(100, 20),
      after: listControls.after(),
    },
    rules: [historyFilterComplete],
    answer: list({
      item: historyPeriod,
      paginated: true,
      itemsAt: '/entitlementHistory',
      itemOutputs: {
        startDate: out('/startDate', 'From'),
        endDate: out('/endDate', 'Until', 'Empty for the current period.'),
        lifecycle: out('/lifecycle', 'Lifecycle'),
        entitlements: out('/entitlements', 'Entitlements held', 'Each entitlement with the values held in this period.'),
      },
    }),
  },
]);
