/**
 * Collections (BETA): named sets of apps, each with some of its entitlements, that are assigned to
 * users together — "Core Engineering Access" gives Jira, GitHub and their roles in one go.
 *
 * API rules worth knowing (API-NOTES §6.7): a collection is created empty ({name, description}) and
 * filled with "Add resources to collection"; a resource must be one specific app ORN (anything else is
 * 400 E0000028 INVALID_RESOURCE_ORN). Assigning a collection answers 201 with a bare JSON array of the
 * assignments (not the usual {data} envelope) and is idempotent: assigning again updates the
 * assignment. Collection ids start with col, assignment ids and collection-resource ids are
 * 20-character ids without a documented prefix.
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, bodyRoot, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { anyOktaId, ids, oktaId, orn } from '../model/ids.ts';
import { isoDateTime } from '../model/date-time.ts';
import { auditFields, externalRef, userProfile } from './record-shapes.ts';
import { entitlementSelectionOptionalIds, entitlementWithValues, oktaUserInput } from './entitlement-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Collections',
  docs: { api: 'governance.api', tag: 'Collections' },
  lifecycle: 'BETA',
  adminRoles: ['APP_ADMIN'],
  scopes: { read: ['okta.governance.collections.read'], manage: ['okta.governance.collections.manage'] },
};

const collectionIdSchema = oktaId('col', 'Collection');

// ---- response shapes (tolerant: real responses carry fields the spec doesn't declare) ----

const collection = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  orn: Type.Optional(Type.String()),
  counts: Type.Optional(
    Type.Object({
      principalAssignmentCount: Type.Optional(Type.Integer()),
      resourceCounts: Type.Optional(Type.Object({ applications: Type.Optional(Type.Integer()) })),
    }),
  ),
  ...auditFields,
});

const assignment = Type.Object({
  id: Type.Optional(Type.String()),
  collectionId: Type.Optional(Type.String()),
  principal: Type.Optional(externalRef),
  principalProfile: Type.Optional(userProfile),
  actor: Type.Optional(Type.String()),
  assignmentType: Type.Optional(Type.String()),
  expirationTime: Type.Optional(Type.String()),
  timeZone: Type.Optional(Type.String()),
});

const collectionResource = Type.Object({
  resourceId: Type.Optional(Type.String()),
  resourceOrn: Type.Optional(Type.String()),
  resourceProfile: Type.Optional(
    Type.Object({
      id: Type.Optional(Type.String()),
      name: Type.Optional(Type.String()),
      label: Type.Optional(Type.String()),
      logo: Type.Optional(Type.Array(Type.Object({}))),
    }),
  ),
  entitlements: Type.Optional(Type.Array(entitlementWithValues)),
  entitlementValueCount: Type.Optional(Type.Integer()),
  _links: Type.Optional(Type.Object({})),
});

const collectionOutputs = {
  collectionId: out('/id', 'Collection ID'),
  name: out('/name', 'Name'),
  description: out('/description', 'Description'),
  orn: out('/orn', 'Collection ORN', 'The collection as an Okta Resource Name, for labels, owners and risk assessments.'),
};
const assignmentOutputs = {
  assignmentId: out('/id', 'Assignment ID'),
  collectionId: out('/collectionId', 'Collection ID'),
  userId: out('/principal/externalId', 'User ID'),
  email: out('/principalProfile/email', 'Email'),
  expirationTime: out('/expirationTime', 'Expires at'),
};
const resourceOutputs = {
  resourceId: out('/resourceId', 'Collection resource ID', 'The id of this app inside the collection; use it to read, change or remove it.'),
  resourceOrn: out('/resourceOrn', 'Resource ORN'),
  appId: out('/resourceProfile/id', 'App ID'),
  appLabel: out('/resourceProfile/label', 'App name'),
  entitlements: out('/entitlements', 'Entitlements'),
};

// ---- inputs shared by several cards ----

const collectionId = pathParam('collectionId', collectionIdSchema, {
  label: 'Collection ID',
  help: 'The collection to act on (col…). Find it with "List collections".',
  example: 'colvmzzTr4xO45Ujn0g4',
});
const assignmentId = pathParam('assignmentId', anyOktaId('Collection assignment'), {
  label: 'Assignment ID',
  help: 'One assignment of the collection to a user, as returned by "Assign collection to users" or "List collection assignments".',
  example: 'ass28w6vzKKultXP98g5',
});
const collectionResourceId = pathParam(
  'resourceId',
  Type.String({
    minLength: 1,
    maxLength: 500,
    pattern: '^([0-9a-zA-Z]{1,20}|orn:[a-z0-9-]+:[a-z0-9-]+:[0-9a-zA-Z]+:[a-zA-Z0-9:_-]+)$',
    description: 'Collection resource id, or the resource ORN',
  }),
  {
    label: 'Collection resource ID',
    help: 'The app inside the collection: the resourceId that "List collection resources" returns (res…). Okta documents the resource ORN as accepted too.',
    example: 'res789067asg6asdf7g',
  },
);
const collectionName = Type.String({ minLength: 1, maxLength: 255 });
const collectionDescription = Type.String({ minLength: 1, maxLength: 1000 });

const filterByUser = (help: string, example: string) =>
  queryParam('filter', Type.String({ minLength: 1 }), { label: 'Filter', help, example });

/** JSON Patch semantics: ADD and REPLACE carry the new value, REMOVE carries none. */
const patchValues: BusinessRule = {
  id: 'assignment-patch-values',
  field: 'operations',
  description: 'ADD and REPLACE operations need a value.',
  check: ({ body }) => {
    const list = Array.isArray(body) ? (body as { op?: string; path?: string; value?: unknown }[]) : [];
    const bad = list.findIndex((o) => (o.op === 'ADD' || o.op === 'REPLACE') && o.value === undefined);
    if (bad < 0) return null;
    return `operations[${bad}] (${list[bad]!.op} ${list[bad]!.path ?? ''}) needs a value: give the new expiration time or time zone, or use REMOVE to clear it`;
  },
};

