/** The route table's shape and the small helpers the family handlers share. */
import { Type, type TSchema } from '@sinclair/typebox';
import type { Ctx } from '../core.ts';
import type { LabelRecord, UserRecord } from '../state.ts';
import { errors, type ErrorShape, type Reply } from '../wire.ts';
import { invalid } from '../validate.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: Method;
  /** Path template with {params}, as in the spec. */
  path: string;
  operationId: string;
  /** The OAuth scope the call needs (each operation requires exactly one; '' on public routes). */
  scope: string;
  /** Served without credentials, as Okta serves its well-known documents. */
  public?: boolean;
  /** Error-body shape of the backend behind the route (default core). */
  shape?: ErrorShape;
  handler: (ctx: Ctx) => Reply;
}

/** A string enum as plain JSON Schema, so ajv reports INVALID_ENUM_VALUE with the allowed values. */
export function stringEnum<const T extends readonly string[]>(values: T): TSchema & { static: T[number] } {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values] }) as TSchema & { static: T[number] };
}

export const id20 = Type.String({ minLength: 20, maxLength: 20 });
export const userId = Type.String({ minLength: 20, maxLength: 20, pattern: '^00u[0-9a-zA-Z]{17}$' });
export const hex24 = Type.String({ minLength: 24, maxLength: 24, pattern: '^[a-fA-F\\d]{24}$' });

export function userProfile(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    email: user.profile.email,
    firstName: user.profile.firstName,
    lastName: user.profile.lastName,
    login: user.profile.login,
    status: user.status === 'ACTIVE' ? 'ACTIVE' : 'INACTIVE',
    type: 'USER',
  };
}

export function fullName(user: UserRecord): string {
  return `${user.profile.firstName} ${user.profile.lastName}`;
}

/** The user behind an id in a body field, or a 400 naming the field. */
export function requireUser(ctx: Ctx, id: string, location: string): UserRecord {
  const user = ctx.core.state.users.get(id);
  if (!user) invalid(location, `user ${id} was not found in the org`, 'IDENTIFIER_NOT_FOUND');
  return user;
}

export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw errors.notFound(what);
  return value;
}

export function noContent(): Reply {
  return { status: 204 };
}

export function json(status: number, body: unknown, headers?: Reply['headers']): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** Calendar months ahead, in UTC. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** Labels on a resource, grouped per label, as resource-label and SAR responses show them. */
export function labelsOn(ctx: Ctx, orn: string): { label: LabelRecord; valueIds: string[] }[] {
  const valueIds = ctx.core.state.resourceLabels.get(orn) ?? [];
  const out: { label: LabelRecord; valueIds: string[] }[] = [];
  for (const label of ctx.core.state.labels.values()) {
    const mine = label.values.filter((v) => valueIds.includes(v.labelValueId)).map((v) => v.labelValueId);
    if (mine.length) out.push({ label, valueIds: mine });
  }
  return out;
}

export function renderLabelValue(v: { labelValueId: string; name: string; color?: string }): Record<string, unknown> {
  return { labelValueId: v.labelValueId, name: v.name, ...(v.color ? { metadata: { additionalProperties: { backgroundColor: v.color } } } : {}) };
}

/** governanceLabels of SAR items: the labels on a resource with only its assigned values. */
export function governanceLabels(ctx: Ctx, orn: string): Record<string, unknown>[] {
  return labelsOn(ctx, orn).map(({ label, valueIds }) => ({
    labelId: label.labelId,
    name: label.name,
    values: label.values.filter((v) => valueIds.includes(v.labelValueId)).map(renderLabelValue),
  }));
}
