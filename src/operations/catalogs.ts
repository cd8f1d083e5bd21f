/**
 * Catalogs: the default access request catalog, where a v2 access request finds what it asks for.
 * Entries form a tree: top-level entries (apps) and their children (bundles, groups offered through
 * the app). A request names an entry by its `cen…` id; "Get catalog entry request fields" tells
 * which questions a request for that entry and user must answer, and whether risk rules allow it.
 *
 * API rules worth knowing (API-NOTES §2.4): the entry lists require a filter, and only two forms
 * exist — `not(parent pr)` for the top level and `parent eq "cen…"` for the children of one entry;
 * `match` searches names and needs 3–50 characters.
 */
import { Type } from '@sinclair/typebox';
import { list, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { out, pathParam, queryParam } from '../model/fields.ts';
import { ids } from '../model/ids.ts';
import {
  catalogEntry as entry,
  catalogEntryListOutputs,
  catalogEntryOutputs,
  entryFilter,
  entryPaging,
  entryRequestFields as requestFields,
} from './catalog-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Catalogs',
  docs: { api: 'governance.requests.admin.v2', tag: 'Catalogs' },
  lifecycle: 'EA',
  adminRoles: ['ACCESS_REQUESTS_ADMIN'],
  scopes: { read: ['okta.accessRequests.catalog.read'] },
};

const entryOutputs = catalogEntryOutputs('Whether a request can name this entry.');

const entryId = pathParam('entryId', ids.catalogEntry, {
  label: 'Catalog entry ID',
  help: 'The catalog entry (cen…). Find it with "List catalog entries".',
  example: 'cen1a2B3c4D5e6F7g8H9',
});
const userId = pathParam('userId', ids.user, {
  label: 'User ID',
  help: 'The user (00u…) the catalog is seen by.',
  example: '00u1a2B3c4D5e6F7g8H9',
});

const entryListInputs = {
  filter: entryFilter,
  match: queryParam('match', Type.String({ minLength: 3, maxLength: 50 }), {
    label: 'Search',
    help: 'Optional. Only entries whose name matches this text, 3–50 characters.',
    example: 'finance',
  }),
  ...entryPaging,
};

const entryList = {
  item: entry,
  paginated: true,
  itemOutputs: catalogEntryListOutputs(entryOutputs),
};

export const catalogOperations = defineFamily(defaults, [
  {
    id: 'listAllDefaultEntriesV2',
    title: 'List catalog entries',
    description: 'List the entries of the default access request catalog: the top level, or the entries under one entry, optionally matching a search text.',
    method: 'GET',
    path: '/governance/api/v2/catalogs/default/entries',
    inputs: entryListInputs,
    answer: list(entryList),
  },
  {
    id: 'getCatalogEntryV2',
    title: 'Get catalog entry',
    description: 'Read one catalog entry: its name, kind, parent and whether it can be requested.',
    method: 'GET',
    path: '/governance/api/v2/catalogs/default/entries/{entryId}',
    inputs: { entryId },
    answer: object(entry, { ...entryOutputs, link: out('/_links/self/href', 'Link') }),
  },
  {
    id: 'listAllDefaultUserEntriesV2',
    title: 'List catalog entries for a user',
    description: 'List the catalog entries one user can see and request: the top level, or the entries under one entry, optionally matching a search text.',
    lifecycle: 'NONE',
    method: 'GET',
    path: '/governance/api/v2/catalogs/default/user/{userId}/entries',
    inputs: { userId, ...entryListInputs },
    answer: list(entryList),
  },
  {
    // Not a list card: besides the fields (`data`), the body carries the risk assessment, which a
    // flow checks before filing the request.
    id: 'getCatalogEntryRequestFieldsV2',
    title: 'Get catalog entry request fields',
    description: 'Read the questions a request for this entry and user must answer (with their ids), and whether risk rules allow, warn about or restrict the request.',
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/catalogs/default/entries/{entryId}/users/{userId}/request-fields',
    scopes: ['okta.accessRequests.request.read'],
    inputs: {
      entryId,
      userId: { ...userId, help: 'The user (00u…) the access would be requested for.' },
    },
    answer: object(requestFields, {
      fields: out('/data', 'Questions', 'Each with its id, type, label, whether it is required and, for a choice, its choices.'),
      requestSubmissionType: out(
        '/metadata/riskAssessment/requestSubmissionType',
        'Risk verdict',
        'ALLOWED_WITH_NO_OVERRIDES, ALLOWED_WITH_OVERRIDES or RESTRICTED (the request would be refused).',
      ),
      riskRules: out('/metadata/riskAssessment/riskRules', 'Risk rules that apply'),
    }),
  },
]);
