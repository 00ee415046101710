// Dashboard and API accounts: users, login sessions and API bearer tokens.
// Secrets never reach the database: a user's password is stored as its scrypt hash (made by
// auth/password-hash.ts), and a session id or API token only as its SHA-256 — they are 32 random
// bytes, so a fast hash is enough and a stolen table cannot be replayed. Sessions and tokens carry
// no role of their own: every request reads the owner's current role, scope and disabled flag.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal, Role, StoreScope } from '../auth/access.js';
import { isDueForTouch, type SessionPolicy, sessionIsLive } from '../auth/session-policy.js';
import type { SqlExecutor, SqlValue } from './sql-driver.js';

export interface UserRow {
  userId: string;
  username: string;
  role: Role;
  stores: StoreScope;
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
  disabledAt: number | null;
}

/** A user as shown to an admin: everything but the password hash. */
export type UserView = Omit<UserRow, 'passwordHash'>;

export interface NewUser {
  username: string;
  role: Role;
  stores: StoreScope;
  passwordHash: string;
}

export interface UserPatch {
  role?: Role;
  stores?: StoreScope;
  passwordHash?: string;
  disabled?: boolean;
}

export interface TokenView {
  tokenId: string;
  userId: string;
  username: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** API tokens start with this, so secret scanners and log filters can recognise them. */
export const TOKEN_PREFIX = 'hubt_';
const SECRET_BYTES = 32;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in base64url

const userColumns = (t: string) =>
  `${t}.user_id AS "userId", ${t}.username, ${t}.role, ${t}.stores, ${t}.password_hash AS "passwordHash",
   ${t}.created_at AS "createdAt", ${t}.updated_at AS "updatedAt", ${t}.disabled_at AS "disabledAt"`;
const USER_COLUMNS = userColumns('users');

type RawUser = Omit<UserRow, 'stores'> & { stores: string };

export class UserStore {
  constructor(private readonly db: SqlExecutor) {}

  // ── users ──────────────────────────────────────────────────────────────────────────────────

  /** Creates the user; undefined when the username is taken. Usernames are kept in lower case. */
  async createUser(u: NewUser, now: number): Promise<UserView | undefined> {
    const userId = randomUUID();
    const r = await this.db.run(
      `INSERT INTO users (user_id, username, role, stores, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
      [userId, normalizeUsername(u.username), u.role, JSON.stringify(u.stores), u.passwordHash, now, now],
    );
    return r.changes === 0 ? undefined : view((await this.get(userId))!);
  }

  async get(userId: string): Promise<UserRow | undefined> {
    const rows = await this.db.all<RawUser>(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = ?`, [userId]);
    return rows[0] && fromRaw(rows[0]);
  }

