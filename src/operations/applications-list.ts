/**
 * Applications, the list: finding app integrations by name or label (core Okta, management API).
 * Kept apart from applications.ts (getApplication) only so the two can change independently; both
 * belong to the Applications family.
 *
 * API rules worth knowing: the list is a bare JSON array paged by the `Link` header; `q` matches the
 * start of the app's label or technical name, `filter` takes e.g. name eq "salesforce" or status eq "ACTIVE".
 */
import { Type } from '@sinclair/typebox';
import { defineOperations } from '../model/operation.ts';
import { listControls, out, queryParam } from '../model/fields.ts';
import { docsLink } from '../model/docs.ts';

const app = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  label: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  signOnMode: Type.Optional(Type.String()),
});

export const applicationListOperations = defineOperations([
  {
    id: 'listApplications',
    title: 'List applications',
    family: 'Applications',
    description: 'Find app integrations by the start of their label or technical name, or by a filter such as status eq "ACTIVE".',
    docs: docsLink('management', 'Application', 'listApplications'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/api/v1/apps',
    successStatus: 200,
    scopes: ['okta.apps.read'],
    adminRoles: ['SUPER_ADMIN', 'APP_ADMIN', 'READ_ONLY_ADMIN'],
    inputs: {
      q: queryParam('q', Type.String({ minLength: 1 }), {
        label: 'Label or name starts with',
        help: 'Apps whose label (as shown in the Admin Console) or technical name starts with this text. Compare the labels yourself for an exact match.',
        example: 'Salesforce',
      }),
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'A filter such as status eq "ACTIVE", name eq "salesforce", user.id eq "00u…" or group.id eq "00g…".',
      }),
      limit: listControls.limit(200),
      after: listControls.after(),
    },
    response: null,
    // A bare JSON list, paged by the Link header.
    list: {
      item: app,
      paginated: true,
      itemsAt: '',
      itemOutputs: {
        id: out('/id', 'App ID'),
        name: out('/name', 'Technical name', 'The app\'s name in ORNs, e.g. salesforce.'),
        label: out('/label', 'Label'),
        status: out('/status', 'Status'),
      },
    },
    outputs: {},
  },
]);
