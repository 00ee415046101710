// Hono middleware: who is calling (session cookie or bearer token), may they use this store, do
// they hold this role. Failures are thrown as HTTPException so the app's one error handler turns
// them into problem JSON: 401 without a valid credential, 403 when the principal may not.
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { canAccessStore, hasRole, type Principal, type Role } from './access.js';
import type { AuthOptions } from './auth-options.js';
import { isSameOriginWrite, SAFE_METHODS } from './same-origin.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

/** Type a Hono app or route with this to read `c.get('principal')`. */
export type AuthEnv = { Variables: { principal: Principal } };

export interface AuthenticateOptions {
  /** Requests this returns true for pass unauthenticated (e.g. a machine route with its own token). */
  skip?: (c: Context) => boolean;
}

/**
 * Resolves the principal and sets it on the context. `Authorization: Bearer` wins over the cookie
 * when both are present. Cookie-authenticated writes must pass the same-origin check (CSRF).
 * Running it twice on one request is harmless: the second time sees the principal and passes.
 */
export function authenticate(o: AuthOptions, opts: AuthenticateOptions = {}): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (c.get('principal') || opts.skip?.(c)) return next();
    const principal = await resolvePrincipal(c, o);
    c.set('principal', principal);
    await next();
  };
}

async function resolvePrincipal(c: Context, o: AuthOptions): Promise<Principal> {
  const now = o.now();
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const principal = match && (await o.users.resolveToken(match[1]!, now, o.session));
    if (!principal) unauthorized(c, 'invalid or revoked API token');
    return principal;
  }
  const sessionId = readSessionCookie(c, o.secureCookie);
  if (sessionId === undefined) unauthorized(c, 'sign in, or send an API token as Authorization: Bearer');
  const principal = await o.users.resolveSession(sessionId, now, o.session);
  if (!principal) {
    clearSessionCookie(c, o.secureCookie);
    unauthorized(c, 'the session has ended; sign in again');
  }
  if (!SAFE_METHODS.has(c.req.method) && !isSameOriginWrite(writeHeaders(c), c.req.url, o.trustedOrigins)) {
    throw new HTTPException(403, {
      message: 'cross-site request refused: send it from the dashboard, or add X-Requested-With',
    });
  }
  return principal;
}

export interface StoreScopeOptions {
  /** The route parameter naming the store (default `storeId`). */
  param?: string;
  /** Requests this returns true for are not checked (keep in step with `authenticate`'s `skip`). */
  skip?: (c: Context) => boolean;
}

/**
 * 403 unless the principal may see the store named by the route's `:storeId`. Mount once, e.g.
 * `app.use('/api/v1/stores/:storeId/*', storeScope())`, and every store route is covered.
 * Fails closed: no principal is 401, a mount without the parameter is a 500, not a pass.
 */
export function storeScope(opts: StoreScopeOptions = {}): MiddlewareHandler<AuthEnv> {
  const param = opts.param ?? 'storeId';
  return async (c, next) => {
    if (opts.skip?.(c)) return next();
    const principal = principalOf(c);
    const storeId = c.req.param(param) as string | undefined;
    if (storeId === undefined) throw new Error(`storeScope() is mounted on a route without :${param}`);
    if (!canAccessStore(principal, storeId))
      throw new HTTPException(403, { message: `no access to store "${storeId}"` });
    await next();
  };
}

/** 403 unless the principal holds one of `roles`. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (!hasRole(principalOf(c), roles))
      throw new HTTPException(403, { message: `this needs the role ${roles.join(' or ')}` });
    await next();
  };
}

/** The authenticated principal; 401 when `authenticate` has not run or let the request through. */
export function principalOf(c: Context<AuthEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw new HTTPException(401, { message: 'authentication required' });
  return principal;
}

export function writeHeaders(c: Context) {
  return {
    origin: c.req.header('origin'),
    requestedWith: c.req.header('x-requested-with'),
    fetchSite: c.req.header('sec-fetch-site'),
  };
}

function unauthorized(c: Context, message: string): never {
  // Kept by the app's error handler, which answers through the same context.
  c.header('WWW-Authenticate', 'Bearer realm="hub"');
  throw new HTTPException(401, { message });
}
