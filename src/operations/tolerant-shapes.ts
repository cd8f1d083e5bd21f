/**
 * Builders for response shapes. Responses are read tolerantly (API-NOTES §7.3): every property is
 * optional and undeclared ones are allowed, so a field Okta adds or leaves out never fails a card.
 */
import { Type, type TProperties, type TSchema } from '@sinclair/typebox';

/** Response objects: every property optional and undeclared ones allowed (API-NOTES §7.3). */
export const loose = <T extends TProperties>(properties: T) => Type.Partial(Type.Object(properties));

/** A value the API may send as null. */
export const orNull = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);
