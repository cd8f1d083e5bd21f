import { Type, type Static } from '@sinclair/typebox';
import { AUDIT_COMMON, type Mission } from './mission.ts';

export const LABEL_COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'teal', 'beige', 'gray'] as const;
/** Okta assigns labels to at most 10 resources per call; the job labels one call's worth per run. */
export const MAX_RESOURCES = 10;

const valueSpec = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }), color: Type.Optional(Type.String({ enum: [...LABEL_COLORS] })) },
  { additionalProperties: false },
);
const input = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 50, title: 'Label', description: 'The label, e.g. "Sensitivity": reused when it exists (case aside), created when new.', examples: ['Sensitivity'] }),
    values: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.Union([Type.String({ minLength: 1, maxLength: 50 }), valueSpec]), { minItems: 1, maxItems: 10 })], {
      title: 'Values',
      description: 'Values to put on the resources, comma-separated (a list or {name, color} objects in code); values the label lacks are added to it.',
      examples: ['High'],
    }),
    color: Type.Optional(
      Type.String({ enum: [...LABEL_COLORS], title: 'Colour of new values', description: `For values the label doesn't have yet: ${LABEL_COLORS.join(', ')}.`, examples: ['red'] }),
    ),
    resources: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: MAX_RESOURCES })], {
      title: 'Resources',
      description: `Up to ${MAX_RESOURCES} apps and groups, comma-separated: by name (an app's label or a group's name, case aside), by id (0oa…, 00g…) or by ORN. The org id for ORNs is looked up.`,
      examples: ['Salesforce, Finance'],
    }),
  },
  { additionalProperties: false },
);
export type LabelResourcesInput = Static<typeof input>;

export const labelResourcesMission = {
  name: 'label-resources',
  title: 'Label resources',
  description:
    'Find the label by name (reading every page; case aside) or create it, add the values it lacks, resolve the resources (names, ids or ORNs; the org id is looked up) and put the values on them.',
  input,
  form: ['label', 'values', 'color', 'resources'],
  cards: [
    'listLabels',
    'getWellknownOrgMetadata',
    'getApplication',
    'getGroup',
    'listApplications',
    'listGroups',
    'createLabel',
    'updateLabel',
    'assignResourceLabels',
  ],
  messages: {
    needLabel: 'Type the label, e.g. Sensitivity.',
    needValues: 'Type at least one value, e.g. High.',
    needResources: 'Name at least one app or group (by name, id or ORN).',
    unknownResource: 'No app or group is named "{{name}}" (an app\'s label or a group\'s name, case aside), and it is no id (0oa…, 00g…) or ORN either. Check the spelling.',
    ambiguousResource: '"{{name}}" names {{count}} apps and groups; give the id (0oa… or 00g…) of the one you mean instead.',
    unknownId: 'Okta couldn\'t read the {{kind}} {{id}} (HTTP {{status}}): {{summary}}. Check the id, or give the name.',
    tooManyResources: '{{count}} resources given: label at most 10 at a time (Okta\'s limit per call); run it again for the rest.',
    labelRefused: "Okta didn't create or change the label \"{{label}}\" (HTTP {{status}}): {{summary}}",
    refused: "Okta didn't label the resources (HTTP {{status}}): {{summary}}",
  },
  audit: [
    ...AUDIT_COMMON,
    { key: 'label', label: 'Label', type: 'text' },
    { key: 'labelId', label: 'Label ID', type: 'text' },
    { key: 'values', label: 'Values', type: 'text' },
    { key: 'valueIds', label: 'Label value IDs', type: 'text' },
    { key: 'resources', label: 'Resources (ORNs)', type: 'text' },
  ],
} as const satisfies Mission;
