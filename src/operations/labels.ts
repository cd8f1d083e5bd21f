/**
 * Labels: governance labels (a key such as "Sensitivity" with up to 10 values such as "High") and
 * their assignment to resources (apps, groups, entitlement bundles, entitlement values, collections).
 *
 * API rules worth knowing (API-NOTES §6.5): names are unique org-wide ignoring case; an org has at
 * most 10 custom labels plus the predefined "Crown Jewel" and "Privileged", which can't be changed;
 * a label can only be deleted while none of its values is assigned to a resource.
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, bodyRoot, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { ids, orn } from '../model/ids.ts';
import { strict } from './record-shapes.ts';
import { loose } from './tolerant-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Labels',
  docs: { api: 'governance.api', tag: 'Labels' },
  lifecycle: 'BETA',
  adminRoles: ['SUPER_ADMIN'],
  scopes: { read: ['okta.governance.labels.read'], manage: ['okta.governance.labels.manage'] },
};

export const labelColors = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'teal', 'beige', 'gray'] as const;
const color = enumOf(labelColors);
const labelName = Type.String({ minLength: 1, maxLength: 50 });

// ---- Inputs: a value's colour lives at metadata.additionalProperties.backgroundColor ----

const colorMetadata = strict({ additionalProperties: Type.Optional(strict({ backgroundColor: Type.Optional(color) })) });
/** A value as the API takes it on create; on update every part is optional. */
const apiValue = strict({ name: labelName, metadata: Type.Optional(colorMetadata) });
const apiValueChange = strict({ name: Type.Optional(labelName), metadata: Type.Optional(colorMetadata) });

// ---- Responses (tolerant) and their outputs ----

const labelValue = loose({
  labelValueId: Type.String(),
  name: Type.String(),
  metadata: loose({ additionalProperties: loose({ backgroundColor: Type.String() }) }),
});
const label = loose({ labelId: Type.String(), name: Type.String(), values: Type.Array(labelValue), _links: Type.Object({}) });
const labelledResource = loose({
  orn: Type.String(),
  profile: loose({ id: Type.String(), name: Type.String(), description: Type.String() }),
  labels: Type.Array(label),
});

const labelOutputs = {
  labelId: out('/labelId', 'Label ID'),
  name: out('/name', 'Name'),
  values: out('/values', 'Values', 'Each value with its labelValueId, name and colour.'),
};
const labelledResourceOutputs = { orn: out('/orn', 'Resource ORN'), name: out('/profile/name', 'Resource name'), labels: out('/labels', 'Labels') };

// ---- Inputs several cards share ----

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

export const labelOperations = defineFamily(defaults, [
  {
    id: 'createLabel',
    title: 'Create label',
    description: 'Create a governance label (a key such as "Sensitivity") with its values ("High", "Low"), each with an optional colour.',
    method: 'POST',
    path: '/governance/api/v1/labels',
    successStatus: 201,
    inputs: {
      name: bodyField('/name', labelName, {
        label: 'Label name',
        help: 'The label key, 1–50 characters, unique in the org ignoring case.',
        required: true,
        example: 'Sensitivity',
      }),
      labelValues: bodyField(
        '/values',
        Type.Array(strict({ name: labelName, color: Type.Optional(color) }), {
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
        Type.Array(apiValue, { maxItems: 10 }),
        {
          label: 'Values (API form)',
          help: 'The values as the API takes them: [{name, metadata: {additionalProperties: {backgroundColor}}}]. Use instead of Values.',
          advanced: true,
        },
      ),
    },
    oneOf: [['labelValues', 'values']],
    rules: [uniqueValueNames],
    answer: object(label, labelOutputs),
  },
  {
    id: 'listLabels',
    title: 'List labels',
    description: 'List the labels of the org with their values, optionally only those with a value whose name starts with or contains some text.',
    method: 'GET',
    path: '/governance/api/v1/labels',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1, maxLength: 1000 }), {
        label: 'Filter',
        help: 'Optional. Match on value names with sw (starts with) or co (contains), e.g. values.name sw "Hi".',
        example: 'values.name co "High"',
      }),
    },
    answer: list({
      item: label,
      paginated: false,
      itemOutputs: labelOutputs,
    }),
  },
  {
    id: 'getLabel',
    title: 'Get label',
    description: 'Read one label with its values and their ids.',
    method: 'GET',
    path: '/governance/api/v1/labels/{labelId}',
    inputs: { labelId: labelIdParam },
    answer: object(label, labelOutputs),
  },
  {
    id: 'updateLabel',
    title: 'Update label',
    description: 'Rename a label, or add, rename, recolour or remove its values, with up to 10 operations applied together. Predefined labels can\'t be changed.',
    method: 'PATCH',
    path: '/governance/api/v1/labels/{labelId}',
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
                  apiValueChange,
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
    answer: object(label, labelOutputs),
  },
  {
    id: 'deleteLabel',
    title: 'Delete label',
    description: 'Delete a label and its values. Okta refuses while any of its values is still assigned to a resource: remove those first.',
    method: 'DELETE',
    path: '/governance/api/v1/labels/{labelId}',
    inputs: { labelId: labelIdParam },
    answer: noBody(),
  },
  {
    id: 'assignResourceLabels',
    title: 'Assign labels to resources',
    description: 'Put label values on resources: every listed resource gets every listed value (up to 10 × 10). A resource holds at most 10 values. From code or the oig CLI, apps and groups may be given by id (0oa…, 00g…).',
    method: 'POST',
    path: '/governance/api/v1/resource-labels/assign',
    // Assigning the same values twice leaves the same state, so a retry can't duplicate anything.
    idempotent: true,
    inputs: { resourceOrns, labelValueIds },
    answer: list({ item: labelledResource, paginated: false, itemOutputs: labelledResourceOutputs }),
  },
  {
    id: 'removeResourceLabels',
    title: 'Remove labels from resources',
    description: 'Take label values off resources: every listed value is removed from every listed resource. From code or the oig CLI, apps and groups may be given by id (0oa…, 00g…).',
    method: 'POST',
    path: '/governance/api/v1/resource-labels/unassign',
    successStatus: 204,
    idempotent: true,
    inputs: { resourceOrns, labelValueIds },
    answer: noBody(),
  },
  {
    id: 'listLabelResources',
    title: 'List labelled resources',
    description: 'List resources with their labels. A filter is required: by resource (orn eq), by label value (labelValueId eq) or by kind of resource (resourceType eq).',
    method: 'GET',
    path: '/governance/api/v1/resource-labels',
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
    answer: list({ item: labelledResource, paginated: true, itemOutputs: labelledResourceOutputs }),
  },
]);
