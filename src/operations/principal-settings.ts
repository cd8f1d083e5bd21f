/**
 * Principal settings: the governance settings of one user, today their delegate — the person who
 * receives their review and approval work while they are away. An admin sets it here for anyone;
 * users set their own with "Update my settings" (when the org lets them, see org governance
 * settings).
 *
 * API rules worth knowing: a user has at most one delegate appointment; sending an empty list
 * removes it. The delegate is an Okta user given as {externalId: "00u…", type: "OKTA_USER"}; the note
 * is up to 1000 characters; start and end times are optional.
 *
 * The delegate can be given plainly (delegate user ID, note, start and end) — the card builds the
 * one appointment of the API's list from them — or in the API's own form, which is also how a
 * delegate is removed ({appointments: []}).
 */
import { Type } from '@sinclair/typebox';
import { object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import type { BusinessRule } from '../model/operation.ts';
import { bodyField, enumOf, out, pathParam } from '../model/fields.ts';
import { ids } from '../model/ids.ts';
import { instant, isoDateTime, timestamp } from '../model/date-time.ts';
import { loose } from './tolerant-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Principal settings',
  docs: { api: 'governance.api', tag: 'Principal-Settings' },
  lifecycle: 'BETA',
  adminRoles: ['SUPER_ADMIN'],
  scopes: { manage: ['okta.governance.principalSettings.manage'] },
};

// ---- The delegate appointment, as the API takes it (shared with "Update my settings") ----

