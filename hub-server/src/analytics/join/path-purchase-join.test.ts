import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionOf, T0 } from '../paths/test-sessions.js';
import { joinPathsToPurchases } from './path-purchase-join.js';
import type { Transaction } from './transactions.js';

const min = 60_000;
const tx = (id: string, loyaltyId: string | undefined, atMin: number, storeId?: string): Transaction => ({
  transactionId: id,
  ...(loyaltyId !== undefined && { loyaltyId }),
  ...(storeId !== undefined && { storeId }),
  timestamp: T0 + atMin * min,
  units: new Map([['X', 1]]),
});
/** A session of the given pseudonym from `startMin` lasting 20 minutes. */
const visit = (id: string, loyaltyId: string | undefined, startMin: number) =>
  sessionOf(
    id,
    [
      ['a', 600],
      ['b', 600],
    ],
    { startS: startMin * 60, ...(loyaltyId !== undefined && { loyaltyId }) },
  );

describe('joinPathsToPurchases', () => {
  it('joins the same pseudonym within [first enter, last exit + grace], inclusive', () => {
    const sessions = [
      visit('in', 'p1', 0),
      visit('late', 'p2', 0),
      visit('edge', 'p3', 0),
      visit('anon', undefined, 0),
    ];
    const r = joinPathsToPurchases(sessions, [
      tx('t1', 'p1', 22),
      tx('t2', 'p2', 36), // 16 min after the last exit
      tx('t3', 'p3', 35), // exactly 15 min after
      tx('t4', undefined, 21),
    ]);
    expect(r.sessions.map((s) => s.transaction?.transactionId)).toEqual(['t1', undefined, 't3', undefined]);
    expect(r.stats).toEqual({
      sessions: 4,
      anonymousSessions: 1,
      linkedSessions: 3,
      joinedSessions: 2,
      joinRate: 2 / 3,
      ambiguousSessions: 0,
      loyaltyTransactions: 3,
      joinedTransactions: 2,
      transactionJoinRate: 2 / 3,
    });
  });

  it('never joins a sale timed before the visit began, and honours the grace option', () => {
    const r = joinPathsToPurchases([visit('s', 'p1', 60)], [tx('before', 'p1', 59)]);
    expect(r.stats.joinedSessions).toBe(0);
    const wide = joinPathsToPurchases([visit('s', 'p1', 0)], [tx('t', 'p1', 45)], { graceMinutes: 30 });
    expect(wide.stats.joinedSessions).toBe(1);
  });

  it('gives a member with two visits each its own basket, nearest checkout first', () => {
    // Visits 0–20 and 30–50 min; sales at 32 (in both windows) and 52 (the later one's only).
    const r = joinPathsToPurchases(
      [visit('morning', 'p1', 0), visit('later', 'p1', 30)],
      [tx('first', 'p1', 32), tx('second', 'p1', 52)],
    );
    expect(r.sessions.map((s) => s.transaction?.transactionId)).toEqual(['first', 'second']);
    expect(r.stats.ambiguousSessions).toBe(1);
    const clash = joinPathsToPurchases([visit('s', 'p1', 0)], [tx('a', 'p1', 5), tx('b', 'p1', 21)]);
    expect(clash.sessions[0]!.transaction?.transactionId).toBe('b');
    expect(clash.stats.ambiguousSessions).toBe(1);
  });

  it('ignores other stores when a store is given', () => {
    const r = joinPathsToPurchases([visit('s', 'p1', 0)], [tx('t', 'p1', 21, 'other')], { storeId: 'here' });
    expect(r.stats).toMatchObject({ joinedSessions: 0, loyaltyTransactions: 0 });
  });

  it('property: joins pair equal pseudonyms inside the window, each transaction at most once', () => {
    const members = ['p1', 'p2', 'p3'];
    const arb = fc.record({
      sessions: fc.array(fc.tuple(fc.option(fc.constantFrom(...members), { nil: undefined }), fc.nat(300))),
      sales: fc.array(fc.tuple(fc.option(fc.constantFrom(...members), { nil: undefined }), fc.nat(340))),
    });
    fc.assert(
      fc.property(arb, ({ sessions, sales }) => {
        const r = joinPathsToPurchases(
          sessions.map(([p, start], i) => visit(`s${i}`, p, start)),
          sales.map(([p, at], i) => tx(`t${i}`, p, at)),
        );
        const ids = r.sessions.flatMap((j) => (j.transaction ? [j.transaction.transactionId] : []));
        expect(new Set(ids).size).toBe(ids.length);
        expect(r.stats.joinedSessions).toBeLessThanOrEqual(r.stats.linkedSessions);
        for (const { session, transaction: t } of r.sessions) {
          if (!t) continue;
          expect(t.loyaltyId).toBe(session.loyaltyId);
          expect(t.timestamp!).toBeGreaterThanOrEqual(session.start);
          expect(t.timestamp!).toBeLessThanOrEqual(session.end + 15 * min);
        }
      }),
    );
  });
});