export const collectionOperations = defineFamily(defaults, [
  {
    id: 'createCollection',
    title: 'Create collection',
    description: 'Create an empty collection with a name and an optional description. Add apps to it with "Add resources to collection".',
    method: 'POST',
    path: '/governance/api/v1/collections',
    successStatus: 201,
    inputs: {
      name: bodyField('/name', collectionName, {
        label: 'Name',
        help: 'What people will see, 1–255 characters, e.g. the team or job the bundle of access is for.',
        required: true,
        example: 'Core Engineering Access',
      }),
      description: bodyField('/description', collectionDescription, {
        label: 'Description',
        help: 'Optional. What the collection grants and who it is for, 1–1000 characters.',
        example: 'Apps and roles every new engineer needs on day one',
      }),
    },
    answer: object(collection, collectionOutputs),
  },
  {
    id: 'listCollections',
    title: 'List collections',
    description: 'List the collections of the org, optionally filtered by name or id, with their assignment and app counts if asked.',
    method: 'GET',
    path: '/governance/api/v1/collections',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1, maxLength: 255 }), {
        label: 'Filter',
        help: 'Optional. name sw "…" (starts with), name co "…" (contains) or id eq "col…".',
        example: 'name sw "Core"',
      }),
      include: queryParam('include', Type.Array(enumOf(['counts'])), {
        label: 'Include',
        help: 'Optional. counts adds how many users are assigned and how many apps each collection holds.',
        example: ['counts'],
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({ item: collection, paginated: true, itemOutputs: collectionOutputs }),
  },
  {
    id: 'listCollectionsAssignments',
    title: 'List assignments of all collections',
    description: 'List who is assigned which collection, across all collections, most recently assigned first.',
    method: 'GET',
    path: '/governance/api/v1/collections/assignments',
    inputs: {
      filter: filterByUser(
        'Optional. Narrow by the assigned user: principalProfile.firstName, principalProfile.lastName or principalProfile.email with sw (starts with).',
        'principalProfile.email sw "ana"',
      ),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({ item: assignment, paginated: true, itemOutputs: assignmentOutputs }),
  },
  {
    id: 'getCollection',
    title: 'Get collection',
    description: 'Read one collection: its name, description, ORN and audit fields.',
    method: 'GET',
    path: '/governance/api/v1/collections/{collectionId}',
    inputs: { collectionId },
    answer: object(collection, collectionOutputs),
  },
  {
    id: 'replaceCollection',
    title: 'Replace collection',
    description: 'Rename a collection or change its description. Both are replaced: leave the description out and it is removed.',
    method: 'PUT',
    path: '/governance/api/v1/collections/{collectionId}',
    inputs: {
      collectionId,
      name: bodyField('/name', collectionName, {
        label: 'Name',
        help: 'The new name, 1–255 characters (send the current one to keep it).',
        required: true,
        example: 'Core Engineering Access',
      }),
      description: bodyField('/description', collectionDescription, {
        label: 'Description',
        help: 'The new description, 1–1000 characters.',
        example: 'Apps and roles every engineer needs',
      }),
    },
    answer: object(collection, collectionOutputs),
  },
  {
    id: 'deleteCollection',
    title: 'Delete collection',
    description: 'Delete a collection for good. Check what it holds first with "List collection resources".',
    method: 'DELETE',
    path: '/governance/api/v1/collections/{collectionId}',
    inputs: { collectionId },
    answer: noBody(),
  },
  {
    id: 'listCollectionAssignments',
    title: 'List collection assignments',
    description: 'List the users a collection is assigned to, with when each assignment expires.',
    method: 'GET',
    path: '/governance/api/v1/collections/{collectionId}/assignments',
    inputs: {
      collectionId,
      filter: filterByUser(
        'Optional. Narrow by the assigned user: principalProfile.firstName, principalProfile.lastName or principalProfile.email with sw (starts with).',
        'principalProfile.lastName sw "Lo"',
      ),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({ item: assignment, paginated: true, itemOutputs: assignmentOutputs }),
  },
  {
    id: 'assignCollection',
    title: 'Assign collection to users',
    description:
      'Give up to 20 users everything in a collection, for good or until an expiration time. Assigning a user again updates their assignment. Okta answers with the list of assignments itself (a bare JSON array).',
    method: 'POST',
    path: '/governance/api/v1/collections/{collectionId}/assignments',
    successStatus: 201,
    // Okta documents this call as idempotent: a repeat updates the same assignment.
    idempotent: true,
    inputs: {
      collectionId,
      // The API form comes first: it is the input a recorded or spec body maps to.
      assignments: bodyRoot(
        Type.Array(
          Type.Object(
            {
              principal: oktaUserInput,
              actor: Type.Optional(enumOf(['API', 'ACCESS_REQUEST', 'NONE', 'ADMIN'], { default: 'API' })),
              collectionId: Type.Optional(collectionIdSchema),
              expirationTime: Type.Optional(isoDateTime),
              timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            },
            { additionalProperties: false },
          ),
          { minItems: 1, maxItems: 20 },
        ),
        {
          label: 'Assignments (API form)',
          help: 'The whole request body: 1–20 users, each {principal: {externalId: "00u…", type: "OKTA_USER"}}, optionally with expirationTime (ISO date and time), timeZone (IANA, e.g. Europe/Paris) and actor (API by default; ACCESS_REQUEST, ADMIN or NONE). Use it to give each user an expiration.',
          advanced: true,
          example: [
            { principal: { externalId: '00u174cGuGxVFp4EY0g4', type: 'OKTA_USER' }, expirationTime: '2030-04-30T23:59:59Z', timeZone: 'America/Toronto' },
          ],
        },
      ),
      // Each id becomes {principal: {externalId: <id>, type: "OKTA_USER"}}.
      userIds: bodyRoot(Type.Array(ids.user, { minItems: 1, maxItems: 20, uniqueItems: true }), {
        label: 'User IDs',
        help: 'The users (00u…) who get the collection, 1–20, with no expiration. Use Assignments for an expiration time.',
        eachValue: '/principal/externalId',
        eachSet: { '/principal/type': 'OKTA_USER' },
        example: ['00u174cGuGxVFp4EY0g4'],
      }),
    },
    oneOf: [['userIds', 'assignments']],
    answer: list({
      item: assignment,
      paginated: false,
      itemsAt: '',
      itemOutputs: {
        id: out('/id', 'Assignment ID'),
        userId: out('/principal/externalId', 'User ID'),
        expirationTime: out('/expirationTime', 'Expires at'),
      },
    }),
    // Okta answers with the assignments themselves: a bare JSON list, one per user given.
  },
  {
    id: 'updatePrincipalAssignment',
    title: 'Update collection assignment',
    description: 'Set, change or clear when a user\'s collection assignment expires, with JSON Patch operations on /expirationTime and /timeZone.',
    method: 'PATCH',
    path: '/governance/api/v1/collections/{collectionId}/assignments/{assignmentId}',
    successStatus: 204,
    inputs: {
      collectionId,
      assignmentId,
      operations: bodyRoot(
        Type.Array(
          Type.Object(
            {
              op: enumOf(['ADD', 'REMOVE', 'REPLACE']),
              path: Type.String({ minLength: 1 }),
              value: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
          { minItems: 1, maxItems: 100 },
        ),
        {
          label: 'Operations',
          help: 'The whole request body: 1–100 changes. Set an expiry: {op: ADD, path: /expirationTime, value: "2030-04-30T23:59:59Z"} and {op: ADD, path: /timeZone, value: "America/Toronto"}; change it with REPLACE; make the assignment permanent with {op: REMOVE, path: /expirationTime}.',
          required: true,
          example: [
            { op: 'REPLACE', path: '/expirationTime', value: '2030-04-30T23:59:59Z' },
            { op: 'REPLACE', path: '/timeZone', value: 'America/Toronto' },
          ],
        },
      ),
    },
    rules: [patchValues],
    answer: noBody(),
  },
  {
    id: 'deletePrincipalAssignment',
    title: 'Delete collection assignment',
    description: 'Take a collection away from a user by deleting their assignment.',
    method: 'DELETE',
    path: '/governance/api/v1/collections/{collectionId}/assignments/{assignmentId}',
    inputs: { collectionId, assignmentId },
    answer: noBody(),
  },
  {
    id: 'getUnassignedUsers',
    title: 'List users without collection',
    description: 'List users who could be given a collection but don\'t have it yet, found by the start of their name or email. One page, no paging.',
    method: 'GET',
    path: '/governance/api/v1/collections/{collectionId}/catalog/users',
    inputs: {
      collectionId,
      filter: filterByUser('Optional. firstName, lastName or email with sw (starts with), e.g. email sw "ana".', 'firstName sw "Ana"'),
    },
    answer: list({
      item: userProfile,
      paginated: false,
      itemOutputs: { userId: out('/id', 'User ID'), email: out('/email', 'Email'), login: out('/login', 'Login') },
    }),
  },
  {
    id: 'listCollectionResources',
    title: 'List collection resources',
    description: 'List the apps in a collection, optionally with the entitlements each one grants or just how many entitlement values.',
    method: 'GET',
    path: '/governance/api/v1/collections/{collectionId}/resources',
    inputs: {
      collectionId,
      include: queryParam('include', Type.Array(enumOf(['entitlements', 'entitlementValueCount'])), {
        label: 'Include',
        help: 'Optional. entitlements adds each app\'s entitlements and values; entitlementValueCount adds only how many values.',
        example: ['entitlementValueCount'],
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({ item: collectionResource, paginated: true, itemOutputs: resourceOutputs }),
  },
  {
    id: 'addResourcesToCollection',
    title: 'Add resources to collection',
    description: 'Put up to 25 apps into a collection, each optionally limited to some of its entitlements and values.',
    method: 'POST',
    path: '/governance/api/v1/collections/{collectionId}/resources',
    inputs: {
      collectionId,
      resources: bodyRoot(
        Type.Array(
          Type.Object({ resourceOrn: orn, entitlements: Type.Optional(entitlementSelectionOptionalIds) }, { additionalProperties: false }),
          { minItems: 1, maxItems: 25 },
        ),
        {
          label: 'Resources',
          help: 'The whole request body: up to 25 apps, each {resourceOrn: "orn:okta:idp:<orgId>:apps:<appName>:<appId>"} and optionally entitlements: [{id: "esp…", values: [{id: "ent…"}]}]. Only specific app ORNs are accepted.',
          example: [{ resourceOrn: 'orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oafxqCAJWWGELFTYASJ' }],
        },
      ),
    },
    answer: list({ item: collectionResource, paginated: false, itemOutputs: resourceOutputs }),
  },
  {
    id: 'deleteCollectionResource',
    title: 'Remove resource from collection',
    description: 'Take an app out of a collection.',
    method: 'DELETE',
    path: '/governance/api/v1/collections/{collectionId}/resources/{resourceId}',
    inputs: { collectionId, resourceId: collectionResourceId },
    answer: noBody(),
  },
  {
    id: 'getCollectionResource',
    title: 'Get collection resource',
    description: 'Read one app of a collection with the entitlements and values the collection grants on it.',
    method: 'GET',
    path: '/governance/api/v1/collections/{collectionId}/resources/{resourceId}',
    inputs: { collectionId, resourceId: collectionResourceId },
    answer: object(collectionResource, resourceOutputs),
  },
  {
    id: 'replaceCollectionResource',
    title: 'Replace collection resource',
    description: 'Replace which entitlements and values of an app a collection grants. The list given becomes the whole list.',
    method: 'PUT',
    path: '/governance/api/v1/collections/{collectionId}/resources/{resourceId}',
    inputs: {
      collectionId,
      resourceId: collectionResourceId,
      entitlements: bodyField('/entitlements', entitlementSelectionOptionalIds, {
        label: 'Entitlements',
        help: 'The entitlements the collection grants on this app: [{id: "esp…", values: [{id: "ent…"}]}]. Find them with "List entitlements".',
        example: [{ id: 'espo3v6xlwdtEX2il1d6', values: [{ id: 'ento3v6xmkviXCltm1d6' }] }],
      }),
    },
    answer: object(collectionResource, resourceOutputs),
  },
]);
