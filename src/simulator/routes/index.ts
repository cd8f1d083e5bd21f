/** The simulator's route table: every OIG operation plus the core user, app and group reads flows need. */
import { campaignRoutes } from './campaigns.ts';
import { catalogRoutes } from './catalogs.ts';
import { collectionRoutes } from './collections.ts';
import { entitlementRoutes } from './entitlements.ts';
import { governanceRoutes } from './governance.ts';
import { myRoutes } from './my.ts';
import { requestConditionRoutes } from './request-conditions.ts';
import { settingsRoutes } from './settings.ts';
import type { Route } from './common.ts';
import { directoryRoutes } from './directory.ts';
import { labelRoutes } from './labels.ts';
import { requestTypeRoutes } from './request-types.ts';
import { requestRoutes } from './requests.ts';
import { securityAccessReviewRoutes } from './security-access-reviews.ts';
import { userRoutes } from './users.ts';

export type { Route } from './common.ts';

export const routes: readonly Route[] = [
  ...securityAccessReviewRoutes,
  ...requestRoutes,
  ...requestTypeRoutes,
  ...catalogRoutes,
  ...labelRoutes,
  ...userRoutes,
  ...directoryRoutes,
  ...campaignRoutes,
  ...entitlementRoutes,
  ...collectionRoutes,
  ...governanceRoutes,
  ...requestConditionRoutes,
  ...settingsRoutes,
  ...myRoutes,
];

interface Compiled {
  route: Route;
  segments: string[];
  /** Static segments count more, so /stats wins over /{id}. */
  score: number;
}

const compiled: Compiled[] = routes.map((route) => {
  const segments = route.path.split('/').slice(1);
  return { route, segments, score: segments.filter((s) => !s.startsWith('{')).length };
});

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

/** Finds the route of a decoded path (segments already percent-decoded). */
export function matchRoute(method: string, segments: string[]): Match {
  const candidates: { c: Compiled; params: Record<string, string> }[] = [];
  for (const c of compiled) {
    if (c.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const t = c.segments[i]!;
      if (t.startsWith('{')) {
        if (segments[i] === '') ok = false;
        else params[t.slice(1, -1)] = segments[i]!;
      } else if (t !== segments[i]) ok = false;
    }
    if (ok) candidates.push({ c, params });
  }
  if (candidates.length === 0) return { kind: 'none' };
  const best = Math.max(...candidates.map((x) => x.c.score));
  const top = candidates.filter((x) => x.c.score === best);
  const hit = top.find((x) => x.c.route.method === method);
  if (hit) return { kind: 'found', route: hit.c.route, params: hit.params };
  // A lower-scoring template may still serve the method (GET /reviews/{id} vs POST /reviews/stats).
  const other = candidates.find((x) => x.c.route.method === method);
  if (other) return { kind: 'found', route: other.c.route, params: other.params };
  return { kind: 'method', allowed: [...new Set(candidates.map((x) => x.c.route.method))] };
}

/** Every scope some route needs: what `sim.token` carries. */
export function allScopes(): string[] {
  return [...new Set(routes.filter((r) => !r.public).map((r) => r.scope))].sort();
}
