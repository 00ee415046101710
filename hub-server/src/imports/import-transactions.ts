// Streams POS line items into baskets: rows of one transaction are grouped, loyalty numbers become
// pseudonyms at once (the raw number goes no further than this function), and baskets are written
// in batches, each in one transaction. Bad rows are reported with their line and skipped.
import type { ParseIssue, PosLineItem, RowResult } from '@retail/contracts';
import type { Pseudonymize } from '../privacy/pseudonym.js';
import type { PosTransactionRecord } from '../storage/pos-store.js';
import type { HubRepository } from '../storage/repository.js';

export interface ImportSummary {
  rows: number;
  transactions: number;
  stored: number;
  duplicates: number;
  issues: ParseIssue[];
  /** Issues beyond the ones kept (a broken file can have millions). */
  moreIssues: number;
}

export interface ImportTransactionsOptions {
  repo: HubRepository;
  pseudonymize: Pseudonymize;
  /** For rows without a store_id column. */
  defaultStoreId?: string;
  now: () => number;
  batchTransactions?: number;
  maxIssues?: number;
  onProgress?: (s: ImportSummary) => void;
}

export async function importTransactions(
  rows: AsyncIterable<RowResult<PosLineItem>>,
  o: ImportTransactionsOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    rows: 0,
    transactions: 0,
    stored: 0,
    duplicates: 0,
    issues: [],
    moreIssues: 0,
  };
  const maxIssues = o.maxIssues ?? 100;
  const batchSize = o.batchTransactions ?? 1000;
  let batch: PosTransactionRecord[] = [];
  let current: PosTransactionRecord | undefined;

  const issue = (i: ParseIssue) => {
    if (summary.issues.length < maxIssues) summary.issues.push(i);
    else summary.moreIssues++;
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    const r = await o.repo.db.transaction((tx) => o.repo.pos.insert(tx, records, o.now()));
    const distinct = new Set(records.map((t) => `${t.storeId}\u0000${t.transactionId}`)).size;
    summary.transactions += distinct;
    summary.stored += r.transactions;
    summary.duplicates += distinct - r.transactions;
    o.onProgress?.(summary);
  };

  for await (const r of rows) {
    if (!r.ok) {
      issue(r.issue);
      continue;
    }
    const row = r.value;
    const storeId = row.storeId ?? o.defaultStoreId;
    if (!storeId) {
      issue({ line: r.line, field: 'store_id', message: 'no store_id on the row and no --store given' });
      continue;
    }
    summary.rows++;
    const item = {
      line: r.line,
      sku: row.sku,
      quantity: row.quantity,
      ...(row.price !== undefined && { price: row.price }),
    };
    if (current && current.storeId === storeId && current.transactionId === row.transactionId) {
      current.items.push(item);
      continue;
    }
    if (batch.length >= batchSize) await flush();
    current = {
      storeId,
      transactionId: row.transactionId,
      source: 'csv',
      items: [item],
      ...(row.timestamp !== undefined && { ts: row.timestamp }),
      ...(row.loyaltyId !== undefined && { pid: o.pseudonymize(row.loyaltyId) }),
    };
    batch.push(current);
  }
  await flush();
  return summary;
}
