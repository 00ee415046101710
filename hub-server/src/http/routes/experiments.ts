// /api/v1/stores/{storeId}/experiments — layout experiments touching the store, with their effects
// and confidence intervals.
import { Hono } from 'hono';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { experimentsResultSchema } from '../analytics-port.js';
import { ANALYSTS, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { storeIdParam } from '../validation.js';
import { withAnalytics } from './analytics-guard.js';

const experimentsDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/experiments',
  summary: 'Layout experiments with their estimated effects and confidence intervals',
  tag: 'analytics',
  access: ANALYSTS,
  response: experimentsResultSchema,
  errors: [503],
} satisfies RouteDoc;

export const experimentsDocs: RouteDoc[] = [experimentsDoc];

export function experimentsRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().get('/', allow(experimentsDoc), async (c) => {
    const storeId = storeIdParam(c);
    return c.json(await withAnalytics(d, (a) => a.experiments(storeId)));
  });
}
