// /api/v1/stores/{storeId}/experiments — layout experiments touching the store, with their effects
// and confidence intervals; POST registers one (it must name the store, and the caller every store it names).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { canAccessStore } from '../../auth/access.js';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { experimentBodySchema, experimentsResultSchema } from '../analytics-port.js';
import { ANALYSTS, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { fieldError, parseJson, storeIdParam } from '../validation.js';
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

const registerDoc = {
  method: 'post',
  path: '/api/v1/stores/{storeId}/experiments',
  summary: 'Register a layout experiment (moved SKUs, first day, control stores or categories)',
  tag: 'analytics',
  access: ANALYSTS,
  body: experimentBodySchema,
  response: z.object({ id: z.string(), registered: z.literal(true) }),
  okStatus: 201,
  errors: [409, 503],
} satisfies RouteDoc;

export const experimentsDocs: RouteDoc[] = [experimentsDoc, registerDoc];

export function experimentsRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>()
    .get('/', allow(experimentsDoc), async (c) => {
      const storeId = storeIdParam(c);
      return c.json(await withAnalytics(d, (a) => a.experiments(storeId)));
    })
    .post('/', allow(registerDoc), async (c) => {
      const storeId = storeIdParam(c);
      const experiment = await parseJson(c, registerDoc.body);
      if (!experiment.stores.includes(storeId))
        throw fieldError(400, 'invalid request body', 'stores', `must include the store "${storeId}"`);
      const principal = c.get('principal');
      const named = [
        ...experiment.stores,
        ...('stores' in experiment.control ? experiment.control.stores : []),
      ];
      const hidden = named.find((s) => !canAccessStore(principal, s));
      if (hidden) throw new HTTPException(403, { message: `no access to store "${hidden}"` });
      const registered = await withAnalytics(d, async (a) => {
        if (!a.saveExperiment)
          throw new HTTPException(503, { message: 'experiments cannot be registered here' });
        return a.saveExperiment(experiment);
      });
      if (!registered)
        throw fieldError(
          409,
          'experiment exists',
          'id',
          `experiment "${experiment.id}" is already registered`,
        );
      return c.json({ id: experiment.id, registered: true as const }, 201);
    });
}
