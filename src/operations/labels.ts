/**
 * Labels: governance labels (a key such as "Sensitivity" with up to 10 values such as "High") and
 * their assignment to resources (apps, groups, entitlement bundles, entitlement values, collections).
 *
 * API rules worth knowing (API-NOTES §6.5): names are unique org-wide ignoring case; an org has at
 * most 10 custom labels plus the predefined "Crown Jewel" and "Privileged", which can't be changed;
 * a label can only be deleted while none of its values is assigned to a resource.
 */
import { Type } from '@sinclair/typebox';
import { defineOperations, type BusinessRule } from '../model/operation.ts';
import { bodyField, bodyRoot, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { docsLink } from '../model/docs.ts';
import { ids, orn } from '../model/ids.ts';

const family = 'Labels';
const docs = (id: string) => docsLink('governance.api', 'Labels', id);
const read = ['okta.governance.labels.read'];
const manage = ['okta.governance.labels.manage'];
const adminRoles = ['SUPER_ADMIN'];

export const labelColors = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'teal', 'beige', 'gray'] as const;
const color = enumOf(labelColors);
const labelName = Type.String({ minLength: 1, maxLength: 50 });

const labelValue = Type.Object({
  labelValueId: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  metadata: Type.Optional(
    Type.Object({ additionalProperties: Type.Optional(Type.Object({ backgroundColor: Type.Optional(Type.String()) })) }),
  ),
});
const label = Type.Object({
  labelId: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  values: Type.Optional(Type.Array(labelValue)),
  _links: Type.Optional(Type.Object({})),
});
const labelledResource = Type.Object({
  orn: Type.Optional(Type.String()),
  profile: Type.Optional(
    Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()), description: Type.Optional(Type.String()) }),
  ),
  labels: Type.Optional(Type.Array(label)),
});

const labelOutputs = {
  labelId: out('/labelId', 'Label ID'),
  name: out('/name', 'Name'),
  values: out('/values', 'Values', 'Each value with its labelValueId, name and colour.'),
};

const labelIdParam = pathParam('labelId', ids.label, {
  label: 'Label ID',
  help: 'The label to act on (lbc…). Find it with "List labels".',
  example: 'lbc18v2lemBedxq6l1d7',
});

const resourceOrns = bodyField('/resourceOrns', Type.Array(orn, { minItems: 1, maxItems: 10 }), {
  label: 'Resource ORNs',
  help: 'Up to 10 resources, as Okta Resource Names: apps (orn:okta:idp:<orgId>:apps:<appName>:<appId>), groups (orn:okta:directory:<orgId>:groups:<groupId>), entitlement bundles, entitlement values or collections. From code or the oig CLI, app ids (0oa…) and group ids (00g…) work too: the org id and partition are read from the org and the ids written as ORNs.',
  required: true,
  acceptsIdsFor: 'orn',
  example: ['orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:oidc:0oafxqCAJWWGELFTYASJ'],
});
const labelValueIds = bodyField('/labelValueIds', Type.Array(ids.labelValue, { minItems: 1, maxItems: 10 }), {
  label: 'Label value IDs',
  help: 'Up to 10 label values (lbl…). Every resource gets every value.',
  required: true,
  example: ['lbl18v2len2Lk29141d7'],
});

/** Two values of one label can't share a name, whatever the case (the API compares without case). */
const uniqueValueNames: BusinessRule = {
  id: 'label-value-names-unique',
  field: 'labelValues',
  description: 'Value names of one label are unique, ignoring case.',
  check: ({ body }) => {
    const values = (body as { values?: { name?: string }[] } | undefined)?.values ?? [];
    const seen = new Map<string, string>();
    for (const v of values) {
      const key = (v.name ?? '').toLowerCase();
      if (seen.has(key)) {
        return `labelValues names must be unique ignoring case: "${seen.get(key)}" and "${v.name}" are the same to Okta; rename or drop one`;
      }
      seen.set(key, v.name ?? '');
    }
    return null;
  },
};

