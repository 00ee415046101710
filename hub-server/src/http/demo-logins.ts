// Demo accounts for `npm start`: one per role (IT admin, merchandiser, a manager per store), with
// fresh passwords every start (existing demo accounts are reset to them), returned for printing.
import type { Role, StoreScope } from '../auth/access.js';
import { demoUsers, ensureUsers } from '../auth/bootstrap-users.js';
import type { ScryptParams } from '../auth/password-hash.js';
import type { HubRepository } from '../storage/repository.js';
import { listStores } from './reads/store-reads.js';

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  stores: StoreScope;
}

export async function ensureDemoLogins(
  repo: HubRepository,
  now: number,
  o: { storeIds?: readonly string[]; scrypt?: ScryptParams } = {},
): Promise<DemoLogin[]> {
  const storeIds = o.storeIds ?? (await listStores(repo.db, 'all')).map((s) => s.storeId);
  const users = demoUsers(storeIds);
  await ensureUsers(repo.users, users, { now, mode: 'reset', ...(o.scrypt && { scrypt: o.scrypt }) });
  return users.map(({ username, password, role, stores }) => ({ username, password, role, stores }));
}

/** Lines for the console: who can sign in where, with which password. */
export function formatDemoLogins(logins: readonly DemoLogin[], dashboardUrl: string): string {
  const width = Math.max(...logins.map((l) => l.username.length));
  const lines = logins.map((l) => {
    const scope = l.stores === 'all' ? 'all stores' : l.stores.join(', ');
    return `    ${l.username.padEnd(width)}  ${l.password}  (${l.role}, ${scope})`;
  });
  return `  Dashboard: ${dashboardUrl}/\n  Demo sign-ins (new passwords every start):\n${lines.join('\n')}\n`;
}
