// SQL for enrolment codes (table from migration 6) and for revoking a gateway's MQTT credentials.
// Written against the SqlExecutor seam, so it runs on SQLite and PostgreSQL alike.
import type { SqlExecutor } from '../storage/sql-driver.js';

export interface EnrolmentRow {
  codeId: string;
  storeId: string;
  gatewayId: string;
  salt: string;
  verifier: string;
  sealed: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  failedAttempts: number;
}

const COLUMNS = `code_id AS "codeId", store_id AS "storeId", gateway_id AS "gatewayId", salt, verifier, sealed,
  created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt", failed_attempts AS "failedAttempts"`;

/** Rows looked at per enrolment attempt (each costs one scrypt); older ones are pruned at issue. */
export const ROWS_PER_GATEWAY = 5;

export class EnrolmentStore {
  constructor(private readonly db: SqlExecutor) {}

  /** Adds a code; the gateway's earlier unused codes go (their files hold a replaced password). */
  async issue(
    row: Omit<EnrolmentRow, 'usedAt' | 'failedAttempts' | 'sealed'> & { sealed: string },
  ): Promise<void> {
    await this.db.run(
      'DELETE FROM enrolment_codes WHERE store_id = ? AND gateway_id = ? AND used_at IS NULL',
      [row.storeId, row.gatewayId],
    );
    await this.db.run(
      `INSERT INTO enrolment_codes (code_id, store_id, gateway_id, salt, verifier, sealed, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.codeId,
        row.storeId,
        row.gatewayId,
        row.salt,
        row.verifier,
        row.sealed,
        row.createdAt,
        row.expiresAt,
      ],
    );
    // Used codes are kept a while so a second use is answered "already used", not "wrong code".
    const keep = await this.recent(row.gatewayId);
    const cutoff = keep.at(-1)?.createdAt;
    if (keep.length === ROWS_PER_GATEWAY && cutoff !== undefined)
      await this.db.run('DELETE FROM enrolment_codes WHERE gateway_id = ? AND created_at < ?', [
        row.gatewayId,
        cutoff,
      ]);
  }

  /** The gateway's latest codes in any store, newest first. */
  async recent(gatewayId: string): Promise<EnrolmentRow[]> {
    const rows = await this.db.all<EnrolmentRow>(
      `SELECT ${COLUMNS} FROM enrolment_codes WHERE gateway_id = ? ORDER BY created_at DESC, code_id LIMIT ${ROWS_PER_GATEWAY}`,
      [gatewayId],
    );
    return rows.map((r) => ({
      ...r,
      createdAt: Number(r.createdAt),
      expiresAt: Number(r.expiresAt),
      usedAt: r.usedAt === null ? null : Number(r.usedAt),
      failedAttempts: Number(r.failedAttempts),
    }));
  }

  /** Marks a code used and drops its sealed file; false when another request used it first. */
  async markUsed(codeId: string, now: number): Promise<boolean> {
    const r = await this.db.run(
      'UPDATE enrolment_codes SET used_at = ?, sealed = NULL WHERE code_id = ? AND used_at IS NULL',
      [now, codeId],
    );
    return r.changes === 1;
  }

  /** Counts a wrong code against every open code of the gateway; returns the highest count. */
  async countFailure(gatewayId: string): Promise<number> {
    await this.db.run(
      'UPDATE enrolment_codes SET failed_attempts = failed_attempts + 1 WHERE gateway_id = ? AND used_at IS NULL',
      [gatewayId],
    );
    const rows = await this.db.all<{ n: number | null }>(
      'SELECT MAX(failed_attempts) AS n FROM enrolment_codes WHERE gateway_id = ? AND used_at IS NULL',
      [gatewayId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Removes the gateway's unused codes (revocation). */
  async discardOpen(storeId: string, gatewayId: string): Promise<number> {
    const r = await this.db.run(
      'DELETE FROM enrolment_codes WHERE store_id = ? AND gateway_id = ? AND used_at IS NULL',
      [storeId, gatewayId],
    );
    return r.changes;
  }

  /** Clears the gateway's password hash: the broker refuses it from the next connection on. */
  async revokeCredentials(storeId: string, gatewayId: string): Promise<boolean> {
    const r = await this.db.run(
      'UPDATE gateways SET password_hash = NULL WHERE store_id = ? AND gateway_id = ? AND password_hash IS NOT NULL',
      [storeId, gatewayId],
    );
    return r.changes === 1;
  }
}
