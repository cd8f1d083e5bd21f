/**
 * Groups: core Okta reads (management API, not OIG) that flows need to turn a group's name or id into
 * the group — a label or a review takes a group's ORN, while admins know groups by name.
 *
 * API rules worth knowing: the groups list is a bare JSON array paged by the `Link` header; `q` is a
 * prefix match on the group name, `search` a SCIM expression (e.g. profile.name eq "Finance").
 */
import { Type } from '@sinclair/typebox';
import { list, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { ids } from '../model/ids.ts';

const defaults: FamilyDefaults = {
  family: 'Groups',
  docs: { api: 'management', tag: 'Group' },
  lifecycle: 'GA',
  adminRoles: ['SUPER_ADMIN', 'ORG_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'USER_ADMIN', 'READ_ONLY_ADMIN'],
  scopes: { read: ['okta.groups.read'] },
};

const group = Type.Object({
  id: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  profile: Type.Optional(Type.Object({ name: Type.Optional(Type.String()), description: Type.Optional(Type.Union([Type.String(), Type.Null()])) })),
  _links: Type.Optional(Type.Object({})),
});

const groupOutputs = {
  id: out('/id', 'Group ID'),
  name: out('/profile/name', 'Name'),
  type: out('/type', 'Type', 'OKTA_GROUP, APP_GROUP or BUILT_IN.'),
};

export const groupOperations = defineFamily(defaults, [
  {
    id: 'listGroups',
    title: 'List groups',
    description: 'Find Okta groups by the start of their name, or by a search expression such as profile.name eq "Finance".',
    method: 'GET',
    path: '/api/v1/groups',
    inputs: {
      q: queryParam('q', Type.String({ minLength: 1 }), {
        label: 'Name starts with',
        help: 'Groups whose name starts with this text (case aside). Compare the names yourself for an exact match.',
        example: 'Finance',
      }),
      search: queryParam('search', Type.String({ minLength: 1 }), {
        label: 'Search',
        help: 'A search expression on the group\'s profile, type or dates, e.g. profile.name eq "Finance" or type eq "OKTA_GROUP".',
      }),
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'A filter on type, id, lastUpdated or lastMembershipUpdated, e.g. type eq "APP_GROUP".',
      }),
      limit: listControls.limit(10000),
      after: listControls.after(),
    },
    // A bare JSON list, paged by the Link header.
    answer: list({ item: group, paginated: true, itemsAt: '', itemOutputs: groupOutputs }),
  },
  {
    id: 'getGroup',
    title: 'Get group',
    description: 'Read one Okta group by id: its name, description and type.',
    method: 'GET',
    path: '/api/v1/groups/{groupId}',
    inputs: {
      groupId: pathParam('groupId', ids.group, { label: 'Group ID', help: 'The group (00g…), as in the Admin Console URL.', example: '00g1emaKYZTWRYYRRTSK' }),
    },
    answer: object(group, { ...groupOutputs, description: out('/profile/description', 'Description') }),
  },
]);
