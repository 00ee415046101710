// Loyalty-app enrolments (pseudonym + app secret) and the gateway paths resolved to a member from the
// rotating identifiers they carried. The loyalty number never reaches this store.
import type { EnrolledMember, PathRotatingId } from '../privacy/rotating-id-directory.js';
import { insertMany, type SqlExecutor, type SqlValue } from './sql-driver.js';

export class MemberStore {
  constructor(private readonly db: SqlExecutor) {}

  /** Adds or updates enrolments in the caller's transaction (a new secret replaces the old one). */
  enrol(tx: SqlExecutor, members: readonly EnrolledMember[], now: number): Promise<number> {
    return insertMany(
      tx,
      'INSERT INTO app_members (pid, app_secret, enrolled_at) VALUES',
      members.map((m) => [m.pid, m.appSecret, now]),
      'ON CONFLICT (pid) DO UPDATE SET app_secret = excluded.app_secret, enrolled_at = excluded.enrolled_at',
    );
  }

  async enrolled(): Promise<EnrolledMember[]> {
    return this.db.all<EnrolledMember>('SELECT pid, app_secret AS "appSecret" FROM app_members ORDER BY pid');
  }

  /** Changes whenever an enrolment is added, replaced or erased. */
  async enrolmentVersion(): Promise<string> {
    const rows = await this.db.all<{ n: number; t: number | null }>(
      'SELECT COUNT(*) AS n, MAX(enrolled_at) AS t FROM app_members',
    );
    return `${rows[0]?.n ?? 0}|${rows[0]?.t ?? ''}`;
  }

  /** Rotating ids of the store's paths not yet resolved, published in windows starting at or after `since`. */
  async unresolved(storeId: string, since: number): Promise<PathRotatingId[]> {
    const rows = await this.db.all<PathRotatingId>(
      `SELECT r.path_id AS "pathId", r.rotating_id AS "rotatingId", r.window_start AS "windowStart"
       FROM path_rotating_ids r
       WHERE r.store_id = ? AND r.window_start >= ?
         AND NOT EXISTS (SELECT 1 FROM path_members m WHERE m.store_id = r.store_id AND m.path_id = r.path_id)`,
      [storeId, since],
    );
    return rows.map((r) => ({ ...r, windowStart: Number(r.windowStart) }));
  }

  /** Records resolutions; a path already resolved keeps its member. Returns how many were new. */
  recordResolved(storeId: string, resolved: ReadonlyMap<string, string>, now: number): Promise<number> {
    const rows: SqlValue[][] = [...resolved].map(([pathId, pid]) => [storeId, pathId, pid, now]);
    return insertMany(
      this.db,
      'INSERT INTO path_members (store_id, path_id, pid, resolved_at) VALUES',
      rows,
      'ON CONFLICT (store_id, path_id) DO NOTHING',
    );
  }

  /** Newest window that contributed rotating ids to the store, or undefined. */
  async newestWindow(storeId: string): Promise<number | undefined> {
    const rows = await this.db.all<{ t: number | null }>(
      'SELECT MAX(window_start) AS t FROM path_rotating_ids WHERE store_id = ?',
      [storeId],
    );
    const t = rows[0]?.t;
    return t === null || t === undefined ? undefined : Number(t);
  }
}
