/**
 * Small shapes many governance records share: the strict-object helper for inputs, the audit fields
 * real records carry, the {externalId, type} reference, {id, name} pairs and a user's profile.
 * Response shapes are tolerant: every field optional, undeclared fields allowed (API-NOTES §7.3).
 */
import { Type, type TProperties } from '@sinclair/typebox';
import { isoDateTime } from '../model/date-time.ts';

/** An input object that refuses undeclared properties. */
export const strict = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });

/** Who created and last changed a record, and when; spread them last into a record's properties. */
export const auditFields = {
  created: Type.Optional(isoDateTime),
  createdBy: Type.Optional(Type.String()),
  lastUpdated: Type.Optional(isoDateTime),
  lastUpdatedBy: Type.Optional(Type.String()),
  _links: Type.Optional(Type.Object({})),
};

/** An app or a user as the API points at it: {externalId: "0oa…" | "00u…", type: "APPLICATION" | "OKTA_USER"}. */
export const externalRef = Type.Object({ externalId: Type.Optional(Type.String()), type: Type.Optional(Type.String()) });

export const idAndName = Type.Object({ id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) });

export const userProfile = Type.Object({
  id: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  firstName: Type.Optional(Type.String()),
  lastName: Type.Optional(Type.String()),
  login: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
});
