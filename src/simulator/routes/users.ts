/**
 * The two core Okta user calls a delegated flow needs to turn people into ids: the users list with
 * `search` (e.g. profile.login eq "…"), `filter` or `q`, paged by `Link` headers over a bare JSON
 * array; and one user by id, login or `me`.
 */
import type { Ctx } from '../core.ts';
import { checkFilter, matches, parseFilter, type FilterSpec, type Operator } from '../filter.ts';
import { linkHeader, page } from '../paging.ts';
import type { UserRecord } from '../state.ts';
import { ApiError, errors } from '../wire.ts';
import { json, type Route } from './common.ts';

const BASE = '/api/v1/users';
const ANY: readonly Operator[] = ['eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le', 'pr'];

function renderUser(ctx: Ctx, u: UserRecord): Record<string, unknown> {
  const { managerId, ...profile } = u.profile;
  return {
    id: u.id,
    status: u.status,
    created: u.created,
    activated: u.activated,
    statusChanged: u.statusChanged,
    lastLogin: u.lastLogin,
    lastUpdated: u.lastUpdated,
    passwordChanged: u.passwordChanged,
    type: { id: 'oty1defaultusertype1' },
    profile: { ...profile, mobilePhone: null, secondEmail: null, ...(managerId ? { managerId } : {}) },
    credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `${ctx.core.url}${BASE}/${u.id}` } },
  };
}

function readUser(u: UserRecord, attr: string): unknown {
  if (attr.startsWith('profile.')) return (u.profile as Record<string, unknown>)[attr.slice('profile.'.length)];
  return (u as unknown as Record<string, unknown>)[attr];
}

/** Search and filter expressions use the SCIM grammar; a bad one is Okta's 400 E0000031. */
function compile(raw: string, users: UserRecord[]): ((u: UserRecord) => boolean) {
  try {
    const node = parseFilter(raw);
    const attrs = new Set<string>();
    const collect = (n: typeof node): void => {
      if (n.kind === 'compare') attrs.add(n.attr);
      else if (n.kind === 'not') collect(n.expr);
      else {
        collect(n.left);
        collect(n.right);
      }
    };
    collect(node);
    const known = new Set(['id', 'status', 'created', 'activated', 'statusChanged', 'lastLogin', 'lastUpdated', 'passwordChanged', ...Object.keys(users[0]?.profile ?? {}).map((k) => `profile.${k}`)]);
    const spec: FilterSpec = Object.fromEntries([...attrs].filter((a) => known.has(a) || a.startsWith('profile.')).map((a) => [a, ANY]));
    checkFilter(node, spec);
    return (u) => matches(node, u, readUser);
  } catch (e) {
    if (e instanceof ApiError) throw errors.searchCriteria(e.causes[0]?.summary ?? e.summary);
    throw e;
  }
}

export const userRoutes: Route[] = [
  {
    method: 'GET',
    path: BASE,
    operationId: 'listUsers',
    scope: 'okta.users.read',
    handler: (ctx) => {
      const all = [...ctx.core.state.users.values()];
      let users = all.filter((u) => u.status !== 'DEPROVISIONED');
      for (const key of ['search', 'filter'] as const) {
        const raw = ctx.query.get(key);
        if (raw !== null && raw.trim() !== '') users = all.filter(compile(raw, all)).filter((u) => users.includes(u));
      }
      const q = ctx.query.get('q')?.toLowerCase();
      if (q) users = users.filter((u) => [u.profile.firstName, u.profile.lastName, u.profile.email, u.profile.login].some((s) => s.toLowerCase().startsWith(q)));
      const p = page(ctx, users, { id: (u) => u.id, paging: { cursor: 'any', defaultLimit: 200, maxLimit: 200 } });
      const rels: Record<string, string> = { self: `${ctx.core.url}${BASE}${p.selfQuery}` };
      if (p.nextQuery) rels.next = `${ctx.core.url}${BASE}${p.nextQuery}`;
      return json(200, p.items.map((u) => renderUser(ctx, u)), { Link: linkHeader(rels) });
    },
  },
  {
    method: 'GET',
    path: `${BASE}/{id}`,
    operationId: 'getUser',
    scope: 'okta.users.read',
    handler: (ctx) => {
      const key = ctx.params.id!;
      const { users } = ctx.core.state;
      const id = key === 'me' ? ctx.caller.id : key;
      const user = users.get(id) ?? [...users.values()].find((u) => u.profile.login.toLowerCase() === key.toLowerCase());
      if (!user) throw errors.notFound(`${key} (User)`);
      return json(200, renderUser(ctx, user));
    },
  },
];
