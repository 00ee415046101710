// /api/v1/stores/{storeId}/flows — shopper flows between zones over a range (for a chord or Sankey).
import { Hono } from 'hono';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { flowsResultSchema } from '../analytics-port.js';
import { ANALYSTS, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { rangeQuery } from '../schemas/range.js';
import { parseQuery, storeIdParam } from '../validation.js';
import { withAnalytics } from './analytics-guard.js';

const flowsDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/flows',
  summary: 'Zone-to-zone flows of shoppers over a time range',
  tag: 'analytics',
  access: ANALYSTS,
  query: rangeQuery({}),
  response: flowsResultSchema,
  errors: [503],
} satisfies RouteDoc;

export const flowsDocs: RouteDoc[] = [flowsDoc];

export function flowsRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().get('/', allow(flowsDoc), async (c) => {
    const storeId = storeIdParam(c);
    const { from, to } = parseQuery(c, flowsDoc.query);
    return c.json(await withAnalytics(d, (a) => a.flows(storeId, { from, to })));
  });
}
