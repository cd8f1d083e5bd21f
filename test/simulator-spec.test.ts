/**
 * The simulator's route table against the official spec and against the cards: every mission
 * operation is served at the spec's method and path and demands the spec's scope, and each card
 * the flows use points at a route the simulator serves with the same scope.
 */
import { describe, expect, it } from 'vitest';
import { findOperation } from '../src/operations/index.ts';
import { simulatorRoutes } from '../src/simulator/index.ts';
import { hasShared } from './support/shared.ts';
import { loadSpec } from './support/spec.ts';

const MISSION = [
  'createSecurityAccessReview', 'listSecurityAccessReviews', 'getSecurityAccessReview', 'updateSecurityAccessReview',
  'getSecurityAccessReviewsStats', 'listSecurityAccessReviewActions', 'executeSecurityAccessReviewAction',
  'listSecurityAccessReviewAccesses', 'listSecurityAccessReviewSubAccesses', 'listSecurityAccessReviewAccessesAnomalies',
  'executeSecurityAccessReviewAccessesAction', 'generateSecurityAccessReviewSummary', 'generateSecurityAccessReviewAccessesSummary',
  'addSecurityAccessReviewComment', 'listSecurityAccessReviewHistory', 'getSecurityAccessReviewPrincipalDetails',
  'createRequest', 'listAllRequests', 'getRequest', 'createRequestMessage', 'createRequestV2', 'listAllRequestsV2', 'getRequestV2', 'createRequestMessageV2',
  'createRequestType', 'listAllRequestTypes', 'getRequestType', 'deleteRequestType', 'publishRequestType', 'unpublishRequestType', 'listAllRequestTeams',
  'listAllDefaultEntriesV2', 'getCatalogEntryV2', 'listAllDefaultUserEntriesV2', 'getCatalogEntryRequestFieldsV2',
  'createLabel', 'listLabels', 'getLabel', 'updateLabel', 'deleteLabel', 'assignResourceLabels', 'removeResourceLabels', 'listLabelResources',
];

const byId = new Map(simulatorRoutes.map((r) => [r.operationId, r]));

describe('simulator route table', () => {
  it('serves every mission operation once, and the core reads the flows need', () => {
    expect(MISSION.filter((id) => !byId.has(id))).toEqual([]);
    expect(simulatorRoutes.length).toBe(new Set(simulatorRoutes.map((r) => `${r.method} ${r.path}`)).size);
    for (const id of ['listUsers', 'getUser', 'getApplication']) expect(byId.has(id), id).toBe(true);
  });

  it('matches each card the simulator serves: method, path and scope', () => {
    const drift: string[] = [];
    for (const route of simulatorRoutes) {
      const card = findOperation(route.operationId);
      if (!card) continue;
      if (card.method !== route.method || card.path !== route.path) drift.push(`${route.operationId}: card ${card.method} ${card.path}, simulator ${route.method} ${route.path}`);
      if (route.public ? card.scopes.length > 0 : !card.scopes.includes(route.scope)) drift.push(`${route.operationId}: card scopes ${card.scopes.join(' ')}, simulator ${route.scope}`);
    }
    expect(drift).toEqual([]);
  });
});

describe.skipIf(!hasShared)('simulator route table against the official spec', () => {
  it('uses the spec method, path and OAuth scope of every operation it serves that the spec has', () => {
    const { entries } = loadSpec();
    const drift: string[] = [];
    for (const route of simulatorRoutes) {
      const spec = entries.get(route.operationId);
      if (!spec) continue;
      if (spec.method.toUpperCase() !== route.method || spec.path !== route.path) drift.push(`${route.operationId}: spec ${spec.method} ${spec.path}, simulator ${route.method} ${route.path}`);
      if (JSON.stringify(spec.scopes) !== JSON.stringify([route.scope])) drift.push(`${route.operationId}: spec scopes ${spec.scopes.join(' ')}, simulator ${route.scope}`);
    }
    expect(drift).toEqual([]);
    const missing = [...entries.keys()].filter((id) => !simulatorRoutes.some((r) => r.operationId === id));
    expect(missing).toEqual([]);
  });

  it('uses the spec method, path and OAuth scope of every mission operation', () => {
    const { entries } = loadSpec();
    const drift: string[] = [];
    for (const id of MISSION) {
      const spec = entries.get(id);
      const route = byId.get(id)!;
      if (!spec) {
        drift.push(`${id}: not in the spec`);
        continue;
      }
      if (spec.method.toUpperCase() !== route.method || spec.path !== route.path) drift.push(`${id}: spec ${spec.method} ${spec.path}, simulator ${route.method} ${route.path}`);
      if (JSON.stringify(spec.scopes) !== JSON.stringify([route.scope])) drift.push(`${id}: spec scopes ${spec.scopes.join(' ')}, simulator ${route.scope}`);
    }
    expect(drift).toEqual([]);
  });
});
