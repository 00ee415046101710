import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dwellByZone, quantile } from './dwell.js';
import { sessionOf } from './test-sessions.js';

describe('dwellByZone', () => {
  it('summarises each visit of each zone by hand', () => {
    const rows = dwellByZone([
      sessionOf('1', [
        ['b', 10],
        ['a', 4],
        ['b', 30],
      ]),
      sessionOf('2', [
        ['a', 2],
        ['b', 20],
      ]),
    ]);
    expect(rows).toEqual([
      { zoneId: 'a', visits: 2, medianSeconds: 3, p90Seconds: 3.8, meanSeconds: 3 },
      { zoneId: 'b', visits: 3, medianSeconds: 20, p90Seconds: 28, meanSeconds: 20 },
    ]);
  });
});

describe('quantile', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('property: min <= median <= p90 <= max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1 }), (xs) => {
        const s = Float64Array.from(xs).sort();
        const median = quantile(s, 0.5);
        const p90 = quantile(s, 0.9);
        expect(s[0]!).toBeLessThanOrEqual(median);
        expect(median).toBeLessThanOrEqual(p90);
        expect(p90).toBeLessThanOrEqual(s[s.length - 1]!);
      }),
    );
  });
});
