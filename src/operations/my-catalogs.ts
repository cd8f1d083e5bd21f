/**
 * My catalogs: the access request catalog as the connection's own user sees it — the entries they may
 * request, the questions a request must answer, and (where an app allows requests for others) the
 * people they may request for. These are end-user calls: they act as the token's user; an admin
 * browsing the catalog for someone else uses the Catalogs cards.
 *
 * API rules worth knowing (API-NOTES §2.4): the entry list requires a filter, and only two forms
 * exist — `not(parent pr)` for the top level and `parent eq "cen…"` for the entries under one entry;
 * `match` searches names and descriptions and needs 3–50 characters. People to request for are
 * found by first or last name (`sw`); that list and their request fields only answer when the app
 * allows requests on behalf of others and the user may make them.
 */
import { Type } from '@sinclair/typebox';
import { list, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { ids } from '../model/ids.ts';
import {
  catalogEntry as entry,
  catalogEntryListOutputs,
  catalogEntryOutputs,
  entryFilter,
  entryPaging,
  entryRequestFields as requestFields,
} from './catalog-shapes.ts';
import { loose } from './tolerant-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'My catalogs',
  docs: { api: 'governance.requests.enduser.v2', tag: 'My-Catalogs' },
  lifecycle: 'GA',
  // End-user calls: no admin role; they act as the connection's own user.
  adminRoles: [],
  scopes: { read: ['okta.accessRequests.catalog.read'] },
};

const entryOutputs = catalogEntryOutputs('Whether I can file a request for this entry.');

const requestFieldOutputs = {
  fields: out('/data', 'Questions', 'Each with its id (use it in "Request access from my catalog"), type, label, whether it is required and, for a choice, its choices.'),
  requestSubmissionType: out(
    '/metadata/riskAssessment/requestSubmissionType',
    'Risk verdict',
    'ALLOWED_WITH_NO_OVERRIDES, ALLOWED_WITH_OVERRIDES or RESTRICTED (the request would be refused). Empty when no risk rule applies.',
  ),
  riskRules: out('/metadata/riskAssessment/riskRules', 'Risk rules that apply'),
};

const entryUser = loose({ id: Type.String(), firstName: Type.String(), lastName: Type.String(), email: Type.String() });

const entryId = pathParam('entryId', ids.catalogEntry, {
  label: 'Catalog entry ID',
  help: 'The catalog entry (cen…). "List my catalog entries" gives it.',
  example: 'cen8f3qBx2YuMc7Pt0g7',
});

export const myCatalogOperations = defineFamily(defaults, [
  {
    id: 'listMyDefaultEntriesV2',
    title: 'List my catalog entries',
    description:
      'List the catalog entries the connection\'s own user may request: the top level, or the entries under one entry, optionally matching a search text.',
    method: 'GET',
    path: '/governance/api/v2/my/catalogs/default/entries',
    inputs: {
      filter: entryFilter,
      match: queryParam('match', Type.String({ minLength: 3, maxLength: 50 }), {
        label: 'Search',
        help: 'Optional. Only entries whose name or description contains this text, 3–50 characters.',
        example: 'finance',
      }),
      ...entryPaging,
    },
    answer: list({ item: entry, paginated: true, itemOutputs: catalogEntryListOutputs(entryOutputs) }),
  },
  {
    id: 'getMyEntryV2',
    title: 'Get my catalog entry',
    description: 'Read one catalog entry as the connection\'s own user sees it: its name, kind, parent and whether they can request it.',
    method: 'GET',
    path: '/governance/api/v2/my/catalogs/default/entries/{entryId}',
    inputs: { entryId },
    answer: object(entry, { ...entryOutputs, link: out('/_links/self/href', 'Link') }),
  },
  {
    // Not a list card: besides the fields (`data`), the body carries the risk assessment, which a
    // flow checks before filing the request.
    id: 'getMyCatalogEntryRequestFieldsV2',
    title: 'Get my catalog entry request fields',
    description:
      'Read the questions the connection\'s own user must answer to request this entry (with their ids), and whether risk rules allow, reroute or refuse the request.',
    method: 'GET',
    path: '/governance/api/v2/my/catalogs/default/entries/{entryId}/request-fields',
    scopes: ['okta.accessRequests.request.read'],
    inputs: { entryId },
    answer: object(requestFields, requestFieldOutputs),
  },
  {
    id: 'listMyEntryUsersV2',
    title: 'List people I can request entry for',
    description:
      'Find the users the connection\'s own user may request this entry for, by the start of their first or last name. Answers only when the app allows requests for others.',
    method: 'GET',
    path: '/governance/api/v2/my/catalogs/default/entries/{entryId}/users',
    inputs: {
      entryId,
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Required. firstName sw "…" and/or lastName sw "…" (starts with), joined with OR or AND.',
        required: true,
        example: 'firstName sw "Ali" OR lastName sw "Ali"',
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({
      item: entryUser,
      paginated: true,
      itemOutputs: {
        id: out('/id', 'User ID'),
        firstName: out('/firstName', 'First name'),
        lastName: out('/lastName', 'Last name'),
        email: out('/email', 'Email'),
      },
    }),
  },
  {
    id: 'getMyCatalogEntryUserRequestFieldsV2',
    title: 'Get my catalog entry request fields for a user',
    description:
      'Read the questions to answer when the connection\'s own user requests this entry for someone else, and the risk verdict for that person. Answers only when the app allows requests for others.',
    method: 'GET',
    path: '/governance/api/v2/my/catalogs/default/entries/{entryId}/users/{userId}/request-fields',
    inputs: {
      entryId,
      userId: pathParam('userId', ids.user, {
        label: 'Requested for (user ID)',
        help: 'The user (00u…) the access would be for. "List people I can request entry for" gives them.',
        example: '00u8f2kq7TxLmWn3p0g7',
      }),
    },
    answer: object(requestFields, requestFieldOutputs),
  },
]);
