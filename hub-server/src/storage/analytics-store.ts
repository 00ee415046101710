// Reads the analytics service works from — POS line items with their basket's pseudonym and time,
// the catalogue, zone transitions from the hour roll-ups — a cheap fingerprint of a store's data so
// cached results are dropped when POS, visits, paths, layout or catalogue change, and the registered
// layout experiments (kept as the JSON the service validated).
import type { CatalogueItem } from '@retail/contracts';
import type { SqlExecutor, SqlValue } from './sql-driver.js';

/** One line item of a stored basket. */
export interface BasketLine {
  transactionId: string;
  /** Epoch ms of the sale; null when the till did not say. */
  ts: number | null;
  /** Member pseudonym, or null for an anonymous basket. */
  pid: string | null;
  sku: string;
  quantity: number;
}

export interface TransitionTotal {
  from: string;
  to: string;
  count: number;
}

export class AnalyticsStore {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Changes whenever the store's baskets, imported visits, gateway paths (or their resolution to
   * members) or layout, the catalogue or the registered experiments change: row counts and newest times, read from indexes or small
   * tables. Insert-only tables make this a version counter nobody has to remember to bump.
   */
  async fingerprint(storeId: string): Promise<string> {
    const rows = await this.db.all<Record<string, number | null>>(
      `SELECT
         (SELECT COUNT(*) FROM pos_transactions WHERE store_id = ?) AS t,
         (SELECT MAX(imported_at) FROM pos_transactions WHERE store_id = ?) AS ti,
         (SELECT COUNT(*) FROM zone_visits WHERE store_id = ?) AS v,
         (SELECT MAX(imported_at) FROM zone_visits WHERE store_id = ?) AS vi,
         (SELECT COUNT(*) FROM path_visits WHERE store_id = ?) AS p,
         (SELECT MIN(enter_ts) FROM path_visits WHERE store_id = ?) AS p0,
         (SELECT MAX(enter_ts) FROM path_visits WHERE store_id = ?) AS p1,
         (SELECT MAX(layout_version) FROM layouts WHERE store_id = ?) AS l,
         (SELECT COUNT(*) FROM catalogue_items) AS c,
         (SELECT MAX(updated_at) FROM catalogue_items) AS cu,
         (SELECT COUNT(*) FROM layout_experiments) AS e,
         (SELECT COUNT(*) FROM path_members WHERE store_id = ?) AS m`,
      Array.from({ length: 9 }, () => storeId),
    );
    const r = rows[0] ?? {};
    return ['t', 'ti', 'v', 'vi', 'p', 'p0', 'p1', 'l', 'c', 'cu', 'e', 'm'].map((k) => r[k] ?? '').join('|');
  }

  /** The store's line items, sales in [from, to) when a bound is given (untimed sales then drop out). */
  async basketLines(storeId: string, range: { from?: number; to?: number } = {}): Promise<BasketLine[]> {
    const clauses = ['t.store_id = ?'];
    const params: SqlValue[] = [storeId];
    if (range.from !== undefined) {
      clauses.push('t.ts >= ?');
      params.push(range.from);
    }
    if (range.to !== undefined) {
      clauses.push('t.ts < ?');
      params.push(range.to);
    }
    const rows = await this.db.all<BasketLine>(
      `SELECT t.transaction_id AS "transactionId", t.ts, t.pid, i.sku, i.quantity
       FROM pos_transactions t JOIN pos_items i ON i.store_id = t.store_id AND i.transaction_id = t.transaction_id
       WHERE ${clauses.join(' AND ')} ORDER BY t.transaction_id, i.line`,
      params,
    );
    return rows.map((r) => ({ ...r, ts: r.ts === null ? null : Number(r.ts), quantity: Number(r.quantity) }));
  }

  async catalogue(): Promise<CatalogueItem[]> {
    const rows = await this.db.all<{
      sku: string;
      name: string;
      category: string;
      subcategory: string | null;
      margin: number | null;
    }>('SELECT sku, name, category, subcategory, margin FROM catalogue_items ORDER BY sku');
    return rows.map((r) => ({
      sku: r.sku,
      name: r.name,
      category: r.category,
      ...(r.subcategory !== null && { subcategory: r.subcategory }),
      ...(r.margin !== null && { margin: Number(r.margin) }),
    }));
  }

  /** Zone-to-zone transitions the gateways counted, summed over the hours starting in [from, to). */
  async transitions(storeId: string, from: number, to: number): Promise<TransitionTotal[]> {
    const rows = await this.db.all<TransitionTotal>(
      `SELECT from_zone AS "from", to_zone AS "to", SUM(transitions) AS count FROM transition_rollup
       WHERE store_id = ? AND period = 'hour' AND period_start >= ? AND period_start < ?
       GROUP BY from_zone, to_zone ORDER BY from_zone, to_zone`,
      [storeId, from, to],
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** Stores an experiment's document under its id; false when the id is taken (nothing is replaced). */
  async saveExperiment(id: string, document: unknown, now: number): Promise<boolean> {
    const r = await this.db.run(
      `INSERT INTO layout_experiments (experiment_id, registered_at, document) VALUES (?, ?, ?)
       ON CONFLICT (experiment_id) DO NOTHING`,
      [id, now, JSON.stringify(document)],
    );
    return r.changes > 0;
  }

  /** Every registered experiment's document, oldest registration first. */
  async experimentDocuments(): Promise<unknown[]> {
    const rows = await this.db.all<{ document: string }>(
      'SELECT document FROM layout_experiments ORDER BY registered_at, experiment_id',
    );
    return rows.map((r) => JSON.parse(r.document) as unknown);
  }
}