  async findByUsername(username: string): Promise<UserRow | undefined> {
    const rows = await this.db.all<RawUser>(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`, [
      normalizeUsername(username),
    ]);
    return rows[0] && fromRaw(rows[0]);
  }

  async list(): Promise<UserView[]> {
    const rows = await this.db.all<RawUser>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
    return rows.map((r) => view(fromRaw(r)));
  }

  /**
   * Changes role, scope, password or the disabled flag. A new password or disabling ends the
   * user's sessions (tokens of a disabled user stop working too, being checked on every use).
   */
  async update(userId: string, patch: UserPatch, now: number): Promise<UserView | undefined> {
    const fields: [string, SqlValue][] = [['updated_at', now]];
    if (patch.role !== undefined) fields.push(['role', patch.role]);
    if (patch.stores !== undefined) fields.push(['stores', JSON.stringify(patch.stores)]);
    if (patch.passwordHash !== undefined) fields.push(['password_hash', patch.passwordHash]);
    if (patch.disabled !== undefined) fields.push(['disabled_at', patch.disabled ? now : null]);
    const r = await this.db.run(
      `UPDATE users SET ${fields.map(([c]) => `${c} = ?`).join(', ')} WHERE user_id = ?`,
      [...fields.map(([, v]) => v), userId],
    );
    if (r.changes === 0) return undefined;
    if (patch.passwordHash !== undefined || patch.disabled === true) await this.deleteUserSessions(userId);
    return view((await this.get(userId))!);
  }

  /** Replaces the hash without touching sessions: a rehash after login with new scrypt parameters. */
  async rehashPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ? WHERE user_id = ?', [passwordHash, userId]);
  }

  // ── sessions ───────────────────────────────────────────────────────────────────────────────

  /** Starts a session; the returned id goes in the cookie and exists nowhere else. */
  async createSession(
    userId: string,
    now: number,
    policy: SessionPolicy,
  ): Promise<{ sessionId: string; expiresAt: number }> {
    const sessionId = randomBytes(SECRET_BYTES).toString('base64url');
    const expiresAt = now + policy.ttlMs;
    await this.db.run(
      'INSERT INTO user_sessions (session_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
      [sha256(sessionId), userId, now, expiresAt, now],
    );
    return { sessionId, expiresAt };
  }

  /** The principal of a live session of an enabled user, refreshing its last-seen time; else undefined. */
  async resolveSession(
    sessionId: string,
    now: number,
    policy: SessionPolicy,
  ): Promise<Principal | undefined> {
    if (!SECRET_PATTERN.test(sessionId)) return undefined;
    const hash = sha256(sessionId);
    const rows = await this.db.all<RawUser & { expiresAt: number; lastSeenAt: number }>(
      `SELECT ${userColumns('u')},
         s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt"
       FROM user_sessions s JOIN users u ON u.user_id = s.user_id WHERE s.session_hash = ?`,
      [hash],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (!sessionIsLive(row, now, policy) || row.disabledAt !== null) {
      await this.db.run('DELETE FROM user_sessions WHERE session_hash = ?', [hash]);
      return undefined;
    }
    if (isDueForTouch(row.lastSeenAt, now, policy)) {
      await this.db.run('UPDATE user_sessions SET last_seen_at = ? WHERE session_hash = ?', [now, hash]);
    }
    return principalOf(fromRaw(row), { kind: 'session' });
  }

  async deleteSession(sessionId: string): Promise<boolean> {
    const r = await this.db.run('DELETE FROM user_sessions WHERE session_hash = ?', [sha256(sessionId)]);
    return r.changes > 0;
  }

  async deleteUserSessions(userId: string): Promise<number> {
    return (await this.db.run('DELETE FROM user_sessions WHERE user_id = ?', [userId])).changes;
  }

  /** Drops sessions past their lifetime or idle timeout (housekeeping; resolving ignores them anyway). */
  async purgeExpiredSessions(now: number, policy: SessionPolicy): Promise<number> {
    const r = await this.db.run('DELETE FROM user_sessions WHERE expires_at <= ? OR last_seen_at <= ?', [
      now,
      now - policy.idleMs,
    ]);
    return r.changes;
  }

  // ── API tokens ─────────────────────────────────────────────────────────────────────────────

  /** Issues a token for the user; the returned `token` is shown once and exists nowhere else. */
  async createToken(userId: string, name: string, now: number): Promise<TokenView & { token: string }> {
    const tokenId = randomUUID();
    const token = TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
    await this.db.run(
      'INSERT INTO api_tokens (token_id, token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?, ?)',
      [tokenId, sha256(token), userId, name, now],
    );
    const [created] = await this.tokens('WHERE t.token_id = ?', [tokenId]);
    return { ...created!, token };
  }

  /** The owner's principal for a valid, unrevoked token of an enabled user, noting its use; else undefined. */
  async resolveToken(token: string, now: number, policy: SessionPolicy): Promise<Principal | undefined> {
    if (!token.startsWith(TOKEN_PREFIX) || !SECRET_PATTERN.test(token.slice(TOKEN_PREFIX.length)))
      return undefined;
    const rows = await this.db.all<RawUser & { tokenId: string; lastUsedAt: number | null }>(
      `SELECT ${userColumns('u')},
         t.token_id AS "tokenId", t.last_used_at AS "lastUsedAt"
       FROM api_tokens t JOIN users u ON u.user_id = t.user_id
       WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
      [sha256(token)],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (isDueForTouch(row.lastUsedAt, now, policy)) {
      await this.db.run('UPDATE api_tokens SET last_used_at = ? WHERE token_id = ?', [now, row.tokenId]);
    }
    return principalOf(fromRaw(row), { kind: 'token', tokenId: row.tokenId });
  }

  async listTokens(userId?: string): Promise<TokenView[]> {
    return userId === undefined ? this.tokens('', []) : this.tokens('WHERE t.user_id = ?', [userId]);
  }

  /** Revokes the token; false when there is no such token or it was already revoked. */
  async revokeToken(tokenId: string, now: number): Promise<boolean> {
    const r = await this.db.run(
      'UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL',
      [now, tokenId],
    );
    return r.changes > 0;
  }

  private tokens(where: string, params: string[]): Promise<TokenView[]> {
    return this.db.all<TokenView>(
      `SELECT t.token_id AS "tokenId", t.user_id AS "userId", u.username, t.name, t.created_at AS "createdAt",
         t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt"
       FROM api_tokens t JOIN users u ON u.user_id = t.user_id ${where} ORDER BY t.created_at, t.token_id`,
      params,
    );
  }
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function fromRaw(r: RawUser): UserRow {
  return {
    userId: r.userId,
    username: r.username,
    role: r.role,
    stores: JSON.parse(r.stores) as StoreScope,
    passwordHash: r.passwordHash,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    disabledAt: r.disabledAt,
  };
}

function view({ passwordHash: _, ...rest }: UserRow): UserView {
  return rest;
}

function principalOf(u: UserRow, via: Principal['via']): Principal {
  return { userId: u.userId, username: u.username, role: u.role, stores: u.stores, via };
}
