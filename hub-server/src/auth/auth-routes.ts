// /api/v1/auth — sign in and out of the dashboard, and "who am I".
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { problem } from '../http/problem.js';
import type { Principal } from './access.js';
import { type AuthEnv, authenticate, principalOf } from './auth-middleware.js';
import type { AuthOptions } from './auth-options.js';
import { loginBodySchema, parseBody } from './auth-schemas.js';
import { attemptLogin } from './login.js';
import { originMatches } from './same-origin.js';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie.js';

export function authRoutes(o: AuthOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.post('/login', async (c) => {
    refuseCrossOrigin(c, o);
    const body = await parseBody(c, loginBodySchema);
    const result = await attemptLogin(o, { ...body, ip: o.clientIp(c) });
    if (!result.ok && result.reason === 'rate-limited') {
      const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      const detail = `too many failed sign-ins; try again in ${seconds} s`;
      return c.json(problem(429, 'Too Many Requests', { detail }), 429, { 'Retry-After': String(seconds) });
    }
    if (!result.ok) throw new HTTPException(401, { message: 'invalid username or password' });
    writeSessionCookie(c, result.sessionId, result.expiresAt - o.now(), o.secureCookie);
    return c.json({ user: me(result.principal), expiresAt: result.expiresAt });
  });

  // Needs no valid session: ending one that has already expired is still a success.
  app.post('/logout', async (c) => {
    refuseCrossOrigin(c, o);
    const sessionId = readSessionCookie(c, o.secureCookie);
    if (sessionId !== undefined) await o.users.deleteSession(sessionId);
    clearSessionCookie(c, o.secureCookie);
    return c.body(null, 204);
  });

  app.get('/me', authenticate(o), (c) => c.json({ user: me(principalOf(c)) }));

  return app;
}

/** What the dashboard needs to know about the signed-in user. */
export function me(p: Principal) {
  return { userId: p.userId, username: p.username, role: p.role, stores: p.stores, via: p.via.kind };
}

// Login CSRF: a foreign page must not sign a visitor in (or out) as someone else. Tools such as
// curl send no Origin and pass.
function refuseCrossOrigin(c: Context, o: AuthOptions): void {
  const origin = c.req.header('origin');
  if (origin !== undefined && !originMatches(origin, c.req.url, o.trustedOrigins))
    throw new HTTPException(403, { message: 'cross-site request refused' });
}
