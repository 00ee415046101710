// Baskets from the till, already pseudonymised: transactions keyed by (store, transaction id) and
// their line items. Re-importing the same file or re-receiving a message stores nothing twice.
import { insertMany, type SqlExecutor, type SqlValue } from './sql-driver.js';

export interface PosTransactionRecord {
  storeId: string;
  transactionId: string;
  ts?: number;
  /** Member pseudonym; absent for anonymous baskets. Never a loyalty number. */
  pid?: string;
  source: 'csv' | 'http' | 'mqtt';
  /** `line` keeps items apart: the CSV line number, or the item's index in a message. */
  items: { line: number; sku: string; quantity: number; price?: number }[];
}

export class PosStore {
  async insert(
    tx: SqlExecutor,
    records: readonly PosTransactionRecord[],
    now: number,
  ): Promise<{ transactions: number; items: number }> {
    const heads: SqlValue[][] = [];
    const seen = new Set<string>();
    const items: SqlValue[][] = [];
    for (const r of records) {
      const key = `${r.storeId}\u0000${r.transactionId}`;
      if (!seen.has(key)) {
        seen.add(key);
        heads.push([r.storeId, r.transactionId, r.ts ?? null, r.pid ?? null, r.source, now]);
      }
      for (const i of r.items)
        items.push([r.storeId, r.transactionId, i.line, i.sku, i.quantity, i.price ?? null]);
    }
    const transactions = await insertMany(
      tx,
      'INSERT INTO pos_transactions (store_id, transaction_id, ts, pid, source, imported_at) VALUES',
      heads,
      'ON CONFLICT (store_id, transaction_id) DO NOTHING',
    );
    const lines = await insertMany(
      tx,
      'INSERT INTO pos_items (store_id, transaction_id, line, sku, quantity, price) VALUES',
      items,
      'ON CONFLICT (store_id, transaction_id, line) DO NOTHING',
    );
    return { transactions, items: lines };
  }
}
