// The hub's HTTP surface: one Hono app, a sub-app per resource, one error handler.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { FleetState } from '../fleet/fleet-state.js';
import type { IngestCounters } from '../ingest/ingest-counters.js';
import type { Logger } from '../logger.js';
import { problem } from './problem.js';
import { gatewaysRoutes } from './routes/gateways.js';
import { metricsRoutes } from './routes/metrics.js';

export interface AppDeps {
  fleet: FleetState;
  counters: IngestCounters;
  logger: Logger;
  version: string;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true, version: deps.version }));
  app.route('/api/v1/gateways', gatewaysRoutes(deps.fleet));
  app.route('/metrics', metricsRoutes(deps.fleet, deps.counters));

  app.notFound((c) =>
    c.json(problem(404, 'Not Found', { detail: `no route for ${c.req.method} ${c.req.path}` }), 404),
  );
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const errors = Array.isArray(err.cause)
        ? (err.cause as { path: string; message: string }[])
        : undefined;
      const body = problem(err.status, err.message, errors ? { errors } : {});
      return c.json(body, err.status);
    }
    deps.logger.error({ err }, 'unhandled error in HTTP route');
    return c.json(problem(500, 'Internal Server Error'), 500);
  });
  return app;
}
