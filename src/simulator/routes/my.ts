/**
 * The end-user ("My") families: a reviewer's own security access reviews and the catalog as the
 * caller sees it. They are the admin operations seen through the caller: the same handlers over
 * only the reviews the caller reviews (anyone else's review is a 404, as if it didn't exist).
 */
import { Type } from '@sinclair/typebox';
import { link, type Ctx } from '../core.ts';
import type { RequestV2Record, ReviewRecord } from '../state.ts';
import { errors } from '../wire.ts';
import { catalogRoutes } from './catalogs.ts';
import { found, json, stringEnum, type Route } from './common.ts';
import { bodyOf, listReply, principalProfile } from './kit.ts';
import { renderV2, submitV2 } from './requests.ts';
import { securityAccessReviewRoutes } from './security-access-reviews.ts';

const ADMIN = '/governance/api/v2/security-access-reviews';
const MY = '/governance/api/v2/my/security-access-reviews';
const MY_CATALOG = '/governance/api/v2/my/catalogs/default';

/** Admin operation → end-user operation of the same shape. */
const MY_SAR: Record<string, string> = {
  listSecurityAccessReviews: 'listMySecurityAccessReviews',
  getSecurityAccessReviewsStats: 'getMySecurityAccessReviewsStats',
  getSecurityAccessReview: 'getMySecurityAccessReview',
  listSecurityAccessReviewAccesses: 'listMySecurityAccessReviewAccesses',
  listSecurityAccessReviewSubAccesses: 'listMySecurityAccessReviewSubAccesses',
  listSecurityAccessReviewAccessesAnomalies: 'listMySecurityAccessReviewAccessesAnomalies',
  executeSecurityAccessReviewAccessesAction: 'executeMySecurityAccessReviewAccessesAction',
  generateSecurityAccessReviewAccessesSummary: 'generateMySecurityAccessReviewAccessesSummary',
  listSecurityAccessReviewActions: 'listMySecurityAccessReviewActions',
  executeSecurityAccessReviewAction: 'executeMySecurityAccessReviewAction',
  addSecurityAccessReviewComment: 'addMySecurityAccessReviewComment',
  listSecurityAccessReviewHistory: 'listMySecurityAccessReviewHistory',
  getSecurityAccessReviewPrincipalDetails: 'getMySecurityAccessReviewPrincipalDetails',
  generateSecurityAccessReviewSummary: 'generateMySecurityAccessReviewSummary',
};

/** The context with only the caller's reviews in the org. */
function asReviewer(ctx: Ctx): Ctx {
  const mine = new Map<string, ReviewRecord>([...ctx.core.state.reviews].filter(([, r]) => r.reviewerIds.includes(ctx.caller.id)));
  return { ...ctx, core: { ...ctx.core, state: { ...ctx.core.state, reviews: mine } } };
}

const mySarRoutes: Route[] = securityAccessReviewRoutes
  .filter((r) => MY_SAR[r.operationId])
  .map((r) => ({
    ...r,
    path: r.path.replace(ADMIN, MY),
    operationId: MY_SAR[r.operationId]!,
    scope: r.scope.replace('.admin.', '.endUser.'),
    handler: (ctx: Ctx) => r.handler(asReviewer(ctx)),
  }));

/** Admin catalog operation → the caller's view of it. */
const MY_CATALOG_OPS: Record<string, { id: string; path: string }> = {
  listAllDefaultEntriesV2: { id: 'listMyDefaultEntriesV2', path: `${MY_CATALOG}/entries` },
  getCatalogEntryV2: { id: 'getMyEntryV2', path: `${MY_CATALOG}/entries/{entryId}` },
  getCatalogEntryRequestFieldsV2: { id: 'getMyCatalogEntryUserRequestFieldsV2', path: `${MY_CATALOG}/entries/{entryId}/users/{userId}/request-fields` },
};

const myCatalogViews: Route[] = catalogRoutes
  .filter((r) => MY_CATALOG_OPS[r.operationId])
  .map((r) => ({ ...r, path: MY_CATALOG_OPS[r.operationId]!.path, operationId: MY_CATALOG_OPS[r.operationId]!.id, ...(r.operationId === 'getCatalogEntryRequestFieldsV2' ? { scope: 'okta.accessRequests.catalog.read' } : {}) }));

