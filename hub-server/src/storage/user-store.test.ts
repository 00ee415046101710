// Users, sessions and API tokens on every backend (SQLite always, PostgreSQL when DATABASE_URL is set).
import { afterAll, describe, expect, it } from 'vitest';
import { backends, dumpAllTables, openRepo } from '../../test/backends.js';
import type { SessionPolicy } from '../auth/session-policy.js';
import type { HubRepository } from './repository.js';
import { TOKEN_PREFIX } from './user-store.js';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const policy: SessionPolicy = { ttlMs: 600 * MIN, idleMs: 60 * MIN, touchEveryMs: MIN };

async function withRepo(
  backend: ReturnType<typeof backends>[number],
  work: (repo: HubRepository) => Promise<void>,
) {
  const repo = await openRepo(backend, () => T0);
  try {
    await work(repo);
  } finally {
    await repo.close();
  }
}

const alice = {
  username: 'Alice',
  role: 'store-manager' as const,
  stores: ['store-a'],
  passwordHash: 'scrypt$x',
};

for (const backend of backends()) {
  describe(`user store on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('creates users once per (case-insensitive) username and never lists the hash', () =>
      withRepo(backend, async (repo) => {
        const created = await repo.users.createUser(alice, T0);
        expect(created).toMatchObject({ username: 'alice', role: 'store-manager', stores: ['store-a'] });
        expect(created).not.toHaveProperty('passwordHash');
        expect(await repo.users.createUser({ ...alice, username: 'ALICE' }, T0)).toBeUndefined();
        expect((await repo.users.findByUsername(' alice '))?.passwordHash).toBe('scrypt$x');
        await repo.users.createUser({ ...alice, username: 'bob', role: 'merchandiser', stores: 'all' }, T0);
        const list = await repo.users.list();
        expect(list.map((u) => [u.username, u.stores])).toEqual([
          ['alice', ['store-a']],
          ['bob', 'all'],
        ]);
        expect(JSON.stringify(list)).not.toContain('scrypt$');
      }));

    it('ends a session at its idle timeout, at its lifetime, and on logout', () =>
      withRepo(backend, async (repo) => {
        const user = (await repo.users.createUser(alice, T0))!;
        const idle = await repo.users.createSession(user.userId, T0, policy);
        expect(idle.expiresAt).toBe(T0 + policy.ttlMs);
        expect(await repo.users.resolveSession(idle.sessionId, T0 + 59 * MIN, policy)).toMatchObject({
          userId: user.userId,
          role: 'store-manager',
          via: { kind: 'session' },
        });
        // Used at +59 min, so idle only from then on.
        expect(await repo.users.resolveSession(idle.sessionId, T0 + 118 * MIN, policy)).toBeDefined();
        expect(await repo.users.resolveSession(idle.sessionId, T0 + 179 * MIN, policy)).toBeUndefined();
        // An ended session is gone for good, even if asked about "earlier".
        expect(await repo.users.resolveSession(idle.sessionId, T0 + MIN, policy)).toBeUndefined();

        const busy = await repo.users.createSession(user.userId, T0, policy);
        for (let t = T0; t < T0 + policy.ttlMs; t += 30 * MIN)
          expect(await repo.users.resolveSession(busy.sessionId, t, policy)).toBeDefined();
        expect(await repo.users.resolveSession(busy.sessionId, T0 + policy.ttlMs, policy)).toBeUndefined();

        const out = await repo.users.createSession(user.userId, T0, policy);
        expect(await repo.users.deleteSession(out.sessionId)).toBe(true);
        expect(await repo.users.resolveSession(out.sessionId, T0, policy)).toBeUndefined();
        expect(await repo.users.resolveSession('not-a-session', T0, policy)).toBeUndefined();
      }));

    it('ends sessions on a new password or when the user is disabled; purges expired ones', () =>
      withRepo(backend, async (repo) => {
        const user = (await repo.users.createUser(alice, T0))!;
        const a = await repo.users.createSession(user.userId, T0, policy);
        await repo.users.update(user.userId, { passwordHash: 'scrypt$y' }, T0);
        expect(await repo.users.resolveSession(a.sessionId, T0, policy)).toBeUndefined();
        const b = await repo.users.createSession(user.userId, T0, policy);
        await repo.users.update(user.userId, { role: 'merchandiser', stores: 'all' }, T0);
        expect(await repo.users.resolveSession(b.sessionId, T0, policy)).toMatchObject({ stores: 'all' });
        const disabled = await repo.users.update(user.userId, { disabled: true }, T0 + 1);
        expect(disabled?.disabledAt).toBe(T0 + 1);
        expect(await repo.users.resolveSession(b.sessionId, T0, policy)).toBeUndefined();
        expect(await repo.users.update('nobody', { disabled: true }, T0)).toBeUndefined();

        await repo.users.update(user.userId, { disabled: false }, T0);
        await repo.users.createSession(user.userId, T0, policy);
        await repo.users.createSession(user.userId, T0 + 100 * MIN, policy);
        expect(await repo.users.purgeExpiredSessions(T0 + 120 * MIN, policy)).toBe(1);
      }));

    it('resolves API tokens to their owner’s current role and scope until revoked, noting last use', () =>
      withRepo(backend, async (repo) => {
        const user = (await repo.users.createUser(alice, T0))!;
        const t = await repo.users.createToken(user.userId, 'pos export', T0);
        expect(t.token.startsWith(TOKEN_PREFIX)).toBe(true);
        expect(t).toMatchObject({ name: 'pos export', username: 'alice', revokedAt: null, lastUsedAt: null });
        expect(await repo.users.resolveToken(t.token, T0 + 5, policy)).toMatchObject({
          userId: user.userId,
          stores: ['store-a'],
          via: { kind: 'token', tokenId: t.tokenId },
        });
        await repo.users.resolveToken(t.token, T0 + 10, policy); // within touchEveryMs: not written
        const [listed] = await repo.users.listTokens(user.userId);
        expect(listed?.lastUsedAt).toBe(T0 + 5);
        expect(listed).not.toHaveProperty('token');

        await repo.users.update(user.userId, { stores: ['store-a', 'store-b'] }, T0);
        expect((await repo.users.resolveToken(t.token, T0, policy))?.stores).toEqual(['store-a', 'store-b']);
        await repo.users.update(user.userId, { disabled: true }, T0);
        expect(await repo.users.resolveToken(t.token, T0, policy)).toBeUndefined();
        await repo.users.update(user.userId, { disabled: false }, T0);

        expect(await repo.users.revokeToken(t.tokenId, T0 + 20)).toBe(true);
        expect(await repo.users.revokeToken(t.tokenId, T0 + 30)).toBe(false);
        expect(await repo.users.resolveToken(t.token, T0, policy)).toBeUndefined();
        expect(await repo.users.resolveToken(`${t.token.slice(0, -1)}A`, T0, policy)).toBeUndefined();
        expect(await repo.users.resolveToken('hubt_short', T0, policy)).toBeUndefined();
      }));

    it('keeps no session id or token in any table', () =>
      withRepo(backend, async (repo) => {
        const user = (await repo.users.createUser(alice, T0))!;
        const { sessionId } = await repo.users.createSession(user.userId, T0, policy);
        const { token } = await repo.users.createToken(user.userId, 'ci', T0);
        for (const [table, rows] of await dumpAllTables(repo)) {
          expect(rows, table).not.toContain(sessionId);
          expect(rows, table).not.toContain(token.slice(TOKEN_PREFIX.length));
        }
      }));
  });
}
