import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionOf, sessionsArb } from './test-sessions.js';
import { transitionShares, zoneTransitionMatrix } from './transition-matrix.js';

describe('zoneTransitionMatrix', () => {
  it('counts next zones, entries and exits by hand', () => {
    const m = zoneTransitionMatrix(
      [
        sessionOf('1', [
          ['a', 5],
          ['b', 5],
          ['c', 5],
        ]),
        sessionOf('2', [
          ['a', 5],
          ['c', 5],
          ['c', 5],
        ]),
        sessionOf('3', [['b', 5]]),
      ],
      ['cold'],
    );
    expect(m.zones).toEqual(['a', 'b', 'c', 'cold']);
    expect(m.counts).toEqual([
      [0, 1, 1, 0],
      [0, 0, 1, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
    expect(m.entries).toEqual([2, 1, 0, 0]);
    expect(m.exits).toEqual([0, 1, 2, 0]);
    expect(m.visits).toEqual([2, 2, 3, 0]);
    const shares = transitionShares(m);
    expect(shares.next[0]).toEqual([0, 0.5, 0.5, 0]);
    expect(shares.exit[2]).toBeCloseTo(2 / 3);
    expect(shares.next[3]).toEqual([0, 0, 0, 0]);
  });

  it('property: each row plus exits, and each column plus entries, sums to the zone visits', () => {
    fc.assert(
      fc.property(sessionsArb, (rows) => {
        const m = zoneTransitionMatrix(rows.map((r) => r.session));
        m.zones.forEach((_, i) => {
          const row = m.counts[i]!.reduce((s, c) => s + c, 0);
          const column = m.counts.reduce((s, r) => s + r[i]!, 0);
          expect(row + m.exits[i]!).toBe(m.visits[i]);
          expect(column + m.entries[i]!).toBe(m.visits[i]);
        });
        const shares = transitionShares(m);
        shares.next.forEach((row, i) => {
          if (m.visits[i]! > 0) expect(row.reduce((s, x) => s + x, shares.exit[i]!)).toBeCloseTo(1, 9);
        });
      }),
    );
  });
});
