/**
 * Delegates (BETA): who stands in for whom. A user (the delegator) appoints another user (the
 * delegate) to take over their governance work, such as access reviews, for a while or for good.
 *
 * API rules worth knowing: appointments are made through the principal settings of the delegator
 * (updatePrincipalSettings, or "My settings" for oneself); this family only lists them, org-wide.
 * The only filter is delegatorId eq "00u…", which can be OR-ed. Appointment ids start with gda.
 */
import { Type } from '@sinclair/typebox';
import { list } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { listControls, out, queryParam } from '../model/fields.ts';
import { isoDateTime } from '../model/date-time.ts';

const defaults: FamilyDefaults = {
  family: 'Delegates',
  docs: { api: 'governance.api', tag: 'Delegates' },
  lifecycle: 'BETA',
  adminRoles: ['SUPER_ADMIN'],
  scopes: { read: ['okta.governance.delegates.read'] },
};

const principal = Type.Object({ externalId: Type.Optional(Type.String()), type: Type.Optional(Type.String()) });
const appointment = Type.Object({
  id: Type.Optional(Type.String()),
  delegator: Type.Optional(principal),
  delegate: Type.Optional(principal),
  startTime: Type.Optional(isoDateTime),
  endTime: Type.Optional(isoDateTime),
  note: Type.Optional(Type.String()),
  created: Type.Optional(isoDateTime),
  createdBy: Type.Optional(Type.String()),
  lastUpdated: Type.Optional(isoDateTime),
  lastUpdatedBy: Type.Optional(Type.String()),
});

export const delegateOperations = defineFamily(defaults, [
  {
    id: 'listDelegateAppointments',
    title: 'List delegate appointments',
    description: 'List who has appointed whom as their delegate, for the whole org or for some delegators, with each appointment\'s period and note.',
    method: 'GET',
    path: '/governance/api/v1/delegates',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. delegatorId eq "00u…" for one delegator; join several with OR.',
        example: 'delegatorId eq "00uxh48r7spvNXo2g1d7"',
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({
      item: appointment,
      paginated: true,
      itemOutputs: {
        appointmentId: out('/id', 'Appointment ID'),
        delegatorId: out('/delegator/externalId', 'Delegator user ID'),
        delegateId: out('/delegate/externalId', 'Delegate user ID'),
        startTime: out('/startTime', 'Starts'),
        endTime: out('/endTime', 'Ends'),
        note: out('/note', 'Note'),
      },
    }),
  },
]);
