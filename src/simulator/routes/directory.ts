/**
 * Core Okta reads of apps and groups, for flows that turn app or group names and ids into ORNs (an
 * app's ORN carries its technical name, which only the app itself tells). The lists are bare JSON
 * arrays paged by `Link` headers; `q` matches the start of an app's label or name, of a group's name.
 */
import type { Ctx } from '../core.ts';
import { checkFilter, matches, parseFilter, type FilterSpec } from '../filter.ts';
import { linkHeader, page } from '../paging.ts';
import type { AppRecord, GroupRecord } from '../state.ts';
import { found, json, type Route } from './common.ts';

function renderApp(ctx: Ctx, a: AppRecord): Record<string, unknown> {
  return {
    id: a.id,
    orn: a.orn,
    name: a.name,
    label: a.label,
    status: 'ACTIVE',
    signOnMode: 'SAML_2_0',
    created: a.created,
    lastUpdated: a.created,
    _links: { self: { href: `${ctx.core.url}/api/v1/apps/${a.id}` } },
  };
}

function renderGroup(ctx: Ctx, g: GroupRecord): Record<string, unknown> {
  return {
    id: g.id,
    orn: g.orn,
    created: g.created,
    lastUpdated: g.created,
    lastMembershipUpdated: g.created,
    objectClass: ['okta:user_group'],
    type: 'OKTA_GROUP',
    profile: { name: g.name, description: g.description },
    _links: { self: { href: `${ctx.core.url}/api/v1/groups/${g.id}` } },
  };
}

/** One page of a core list: a bare array with `Link` rel="self" (and rel="next" when there is more). */
function corePage<T>(ctx: Ctx, base: string, items: T[], options: { id: (item: T) => string; filter?: { spec: FilterSpec; read: (item: T, attr: string) => unknown }; maxLimit: number; defaultLimit: number }, render: (item: T) => unknown) {
  let selected = items;
  const raw = ctx.query.get('filter') ?? ctx.query.get('search');
  if (options.filter && raw !== null && raw.trim() !== '') {
    const node = parseFilter(raw);
    checkFilter(node, options.filter.spec);
    selected = selected.filter((item) => matches(node, item, options.filter!.read));
  }
  const p = page(ctx, selected, { id: options.id, paging: { cursor: 'any', maxLimit: options.maxLimit, defaultLimit: options.defaultLimit } });
  const rels: Record<string, string> = { self: `${ctx.core.url}${base}${p.selfQuery}` };
  if (p.nextQuery) rels.next = `${ctx.core.url}${base}${p.nextQuery}`;
  return json(200, p.items.map(render), { Link: linkHeader(rels) });
}

const startsWith = (q: string | null) => (text: string) => q === null || text.toLowerCase().startsWith(q.toLowerCase());

export const directoryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/apps',
    operationId: 'listApplications',
    scope: 'okta.apps.read',
    handler: (ctx) => {
      const q = startsWith(ctx.query.get('q'));
      const apps = [...ctx.core.state.apps.values()].filter((a) => q(a.label) || q(a.name));
      const read = (a: AppRecord, attr: string) => (attr === 'name' ? a.name : attr === 'status' ? 'ACTIVE' : attr === 'id' ? a.id : undefined);
      return corePage(ctx, '/api/v1/apps', apps, { id: (a) => a.id, filter: { spec: { name: ['eq'], status: ['eq'], id: ['eq'] }, read }, maxLimit: 200, defaultLimit: 20 }, (a) => renderApp(ctx, a));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/groups',
    operationId: 'listGroups',
    scope: 'okta.groups.read',
    handler: (ctx) => {
      const q = startsWith(ctx.query.get('q'));
      const groups = [...ctx.core.state.groups.values()].filter((g) => q(g.name));
      const read = (g: GroupRecord, attr: string) => (attr === 'profile.name' ? g.name : attr === 'id' ? g.id : attr === 'type' ? 'OKTA_GROUP' : undefined);
      return corePage(ctx, '/api/v1/groups', groups, { id: (g) => g.id, filter: { spec: { 'profile.name': ['eq', 'sw'], id: ['eq'], type: ['eq'] }, read }, maxLimit: 10000, defaultLimit: 10000 }, (g) => renderGroup(ctx, g));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/apps/{appId}',
    operationId: 'getApplication',
    scope: 'okta.apps.read',
    handler: (ctx) => json(200, renderApp(ctx, found(ctx.core.state.apps.get(ctx.params.appId!), `${ctx.params.appId} (AppInstance)`))),
  },
  {
    method: 'GET',
    path: '/api/v1/groups/{groupId}',
    operationId: 'getGroup',
    scope: 'okta.groups.read',
    handler: (ctx) => json(200, renderGroup(ctx, found(ctx.core.state.groups.get(ctx.params.groupId!), `${ctx.params.groupId} (UserGroup)`))),
  },
];
