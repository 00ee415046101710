// First accounts: the initial or demo users `hub-server start` makes sure exist (and prints for a
// demo), and an admin API token for scripts.
import { randomBytes } from 'node:crypto';
import type { UserStore } from '../storage/user-store.js';
import { type Role, type StoreScope, scopeProblem } from './access.js';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './password-hash.js';

export interface InitialUser {
  username: string;
  role: Role;
  stores: StoreScope;
  password: string;
}

export interface EnsureUsersOptions {
  now: number;
  scrypt?: ScryptParams;
  /**
   * `create`: add missing users, leave existing ones alone (initial accounts in production).
   * `reset`: also give existing ones the listed role, scope and password and enable them — for a
   * demo, whose freshly generated passwords are printed at every start and must work.
   */
  mode?: 'create' | 'reset';
}

export interface EnsureUsersResult {
  created: string[];
  reset: string[];
  unchanged: string[];
}

export async function ensureUsers(
  users: UserStore,
  list: readonly InitialUser[],
  o: EnsureUsersOptions,
): Promise<EnsureUsersResult> {
  const out: EnsureUsersResult = { created: [], reset: [], unchanged: [] };
  const params = o.scrypt ?? DEFAULT_SCRYPT;
  for (const u of list) {
    const problem = scopeProblem(u.role, u.stores);
    if (problem) throw new Error(`initial user "${u.username}": ${problem}`);
    const existing = await users.findByUsername(u.username);
    if (existing && o.mode !== 'reset') {
      out.unchanged.push(existing.username);
      continue;
    }
    const passwordHash = await hashPassword(u.password, params);
    if (existing) {
      await users.update(
        existing.userId,
        { role: u.role, stores: u.stores, passwordHash, disabled: false },
        o.now,
      );
      out.reset.push(existing.username);
      continue;
    }
    const created = await users.createUser(
      { username: u.username, role: u.role, stores: u.stores, passwordHash },
      o.now,
    );
    if (!created) throw new Error(`initial user "${u.username}" could not be created`);
    out.created.push(created.username);
  }
  return out;
}

/** A random password of 24 URL-safe characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** One account per role for a demo: IT admin, a head-office merchandiser, a manager per store. */
export function demoUsers(storeIds: readonly string[], makePassword = generatePassword): InitialUser[] {
  return [
    { username: 'admin', role: 'admin', stores: 'all', password: makePassword() },
    { username: 'merchandiser', role: 'merchandiser', stores: 'all', password: makePassword() },
    ...storeIds.map((id) => ({
      username: `manager-${id}`,
      role: 'store-manager' as const,
      stores: [id],
      password: makePassword(),
    })),
  ];
}

/**
 * Issues an API token carrying admin rights, owned by `owner` (default: the oldest enabled admin).
 * The token is returned once; only its hash is kept.
 */
export async function createAdminToken(
  users: UserStore,
  name: string,
  o: { now: number; owner?: string },
): Promise<{ tokenId: string; token: string; owner: string }> {
  const admins = (await users.list()).filter((u) => u.role === 'admin' && u.disabledAt === null);
  const owner =
    o.owner === undefined
      ? admins.sort((a, b) => a.createdAt - b.createdAt)[0]
      : admins.find((u) => u.username === o.owner?.toLowerCase());
  if (!owner)
    throw new Error(
      o.owner === undefined ? 'no enabled admin account exists yet' : `"${o.owner}" is not an enabled admin`,
    );
  const t = await users.createToken(owner.userId, name, o.now);
  return { tokenId: t.tokenId, token: t.token, owner: owner.username };
}
