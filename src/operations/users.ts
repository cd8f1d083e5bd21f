/**
 * Users: two core Okta calls (management API, not OIG) that flows need to turn people into ids —
 * a review or a request takes user ids (00u…), while people know each other by login or email.
 *
 * API rules worth knowing: the users list is a bare JSON array paged by the `Link` header (no
 * `_links` in the body); `search` is the fast, complete way to find users (it also returns
 * deprovisioned ones), `q` is a prefix match on names and email that skips deprovisioned users.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { timestamp } from '../model/date-time.ts';
import { list, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { listControls, out, pathParam, queryParam } from '../model/fields.ts';

const defaults: FamilyDefaults = {
  family: 'Users',
  docs: { api: 'management', tag: 'User' },
  lifecycle: 'GA',
  adminRoles: ['SUPER_ADMIN', 'ORG_ADMIN', 'USER_ADMIN', 'HELP_DESK_ADMIN', 'READ_ONLY_ADMIN'],
  scopes: { read: ['okta.users.read'] },
};

const nullable = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);
const user = Type.Object({
  id: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  created: Type.Optional(timestamp),
  activated: Type.Optional(nullable(timestamp)),
  lastLogin: Type.Optional(nullable(timestamp)),
  lastUpdated: Type.Optional(timestamp),
  profile: Type.Optional(
    Type.Object({
      login: Type.Optional(Type.String()),
      email: Type.Optional(Type.String()),
      firstName: Type.Optional(nullable(Type.String())),
      lastName: Type.Optional(nullable(Type.String())),
    }),
  ),
  _links: Type.Optional(Type.Object({})),
});

// Nullable fields would infer as objects; say what a flow gets.
const userOutputs = {
  id: out('/id', 'User ID'),
  status: out('/status', 'Status', 'ACTIVE, STAGED, PROVISIONED, SUSPENDED, DEPROVISIONED, …'),
  login: out('/profile/login', 'Login'),
  email: out('/profile/email', 'Email'),
  firstName: { ...out('/profile/firstName', 'First name'), type: 'text' as const },
  lastName: { ...out('/profile/lastName', 'Last name'), type: 'text' as const },
};

/**
 * A user id or a login (or an unambiguous login shortname): letters, digits and the characters logins
 * use, in dot-separated parts — so no '/', '?', '#', '..', spaces or percent signs reach the path.
 */
const userIdOrLogin = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: "^[A-Za-z0-9\u00C0-\u024F@_+'~!$&*=^{}|-]+(\\.[A-Za-z0-9\u00C0-\u024F@_+'~!$&*=^{}|-]+)*$",
  description: 'Okta user id (00u…) or login',
});

export const userOperations = defineFamily(defaults, [
  {
    id: 'listUsers',
    title: 'List users',
    description: 'Find Okta users by a search expression (e.g. login or email equals), a name prefix, or a filter on status and dates.',
    method: 'GET',
    path: '/api/v1/users',
    inputs: {
      search: queryParam('search', Type.String({ minLength: 1 }), {
        label: 'Search',
        help: 'A search expression on any profile attribute or status, e.g. profile.login eq "jane.doe@example.com" or profile.email eq "…"; operators eq, sw, co (co on names, email and login), gt/lt, and/or.',
        example: 'profile.login eq "jane.doe@example.com"',
      }),
      q: queryParam('q', Type.String({ minLength: 1 }), {
        label: 'Name or email starts with',
        help: 'Quick lookup: users whose first name, last name or email starts with this text (deprovisioned users left out). Use Search for anything exact.',
      }),
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'A filter on status, id, lastUpdated, profile.login, profile.email, profile.firstName or profile.lastName with eq (lastUpdated also gt/ge/lt/le), combined with and/or. E.g. status eq "ACTIVE".',
      }),
      limit: listControls.limit(200, 200),
      after: listControls.after(),
    },
    // A bare JSON list, paged by the Link header.
    answer: list({ item: user, paginated: true, itemsAt: '', itemOutputs: userOutputs }),
  },
  {
    id: 'getUser',
    title: 'Get user',
    description: 'Read one Okta user by id or by login.',
    method: 'GET',
    path: '/api/v1/users/{id}',
    inputs: {
      id: pathParam('id', userIdOrLogin, {
        label: 'User ID or login',
        help: 'The user\'s id (00u…) or login (e.g. jane.doe@example.com). Logins containing "/" can only be read by id.',
        example: 'jane.doe@example.com',
      }),
    },
    answer: object(user, {
      ...userOutputs,
      created: out('/created', 'Created at'),
      lastLogin: { ...out('/lastLogin', 'Last sign-in', 'Empty when the user never signed in.'), type: 'date & time' as const },
    }),
  },
]);
