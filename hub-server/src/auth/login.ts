// One login attempt: rate limit, password check (with the same cost whether or not the user
// exists), rehash on parameter change, and a new session. HTTP lives in auth-routes.ts.
import type { Principal } from './access.js';
import type { AuthOptions } from './auth-options.js';
import { hashPassword, needsRehash, verifyDummy, verifyPassword } from './password-hash.js';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
}

export type LoginResult =
  | { ok: true; principal: Principal; sessionId: string; expiresAt: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

export async function attemptLogin(o: AuthOptions, input: LoginInput): Promise<LoginResult> {
  const now = o.now();
  const attempt = { username: input.username, ip: input.ip };
  const decision = o.loginLimit.check(attempt, now);
  if (!decision.allowed) return { ok: false, reason: 'rate-limited', retryAfterMs: decision.retryAfterMs };

  const user = await o.users.findByUsername(input.username);
  const ok =
    user && user.disabledAt === null
      ? await verifyPassword(input.password, user.passwordHash)
      : await verifyDummy(input.password, o.scrypt);
  if (!user || !ok) {
    o.loginLimit.recordFailure(attempt, now);
    return { ok: false, reason: 'invalid' };
  }
  o.loginLimit.recordSuccess(attempt);
  if (needsRehash(user.passwordHash, o.scrypt)) {
    await o.users.rehashPassword(user.userId, await hashPassword(input.password, o.scrypt));
  }
  await o.users.purgeExpiredSessions(now, o.session);
  const { sessionId, expiresAt } = await o.users.createSession(user.userId, now, o.session);
  const principal: Principal = {
    userId: user.userId,
    username: user.username,
    role: user.role,
    stores: user.stores,
    via: { kind: 'session' },
  };
  return { ok: true, principal, sessionId, expiresAt };
}
