import { describe, expect, it } from 'vitest';
import { groupTransactions, skusOf, weeksSpanned } from './transactions.js';

describe('groupTransactions', () => {
  it('groups lines by store and transaction id, sums units, keeps the first pseudonym and time', () => {
    const txs = groupTransactions([
      { transactionId: 't1', sku: 'A', quantity: 1, storeId: 's1' },
      { transactionId: 't1', sku: 'B', quantity: 2, storeId: 's1', loyaltyId: 'p1', timestamp: 1000 },
      { transactionId: 't1', sku: 'A', quantity: 0.5, storeId: 's1', timestamp: 2000 },
      { transactionId: 't1', sku: 'C', quantity: 1, storeId: 's2' },
    ]);
    expect(txs).toHaveLength(2);
    const [t1, t2] = txs;
    expect(t1).toMatchObject({ transactionId: 't1', storeId: 's1', loyaltyId: 'p1', timestamp: 1000 });
    expect([...t1!.units]).toEqual([
      ['A', 1.5],
      ['B', 2],
    ]);
    expect(skusOf(t2!)).toEqual(['C']);
    expect('loyaltyId' in t2!).toBe(false);
  });

  it('measures the weeks of trading the timed transactions cover, whole days, at least one', () => {
    const day = 86_400_000;
    const t = (timestamp?: number) => ({
      transactionId: String(timestamp),
      units: new Map(),
      ...(timestamp !== undefined && { timestamp }),
    });
    expect(weeksSpanned([t(0), t(14 * day), t()])).toBe(2);
    expect(weeksSpanned([t(5)])).toBeCloseTo(1 / 7);
    // Seven trading days, Monday 07:00 to Sunday 21:59: one week.
    expect(weeksSpanned([t(7 * 3_600_000), t(6 * day + 22 * 3_600_000 - 60_000)])).toBe(1);
    expect(weeksSpanned([t()])).toBeUndefined();
  });
});
