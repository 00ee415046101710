import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareTransactions,
  type RankTransactions,
  TransactionSorter,
  transactionOrder,
} from './transaction-order.js';

function flat(lists: number[][]): RankTransactions {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => {
    offsets[i + 1] = offsets[i]! + l.length;
  });
  return { items: Int32Array.from(lists.flat()), offsets };
}

/** Ascending distinct ranks, as the miner stores them. */
const txArb = (nRanks: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: nRanks - 1 }), { maxLength: 12 })
    .map((l) => l.sort((a, b) => a - b));

describe('transactionOrder', () => {
  it('orders lexicographically, a prefix before its extensions', () => {
    const tx = flat([[2], [0, 3], [0], [0, 1, 2], [], [0, 1]]);
    expect([...transactionOrder(tx, 4)]).toEqual(
      [4, 2, 3, 5, 1, 0].sort((a, b) => compareTransactions(tx, a, b)),
    );
    expect([...transactionOrder(tx, 4)]).toEqual([4, 2, 5, 3, 1, 0]);
  });

  it('property: the same order as the comparator, for few ranks (deep ties) and many (few digits)', () => {
    for (const nRanks of [3, 40, 100_000]) {
      fc.assert(
        fc.property(fc.array(txArb(nRanks), { minLength: 30, maxLength: 400 }), (lists) => {
          const tx = flat(lists);
          const got = [...transactionOrder(tx, nRanks)].map((t) => lists[t]!.join(','));
          const want = lists
            .map((_, t) => t)
            .sort((a, b) => compareTransactions(tx, a, b))
            .map((t) => lists[t]!.join(','));
          expect(got).toEqual(want);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('property: a sorter reused across inputs of any size and rank count sorts each like a fresh one', () => {
    const input = fc.integer({ min: 2, max: 3000 }).chain((nRanks) =>
      fc.record({
        nRanks: fc.constant(nRanks),
        lists: fc.array(txArb(nRanks), { maxLength: 300 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 5 }), (inputs) => {
        const sorter = new TransactionSorter();
        for (const { nRanks, lists } of inputs) {
          const tx = flat(lists);
          expect([...sorter.order(tx, nRanks)]).toEqual([...transactionOrder(tx, nRanks)]);
          const got = [...sorter.order(tx, nRanks)];
          for (let i = 1; i < got.length; i++) {
            expect(compareTransactions(tx, got[i - 1]!, got[i]!)).toBeLessThanOrEqual(0);
          }
          expect(new Set(got).size).toBe(lists.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('sorts thousands of transactions tied on their first eight ranks (several radix rounds)', () => {
    const lists = Array.from({ length: 3000 }, (_, i) => [
      ...[0, 1, 2, 3, 4, 5, 6, 7],
      8 + ((i * 7919) % 40),
      ...(i % 3 ? [50 + (i % 7)] : []),
    ]);
    const tx = flat(lists);
    const got = [...transactionOrder(tx, 60)].map((t) => lists[t]!.join());
    const want = lists.map((_, t) => t).sort((a, b) => compareTransactions(tx, a, b));
    expect(got).toEqual(want.map((t) => lists[t]!.join()));
  });
});
