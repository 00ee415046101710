import { afterAll, describe, expect, it } from 'vitest';
import { backends, openRepo } from '../../test/backends.js';
import { authOptions } from './auth-options.js';
import { createAdminToken, demoUsers, ensureUsers } from './bootstrap-users.js';
import { attemptLogin } from './login.js';
import { parseHash, type ScryptParams } from './password-hash.js';

const FAST: ScryptParams = { N: 1024, r: 8, p: 1, keyLength: 32 };
const T0 = 1_800_000_000_000;

for (const backend of backends()) {
  describe(`initial users on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('creates demo users once; reset mode gives them fresh working passwords', async () => {
      const repo = await openRepo(backend, () => T0);
      try {
        let n = 0;
        const first = demoUsers(['store-a', 'store-b'], () => `demo-password-${++n}`);
        expect(first.map((u) => [u.username, u.role, u.stores])).toEqual([
          ['admin', 'admin', 'all'],
          ['merchandiser', 'merchandiser', 'all'],
          ['manager-store-a', 'store-manager', ['store-a']],
          ['manager-store-b', 'store-manager', ['store-b']],
        ]);
        expect(await ensureUsers(repo.users, first, { now: T0, scrypt: FAST })).toMatchObject({
          created: ['admin', 'merchandiser', 'manager-store-a', 'manager-store-b'],
        });
        const again = demoUsers(['store-a', 'store-b'], () => `demo-password-${++n}`);
        expect(await ensureUsers(repo.users, again, { now: T0, scrypt: FAST })).toMatchObject({
          created: [],
          unchanged: ['admin', 'merchandiser', 'manager-store-a', 'manager-store-b'],
        });
        const o = authOptions({ users: repo.users, now: () => T0, scrypt: FAST });
        const as = (username: string, password: string) => attemptLogin(o, { username, password, ip: 'x' });
        expect((await as('admin', first[0]!.password)).ok).toBe(true);
        expect((await as('admin', again[0]!.password)).ok).toBe(false);

        expect(await ensureUsers(repo.users, again, { now: T0, scrypt: FAST, mode: 'reset' })).toMatchObject({
          reset: ['admin', 'merchandiser', 'manager-store-a', 'manager-store-b'],
        });
        expect((await as('admin', again[0]!.password)).ok).toBe(true);
        await expect(
          ensureUsers(repo.users, [{ username: 'x', role: 'store-manager', stores: 'all', password: 'p' }], {
            now: T0,
          }),
        ).rejects.toThrow(/at least one named store/);
      } finally {
        await repo.close();
      }
    });

    it('rehashes a password made with old parameters at the next login', async () => {
      const repo = await openRepo(backend, () => T0);
      try {
        await ensureUsers(
          repo.users,
          [{ username: 'it', role: 'admin', stores: 'all', password: 'pw-123456789' }],
          {
            now: T0,
            scrypt: FAST,
          },
        );
        const stronger = { ...FAST, N: 2048 };
        const o = authOptions({ users: repo.users, now: () => T0, scrypt: stronger });
        expect((await attemptLogin(o, { username: 'it', password: 'pw-123456789', ip: 'x' })).ok).toBe(true);
        const hash = (await repo.users.findByUsername('it'))!.passwordHash;
        expect(parseHash(hash)?.params).toEqual(stronger);
        expect((await attemptLogin(o, { username: 'it', password: 'pw-123456789', ip: 'x' })).ok).toBe(true);
      } finally {
        await repo.close();
      }
    });

    it('creates an admin token owned by an enabled admin', async () => {
      const repo = await openRepo(backend, () => T0);
      try {
        await expect(createAdminToken(repo.users, 'ci', { now: T0 })).rejects.toThrow(/no enabled admin/);
        await ensureUsers(
          repo.users,
          [
            { username: 'it', role: 'admin', stores: 'all', password: 'pw-123456789' },
            { username: 'merch', role: 'merchandiser', stores: 'all', password: 'pw-123456789' },
          ],
          { now: T0, scrypt: FAST },
        );
        const t = await createAdminToken(repo.users, 'ci', { now: T0 });
        expect(t.owner).toBe('it');
        const principal = await repo.users.resolveToken(
          t.token,
          T0,
          authOptions({ users: repo.users, now: () => T0 }).session,
        );
        expect(principal).toMatchObject({ role: 'admin', via: { kind: 'token', tokenId: t.tokenId } });
        await expect(createAdminToken(repo.users, 'ci', { now: T0, owner: 'merch' })).rejects.toThrow(
          /not an enabled admin/,
        );
      } finally {
        await repo.close();
      }
    });
  });
}
