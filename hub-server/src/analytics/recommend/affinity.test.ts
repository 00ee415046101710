import { describe, expect, it } from 'vitest';
import { affinityPairs } from './affinity.js';

// 400 baskets. 300 two-item top-ups: 20 paint + brush, 20 paint + filler, 20 brush + filler, 240 two
// fillers. 100 six-item big shops: half with wine and, independently, half with cheese, topped up with
// fillers. Paint and brush belong together; wine and cheese only share the big shops.
function store(): string[][] {
  const f = (i: number) => `f${i % 12}`;
  const baskets: string[][] = [];
  for (let i = 0; i < 20; i++) baskets.push(['paint', 'brush']);
  for (let i = 0; i < 20; i++) baskets.push(['paint', f(i)]);
  for (let i = 0; i < 20; i++) baskets.push(['brush', f(i)]);
  for (let i = 0; i < 240; i++) baskets.push([f(i), f(i + 5)]);
  for (let i = 0; i < 100; i++) {
    const basket = [...(i % 2 === 0 ? ['wine'] : []), ...(Math.floor(i / 2) % 2 === 0 ? ['cheese'] : [])];
    for (let k = 0; basket.length < 6; k++) basket.push(f(i + 2 * k));
    baskets.push(basket);
  }
  return baskets;
}
const baskets = store();
const key = (p: { a: string; b: string }) => `${p.a}→${p.b}`;

describe('affinityPairs', () => {
  it('keeps both directions of a strong pair, measured against baskets of the same size', () => {
    const pairs = affinityPairs(baskets, { minSupport: 0.02 });
    const pb = pairs.find((p) => p.a === 'paint' && p.b === 'brush')!;
    expect(pairs.some((p) => p.a === 'brush' && p.b === 'paint')).toBe(true);
    expect(pb).toMatchObject({ basketsWithA: 40, basketsWithB: 40, basketsWithBoth: 20, support: 0.05 });
    expect(pb.confidence).toBeCloseTo(0.5);
    expect(pb.plainLift).toBeCloseTo(0.05 / (0.1 * 0.1)); // 5
    // All paint and brush baskets are top-ups: 40 · 40 / 300 expected among the 300.
    expect(pb.expectedBoth).toBeCloseTo(16 / 3);
    expect(pb.lift).toBeCloseTo(20 / (16 / 3)); // 3.75
    expect(pb.leverage).toBeCloseTo((20 - 16 / 3) / 400);
    expect(pb.pValue).toBeLessThan(1e-6);
  });

  it('drops a pair whose plain lift only says both sell in big shops', () => {
    const all = affinityPairs(baskets, { minSupport: 0.02, minLift: 0, minLeverage: -1, maxPValue: 1 });
    const wc = all.find((p) => p.a === 'wine' && p.b === 'cheese')!;
    expect(wc.plainLift).toBeCloseTo((25 * 400) / (50 * 50)); // 4
    expect(wc.lift).toBeCloseTo(1);
    expect(wc.pValue).toBeGreaterThan(0.4);
    expect(affinityPairs(baskets, { minSupport: 0.02 }).map(key)).not.toContain('wine→cheese');
  });

  it('drops pairs under the lift, leverage or basket floor, or over the p-value ceiling', () => {
    const has = (options: Parameters<typeof affinityPairs>[1]) =>
      affinityPairs(baskets, { minSupport: 0.02, ...options })
        .map(key)
        .includes('paint→brush');
    expect(has({})).toBe(true);
    expect(has({ minLift: 3.7 })).toBe(true);
    expect(has({ minLift: 3.8 })).toBe(false);
    expect(has({ minLeverage: 0.036 })).toBe(true);
    expect(has({ minLeverage: 0.037 })).toBe(false);
    expect(has({ minBaskets: 20 })).toBe(true);
    expect(has({ minBaskets: 21 })).toBe(false);
    expect(has({ maxPValue: 1e-12 })).toBe(false);
  });
});
