/**
 * Shapes both families that file catalog access requests share: the admin's "Access requests" cards
 * (requests.ts, v2) and the connection's own user's "My requests" cards (my-requests.ts) answer the
 * same request fields and read back request objects built from the same parts.
 */
import { Type } from '@sinclair/typebox';
import type { OutputField } from '../model/operation.ts';
import { enumOf, out } from '../model/fields.ts';
import { loose } from './tolerant-shapes.ts';

export const requestFieldTypes = ['TEXT', 'SELECT', 'MULTISELECT', 'ISO_DATE', 'DURATION', 'OKTA_USER_ID'] as const;

// ---- Input shapes (strict) ----

/** One answer to a request field of a catalog entry: `value`, or `values` for a multi-select. */
export const requestFieldAnswer = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    label: Type.Optional(Type.String()),
    type: Type.Optional(enumOf(requestFieldTypes)),
    value: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    values: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 280 }))),
  },
  { additionalProperties: false },
);

// ---- Parts of a request as Okta returns it (tolerant) ----

/** Who filed a request or who it is for: {externalId: "00u…", type: "OKTA_USER"}. */
export const requestParty = loose({ externalId: Type.String(), type: Type.String() });

export const answeredFields = Type.Array(
  loose({ id: Type.String(), label: Type.String(), type: Type.String(), value: Type.String(), values: Type.Array(Type.String()) }),
);

export const requestRiskAssessment = loose({ requestSubmissionType: Type.String(), riskRules: Type.Array(loose({ name: Type.String() })) });

// ---- Outputs ----

/** A nullable timestamp reads as a date & time in Workflows (empty when null). */
export const whenOut = (from: string, label: string, help?: string): OutputField => ({ ...out(from, label, help), type: 'date & time' });
