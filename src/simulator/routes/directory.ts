/**
 * Core Okta reads of apps and groups, for flows that turn app or group ids into ORNs (an app's ORN
 * carries its technical name, which only the app itself tells).
 */
import type { Ctx } from '../core.ts';
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

export const directoryRoutes: Route[] = [
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
