// /api/v1/stores/{storeId}/rules — association rules mined from the store's baskets, filtered.
import { Hono } from 'hono';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { rulesQuerySchema, rulesResultSchema } from '../analytics-port.js';
import { ANALYSTS, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { parseQuery, storeIdParam } from '../validation.js';
import { withAnalytics } from './analytics-guard.js';

const rulesDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/rules',
  summary: 'Basket association rules (support, confidence, lift), filtered',
  tag: 'analytics',
  access: ANALYSTS,
  query: rulesQuerySchema,
  response: rulesResultSchema,
  errors: [503],
} satisfies RouteDoc;

export const rulesDocs: RouteDoc[] = [rulesDoc];

export function rulesRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().get('/', allow(rulesDoc), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, rulesDoc.query);
    return c.json(await withAnalytics(d, (a) => a.rules(storeId, q)));
  });
}
