import { describe, expect, it } from 'vitest';
import { affinityPairs } from './affinity.js';

// 10 baskets: paint in 4, brush in 3, both in 3; milk in 5 independent-ish of both.
const baskets = [
  ['paint', 'brush'],
  ['paint', 'brush', 'milk'],
  ['paint', 'brush'],
  ['paint', 'milk'],
  ['milk'],
  ['milk'],
  ['milk', 'bread'],
  ['bread'],
  ['bread'],
  [],
];

describe('affinityPairs', () => {
  it('keeps both directions of a strong pair with exact counts, lift and leverage', () => {
    const pairs = affinityPairs(baskets, { minSupport: 0.2, minLift: 1.2, minLeverage: 0.01 });
    expect(pairs.map((p) => `${p.a}→${p.b}`).sort()).toEqual(['brush→paint', 'paint→brush']);
    const pb = pairs.find((p) => p.a === 'paint')!;
    expect(pb).toMatchObject({ basketsWithA: 4, basketsWithB: 3, basketsWithBoth: 3, support: 0.3 });
    expect(pb.confidence).toBeCloseTo(0.75);
    expect(pb.lift).toBeCloseTo(0.3 / (0.4 * 0.3)); // 2.5
    expect(pb.leverage).toBeCloseTo(0.3 - 0.4 * 0.3); // 0.18
  });

  it('drops pairs under the lift or leverage floor', () => {
    // paint & milk: support 0.2, lift 0.2 / (0.4 · 0.5) = 1.
    const loose = affinityPairs(baskets, { minSupport: 0.2, minLift: 0.9, minLeverage: -1 });
    expect(loose.some((p) => p.a === 'paint' && p.b === 'milk')).toBe(true);
    expect(affinityPairs(baskets, { minSupport: 0.2, minLift: 1.01 }).some((p) => p.b === 'milk')).toBe(
      false,
    );
    expect(affinityPairs(baskets, { minSupport: 0.2, minLeverage: 0.2 })).toEqual([]);
  });
});
