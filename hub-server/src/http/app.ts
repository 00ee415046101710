// The hub's HTTP surface: one Hono app, a sub-app per resource, one error handler.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { IngestCounters } from '../ingest/ingest-counters.js';
import type { Logger } from '../logger.js';
import type { Pseudonymize } from '../privacy/pseudonym.js';
import type { HubRepository } from '../storage/repository.js';
import { problem } from './problem.js';
import { gatewaysRoutes } from './routes/gateways.js';
import { metricsRoutes } from './routes/metrics.js';
import { storesRoutes } from './routes/stores.js';

export interface AppDeps {
  repo: HubRepository;
  counters: IngestCounters;
  pseudonymize: Pseudonymize;
  logger: Logger;
  version: string;
  now: () => number;
  posToken?: string;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true, version: deps.version }));
  app.route('/api/v1/gateways', gatewaysRoutes(deps.repo));
  app.route(
    '/api/v1/stores',
    storesRoutes({
      repo: deps.repo,
      pseudonymize: deps.pseudonymize,
      now: deps.now,
      ...(deps.posToken !== undefined && { posToken: deps.posToken }),
    }),
  );
  app.route('/metrics', metricsRoutes(deps.repo, deps.counters));

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
