// The analytics routes' shared rule: 503 problem "analytics not available" when the hub has no
// analytics service (never made-up figures), and 400 naming the field when the service refuses input.
import { HTTPException } from 'hono/http-exception';
import { AnalyticsInputError, type AnalyticsService } from '../analytics-port.js';
import type { AppDeps } from '../app-deps.js';
import { fieldError } from '../validation.js';

export async function withAnalytics<T>(d: AppDeps, run: (a: AnalyticsService) => Promise<T>): Promise<T> {
  if (!d.analytics)
    throw new HTTPException(503, {
      message: 'analytics not available',
      cause: [{ path: '(service)', message: 'this hub runs without an analytics service' }],
    });
  try {
    return await run(d.analytics);
  } catch (err) {
    if (err instanceof AnalyticsInputError) throw fieldError(400, 'invalid request', err.path, err.message);
    throw err;
  }
}
