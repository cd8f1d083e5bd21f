/**
 * Entitlement settings (BETA): whether Okta manages the entitlements of an app (its roles,
 * permissions and other fine-grained access) — the switch called entitlement management.
 *
 * API rules worth knowing: the app is addressed by its ORN in the path, e.g.
 * /governance/api/v2/resources/orn:okta:idp:<orgId>:apps:<appName>:<appId>/entitlement-settings
 * (preview orgs use the partition `oktapreview`, API-NOTES §6.1). Switching is asynchronous: the
 * update answers 202 with OPTING_IN or OPTING_OUT, and a later read shows OPTED_IN or OPTED_OUT.
 */
import { Type } from '@sinclair/typebox';
import { object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { bodyField, enumOf, out, pathParam } from '../model/fields.ts';
import { orn } from '../model/ids.ts';

const defaults: FamilyDefaults = {
  family: 'Entitlement Settings',
  docs: { api: 'governance.api', tag: 'Entitlement-Settings' },
  lifecycle: 'BETA',
  adminRoles: ['APP_ADMIN'],
  scopes: { read: ['okta.governance.entitlements.read'], manage: ['okta.governance.entitlements.manage'] },
};

const settings = Type.Object({ status: Type.Optional(Type.String()) });
const settingsOutputs = {
  status: out('/status', 'Status', 'OPTED_IN or OPTED_OUT, or OPTING_IN / OPTING_OUT while Okta is still switching.'),
};

const resourceOrn = pathParam('resourceOrn', orn, {
  label: 'App ORN',
  help: 'The app as an Okta Resource Name: orn:okta:idp:<orgId>:apps:<appName>:<appId>.',
  example: 'orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oafxqCAJWWGELFTYASJ',
});

export const entitlementSettingsOperations = defineFamily(defaults, [
  {
    id: 'getEntitlementSettings',
    title: 'Get entitlement settings',
    description: 'Tell whether entitlement management is on for an app, off, or being switched.',
    method: 'GET',
    path: '/governance/api/v2/resources/{resourceOrn}/entitlement-settings',
    inputs: { resourceOrn },
    answer: object(settings, settingsOutputs),
  },
  {
    id: 'updateEntitlementSettings',
    title: 'Update entitlement settings',
    description:
      'Turn entitlement management on or off for an app. Okta accepts the change (202) and switches in the background: read the settings again to see it done.',
    method: 'PATCH',
    path: '/governance/api/v2/resources/{resourceOrn}/entitlement-settings',
    successStatus: 202,
    // Setting a status to a value: a repeat asks for the state already asked for.
    idempotent: true,
    inputs: {
      resourceOrn,
      status: bodyField('/status', enumOf(['OPTED_IN', 'OPTED_OUT']), {
        label: 'Status',
        help: 'OPTED_IN turns entitlement management on for the app, OPTED_OUT turns it off.',
        required: true,
        example: 'OPTED_IN',
      }),
    },
    answer: object(settings, settingsOutputs),
  },
]);
