/**
 * Applications: one core Okta call the label flow needs. An app's ORN carries its technical name
 * (orn:okta:idp:<orgId>:apps:<name>:<appId>), which an app id alone doesn't tell.
 */
import { Type } from '@sinclair/typebox';
import { defineOperations } from '../model/operation.ts';
import { out, pathParam } from '../model/fields.ts';
import { docsLink } from '../model/docs.ts';
import { ids } from '../model/ids.ts';

const app = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  label: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  signOnMode: Type.Optional(Type.String()),
});

export const applicationOperations = defineOperations([
  {
    id: 'getApplication',
    title: 'Get application',
    family: 'Applications',
    description: 'Read one app integration: its label, its technical name (used in ORNs) and its status.',
    docs: docsLink('management', 'Application', 'getApplication'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/api/v1/apps/{appId}',
    successStatus: 200,
    scopes: ['okta.apps.read'],
    adminRoles: ['SUPER_ADMIN', 'APP_ADMIN'],
    inputs: {
      appId: pathParam('appId', ids.app, { label: 'App ID', help: 'The app integration (0oa…), as in the Admin Console URL.', example: '0oafxqCAJWWGELFTYASJ' }),
    },
    response: app,
    outputs: {
      id: out('/id', 'App ID'),
      name: out('/name', 'Technical name', 'The app\'s name in ORNs, e.g. oidc_client or salesforce.'),
      label: out('/label', 'Label'),
      status: out('/status', 'Status'),
    },
  },
]);
