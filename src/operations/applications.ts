/**
 * Applications: the core Okta calls the label flow needs. An app's ORN carries its technical name
 * (orn:okta:idp:<orgId>:apps:<name>:<appId>), which an app id alone doesn't tell; admins know apps by
 * their label, which the list finds (`q` matches the start of the label or the technical name; the
 * list is a bare JSON array paged by the `Link` header).
 */
import { Type } from '@sinclair/typebox';
import { list, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { ids } from '../model/ids.ts';

const defaults: FamilyDefaults = {
  family: 'Applications',
  docs: { api: 'management', tag: 'Application' },
  lifecycle: 'GA',
  adminRoles: ['SUPER_ADMIN', 'APP_ADMIN'],
  scopes: { read: ['okta.apps.read'] },
};

const app = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  label: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  signOnMode: Type.Optional(Type.String()),
});

const appOutputs = {
  id: out('/id', 'App ID'),
  name: out('/name', 'Technical name', 'The app\'s name in ORNs, e.g. oidc_client or salesforce.'),
  label: out('/label', 'Label'),
  status: out('/status', 'Status'),
};

export const applicationOperations = defineFamily(defaults, [
  {
    id: 'getApplication',
    title: 'Get application',
    description: 'Read one app integration: its label, its technical name (used in ORNs) and its status.',
    method: 'GET',
    path: '/api/v1/apps/{appId}',
    inputs: {
      appId: pathParam('appId', ids.app, { label: 'App ID', help: 'The app integration (0oa…), as in the Admin Console URL.', example: '0oafxqCAJWWGELFTYASJ' }),
    },
    answer: object(app, appOutputs),
  },
  {
    id: 'listApplications',
    title: 'List applications',
    description: 'Find app integrations by the start of their label or technical name, or by a filter such as status eq "ACTIVE".',
    method: 'GET',
    path: '/api/v1/apps',
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
    answer: list({ item: app, paginated: true, itemsAt: '', itemOutputs: appOutputs }),
  },
]);
