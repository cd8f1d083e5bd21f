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
import { defineOperations } from '../model/operation.ts';
import { bodyField, listControls, out, queryParam } from '../model/fields.ts';
import { docsLink } from '../model/docs.ts';
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

const family = 'My settings';
const docs = (id: string) => docsLink('governance.api', 'My-Settings', id);
const read = ['okta.governance.principalSettings.read'];
const manage = ['okta.governance.principalSettings.manage'];
// End-user calls: no admin role; they act as the connection's own user.
const adminRoles: string[] = [];


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

export const mySettingsOperations = defineOperations([
  {
    id: 'getMySettings',
    title: 'Get my settings',
    family,
    description: 'Read the governance settings of the connection\'s own user: their delegate, if any, and whether they may change it.',
    docs: docs('getMySettings'),
    lifecycle: 'BETA',
    method: 'GET',
    path: '/governance/api/v1/my/settings',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: {},
    response: mySettings,
    outputs: myOutputs,
  },
  {
    id: 'updateMySettings',
    title: 'Set my delegate',
    family,
    description: 'Appoint (or remove) the delegate of the connection\'s own user. Works when the org lets end users set their delegates (WRITE).',
    docs: docs('updateMySettings'),
    lifecycle: 'BETA',
    method: 'PATCH',
    path: '/governance/api/v1/my/settings',
    successStatus: 200,
    scopes: manage,
    adminRoles,
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
    response: mySettings,
    outputs: myOutputs,
  },
  {
    id: 'listMyDelegateUsers',
    title: 'List my eligible delegates',
    family,
    description: 'Find users the connection\'s own user may appoint as delegate, by the start of their first or last name.',
    docs: docs('listMyDelegateUsers'),
    lifecycle: 'BETA',
    method: 'GET',
    path: '/governance/api/v1/my/settings/delegate/users',
    successStatus: 200,
    scopes: read,
    adminRoles,
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
    response: null,
    list: {
      item: delegateUser,
      paginated: true,
      itemOutputs: {
        id: out('/id', 'User ID'),
        firstName: out('/firstName', 'First name'),
        lastName: out('/lastName', 'Last name'),
        email: out('/email', 'Email'),
      },
    },
    outputs: {},
  },
]);
