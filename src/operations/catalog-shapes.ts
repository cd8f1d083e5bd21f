/**
 * Shapes both catalog families share: the admin's view of the catalog (catalogs.ts) and the
 * connection's own user's view (my-catalogs.ts) return the same entries and request fields, and
 * list entries with the same filter and paging.
 */
import { Type } from '@sinclair/typebox';
import { listControls, out, queryParam } from '../model/fields.ts';
import { loose } from './tolerant-shapes.ts';

// ---- Response shapes ----

export const catalogEntry = loose({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  label: Type.String({ description: 'What kind of entry, e.g. Application' }),
  parent: Type.String(),
  requestable: Type.Boolean(),
  counts: loose({ resourceCounts: loose({ applications: Type.Integer() }) }),
  // The real server sends `logo` as a list where the spec says object; nothing here pins its shape.
  _links: loose({ self: loose({ href: Type.String() }) }),
});

/** The questions a request for an entry must answer, and the risk verdict on it. */
export const entryRequestFields = loose({
  data: Type.Array(
    loose({
      id: Type.String(),
      type: Type.String({ description: 'TEXT, SELECT, MULTISELECT, ISO_DATE, DURATION or OKTA_USER_ID' }),
      label: Type.String(),
      required: Type.Boolean(),
      readOnly: Type.Boolean(),
      choices: Type.Array(Type.String()),
      value: Type.String(),
      maximumValue: Type.String(),
    }),
  ),
  metadata: loose({
    riskAssessment: loose({
      requestSubmissionType: Type.String({ description: 'ALLOWED_WITH_NO_OVERRIDES, ALLOWED_WITH_OVERRIDES or RESTRICTED' }),
      riskRules: Type.Array(loose({ name: Type.String(), description: Type.String(), resourceName: Type.String() })),
    }),
  }),
});

// ---- Outputs ----

/** The outputs of one entry; the families word "Requestable" for their reader. */
export const catalogEntryOutputs = (requestableHelp: string) => ({
  id: out('/id', 'Entry ID'),
  name: out('/name', 'Name'),
  label: out('/label', 'Kind', 'What the entry is, e.g. Application.'),
  parent: out('/parent', 'Parent entry ID', 'Empty for a top-level entry.'),
  requestable: out('/requestable', 'Requestable', requestableHelp),
  description: out('/description', 'Description'),
});

/** An entry in a list: the same outputs without the description. */
export const catalogEntryListOutputs = (outputs: ReturnType<typeof catalogEntryOutputs>) => ({
  id: outputs.id,
  name: outputs.name,
  label: outputs.label,
  parent: outputs.parent,
  requestable: outputs.requestable,
});

// ---- Inputs of the entry lists ----

/** The entry lists answer only these two filters (API-NOTES §2.4). */
export const entryFilter = queryParam('filter', Type.String({ minLength: 1 }), {
  label: 'Filter',
  help: 'Required. not(parent pr) for the top-level entries, or parent eq "cen…" for the entries under one entry.',
  required: true,
  example: 'not(parent pr)',
});

export const entryPaging = {
  limit: listControls.limit(200),
  after: listControls.after(Type.String({ minLength: 20, maxLength: 20 })),
};
