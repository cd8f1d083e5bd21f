/**
 * Helpers of the families whose objects the simulator keeps as API documents (campaigns,
 * entitlements, collections, request conditions …): the stored document is what the API shows,
 * minus `_links`, which are added when it is rendered. Audit fields, ORNs, list replies and the
 * lookups by id or ORN live here once.
 */
import type { TSchema } from '@sinclair/typebox';
import { link, type Ctx, type HalLink } from '../core.ts';
import type { FilterSpec } from '../filter.ts';
import { envelope, page, selfLink, type CursorFormat, type EnvelopeOptions } from '../paging.ts';
import type { Doc, DocKind } from '../state.ts';
import { checkBody } from '../validate.ts';
import { errors, type Reply } from '../wire.ts';
import { json } from './common.ts';

export function docs(ctx: Ctx, kind: DocKind): Map<string, Doc> {
  return ctx.core.state.docs[kind];
}

/** The document behind a path parameter, or the real 404 naming it. */
export function docAt(ctx: Ctx, kind: DocKind, param: string, what: string): Doc {
  const id = ctx.params[param]!;
  const doc = docs(ctx, kind).get(id);
  if (!doc) throw errors.notFound(`${id} (${what})`);
  return doc;
}

export function audit(ctx: Ctx): { created: string; createdBy: string; lastUpdated: string; lastUpdatedBy: string } {
  const now = ctx.core.clock.iso();
  return { created: now, createdBy: ctx.caller.id, lastUpdated: now, lastUpdatedBy: ctx.caller.id };
}

export function touch(ctx: Ctx, doc: Doc): void {
  doc.lastUpdated = ctx.core.clock.iso();
  doc.lastUpdatedBy = ctx.caller.id;
}

export function links(ctx: Ctx, rels: Record<string, string>): Record<string, HalLink> {
  return Object.fromEntries(Object.entries(rels).map(([rel, path]) => [rel, link(ctx.core, path)]));
}

/** One object with its `_links` (self first), the self `Link` header and, on a 201, its `Location`. */
export function one(ctx: Ctx, status: number, body: Doc, selfPath: string, more: Record<string, string> = {}): Reply {
  const self = selfLink(ctx, selfPath);
  return json(status, { ...body, _links: { self: self.link, ...links(ctx, more) } }, { ...self.headers, ...(status === 201 ? { Location: self.link.href } : {}) });
}

/** A created object already rendered with its `_links`: 201 with the self `Link` header and `Location`. */
export function created(ctx: Ctx, body: Doc, selfPath: string): Reply {
  const self = selfLink(ctx, selfPath);
  return json(201, body, { ...self.headers, Location: self.link.href });
}

export interface DocList<T> {
  cursor?: CursorFormat;
  filter?: FilterSpec;
  filterRequired?: boolean;
  read?: (item: T, attr: string) => unknown;
  orderBy?: Record<string, (item: T) => string | number>;
  defaultOrder?: string;
  id?: (item: T) => string;
  maxLimit?: number;
  /** Add `metadata.total` (the count of matching items), as the entitlement lists do. */
  total?: boolean;
}

/** A paged `{data, _links}` reply with Link headers. */
export function listReply<T>(ctx: Ctx, items: readonly T[], spec: DocList<T>, render: (item: T) => unknown, options: EnvelopeOptions = {}): Reply {
  const p = page(ctx, items, {
    id: spec.id ?? ((item) => String((item as Doc).id)),
    paging: { cursor: spec.cursor ?? 'any', ...(spec.maxLimit ? { maxLimit: spec.maxLimit } : {}) },
    ...(spec.filter ? { filter: { spec: spec.filter, ...(spec.filterRequired ? { required: true } : {}), ...(spec.read ? { read: spec.read } : {}) } } : {}),
    ...(spec.orderBy ? { orderBy: { keys: spec.orderBy, ...(spec.defaultOrder ? { default: spec.defaultOrder } : {}) } } : {}),
  });
  return envelope(ctx, p, render, spec.total ? { ...options, extra: { ...options.extra, metadata: { total: p.total } } } : options);
}

/** Checks a body and returns a deep copy the handler may store. */
export function bodyOf<S extends TSchema>(schema: S, ctx: Ctx): Doc {
  return structuredClone(checkBody(schema, ctx.body)) as Doc;
}

export function orgId(ctx: Ctx): string {
  return ctx.core.seed.orgId;
}

export function userOrn(ctx: Ctx, userId: string): string {
  return `orn:okta:directory:${orgId(ctx)}:users:${userId}`;
}

export function governanceOrn(ctx: Ctx, type: string, id: string): string {
  return `orn:okta:governance:${orgId(ctx)}:${type}:${id}`;
}

/** What an ORN names: its type segment (apps, groups, users, entitlement-bundles …) and the id at its end. */
export function parseOrn(orn: string): { type: string; id: string } | undefined {
  const parts = orn.split(':');
  if (parts[0] !== 'orn' || parts.length < 6) return undefined;
  return { type: parts[4]!, id: parts[parts.length - 1]! };
}

/** `include` may come as `a,b` or repeated. */
export function includes(ctx: Ctx, value: string): boolean {
  return ctx.query.getAll('include').flatMap((v) => v.split(',')).includes(value);
}

/** A profile of a user as the governance APIs embed it. */
export function principalProfile(ctx: Ctx, userId: string): Doc {
  const u = ctx.core.state.users.get(userId);
  if (!u) return { id: userId, status: 'INACTIVE', type: 'UNKNOWN' };
  return { id: u.id, email: u.profile.email, firstName: u.profile.firstName, lastName: u.profile.lastName, login: u.profile.login, status: u.status === 'ACTIVE' ? 'ACTIVE' : 'INACTIVE', type: 'USER' };
}
