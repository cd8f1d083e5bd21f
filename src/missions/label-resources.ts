import { Type, type Static } from '@sinclair/typebox';
import { AUDIT_COMMON, type Mission } from './mission.ts';

export const LABEL_COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'teal', 'beige', 'gray'] as const;

const valueSpec = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }), color: Type.Optional(Type.String({ enum: [...LABEL_COLORS] })) },
  { additionalProperties: false },
);
const input = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 50, title: 'Label', description: 'The label, e.g. "Sensitivity": reused when it exists (case aside), created when new.', examples: ['Sensitivity'] }),
    values: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.Union([Type.String({ minLength: 1, maxLength: 50 }), valueSpec]), { minItems: 1, maxItems: 10 })], {
      title: 'Values',
      description: 'Values to put on the resources: names (comma-separated text or a list) or {name, color} objects; missing values are added to the label.',
      examples: ['High'],
    }),
    color: Type.Optional(Type.String({ enum: [...LABEL_COLORS], title: 'Colour of new values', description: `For values the label doesn't have yet: ${LABEL_COLORS.join(', ')}.`, examples: ['red'] })),
    resources: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 100 })], {
      title: 'Resources',
      description: 'Apps and groups, comma-separated or a list: by name, by id (0oa…, 00g…) or by ORN. The org id for ORNs is looked up.',
      examples: ['Salesforce, Finance Admins'],
    }),
  },
  { additionalProperties: false },
);
export type LabelResourcesInput = Static<typeof input>;

export const labelResourcesMission = {
  name: 'label-resources',
  title: 'Label resources',
  description:
    'Find the label by name (reading every page) or create it, add missing values, resolve the resources (names, ids or ORNs; the org id is looked up) and put the values on them.',
  input,
  form: ['label', 'values', 'color', 'resources'],
  cards: ['getOrganization', 'listApplications', 'listGroups', 'getApplication', 'getGroup', 'listLabels', 'createLabel', 'updateLabel', 'assignResourceLabels', 'listLabelResources'],
  messages: {
    unknownResource: 'No app or group is named "{{name}}", and it is no id (0oa…, 00g…) or ORN either. Check the spelling.',
    ambiguousResource: '"{{name}}" names more than one app or group; give its id (0oa… or 00g…) instead.',
    duplicateValue: 'The value "{{name}}" is listed twice (Okta ignores case in value names).',
    tooManyResources: '{{count}} resources given: label at most 100 at a time.',
    refused: "Okta didn't label the resources (HTTP {{status}}): {{summary}}",
  },
  audit: [
    ...AUDIT_COMMON,
    { key: 'label', label: 'Label', type: 'text' },
    { key: 'values', label: 'Values', type: 'text' },
    { key: 'resources', label: 'Resources (ORNs)', type: 'text' },
  ],
} as const satisfies Mission;
