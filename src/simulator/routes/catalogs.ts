/**
 * The default resource catalog (v2). Lists need a filter: `not(parent pr)` for top-level entries or
 * `parent eq "cen…"` for the children of one; `match` (3–50 characters) narrows by name.
 */
import { href, link, type Ctx } from '../core.ts';
import { envelope, page } from '../paging.ts';
import type { CatalogEntryRecord } from '../state.ts';
import { errors } from '../wire.ts';
import { found, json, type Route } from './common.ts';

const BASE = '/governance/api/v2/catalogs/default';
const CATALOG_READ = 'okta.accessRequests.catalog.read';

function renderEntry(ctx: Ctx, e: CatalogEntryRecord): Record<string, unknown> {
  return {
    id: e.id,
    name: e.name,
    ...(e.description ? { description: e.description } : {}),
    label: e.label,
    ...(e.parent ? { parent: e.parent } : {}),
    requestable: e.requestable,
    _links: {
      self: link(ctx.core, `${BASE}/entries/${e.id}`),
      // Entries of an app carry its logo, as the recorded entries do.
      logo: e.appId ? [{ href: href(ctx.core, `/assets/img/logos/${ctx.core.state.apps.get(e.appId)?.name ?? 'app'}.png`), name: 'medium', type: 'image/png', hints: {} }] : [],
      ...(e.appId ? { relatedEntity: link(ctx.core, `/api/v1/apps/${e.appId}`) } : {}),
    },
  };
}

function listEntries(ctx: Ctx): ReturnType<typeof envelope> {
  const match = ctx.query.get('match');
  if (match !== null && (match.length < 3 || match.length > 50)) {
    throw errors.validation([
      { summary: `String "${match}" is too ${match.length < 3 ? 'short' : 'long'}; match takes 3 to 50 characters`, reason: match.length < 3 ? 'INVALID_STRING_LENGTH_UNDER_MIN' : 'INVALID_STRING_LENGTH_OVER_MAX', location: 'match', locationType: 'query' },
    ]);
  }
  const entries = [...ctx.core.state.catalogEntries.values()].filter((e) => match === null || e.name.toLowerCase().includes(match.toLowerCase()));
  const p = page(ctx, entries, {
    id: (e) => e.id,
    paging: { cursor: 'len20' },
    filter: { spec: { parent: ['eq', 'pr'] }, required: true },
  });
  const extraLinks: Record<string, string> = ctx.core.settings.realism
    ? { atspoke: href(ctx.core, '/next/request-types/all'), match: href(ctx.core, `${BASE}/entries?match`) }
    : {};
  return envelope(ctx, p, (e) => renderEntry(ctx, e), { extraLinks });
}

export const catalogRoutes: Route[] = [
  {
    method: 'GET',
    path: `${BASE}/entries`,
    operationId: 'listAllDefaultEntriesV2',
    scope: CATALOG_READ,
    handler: listEntries,
  },
  {
    method: 'GET',
    path: `${BASE}/entries/{entryId}`,
    operationId: 'getCatalogEntryV2',
    scope: CATALOG_READ,
    handler: (ctx) => json(200, renderEntry(ctx, found(ctx.core.state.catalogEntries.get(ctx.params.entryId!), `${ctx.params.entryId} (CatalogEntry)`))),
  },
  {
    method: 'GET',
    path: `${BASE}/user/{userId}/entries`,
    operationId: 'listAllDefaultUserEntriesV2',
    scope: CATALOG_READ,
    handler: (ctx) => {
      found(ctx.core.state.users.get(ctx.params.userId!), `${ctx.params.userId} (User)`);
      return listEntries(ctx);
    },
  },
  {
    method: 'GET',
    path: `${BASE}/entries/{entryId}/users/{userId}/request-fields`,
    operationId: 'getCatalogEntryRequestFieldsV2',
    scope: 'okta.accessRequests.request.read',
    handler: (ctx) => {
      const entry = found(ctx.core.state.catalogEntries.get(ctx.params.entryId!), `${ctx.params.entryId} (CatalogEntry)`);
      found(ctx.core.state.users.get(ctx.params.userId!), `${ctx.params.userId} (User)`);
      return json(200, {
        data: entry.fields.map((f) => ({ id: f.id, type: f.type, ...(f.choices ? { choices: f.choices } : {}), required: f.required, label: f.label, ...(f.value ? { value: f.value } : {}), ...(f.maximumValue ? { maximumValue: f.maximumValue } : {}), readOnly: f.readOnly })),
        metadata: { riskAssessment: { requestSubmissionType: 'ALLOWED_WITH_NO_OVERRIDES', riskRules: [] } },
      });
    },
  },
];