export const labelOperations = defineOperations([
  {
    id: 'createLabel',
    title: 'Create label',
    family,
    description: 'Create a governance label (a key such as "Sensitivity") with its values ("High", "Low"), each with an optional colour.',
    docs: docs('createLabel'),
    lifecycle: 'BETA',
    method: 'POST',
    path: '/governance/api/v1/labels',
    successStatus: 201,
    scopes: manage,
    adminRoles,
    inputs: {
      name: bodyField('/name', labelName, {
        label: 'Label name',
        help: 'The label key, 1–50 characters, unique in the org ignoring case.',
        required: true,
        example: 'Sensitivity',
      }),
      labelValues: bodyField(
        '/values',
        Type.Array(Type.Object({ name: labelName, color: Type.Optional(color) }, { additionalProperties: false }), {
          minItems: 1,
          maxItems: 10,
        }),
        {
          label: 'Values',
          help: `Up to 10 values, each a name (1–50 characters) and an optional colour: ${labelColors.join(', ')}.`,
          each: { name: '/name', color: '/metadata/additionalProperties/backgroundColor' },
          example: [{ name: 'High', color: 'red' }, { name: 'Low' }],
        },
      ),
      values: bodyField(
        '/values',
        Type.Array(
          Type.Object(
            {
              name: labelName,
              metadata: Type.Optional(
                Type.Object(
                  {
                    additionalProperties: Type.Optional(
                      Type.Object({ backgroundColor: Type.Optional(color) }, { additionalProperties: false }),
                    ),
                  },
                  { additionalProperties: false },
                ),
              ),
            },
            { additionalProperties: false },
          ),
          { maxItems: 10 },
        ),
        {
          label: 'Values (API form)',
          help: 'The values as the API takes them: [{name, metadata: {additionalProperties: {backgroundColor}}}]. Use instead of Values.',
          advanced: true,
        },
      ),
    },
    oneOf: [['labelValues', 'values']],
    rules: [uniqueValueNames],
    response: label,
    outputs: labelOutputs,
  },
  {
    id: 'listLabels',
    title: 'List labels',
    family,
    description: 'List the labels of the org with their values, optionally only those with a value whose name starts with or contains some text.',
    docs: docs('listLabels'),
    lifecycle: 'BETA',
    method: 'GET',
    path: '/governance/api/v1/labels',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1, maxLength: 1000 }), {
        label: 'Filter',
        help: 'Optional. Match on value names with sw (starts with) or co (contains), e.g. values.name sw "Hi".',
        example: 'values.name co "High"',
      }),
    },
    response: null,
    list: {
      item: label,
      paginated: false,
      itemOutputs: labelOutputs,
    },
    outputs: {},
  },
  {
    id: 'getLabel',
    title: 'Get label',
    family,
    description: 'Read one label with its values and their ids.',
    docs: docs('getLabel'),
    lifecycle: 'BETA',
    method: 'GET',
    path: '/governance/api/v1/labels/{labelId}',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: { labelId: labelIdParam },
    response: label,
    outputs: labelOutputs,
  },
  {
    id: 'updateLabel',
    title: 'Update label',
    family,
    description: 'Rename a label, or add, rename, recolour or remove its values, with up to 10 operations applied together. Predefined labels can\'t be changed.',
    docs: docs('updateLabel'),
    lifecycle: 'BETA',
    method: 'PATCH',
    path: '/governance/api/v1/labels/{labelId}',
    successStatus: 200,
    scopes: manage,
    adminRoles,
    inputs: {
      labelId: labelIdParam,
      operations: bodyRoot(
        Type.Array(
          Type.Object(
            {
              op: enumOf(['ADD', 'REMOVE', 'REPLACE']),
              path: Type.String({ minLength: 1, maxLength: 200, pattern: '^/(name|values/-|values/[0-9a-zA-Z]{20}(/name|/metadata/additionalProperties/backgroundColor)?)$' }),
              value: Type.Optional(
                Type.Union([
                  Type.String({ maxLength: 50 }),
                  Type.Object(
                    {
                      name: Type.Optional(labelName),
                      metadata: Type.Optional(
                        Type.Object(
                          {
                            additionalProperties: Type.Optional(
                              Type.Object({ backgroundColor: Type.Optional(color) }, { additionalProperties: false }),
                            ),
                          },
                          { additionalProperties: false },
                        ),
                      ),
                    },
                    { additionalProperties: false },
                  ),
                ]),
              ),
              refType: enumOf(['LABEL-CATEGORY', 'LABEL-VALUE']),
            },
            { additionalProperties: false },
          ),
          { minItems: 1, maxItems: 10 },
        ),
        {
          label: 'Operations',
          help: 'Up to 10 changes. Rename the label: {op: REPLACE, path: /name, value: "New name", refType: LABEL-CATEGORY}. Add a value: {op: ADD, path: /values/-, value: {name}, refType: LABEL-VALUE}. Remove one: {op: REMOVE, path: /values/<labelValueId>, refType: LABEL-VALUE}.',
          required: true,
          example: [{ op: 'REPLACE', path: '/name', value: 'Data sensitivity', refType: 'LABEL-CATEGORY' }],
        },
      ),
    },
    response: label,
    outputs: labelOutputs,
  },
  {
    id: 'deleteLabel',
    title: 'Delete label',
    family,
    description: 'Delete a label and its values. Okta refuses while any of its values is still assigned to a resource: remove those first.',
    docs: docs('deleteLabel'),
    lifecycle: 'BETA',
    method: 'DELETE',
    path: '/governance/api/v1/labels/{labelId}',
    successStatus: 204,
    scopes: manage,
    adminRoles,
    inputs: { labelId: labelIdParam },
    response: null,
    outputs: {},
  },
  {
    id: 'assignResourceLabels',
    title: 'Assign labels to resources',
    family,
    description: 'Put label values on resources: every listed resource gets every listed value (up to 10 × 10). A resource holds at most 10 values.',
    docs: docs('assignResourceLabels'),
    lifecycle: 'BETA',
    method: 'POST',
    path: '/governance/api/v1/resource-labels/assign',
    successStatus: 200,
    scopes: manage,
    adminRoles,
    // Assigning the same values twice leaves the same state, so a retry can't duplicate anything.
    idempotent: true,
    inputs: { resourceOrns, labelValueIds },
    response: null,
    list: { item: labelledResource, paginated: false, itemOutputs: { orn: out('/orn', 'Resource ORN'), name: out('/profile/name', 'Resource name'), labels: out('/labels', 'Labels') } },
    outputs: {},
  },
  {
    id: 'removeResourceLabels',
    title: 'Remove labels from resources',
    family,
    description: 'Take label values off resources: every listed value is removed from every listed resource.',
    docs: docs('removeResourceLabels'),
    lifecycle: 'BETA',
    method: 'POST',
    path: '/governance/api/v1/resource-labels/unassign',
    successStatus: 204,
    scopes: manage,
    adminRoles,
    idempotent: true,
    inputs: { resourceOrns, labelValueIds },
    response: null,
    outputs: {},
  },
  {
    id: 'listLabelResources',
    title: 'List labelled resources',
    family,
    description: 'List resources with their labels. A filter is required: by resource (orn eq), by label value (labelValueId eq) or by kind of resource (resourceType eq).',
    docs: docs('listLabelResources'),
    lifecycle: 'BETA',
    method: 'GET',
    path: '/governance/api/v1/resource-labels',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1, maxLength: 2000 }), {
        label: 'Filter',
        help: 'Required. labelValueId eq "lbl…", orn eq "orn:…" or resourceType eq "apps" (groups, entitlement-bundles, entitlement-values, collections), combined with AND / OR.',
        required: true,
        example: 'labelValueId eq "lbl18v2len2Lk29141d7"',
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    response: null,
    list: {
      item: labelledResource,
      paginated: true,
      itemOutputs: { orn: out('/orn', 'Resource ORN'), name: out('/profile/name', 'Resource name'), labels: out('/labels', 'Labels') },
    },
    outputs: {},
  },
]);
