/**
 * Entitlements: the fine-grained permissions inside an app (a "License" or "Role" property with
 * values such as "Admin" or "Read only") that governance can review, bundle and grant.
 *
 * API rules worth knowing (API-NOTES §6.7): an entitlement (esp…) belongs to one app (parent
 * {externalId: "0oa…", type: APPLICATION}) and has values (ent…), each with its own governance ORN.
 * Listing entitlements or values across apps needs a filter naming the app (parent.externalId and
 * parent.type, or parentResourceOrn). Real responses carry audit fields (created, createdBy, …) on the
 * entitlement and on each value that the spec doesn't declare, and millisecond timestamps on create.
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, bodyRoot, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { ids, orn } from '../model/ids.ts';
import { auditFields, externalRef, strict } from './record-shapes.ts';
import { appInput, entitlementFields, entitlementId, entitlementValue, entitlementValueId } from './entitlement-shapes.ts';
import { orderByOneKey } from './order-by-param.ts';
import { idInBodyMatchesPath } from './id-in-body-rule.ts';

const defaults: FamilyDefaults = {
  family: 'Entitlements',
  docs: { api: 'governance.api', tag: 'Entitlements' },
  lifecycle: 'GA',
  adminRoles: ['APP_ADMIN'],
  scopes: { read: ['okta.governance.entitlements.read'], manage: ['okta.governance.entitlements.manage'] },
};

const dataTypes = ['string', 'array'] as const;

// ---- input shapes ----

const newValue = strict({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  externalValue: Type.String({ minLength: 1, maxLength: 2000 }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
});
const storedValue = strict({
  id: Type.Optional(entitlementValueId),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  externalValue: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  orn: Type.Optional(orn),
});

// ---- response shapes (tolerant) ----

const entitlement = Type.Object({
  ...entitlementFields,
  parent: Type.Optional(externalRef),
  parentResourceOrn: Type.Optional(Type.String()),
  values: Type.Optional(Type.Array(entitlementValue)),
  metadata: Type.Optional(Type.Object({ total: Type.Optional(Type.Integer()) })),
  ...auditFields,
});

/** A value as the value lists and "Get entitlement value" return it: with its entitlement and app. */
const valueWithParent = Type.Object({
  ...entitlementValue.properties,
  entitlementId: Type.Optional(Type.String()),
  parent: Type.Optional(externalRef),
  parentResourceOrn: Type.Optional(Type.String()),
  labels: Type.Optional(Type.Array(Type.Object({ labelId: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }))),
  _links: Type.Optional(Type.Object({})),
});

const entitlementOutputs = {
  entitlementId: out('/id', 'Entitlement ID'),
  name: out('/name', 'Name'),
  externalValue: out('/externalValue', 'Value in the app', 'The property name the app itself uses.'),
  appId: out('/parent/externalId', 'App ID'),
  parentResourceOrn: out('/parentResourceOrn', 'App ORN'),
  values: out('/values', 'Values', 'Each value with its id (ent…), name, externalValue and ORN.'),
};
const { values: _values, ...listedEntitlementOutputs } = entitlementOutputs;
const valueOutputs = {
  valueId: out('/id', 'Value ID'),
  name: out('/name', 'Name'),
  externalValue: out('/externalValue', 'Value in the app'),
  orn: out('/orn', 'Value ORN', 'Use it to label the value or to revoke it.'),
  entitlementId: out('/entitlementId', 'Entitlement ID'),
};

// ---- inputs shared by create and replace ----

const nameInput = bodyField('/name', Type.String({ minLength: 1, maxLength: 255 }), {
  label: 'Name',
  help: 'Display name, 1–255 characters.',
  required: true,
  example: 'License',
});
const externalValueInput = bodyField('/externalValue', Type.String({ minLength: 1, maxLength: 255 }), {
  label: 'Value in the app',
  help: 'The property name the app itself uses, 1–255 characters.',
  required: true,
  example: 'license_type',
});
const multiValueInput = bodyField('/multiValue', Type.Boolean(), {
  label: 'Several values per user',
  help: 'true when a user can hold more than one value at once.',
  required: true,
  example: false,
});

