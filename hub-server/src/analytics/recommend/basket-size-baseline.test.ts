import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BasketSizeBaseline, poissonExcessPValue } from './basket-size-baseline.js';

describe('BasketSizeBaseline', () => {
  it('expects, size by size, baskets(with A)·baskets(with B) / baskets, ignoring single items', () => {
    const baseline = new BasketSizeBaseline([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
      ['c', 'd'],
      ['a', 'b', 'c'],
      ['a', 'd', 'e'],
      ['a'],
      ['b'],
    ]);
    // Size 2: 4 baskets, a in 2, b in 2 → 1. Size 3: 2 baskets, a in 2, b in 1 → 1.
    expect(baseline.expectedBoth('a', 'b')).toBeCloseTo(2);
    expect(baseline.expectedBoth('d', 'e')).toBeCloseTo((1 * 0) / 4 + (1 * 1) / 2);
    expect(baseline.expectedBoth('a', 'zzz')).toBe(0);
  });

  it('explains the co-occurrence of unrelated items that only big shops hold', () => {
    // 100 two-item top-ups without wine or cheese; 100 six-item shops, half with wine and, independently, half with cheese.
    const baskets: string[][] = [];
    for (let i = 0; i < 100; i++) baskets.push([`f${i % 6}`, `f${(i % 6) + 6}`]);
    for (let i = 0; i < 100; i++) {
      const basket = [...(i % 2 === 0 ? ['wine'] : []), ...(Math.floor(i / 2) % 2 === 0 ? ['cheese'] : [])];
      for (let k = 0; basket.length < 6; k++) basket.push(`g${k}`);
      baskets.push(basket);
    }
    const plainExpected = (50 * 50) / 200; // 12.5 against 25 observed: plain lift 2
    expect(plainExpected).toBe(12.5);
    expect(new BasketSizeBaseline(baskets).expectedBoth('wine', 'cheese')).toBeCloseTo(25);
  });
});

describe('poissonExcessPValue', () => {
  it('is the Poisson upper tail', () => {
    expect(poissonExcessPValue(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5), 12);
    expect(poissonExcessPValue(1, 0.5)).toBeCloseTo(1 - Math.exp(-0.5), 12);
    // 150 where 100 are expected: about 5 standard deviations out.
    const far = poissonExcessPValue(150, 100);
    expect(far).toBeGreaterThan(1e-7);
    expect(far).toBeLessThan(1e-5);
  });

  it('is 1 without an excess and 0 when nothing at all was expected', () => {
    expect(poissonExcessPValue(4, 4)).toBe(1);
    expect(poissonExcessPValue(2, 7.5)).toBe(1);
    expect(poissonExcessPValue(3, 0)).toBe(0);
  });

  it('property: a probability that falls as the observed count rises', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.double({ min: 0.01, max: 300, noNaN: true }), (k, mean) => {
        const p = poissonExcessPValue(k, mean);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(poissonExcessPValue(k + 1, mean)).toBeLessThanOrEqual(p + 1e-12);
      }),
    );
  });
});
