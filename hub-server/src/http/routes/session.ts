// /api/v1/session — who is signed in, without a 401 when nobody is: the dashboard asks this first
// and shows its sign-in form on `user: null` (a 401 would be logged as an error in the console).
// With a user, also which optional services this hub runs, so the dashboard never calls a route
// that can only answer 503.
import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, authenticate } from '../../auth/auth-middleware.js';
import type { AuthOptions } from '../../auth/auth-options.js';
import { me } from '../../auth/auth-routes.js';
import type { RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';

const sessionDoc = {
  method: 'get',
  path: '/api/v1/session',
  summary: 'The signed-in user (null when none) and the services this hub offers',
  tag: 'auth',
  access: 'public',
  response: z.object({
    user: z
      .object({
        userId: z.string(),
        username: z.string(),
        role: z.string(),
        stores: z.union([z.literal('all'), z.array(z.string())]),
        via: z.string(),
      })
      .nullable(),
    services: z.object({ analytics: z.boolean(), live: z.boolean(), configPush: z.boolean() }).optional(),
    version: z.string(),
  }),
} satisfies RouteDoc;

export const sessionDocs: RouteDoc[] = [sessionDoc];

export function sessionRoutes(d: AppDeps, auth: AuthOptions): Hono<AuthEnv> {
  const check = authenticate(auth);
  return new Hono<AuthEnv>().get('/', async (c) => {
    try {
      await check(c, async () => {});
    } catch {
      // No or an ended session: answered below as `user: null`, without the 401's challenge.
      c.header('WWW-Authenticate', undefined);
    }
    const principal = c.get('principal');
    if (!principal) return c.json({ user: null, version: d.version });
    const services = { analytics: !!d.analytics, live: !!d.live, configPush: !!d.gatewayControl };
    return c.json({ user: me(principal), services, version: d.version });
  });
}
