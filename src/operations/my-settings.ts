/**
 * My settings: the governance settings of the user the connection acts as — their delegate (who gets
 * their reviews and approvals while they are away) and what the org lets them do about it. These are
 * end-user calls: they read and change the settings of the token's own user, never someone else's
 * (an admin uses "Set delegate for user" for that).
 *
 * API rules worth knowing: at most one delegate appointment; an empty list removes it. Users can set
 * their own delegate only when the org's delegate permission is WRITE (see org governance settings).
 * Eligible delegates are found by first or last name (`sw`, starts with); the filter is required.
 */
import { Type } from '@sinclair/typebox';
import { list, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { bodyField, listControls, out, queryParam } from '../model/fields.ts';
import { loose } from './tolerant-shapes.ts';
import {
  appointmentRecord,
  appointmentWindow,
  delegateAlternatives,
  delegateInputs,
  delegateOutputs,
  delegatesExample,
  delegatesGiven,
  delegatesHelp,
  delegatesInput,
} from './principal-settings.ts';

const defaults: FamilyDefaults = {
  family: 'My settings',
  docs: { api: 'governance.api', tag: 'My-Settings' },
  lifecycle: 'BETA',
  // End-user calls: no admin role; they act as the connection's own user.
  adminRoles: [],
  scopes: { read: ['okta.governance.principalSettings.read'], manage: ['okta.governance.principalSettings.manage'] },
};

const mySettings = loose({
  delegates: loose({
    appointments: Type.Array(appointmentRecord),
    permissions: Type.Array(Type.String({ description: 'READ or WRITE' })),
  }),
});

const myOutputs = {
  ...delegateOutputs,
  delegatePermissions: out('/delegates/permissions', 'My delegate permission', 'READ (see my delegate) or WRITE (also set it), as a one-item list.'),
};

const delegateUser = loose({ id: Type.String(), firstName: Type.String(), lastName: Type.String(), email: Type.String() });

export const mySettingsOperations = defineFamily(defaults, [
  {
    id: 'getMySettings',
    title: 'Get my settings',
    description: 'Read the governance settings of the connection\'s own user: their delegate, if any, and whether they may change it.',
    method: 'GET',
    path: '/governance/api/v1/my/settings',
    inputs: {},
    answer: object(mySettings, myOutputs),
  },
  {
    id: 'updateMySettings',
    title: 'Set my delegate',
    description: 'Appoint (or remove) the delegate of the connection\'s own user. Works when the org lets end users set their delegates (WRITE).',
    method: 'PATCH',
    path: '/governance/api/v1/my/settings',
    // The appointment given replaces the stored one, so sending it twice leaves the same delegate.
    idempotent: true,
    inputs: {
      ...delegateInputs,
      delegateUserId: { ...delegateInputs.delegateUserId, help: `${delegateInputs.delegateUserId.help} Find eligible people with "List my eligible delegates".` },
      delegates: bodyField('/delegates', delegatesInput, {
        label: 'Delegate (API form)',
        help: `${delegatesHelp} Find eligible people with "List my eligible delegates".`,
        advanced: true,
        example: delegatesExample,
      }),
    },
    atMostOne: delegateAlternatives,
    rules: [delegatesGiven, appointmentWindow],
    answer: object(mySettings, myOutputs),
  },
  {
    id: 'listMyDelegateUsers',
    title: 'List my eligible delegates',
    description: 'Find users the connection\'s own user may appoint as delegate, by the start of their first or last name.',
    method: 'GET',
    path: '/governance/api/v1/my/settings/delegate/users',
    inputs: {
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
      item: delegateUser,
      paginated: true,
      itemOutputs: {
        id: out('/id', 'User ID'),
        firstName: out('/firstName', 'First name'),
        lastName: out('/lastName', 'Last name'),
        email: out('/email', 'Email'),
      },
    }),
  },
]);
