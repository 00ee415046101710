// /api/v1/stores/{storeId}/recommendations — cross-merchandising moves: A → B with the walking
// distance today, the co-visit rate and the expected extra co-purchases.
import { Hono } from 'hono';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { recommendationsQuerySchema, recommendationsResultSchema } from '../analytics-port.js';
import { ANALYSTS, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { parseQuery, storeIdParam } from '../validation.js';
import { withAnalytics } from './analytics-guard.js';

const recommendationsDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/recommendations',
  summary: 'Cross-merchandising recommendations, best first',
  tag: 'analytics',
  access: ANALYSTS,
  query: recommendationsQuerySchema,
  response: recommendationsResultSchema,
  errors: [503],
} satisfies RouteDoc;

export const recommendationsDocs: RouteDoc[] = [recommendationsDoc];

export function recommendationsRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().get('/', allow(recommendationsDoc), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, recommendationsDoc.query);
    return c.json(await withAnalytics(d, (a) => a.recommendations(storeId, q)));
  });
}
