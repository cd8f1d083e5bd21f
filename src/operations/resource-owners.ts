/**
 * Resource owners (BETA): the users or groups who own an app, an entitlement value, an entitlement
 * bundle or a collection — the people a RESOURCE_OWNER reviewer or approver step sends work to.
 *
 * API rules worth knowing: everything is addressed by Okta Resource Name (ORN), resources and owners
 * alike (owners: orn:<partition>:directory:<orgId>:users:<userId> or …:groups:<groupId>; preview orgs
 * use the partition `oktapreview`, API-NOTES §6.1). A resource has at most 5 owners. "Set resource
 * owners" replaces the owners of up to 10 resources at once; an empty list removes them all (recorded
 * traffic sends [], the spec's example sends null). Both lists need a filter: owners are listed by
 * parent app (parentResourceOrn eq …) or by resource (resource.orn eq …).
 */
import { Type } from '@sinclair/typebox';
import { list, noBody } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, enumOf, listControls, out, queryParam } from '../model/fields.ts';
import { orn } from '../model/ids.ts';

const defaults: FamilyDefaults = {
  family: 'Resource Owners',
  docs: { api: 'governance.api', tag: 'Resource-Owners' },
  lifecycle: 'BETA',
  adminRoles: ['SUPER_ADMIN'],
  scopes: { read: ['okta.governance.resourceOwner.read'], manage: ['okta.governance.resourceOwner.manage'] },
};

/** A user or group as an ORN; some Okta examples use the singular user/group, so both are accepted. */
const principalOrn = Type.String({
  minLength: 8,
  maxLength: 500,
  pattern: '^orn:[a-z0-9-]+:directory:[0-9a-zA-Z]+:(users?|groups?):[0-9a-zA-Z]+$',
  description: 'User or group ORN',
});

const resourceProfile = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  label: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  parent: Type.Optional(Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) })),
  logo: Type.Optional(Type.Array(Type.Object({}))),
});
const resource = Type.Object({
  id: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  orn: Type.Optional(Type.String()),
  profile: Type.Optional(resourceProfile),
});
const owner = Type.Object({
  id: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  orn: Type.Optional(Type.String()),
  profile: Type.Optional(
    Type.Object({
      id: Type.Optional(Type.String()),
      name: Type.Optional(Type.String()),
      email: Type.Optional(Type.String()),
      metadata: Type.Optional(Type.Object({ userAssignmentCount: Type.Optional(Type.Integer()) })),
      logo: Type.Optional(Type.Array(Type.Object({}))),
      _links: Type.Optional(Type.Object({})),
    }),
  ),
});
const ownedResource = Type.Object({
  parentResourceOrn: Type.Optional(Type.String()),
  principals: Type.Optional(Type.Array(owner)),
  resource: Type.Optional(resource),
});

const ownedResourceOutputs = {
  resourceOrn: out('/resource/orn', 'Resource ORN'),
  resourceName: out('/resource/profile/name', 'Resource name'),
  resourceType: out('/resource/type', 'Resource type', 'apps, entitlement-bundles, entitlement-values or collections.'),
  parentResourceOrn: out('/parentResourceOrn', 'Parent app ORN'),
  owners: out('/principals', 'Owners', 'Each owner with its id, type (users or groups), ORN and profile.'),
};

const ownersFilterHelp =
  'Required. parentResourceOrn eq "<app ORN>" (the app and what belongs to it), optionally AND resource.type eq "entitlement-bundles"; or resource.orn eq "<ORN>" for one resource. resource.profile.name sw/co "…" works only together with both parentResourceOrn and resource.type.';
const ownersFilterExample = 'parentResourceOrn eq "orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oafxqCAJWWGELFTYASJ"';

/** Okta only filters by resource name inside one app and one kind of resource. */
const nameFilterNeedsScope: BusinessRule = {
  id: 'owner-name-filter-scope',
  field: 'filter',
  description: 'resource.profile.name can only be filtered together with parentResourceOrn and resource.type.',
  check: ({ query }) => {
    const filter = query.filter ?? '';
    if (!/resource\.profile\.name\s/i.test(filter)) return null;
    if (/parentResourceOrn\s+eq\s/i.test(filter) && /resource\.type\s+eq\s/i.test(filter)) return null;
    return 'filter: resource.profile.name needs both parentResourceOrn eq "<app ORN>" and resource.type eq "<type>" in the same filter; add them with AND';
  },
};