const entitlementIdParam = pathParam('entitlementId', entitlementId, {
  label: 'Entitlement ID',
  help: 'The entitlement to act on (esp…). Find it with "List entitlements".',
  example: 'espyyxsx6rrrjGiIx1d6',
});

const orderBy = (dflt: string) => orderByOneKey({ keys: ['name', 'id', 'created'], default: dflt, example: 'name asc' });

const appFilterHelp =
  'Required. Name the app: parent.externalId eq "0oa…" AND parent.type eq "APPLICATION", or parentResourceOrn eq "orn:…". Narrow further with AND: name sw "…" / name co "…", externalValue eq "…"';

/** Listing across apps is refused without naming the app in the filter. */
const filterNamesApp: BusinessRule = {
  id: 'entitlements-filter-names-app',
  field: 'filter',
  description: 'The filter names the app: parent.externalId (with parent.type) or parentResourceOrn.',
  check: ({ query }) => {
    const filter = query.filter ?? '';
    if (/\b(parent\.externalId|parentResourceOrn)\s+eq\s/i.test(filter)) return null;
    return `filter must name the app: start it with parent.externalId eq "0oa…" AND parent.type eq "APPLICATION" (or parentResourceOrn eq "orn:…"), then add any other conditions with AND`;
  },
};

/** The record sent to PUT names itself; it must be the one in the URL. */
const bodyIdMatchesPath = idInBodyMatchesPath({
  id: 'entitlement-id-matches-path',
  param: 'entitlementId',
  noun: 'entitlement',
  mustCarry: 'the replacement must carry the id of the entitlement it replaces',
});

