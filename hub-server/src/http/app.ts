// The hub's HTTP surface: one Hono app, a sub-app per resource, authentication and store scope
// mounted once in front of them, one error handler answering RFC 9457 problem JSON, the OpenAPI
// document generated from the routes' own schemas, and the dashboard.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { adminRoutes } from '../auth/admin-routes.js';
import { type AuthEnv, authenticate, requireRole, storeScope } from '../auth/auth-middleware.js';
import { authOptions } from '../auth/auth-options.js';
import { authRoutes } from '../auth/auth-routes.js';
import { openApiDocument, type RouteDoc } from './api-docs.js';
import type { AppDeps } from './app-deps.js';
import { dashboardRoutes } from './dashboard-assets.js';
import { problem } from './problem.js';
import { authDocs } from './routes/auth-docs.js';
import { bundlesRoutes } from './routes/bundles.js';
import { entrancesDocs, entrancesRoutes } from './routes/entrances.js';
import { experimentsDocs, experimentsRoutes } from './routes/experiments.js';
import { exportsDocs, exportsRoutes } from './routes/exports.js';
import { flowsDocs, flowsRoutes } from './routes/flows.js';
import { gatewaysDocs, gatewaysRoutes } from './routes/gateways.js';
import { heatmapDocs, heatmapRoutes } from './routes/heatmap.js';
import { importsDocs, importsRoutes } from './routes/imports.js';
import { liveDocs, liveRoutes } from './routes/live.js';
import { metricsRoutes } from './routes/metrics.js';
import { enrolRoutes, provisioningDocs, provisioningRoutes } from './routes/provisioning.js';
import { recommendationsDocs, recommendationsRoutes } from './routes/recommendations.js';
import { rulesDocs, rulesRoutes } from './routes/rules.js';
import { scenariosDocs, scenariosRoutes } from './routes/scenarios.js';
import { sessionDocs, sessionRoutes } from './routes/session.js';
import { storeGatewaysDocs, storeGatewaysRoutes } from './routes/store-gateways.js';
import { storesDocs, storesRoutes } from './routes/stores.js';
import { transactionsDocs, transactionsRoutes } from './routes/transactions.js';
import { zonesDocs, zonesRoutes } from './routes/zones.js';

export type { AppDeps } from './app-deps.js';

/** Tills post baskets with their own token, not a dashboard login. */
const isTill = (c: Context) =>
  c.req.method === 'POST' && /^\/api\/v1\/stores\/[^/]+\/transactions$/.test(c.req.path);

/** Sub-apps under /api/v1/stores/{storeId}/…, each one resource. */
const STORE_RESOURCES = [
  ['heatmap', heatmapRoutes],
  ['zones', zonesRoutes],
  ['entrances', entrancesRoutes],
  ['flows', flowsRoutes],
  ['rules', rulesRoutes],
  ['recommendations', recommendationsRoutes],
  ['scenarios', scenariosRoutes],
  ['experiments', experimentsRoutes],
  ['gateways', storeGatewaysRoutes],
  ['imports', importsRoutes],
  ['exports', exportsRoutes],
  ['live', liveRoutes],
] as const satisfies readonly (readonly [string, (d: AppDeps) => Hono<AuthEnv>])[];

export const ROUTE_DOCS: readonly RouteDoc[] = [
  ...authDocs,
  ...sessionDocs,
  ...storesDocs,
  ...heatmapDocs,
  ...zonesDocs,
  ...entrancesDocs,
  ...flowsDocs,
  ...rulesDocs,
  ...recommendationsDocs,
  ...scenariosDocs,
  ...experimentsDocs,
  ...gatewaysDocs,
  ...storeGatewaysDocs,
  ...transactionsDocs,
  ...importsDocs,
  ...exportsDocs,
  ...liveDocs,
  ...provisioningDocs,
];

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const auth = authOptions({ users: deps.repo.users, now: deps.now, ...deps.auth });

  app.get('/healthz', (c) => c.json({ ok: true, version: deps.version }));
  const openapi = openApiDocument(ROUTE_DOCS, deps.version);
  app.get('/api/openapi.json', (c) => c.json(openapi));

  // Gateways fetch update bundles with their MQTT credentials (HTTP Basic), not a user session.
  if (deps.bundlesDir)
    app.route(
      '/api/v1/bundles',
      bundlesRoutes({
        bundlesDir: deps.bundlesDir,
        lookupHash: async (storeId, principal) =>
          (await deps.repo.registry.get(storeId, principal))?.passwordHash ?? undefined,
      }),
    );
  app.route('/api/v1/auth', authRoutes(auth));
  app.route('/api/v1/admin', adminRoutes(auth));
  app.route('/api/v1/session', sessionRoutes(deps, auth));

  // Authentication and store scope in front of every store route (tills excepted), registered
  // before the routes so none can be mounted without them.
  app.use('/api/v1/stores/*', authenticate(auth, { skip: isTill }));
  app.use('/api/v1/stores/:storeId/*', storeScope({ skip: isTill }));
  app.use('/api/v1/gateways/*', authenticate(auth));
  // Prometheus scrapes with an admin API token (Authorization: Bearer); IT may also look signed in.
  app.use('/metrics/*', authenticate(auth), requireRole('admin'));

  app.route('/api/v1/stores/:storeId/transactions', transactionsRoutes(deps));
  for (const [name, routes] of STORE_RESOURCES) app.route(`/api/v1/stores/:storeId/${name}`, routes(deps));
  if (deps.provisioning) {
    const p = { repo: deps.repo, logger: deps.logger, now: deps.now, ...deps.provisioning };
    app.route('/api/v1/stores/:storeId/gateways', provisioningRoutes(p)); // behind authenticate + store scope
    app.route('/api/v1/enrol', enrolRoutes(p)); // public: the one-time code is the credential
  }
  app.route('/api/v1/stores', storesRoutes(deps));
  app.route('/api/v1/gateways', gatewaysRoutes(deps));
  app.route('/metrics', metricsRoutes(deps.repo, deps.counters));
  if (deps.dashboard !== false) app.route('/', dashboardRoutes());

  app.notFound((c) =>
    c.json(problem(404, 'Not Found', { detail: `no route for ${c.req.method} ${c.req.path}` }), 404),
  );
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const errors = Array.isArray(err.cause)
        ? (err.cause as { path: string; message: string }[])
        : undefined;
      const body = problem(err.status, err.message, errors ? { errors } : {});
      return c.json(body, err.status, { 'content-type': 'application/problem+json' });
    }
    deps.logger.error({ err }, 'unhandled error in HTTP route');
    return c.json(problem(500, 'Internal Server Error'), 500, { 'content-type': 'application/problem+json' });
  });
  return app;
}
