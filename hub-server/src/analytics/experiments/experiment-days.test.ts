import { describe, expect, it } from 'vitest';
import type { Transaction } from '../join/transactions.js';
import { groupDays, splitAt, utcDay } from './experiment-days.js';

const at = (day: string, hour = 12) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
const tx = (storeId: string, day: string, units: Record<string, number>): Transaction => ({
  transactionId: `${storeId}-${day}-${Object.keys(units).join()}`,
  storeId,
  timestamp: at(day),
  units: new Map(Object.entries(units)),
});

describe('groupDays', () => {
  it('counts pair baskets and item units per day over the group’s stores, by hand', () => {
    const days = groupDays(
      [
        tx('s1', '2026-04-01', { A: 1, B: 2 }),
        tx('s1', '2026-04-01', { A: 1 }),
        tx('s2', '2026-04-01', { A: 1, B: 1, C: 1 }),
        tx('other', '2026-04-01', { A: 1, B: 1 }),
        tx('s1', '2026-04-02', { C: 3 }),
        { transactionId: 'untimed', storeId: 's1', units: new Map([['B', 1]]) },
      ],
      {
        stores: new Set(['s1', 's2']),
        pairs: [
          ['A', 'B'],
          ['A', 'C'],
        ],
        items: new Set(['B']),
      },
    );
    expect(days.coPurchase).toEqual([
      { day: '2026-04-01', numerator: 3, denominator: 6 },
      { day: '2026-04-02', numerator: 0, denominator: 2 },
    ]);
    expect(days.sales).toEqual([
      { day: '2026-04-01', numerator: 3, denominator: 3 },
      { day: '2026-04-02', numerator: 0, denominator: 1 },
    ]);
  });

  it('counts a basket once for a pair whose sides are groups of SKUs, whichever of them it holds', () => {
    const day = '2026-04-01';
    const days = groupDays(
      [
        tx('s1', day, { P1: 1, B2: 1 }),
        tx('s1', day, { P2: 1, P3: 1, B1: 1, B2: 1 }), // several of each side: still one basket
        tx('s1', day, { P1: 1, X: 1 }),
        tx('s1', day, { B1: 1 }),
      ],
      {
        stores: new Set(['s1']),
        pairs: [
          [
            ['P1', 'P2', 'P3'],
            ['B1', 'B2'],
          ],
          ['X', ['P1']],
        ],
        items: new Set(),
      },
    );
    expect(days.coPurchase).toEqual([{ day, numerator: 3, denominator: 8 }]);
  });

  it('takes its day boundary from dayOf (UTC by default)', () => {
    expect(utcDay(at('2026-04-01', 23))).toBe('2026-04-01');
    const plusTwo = (ts: number) => utcDay(ts + 2 * 3_600_000);
    const days = groupDays(
      [tx('s1', '2026-04-01', { A: 1 })].map((t) => ({ ...t, timestamp: at('2026-04-01', 23) })),
      {
        stores: new Set(['s1']),
        pairs: [],
        items: new Set(['A']),
      },
      plusTwo,
    );
    expect(days.sales[0]!.day).toBe('2026-04-02');
  });
});

describe('splitAt', () => {
  const days = ['03-29', '03-30', '03-31', '04-01', '04-02', '04-03'].map((d) => ({
    day: `2026-${d}`,
    numerator: 1,
    denominator: 1,
  }));
  it('splits before the change day and from it on, within optional windows', () => {
    const all = splitAt(days, '2026-04-01');
    expect([all.before.length, all.after.length]).toEqual([3, 3]);
    const near = splitAt(days, '2026-04-01', { before: 2, after: 1 });
    expect(near.before.map((d) => d.day)).toEqual(['2026-03-30', '2026-03-31']);
    expect(near.after.map((d) => d.day)).toEqual(['2026-04-01']);
  });
});