export const entitlementOperations = defineFamily(defaults, [
  {
    id: 'createEntitlement',
    title: 'Create entitlement',
    description: 'Declare an entitlement of an app (e.g. "License") with its values (e.g. "Pro", "Basic") so governance can review, bundle and grant them.',
    method: 'POST',
    path: '/governance/api/v1/entitlements',
    successStatus: 201,
    inputs: {
      appId: bodyField('/parent/externalId', ids.app, {
        label: 'App ID',
        help: 'The app (0oa…) the entitlement belongs to.',
        set: { '/parent/type': 'APPLICATION' },
        example: '0oao01ardu8r8qUP91d7',
      }),
      parent: bodyField('/parent', appInput, {
        label: 'App (API form)',
        help: 'The app as the API takes it: {externalId: "0oa…", type: "APPLICATION"}. Use instead of App ID.',
        advanced: true,
      }),
      name: nameInput,
      externalValue: externalValueInput,
      description: bodyField('/description', Type.String({ minLength: 1, maxLength: 1000 }), {
        label: 'Description',
        help: 'Optional, 1–1000 characters.',
        example: 'Which license the user holds',
      }),
      multiValue: multiValueInput,
      dataType: bodyField('/dataType', enumOf(dataTypes), {
        label: 'Data type',
        help: 'string for one value per user, array for several (goes with Several values per user).',
        required: true,
        example: 'string',
      }),
      values: bodyField('/values', Type.Array(newValue), {
        label: 'Values',
        help: 'The values: [{name (1–255), externalValue (the app\'s own value, 1–2000), description (optional, 1–1024)}].',
        required: true,
        example: [
          { name: 'Pro', externalValue: 'pro' },
          { name: 'Basic', externalValue: 'basic' },
        ],
      }),
    },
    oneOf: [['appId', 'parent']],
    answer: object(entitlement, entitlementOutputs),
  },
  {
    id: 'listEntitlements',
    title: 'List entitlements',
    description: 'List the entitlements of one app, optionally only those whose name starts with or contains some text. Okta requires the filter to name the app.',
    method: 'GET',
    path: '/governance/api/v1/entitlements',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: `${appFilterHelp} or id eq "esp…".`,
        required: true,
        example: 'parent.externalId eq "0oao01ardu8r8qUP91d7" AND parent.type eq "APPLICATION"',
      }),
      orderBy: orderBy('name asc'),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    rules: [filterNamesApp],
    // Listed entitlements carry no values (read them with "List entitlement values").
    answer: list({ item: entitlement, paginated: true, itemOutputs: listedEntitlementOutputs }),
  },
  {
    id: 'getEntitlement',
    title: 'Get entitlement',
    description: 'Read one entitlement with its app and all its values.',
    method: 'GET',
    path: '/governance/api/v1/entitlements/{entitlementId}',
    inputs: { entitlementId: entitlementIdParam },
    answer: object(entitlement, entitlementOutputs),
  },
  {
    id: 'replaceEntitlement',
    title: 'Replace entitlement',
    description:
      'Overwrite an entitlement with a full new version: name, description, values and all. Values left out are removed; to change a few things use "Update entitlement" instead.',
    method: 'PUT',
    path: '/governance/api/v1/entitlements/{entitlementId}',
    inputs: {
      entitlementId: entitlementIdParam,
      id: bodyField('/id', entitlementId, {
        label: 'Entitlement ID (in the record)',
        help: 'The same id as Entitlement ID: the record names itself.',
        required: true,
        example: 'espyyxsx6rrrjGiIx1d6',
      }),
      name: nameInput,
      externalValue: externalValueInput,
      description: bodyField('/description', Type.String({ minLength: 1, maxLength: 1000 }), {
        label: 'Description',
        help: 'Optional, 1–1000 characters.',
      }),
      multiValue: multiValueInput,
      required: bodyField('/required', Type.Boolean(), {
        label: 'Required',
        help: 'Optional. true when every user of the app must hold a value.',
      }),
      dataType: bodyField('/dataType', enumOf(dataTypes), {
        label: 'Data type',
        help: 'string or array, as when the entitlement was created.',
        required: true,
        example: 'string',
      }),
      parent: bodyField('/parent', appInput, {
        label: 'App',
        help: 'The app it belongs to: {externalId: "0oa…", type: "APPLICATION"}; it can\'t move to another app.',
        required: true,
        example: { externalId: '0oao01ardu8r8qUP91d7', type: 'APPLICATION' },
      }),
      parentResourceOrn: bodyField('/parentResourceOrn', orn, {
        label: 'App ORN',
        help: 'The app as an ORN, as "Get entitlement" returns it.',
        required: true,
        example: 'orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oao01ardu8r8qUP91d7',
      }),
      values: bodyField('/values', Type.Array(storedValue), {
        label: 'Values',
        help: 'Every value the entitlement keeps: existing ones with their id (ent…), new ones without; [{id, name, externalValue, description}].',
        required: true,
        example: [{ id: 'entyyxsx7c5hbXwOn1d6', name: 'Pro', externalValue: 'pro' }],
      }),
      metadata: bodyField('/metadata', Type.Object({ total: Type.Optional(Type.Integer({ minimum: 0 })) }), {
        label: 'Metadata (read-only)',
        help: 'Read-only; Okta ignores it. Accepted so a record from "Get entitlement" can be sent back as it is.',
        advanced: true,
      }),
      _links: bodyField('/_links', Type.Object({}), {
        label: 'Links (read-only)',
        help: 'Read-only; Okta ignores it. Accepted so a record from "Get entitlement" can be sent back as it is.',
        advanced: true,
      }),
    },
    rules: [bodyIdMatchesPath],
    answer: object(entitlement, entitlementOutputs),
  },
  {
    id: 'updateEntitlement',
    title: 'Update entitlement',
    description: 'Change parts of an entitlement with up to 100 operations applied together: rename it, change its description, add, change or remove values.',
    method: 'PATCH',
    path: '/governance/api/v1/entitlements/{entitlementId}',
    inputs: {
      entitlementId: entitlementIdParam,
      operations: bodyRoot(
        Type.Array(
          Type.Union([
            strict({
              op: enumOf(['ADD', 'REMOVE', 'REPLACE']),
              path: Type.String({ pattern: '^/[A-Za-z]+$' }),
              value: Type.Optional(Type.String()),
              refType: enumOf(['ENTITLEMENT']),
            }),
            strict({
              op: enumOf(['ADD', 'REMOVE', 'REPLACE']),
              path: Type.String({ pattern: '^/values/(-|[0-9a-zA-Z]{20})$' }),
              value: Type.Optional(
                strict({
                  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
                  externalValue: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
                  description: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
                }),
              ),
              refType: enumOf(['ENTITLEMENT-VALUE']),
            }),
          ]),
          { minItems: 1, maxItems: 100 },
        ),
        {
          label: 'Operations',
          help: 'The request body, a list of 1–100 changes. On the entitlement: {op: REPLACE, path: "/name", value: "New name", refType: ENTITLEMENT} (also /description; ADD and REMOVE too). Add a value: {op: ADD, path: "/values/-", value: {name, externalValue, description}, refType: ENTITLEMENT-VALUE}. Change or remove one: path "/values/ent…".',
          required: true,
          example: [{ op: 'ADD', path: '/values/-', value: { name: 'Enterprise', externalValue: 'enterprise' }, refType: 'ENTITLEMENT-VALUE' }],
        },
      ),
    },
    answer: object(entitlement, entitlementOutputs),
  },
  {
    id: 'deleteEntitlement',
    title: 'Delete entitlement',
    description: 'Delete an entitlement and its values from governance.',
    method: 'DELETE',
    path: '/governance/api/v1/entitlements/{entitlementId}',
    inputs: { entitlementId: entitlementIdParam },
    answer: noBody(),
  },
  {
    id: 'listEntitlementValues',
    title: 'List values of an entitlement',
    description: 'List the values of one entitlement, optionally only those whose name starts with or contains some text, or that carry a label value.',
    method: 'GET',
    path: '/governance/api/v1/entitlements/{entitlementId}/values',
    inputs: {
      entitlementId: entitlementIdParam,
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. name sw "…" (starts with), name co "…" (contains) or labelValueId eq "lbl…".',
        example: 'name sw "Pro"',
      }),
      orderBy: orderBy('name asc'),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({ item: valueWithParent, paginated: true, itemOutputs: valueOutputs }),
  },
  {
    id: 'listAllEntitlementValues',
    title: 'List values across entitlements',
    description: 'List entitlement values of one app across its entitlements, e.g. to find a value by its name or its value in the app. Okta requires the filter to name the app.',
    method: 'GET',
    path: '/governance/api/v1/entitlements/values',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: `${appFilterHelp} or entitlementId eq "esp…".`,
        required: true,
        example: 'parent.externalId eq "0oao01ardu8r8qUP91d7" AND parent.type eq "APPLICATION" AND name sw "Pro"',
      }),
      orderBy: orderBy('id asc'),
      limit: listControls.limit(200, 200),
      after: listControls.after(),
    },
    rules: [filterNamesApp],
    answer: list({ item: valueWithParent, paginated: true, itemOutputs: valueOutputs }),
  },
  {
    id: 'getEntitlementValue',
    title: 'Get entitlement value',
    description: 'Read one value of an entitlement with its ORN, its app and the labels it carries.',
    method: 'GET',
    path: '/governance/api/v1/entitlements/{entitlementId}/values/{valueId}',
    inputs: {
      entitlementId: entitlementIdParam,
      valueId: pathParam('valueId', entitlementValueId, {
        label: 'Value ID',
        help: 'The value to read (ent…). Find it with "List values of an entitlement".',
        example: 'entyyxsx7c5hbXwOn1d6',
      }),
    },
    answer: object(valueWithParent, {
      ...valueOutputs,
      appId: out('/parent/externalId', 'App ID'),
      labels: out('/labels', 'Labels', 'The governance labels on the value.'),
    }),
  },
]);
