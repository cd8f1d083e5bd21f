/**
 * Shapes of entitlements (esp…) and their values (ent…) that several families read or send:
 * entitlements, bundles, grants, collections, risk rules and a user's entitlements.
 * Response shapes are tolerant: every field optional, undeclared fields allowed (API-NOTES §7.3).
 */
import { Type } from '@sinclair/typebox';
import { enumOf } from '../model/fields.ts';
import { ids, oktaId } from '../model/ids.ts';
import { strict } from './record-shapes.ts';

export const entitlementId = oktaId('esp', 'Entitlement');
export const entitlementValueId = oktaId('ent', 'Entitlement value');

// ---- input shapes ----

/** The app as request bodies name it (parent or target). */
export const appInput = strict({ externalId: ids.app, type: enumOf(['APPLICATION']) });
/** A user as request bodies name it (principal or targetPrincipal). */
export const oktaUserInput = strict({ externalId: ids.user, type: enumOf(['OKTA_USER']) });

/**
 * Some entitlements of one app with some of their values: [{id: "esp…", values: [{id: "ent…"}]}].
 * The spec puts minLength/maxLength 1..1000 on the values list; meant as item counts.
 */
export const entitlementSelection = Type.Array(
  strict({
    id: entitlementId,
    values: Type.Optional(Type.Array(strict({ id: entitlementValueId }), { minItems: 1, maxItems: 1000 })),
  }),
);
/** The same selection where the spec leaves every id optional (collections, risk rules). */
export const entitlementSelectionOptionalIds = Type.Array(
  strict({
    id: Type.Optional(entitlementId),
    values: Type.Optional(Type.Array(strict({ id: Type.Optional(entitlementValueId) }), { minItems: 1, maxItems: 1000 })),
  }),
);

// ---- response shapes (tolerant) ----

export const entitlementValue = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  externalValue: Type.Optional(Type.String()),
  externalId: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  orn: Type.Optional(Type.String()),
});

/** An entitlement's own fields; spread them first into the records that describe one. */
export const entitlementFields = {
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  externalValue: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  multiValue: Type.Optional(Type.Boolean()),
  required: Type.Optional(Type.Boolean()),
  dataType: Type.Optional(Type.String()),
};

export const entitlementWithValues = Type.Object({ ...entitlementFields, values: Type.Optional(Type.Array(entitlementValue)) });
