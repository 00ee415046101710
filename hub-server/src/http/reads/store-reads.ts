// Reads the dashboard needs that the storage layer's QueryStore does not offer yet: the store list
// and entrance counts per period. Plain SQL both backends run; candidates to move into storage/.
import type { StoreScope } from '../../auth/access.js';
import type { SqlExecutor } from '../../storage/sql-driver.js';

export interface StoreSummary {
  storeId: string;
  name: string;
  timezone: string;
  layoutVersion: number | null;
}

export interface CountsPoint {
  /** Start of the hour or day, epoch ms. */
  start: number;
  in: number;
  out: number;
}

export async function listStores(db: SqlExecutor, scope: StoreScope): Promise<StoreSummary[]> {
  const rows = await db.all<StoreSummary>(
    `SELECT s.store_id AS "storeId", s.name, s.timezone,
       (SELECT MAX(l.layout_version) FROM layouts l WHERE l.store_id = s.store_id) AS "layoutVersion"
     FROM stores s ORDER BY s.store_id`,
  );
  const list = rows.map((r) => ({
    ...r,
    layoutVersion: r.layoutVersion === null ? null : Number(r.layoutVersion),
  }));
  return scope === 'all' ? list : list.filter((s) => scope.includes(s.storeId));
}

export async function entranceSeries(
  db: SqlExecutor,
  storeId: string,
  period: 'hour' | 'day',
  from: number,
  to: number,
): Promise<CountsPoint[]> {
  const rows = await db.all<{ start: number; in: number; out: number }>(
    `SELECT period_start AS "start", SUM(in_count) AS "in", SUM(out_count) AS "out"
     FROM entrance_rollup WHERE store_id = ? AND period = ? AND period_start >= ? AND period_start < ?
     GROUP BY period_start ORDER BY period_start`,
    [storeId, period, from, to],
  );
  return rows.map((r) => ({ start: Number(r.start), in: Number(r.in), out: Number(r.out) }));
}