const fieldsOfEntry = catalogRoutes.find((r) => r.operationId === 'getCatalogEntryRequestFieldsV2')!;

const myRequestBody = Type.Object({
  requesterFieldValues: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), label: Type.Optional(Type.String()), type: Type.Optional(stringEnum(['TEXT', 'SELECT', 'MULTISELECT', 'ISO_DATE', 'DURATION', 'OKTA_USER_ID'] as const)), value: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })), values: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 280 }))) })),
  ),
});

/** A request as its requester sees it: links to the catalog entry and to itself under the entry (as recorded). */
function renderMine(ctx: Ctx, r: RequestV2Record): Record<string, unknown> {
  const entryPath = `${MY_CATALOG}/entries/${r.requested.entryId}`;
  return { ...renderV2(ctx, r), _links: { catalogEntry: link(ctx.core, entryPath), self: link(ctx.core, `${entryPath}/requests/${r.id}`) } };
}

function entry(ctx: Ctx) {
  return found(ctx.core.state.catalogEntries.get(ctx.params.entryId!), `${ctx.params.entryId} (CatalogEntry)`);
}

export const myRoutes: Route[] = [
  ...mySarRoutes,
  ...myCatalogViews,
  {
    method: 'GET',
    path: `${MY_CATALOG}/entries/{entryId}/request-fields`,
    operationId: 'getMyCatalogEntryRequestFieldsV2',
    scope: 'okta.accessRequests.request.read',
    handler: (ctx) => fieldsOfEntry.handler({ ...ctx, params: { ...ctx.params, userId: ctx.caller.id } }),
  },
  {
    method: 'GET',
    path: `${MY_CATALOG}/entries/{entryId}/users`,
    operationId: 'listMyEntryUsersV2',
    scope: 'okta.accessRequests.catalog.read',
    handler: (ctx) => {
      const e = entry(ctx);
      if (!e.requestable) throw errors.validation([{ summary: `catalog entry "${e.name}" can't be requested, so nobody can be requested for`, reason: 'INVALID_VALUE', location: 'entryId', locationType: 'path' }]);
      const users = [...ctx.core.state.users.values()].filter((u) => u.status === 'ACTIVE').map((u) => {
        const p = principalProfile(ctx, u.id);
        return { id: p.id, firstName: p.firstName, lastName: p.lastName, email: p.email, login: p.login };
      });
      return listReply(ctx, users, { filter: { firstName: ['eq', 'sw', 'co'], lastName: ['eq', 'sw', 'co'], email: ['eq', 'sw', 'co'], login: ['eq', 'sw'] }, filterRequired: true, cursor: 'len20' }, (u) => u);
    },
  },
  {
    method: 'POST',
    path: `${MY_CATALOG}/entries/{entryId}/requests`,
    operationId: 'createMyRequestV2',
    scope: 'okta.accessRequests.request.manage',
    handler: (ctx) => {
      entry(ctx);
      const body = bodyOf(myRequestBody, ctx);
      const record = submitV2(ctx, { entryId: ctx.params.entryId!, requestedFor: { externalId: ctx.caller.id, type: 'OKTA_USER' }, values: body.requesterFieldValues ?? [], at: '', entryLocation: 'entryId' });
      return json(202, renderMine(ctx, record));
    },
  },
  {
    method: 'GET',
    path: `${MY_CATALOG}/entries/{entryId}/requests/{requestId}`,
    operationId: 'getMyRequestV2',
    scope: 'okta.accessRequests.request.read',
    handler: (ctx) => {
      const e = entry(ctx);
      const r = ctx.core.state.requestsV2.get(ctx.params.requestId!);
      const mine = r && r.requested.entryId === e.id && (r.requestedFor.externalId === ctx.caller.id || r.requestedBy.externalId === ctx.caller.id);
      if (!mine) throw errors.notFound(`${ctx.params.requestId} (Request)`);
      return json(200, renderMine(ctx, r));
    },
  },
];
