// POS line items grouped into transactions (one per store and transaction id), keeping what the join
// and the experiments need: who (pseudonym), when, where, and the units of each SKU.
import type { PosLineItem } from '@retail/contracts';

export interface Transaction {
  readonly transactionId: string;
  readonly storeId?: string;
  /** The member pseudonym, when the till saw a loyalty card. */
  readonly loyaltyId?: string;
  /** Epoch ms of the sale (checkout). */
  readonly timestamp?: number;
  /** Units per SKU (quantities of repeated lines summed). */
  readonly units: ReadonlyMap<string, number>;
}

/** Accumulates line items in any order; the first line that carries a pseudonym or time sets it. */
export class TransactionGrouper {
  private readonly byKey = new Map<
    string,
    {
      transactionId: string;
      storeId?: string;
      loyaltyId?: string;
      timestamp?: number;
      units: Map<string, number>;
    }
  >();

  add(line: PosLineItem): void {
    const key = `${line.storeId ?? ''}\u0000${line.transactionId}`;
    let t = this.byKey.get(key);
    if (!t) {
      t = { transactionId: line.transactionId, units: new Map() };
      if (line.storeId !== undefined) t.storeId = line.storeId;
      this.byKey.set(key, t);
    }
    if (t.loyaltyId === undefined && line.loyaltyId !== undefined) t.loyaltyId = line.loyaltyId;
    if (t.timestamp === undefined && line.timestamp !== undefined) t.timestamp = line.timestamp;
    t.units.set(line.sku, (t.units.get(line.sku) ?? 0) + line.quantity);
  }

  /** Transactions in order of their first line. */
  transactions(): Transaction[] {
    return [...this.byKey.values()];
  }
}

export function groupTransactions(lines: Iterable<PosLineItem>): Transaction[] {
  const grouper = new TransactionGrouper();
  for (const line of lines) grouper.add(line);
  return grouper.transactions();
}

/** The distinct SKUs of a transaction. */
export function skusOf(t: Transaction): string[] {
  return [...t.units.keys()];
}

/**
 * Weeks of trading the timed transactions cover: days from the first to the last, each day started
 * counted whole (a week of trading, Monday 07:00 to Sunday 22:00, is 7 days, not 6.6), at least one;
 * undefined if none is timed.
 */
export function weeksSpanned(transactions: readonly Transaction[]): number | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const t of transactions) {
    if (t.timestamp === undefined) continue;
    first = Math.min(first, t.timestamp);
    last = Math.max(last, t.timestamp);
  }
  if (first > last) return undefined;
  const day = 86_400_000;
  return Math.max(1, Math.ceil((last - first) / day)) / 7;
}
