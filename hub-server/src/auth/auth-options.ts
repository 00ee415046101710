// Everything the auth middleware and routes share, resolved once from the hub's config.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { UserStore } from '../storage/user-store.js';
import { DEFAULT_LOGIN_LIMITS, LoginRateLimit } from './login-rate-limit.js';
import { DEFAULT_SCRYPT, type ScryptParams } from './password-hash.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './session-policy.js';

export interface AuthOptions {
  users: UserStore;
  now: () => number;
  session: SessionPolicy;
  /** Mark the session cookie `Secure` (and name it `__Host-hub_session`): on whenever the hub is served over HTTPS. */
  secureCookie: boolean;
  /**
   * Origins other than the hub's own that may send cookie-authenticated writes, e.g.
   * `https://hub.example.com` when a proxy rewrites Host. The hub's own origin is always trusted.
   */
  trustedOrigins: readonly string[];
  scrypt: ScryptParams;
  loginLimit: LoginRateLimit;
  /** The client's address for the per-address login limit. Behind a proxy, read X-Forwarded-For here. */
  clientIp: (c: Context) => string;
}

export type AuthOptionsInput = Pick<AuthOptions, 'users' | 'now'> & Partial<AuthOptions>;

export function authOptions(o: AuthOptionsInput): AuthOptions {
  return {
    session: DEFAULT_SESSION_POLICY,
    secureCookie: false,
    trustedOrigins: [],
    scrypt: DEFAULT_SCRYPT,
    loginLimit: new LoginRateLimit(DEFAULT_LOGIN_LIMITS),
    clientIp: socketAddress,
    ...o,
  };
}

/** The TCP peer under @hono/node-server; `unknown` elsewhere (e.g. `app.request()` in tests). */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