const appointment = Type.Object(
  {
    delegate: Type.Object({ externalId: ids.user, type: enumOf(['OKTA_USER']) }, { additionalProperties: false }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    startTime: Type.Optional(isoDateTime),
    endTime: Type.Optional(isoDateTime),
  },
  { additionalProperties: false },
);

/** {appointments: [one appointment]} sets the delegate; {appointments: []} (or null) removes it. */
export const delegatesInput = Type.Object(
  { appointments: Type.Optional(Type.Union([Type.Array(appointment, { minItems: 0, maxItems: 1 }), Type.Null()])) },
  { additionalProperties: false },
);

/** The one appointment, field by field: the card writes them into {appointments: [{…}]}. */
const appointmentAt = (field: string) => `/delegates/appointments/0/${field}`;

export const delegateInputs = {
  delegateUserId: bodyField(appointmentAt('delegate/externalId'), ids.user, {
    label: 'Delegate user ID',
    help: 'The Okta user (00u…) who gets the governance work while the delegate is set.',
    set: { [appointmentAt('delegate/type')]: 'OKTA_USER' },
    example: '00u8f2ks1VbQrZy6h0g7',
  }),
  note: bodyField(appointmentAt('note'), Type.String({ maxLength: 1000 }), {
    label: 'Note',
    help: 'Optional. Why, or until when, up to 1000 characters; goes with Delegate user ID.',
    example: 'Covering approvals during parental leave',
  }),
  startTime: bodyField(appointmentAt('startTime'), isoDateTime, {
    label: 'Starts at',
    help: 'Optional. When the delegation begins (ISO 8601); goes with Delegate user ID.',
  }),
  endTime: bodyField(appointmentAt('endTime'), isoDateTime, {
    label: 'Ends at',
    help: 'Optional. When the delegation ends (ISO 8601, after Starts at); goes with Delegate user ID.',
  }),
};

/** The plain fields and the API form both set the delegate: one or the other. */
export const delegateAlternatives = [['delegateUserId', 'delegates']];

export const delegatesHelp =
  'The delegate: {appointments: [{delegate: {externalId: "00u…", type: "OKTA_USER"}, note?, startTime?, endTime?}]} (at most one appointment; note up to 1000 characters; times in ISO 8601). {appointments: []} removes the delegate.';

export const delegatesExample = {
  appointments: [{ delegate: { externalId: '00u8f2ks1VbQrZy6h0g7', type: 'OKTA_USER' }, note: 'Covering approvals during parental leave' }],
};

type DelegatesBody = { delegates?: { appointments?: { startTime?: string; endTime?: string; delegate?: { externalId?: string } }[] | null } };

export const appointmentWindow: BusinessRule = {
  id: 'delegate-appointment-window',
  field: 'delegates',
  description: 'A delegate appointment ends after it starts.',
  check: ({ body }) => {
    for (const a of (body as DelegatesBody | undefined)?.delegates?.appointments ?? []) {
      if (instant(a.endTime) <= instant(a.startTime)) {
        return `endTime ${a.endTime} must be after startTime ${a.startTime}: an appointment can't end before it starts; move the end later or drop it`;
      }
    }
    return null;
  },
};

/**
 * The API takes an empty update; it changes nothing, which a flow never means. A note or a time
 * alone would send an appointment without a delegate, which the API refuses.
 */
export const delegatesGiven: BusinessRule = {
  id: 'delegates-given',
  field: 'delegates',
  description: 'The update says who the delegate is (Delegate user ID, or delegates), or removes it (delegates: {appointments: []}).',
  check: ({ body }) => {
    const appointments = (body as DelegatesBody | undefined)?.delegates?.appointments;
    if (appointments === undefined) {
      return 'delegateUserId is required: give the delegate\'s user id ("00u…") to set the delegate, or delegates: {appointments: []} to remove it';
    }
    if (appointments?.some((a) => a.delegate?.externalId === undefined)) {
      return 'delegateUserId is required with a note, start or end time: they describe the appointment of a delegate; add delegateUserId ("00u…")';
    }
    return null;
  },
};

// ---- Response shapes (tolerant: every field optional, undeclared fields allowed) ----

const principal = loose({ externalId: Type.String(), type: Type.String() });

export const appointmentRecord = loose({
  id: Type.String(),
  delegator: principal,
  delegate: principal,
  note: Type.String(),
  startTime: timestamp,
  endTime: timestamp,
  created: timestamp,
  createdBy: Type.String(),
  lastUpdated: timestamp,
  lastUpdatedBy: Type.String(),
});

export const delegateOutputs = {
  delegateUserId: out('/delegates/appointments/0/delegate/externalId', 'Delegate user ID', 'Empty when no delegate is set.'),
  note: out('/delegates/appointments/0/note', 'Note'),
  startTime: out('/delegates/appointments/0/startTime', 'Starts at'),
  endTime: out('/delegates/appointments/0/endTime', 'Ends at'),
  appointmentId: out('/delegates/appointments/0/id', 'Appointment ID'),
  appointments: out('/delegates/appointments', 'Appointments', 'The delegate appointment as a list of at most one, with who appointed whom and when.'),
};

const principalSettings = loose({ delegates: loose({ appointments: Type.Array(appointmentRecord) }) });

export const principalSettingsOperations = defineFamily(defaults, [
  {
    id: 'updatePrincipalSettings',
    title: 'Set delegate for user',
    description: 'Appoint (or remove) the delegate of a user: the person who gets their governance work, such as reviews and approvals, while they are away.',
    method: 'PATCH',
    path: '/governance/api/v1/principal-settings/{targetPrincipalId}',
    // The appointment given replaces the stored one, so sending it twice leaves the same delegate.
    idempotent: true,
    inputs: {
      targetPrincipalId: pathParam(
        'targetPrincipalId',
        Type.String({
          minLength: 20,
          maxLength: 500,
          pattern: '^(?:00u[0-9a-zA-Z]{17}|orn:[a-z0-9-]+:[a-z0-9-]+:[0-9a-zA-Z]+:[a-zA-Z0-9:_-]+)$',
          description: 'Okta user id (00u…, 20 characters) or the user\'s ORN',
        }),
        {
          label: 'User ID',
          help: 'The user whose delegate is set, as an Okta user id (00u…) or ORN (orn:okta:directory:<orgId>:users:<userId>).',
          example: '00u8f2kq7TxLmWn3p0g7',
        },
      ),
      ...delegateInputs,
      delegates: bodyField('/delegates', delegatesInput, { label: 'Delegate (API form)', help: delegatesHelp, advanced: true, example: delegatesExample }),
    },
    atMostOne: delegateAlternatives,
    rules: [delegatesGiven, appointmentWindow],
    answer: object(principalSettings, delegateOutputs),
  },
]);
