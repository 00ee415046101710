// Zone visits of shopper sessions, for path analytics: the ones imported from CSV (another system,
// or the simulator's truth), carrying the member pseudonym only, and the gateways' anonymous paths.
// Re-importing a file stores nothing twice: a visit is keyed by (store, session, zone, enter time).
import { insertMany, type SqlExecutor, type SqlValue } from './sql-driver.js';

export interface ZoneVisitRecord {
  storeId: string;
  sessionId: string;
  /** Member pseudonym; absent for anonymous sessions. Never a loyalty number. */
  pid?: string;
  zoneId: string;
  enterTs: number;
  exitTs: number;
}

/** A stored visit as the analytics read it. */
export interface StoredVisit {
  sessionId: string;
  pid?: string;
  zoneId: string;
  enterTs: number;
  exitTs: number;
}

/** Visits entering in [from, to); every visit when a bound is absent. */
export interface VisitRange {
  from?: number | undefined;
  to?: number | undefined;
}

interface VisitRow {
  sessionId: string;
  pid: string | null;
  zoneId: string;
  enterTs: number;
  exitTs: number;
}

export class VisitStore {
  constructor(private readonly db: SqlExecutor) {}

  /** Stores the visits not already there, in the caller's transaction; returns how many were new. */
  insert(tx: SqlExecutor, records: readonly ZoneVisitRecord[], now: number): Promise<number> {
    const rows: SqlValue[][] = records.map((r) => [
      r.storeId,
      r.sessionId,
      r.zoneId,
      r.enterTs,
      r.exitTs,
      r.pid ?? null,
      'csv',
      now,
    ]);
    return insertMany(
      tx,
      'INSERT INTO zone_visits (store_id, session_id, zone_id, enter_ts, exit_ts, pid, source, imported_at) VALUES',
      rows,
      'ON CONFLICT (store_id, session_id, zone_id, enter_ts) DO NOTHING',
    );
  }

  /** Imported visits of a store, in session and time order. */
  async imported(storeId: string, range: VisitRange = {}): Promise<StoredVisit[]> {
    const { where, params } = rangeClause(storeId, range);
    const rows = await this.db.all<VisitRow>(
      `SELECT session_id AS "sessionId", pid, zone_id AS "zoneId", enter_ts AS "enterTs", exit_ts AS "exitTs"
       FROM zone_visits WHERE ${where} ORDER BY session_id, enter_ts`,
      params,
    );
    return rows.map(toVisit);
  }

  /**
   * Visits of the paths gateways published, one session per gateway and path id. A path carries its
   * member's pseudonym once the hub resolved its rotating ids (path_members); until then it is
   * anonymous and counts as traffic only.
   */
  async gatewayPaths(storeId: string, range: VisitRange = {}): Promise<StoredVisit[]> {
    const { where, params } = rangeClause(storeId, range, 'v.');
    const rows = await this.db.all<VisitRow>(
      `SELECT v.gateway_id || '/' || v.path_id AS "sessionId", m.pid, v.zone_id AS "zoneId",
         v.enter_ts AS "enterTs", v.exit_ts AS "exitTs"
       FROM path_visits v LEFT JOIN path_members m ON m.store_id = v.store_id AND m.path_id = v.path_id
       WHERE ${where} ORDER BY v.gateway_id, v.path_id, v.enter_ts`,
      params,
    );
    return rows.map(toVisit);
  }

  /** Imported visits of a store (for the import's summary and tests). */
  async count(storeId: string): Promise<number> {
    const rows = await this.db.all<{ n: number }>(
      'SELECT COUNT(*) AS n FROM zone_visits WHERE store_id = ?',
      [storeId],
    );
    return Number(rows[0]?.n ?? 0);
  }
}

function rangeClause(storeId: string, range: VisitRange, table = ''): { where: string; params: SqlValue[] } {
  const clauses = [`${table}store_id = ?`];
  const params: SqlValue[] = [storeId];
  if (range.from !== undefined) {
    clauses.push(`${table}enter_ts >= ?`);
    params.push(range.from);
  }
  if (range.to !== undefined) {
    clauses.push(`${table}enter_ts < ?`);
    params.push(range.to);
  }
  return { where: clauses.join(' AND '), params };
}

function toVisit(r: VisitRow): StoredVisit {
  return {
    sessionId: r.sessionId,
    ...(r.pid !== null && { pid: r.pid }),
    zoneId: r.zoneId,
    enterTs: Number(r.enterTs),
    exitTs: Number(r.exitTs),
  };
}