export const resourceOwnerOperations = defineFamily(defaults, [
  {
    id: 'configureResourceOwners',
    title: 'Set resource owners',
    description:
      'Make up to 5 users or groups the owners of up to 10 resources (apps, entitlement values, bundles, collections), replacing their current owners. An empty owner list removes all owners.',
    method: 'POST',
    path: '/governance/api/v1/resource-owners',
    // The owners given become the owners: sending the same request again leaves the same state.
    idempotent: true,
    inputs: {
      principalOrns: bodyField('/principalOrns', Type.Array(principalOrn, { minItems: 0, maxItems: 5, nullable: true }), {
        label: 'Owner ORNs',
        help: 'Up to 5 owners as ORNs: orn:okta:directory:<orgId>:users:<userId> or …:groups:<groupId>. An empty list (or null) removes every owner of the resources.',
        example: ['orn:okta:directory:00o11edPwGqbUrsDm0g4:users:00u6yl0Q065H4BCPR0g4'],
      }),
      resourceOrns: bodyField('/resourceOrns', Type.Array(orn, { minItems: 1, maxItems: 10 }), {
        label: 'Resource ORNs',
        help: 'The 1–10 resources to set owners on: apps (orn:okta:idp:<orgId>:apps:<appName>:<appId>), entitlement bundles, entitlement values or collections (orn:okta:governance:<orgId>:<kind>:<id>).',
        required: true,
        example: ['orn:okta:governance:00o11edPwGqbUrsDm0g4:entitlement-bundles:enbogpaj3XUzcM62u1d6'],
      }),
    },
    answer: list({ item: ownedResource, paginated: false, itemOutputs: ownedResourceOutputs }),
  },
  {
    id: 'listResourceOwners',
    title: 'List resource owners',
    description: 'List resources that have owners, with their owners. A filter is required: by parent app or by resource.',
    method: 'GET',
    path: '/governance/api/v1/resource-owners',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: ownersFilterHelp,
        required: true,
        example: ownersFilterExample,
      }),
      include: queryParam('include', Type.Array(enumOf(['parent_resource_owner'])), {
        label: 'Include',
        help: 'Optional. parent_resource_owner also lists the parent app when it has owners of its own.',
        example: ['parent_resource_owner'],
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    rules: [nameFilterNeedsScope],
    answer: list({ item: ownedResource, paginated: true, itemOutputs: ownedResourceOutputs }),
  },
  {
    id: 'updateResourceOwners',
    title: 'Remove resource owners',
    description: 'Remove up to 5 owners from one resource, leaving its other owners in place.',
    method: 'PATCH',
    path: '/governance/api/v1/resource-owners',
    successStatus: 204,
    inputs: {
      resourceOrn: bodyField('/resourceOrn', orn, {
        label: 'Resource ORN',
        help: 'The app, entitlement value, entitlement bundle or collection whose owners change.',
        required: true,
        example: 'orn:okta:governance:00o11edPwGqbUrsDm0g4:entitlement-bundles:enbogpaj3XUzcM62u1d6',
      }),
      data: bodyField(
        '/data',
        Type.Array(
          Type.Object(
            { op: enumOf(['REMOVE']), path: enumOf(['/principalOrn']), value: principalOrn },
            { additionalProperties: false },
          ),
          { minItems: 1, maxItems: 5 },
        ),
        {
          label: 'Changes',
          help: 'One entry per owner to remove, 1–5: {op: "REMOVE", path: "/principalOrn", value: "orn:okta:directory:<orgId>:users:<userId>"}. REMOVE is the only change Okta offers here.',
          required: true,
          example: [{ op: 'REMOVE', path: '/principalOrn', value: 'orn:okta:directory:00o11edPwGqbUrsDm0g4:users:00u6yl0Q065H4BCPR0g4' }],
        },
      ),
    },
    answer: noBody(),
  },
  {
    id: 'listResourceOwnerCatalogResources',
    title: 'List resources without owners',
    description: 'List the resources of an app that have no owner yet, to find what still needs one. A filter by parent app is required.',
    method: 'GET',
    path: '/governance/api/v1/resource-owners/catalog/resources',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Required. parentResourceOrn eq "<app ORN>", optionally AND resource.type eq "entitlement-bundles" (or entitlement-values, collections) and AND resource.profile.name sw/co "…".',
        required: true,
        example: 'parentResourceOrn eq "orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oafxqCAJWWGELFTYASJ" AND resource.type eq "entitlement-bundles"',
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({
      item: resource,
      paginated: true,
      itemOutputs: {
        resourceOrn: out('/orn', 'Resource ORN'),
        name: out('/profile/name', 'Name'),
        type: out('/type', 'Resource type'),
        resourceId: out('/id', 'Resource ID'),
      },
    }),
  },
]);
