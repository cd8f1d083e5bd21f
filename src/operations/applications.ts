/**
 * Applications: one core Okta call the label flow needs. An app's ORN carries its technical name
 * (orn:okta:idp:<orgId>:apps:<name>:<appId>), which an app id alone doesn't tell.
 */
import { Type } from '@sinclair/typebox';
import { object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { out, pathParam } from '../model/fields.ts';
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
    answer: object(app, {
      id: out('/id', 'App ID'),
      name: out('/name', 'Technical name', 'The app\'s name in ORNs, e.g. oidc_client or salesforce.'),
      label: out('/label', 'Label'),
      status: out('/status', 'Status'),
    }),
  },
]);
