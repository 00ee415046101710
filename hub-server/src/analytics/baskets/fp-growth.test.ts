import { seededRandom } from '@retail/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveRules } from './association-rules.js';
import { bruteForceFrequentItemsets } from './brute-force.js';
import { mineFrequentItemsets } from './fp-growth.js';
import { type FrequentItemset, minCountFor } from './itemset.js';

const show = (sets: FrequentItemset[]) => sets.map((s) => `${[...s.items].join(',')}:${s.count}`);
const baskets = (...lists: number[][]) => lists.map((l) => Uint32Array.from(l));

const basketsArb = fc.array(fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 8 }), { maxLength: 60 });

describe('minCountFor', () => {
  it('is ceil(minSupport * N), immune to rounding in the product, and at least 1', () => {
    expect(minCountFor(0.5, 6)).toBe(3);
    expect(minCountFor(0.51, 6)).toBe(4);
    expect(minCountFor(0.07, 100)).toBe(7); // 0.07 * 100 === 7.000000000000001
    expect(minCountFor(1, 9)).toBe(9);
    expect(minCountFor(0, 9)).toBe(1);
  });

  it('property: the smallest count c >= 1 with c / N >= minSupport', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 10_000 }), (s, n) => {
        const c = minCountFor(s, n);
        expect(c).toBeGreaterThanOrEqual(1);
        expect(c / n >= s).toBe(true);
        if (c > 1) expect((c - 1) / n < s).toBe(true);
      }),
    );
  });
});

describe('mineFrequentItemsets', () => {
  it('property: exactly the itemsets and counts brute force finds', () => {
    fc.assert(
      fc.property(
        basketsArb,
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        (lists, minSupport, maxLength) => {
          const input = baskets(...lists);
          const options = { minSupport, maxLength };
          expect(show(mineFrequentItemsets(input, options))).toEqual(
            show(bruteForceFrequentItemsets(input, options)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: rules from FP-Growth equal rules from brute-force counts', () => {
    fc.assert(
      fc.property(
        basketsArb,
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lists, minSupport, maxLength, minConfidence) => {
          const input = baskets(...lists);
          const options = { minSupport, maxLength };
          const ruleOptions = { basketCount: input.length, minConfidence };
          expect(deriveRules(mineFrequentItemsets(input, options), ruleOptions)).toEqual(
            deriveRules(bruteForceFrequentItemsets(input, options), ruleOptions),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: exactly the brute-force itemsets on hundreds of baskets over few items (deep, tied trees)', () => {
    const many = fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }), {
      minLength: 100,
      maxLength: 400,
    });
    fc.assert(
      fc.property(many, fc.double({ min: 0.01, max: 0.3, noNaN: true }), (lists, minSupport) => {
        const input = baskets(...lists);
        expect(show(mineFrequentItemsets(input, { minSupport }))).toEqual(
          show(bruteForceFrequentItemsets(input, { minSupport })),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('property: exactly the brute-force itemsets on hundreds of larger baskets (radix-sorted trees)', () => {
    const larger = fc.array(fc.array(fc.integer({ min: 0, max: 17 }), { maxLength: 9 }), {
      minLength: 150,
      maxLength: 300,
    });
    fc.assert(
      fc.property(larger, fc.double({ min: 0.01, max: 0.2, noNaN: true }), (lists, minSupport) => {
        const input = baskets(...lists);
        expect(show(mineFrequentItemsets(input, { minSupport }))).toEqual(
          show(bruteForceFrequentItemsets(input, { minSupport })),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('returns nothing for no baskets', () => {
    expect(mineFrequentItemsets([], { minSupport: 0.1 })).toEqual([]);
  });

  it('counts an item repeated in a basket once, and accepts unsorted baskets', () => {
    const input = baskets([3, 1, 3, 3], [1, 1], [3]);
    expect(show(mineFrequentItemsets(input, { minSupport: 0.5 }))).toEqual(['1:2', '3:2']);
    expect(show(mineFrequentItemsets(input, { minSupport: 0 }))).toEqual(['1:2', '3:2', '1,3:1']);
  });

  it('at minSupport 1 keeps only what every basket holds', () => {
    const input = baskets([1, 2, 5], [2, 5, 7], [0, 2, 5]);
    expect(show(mineFrequentItemsets(input, { minSupport: 1 }))).toEqual(['2:3', '5:3', '2,5:3']);
  });

  it('finds every subset of a single basket, up to maxLength', () => {
    const input = baskets([4, 2, 9]);
    expect(show(mineFrequentItemsets(input, { minSupport: 1 }))).toEqual([
      '2:1',
      '4:1',
      '9:1',
      '2,4:1',
      '2,9:1',
      '4,9:1',
      '2,4,9:1',
    ]);
    expect(show(mineFrequentItemsets(input, { minSupport: 1, maxLength: 1 }))).toEqual(['2:1', '4:1', '9:1']);
  });

  it('keeps empty baskets in N', () => {
    const input = baskets([1], [1], [], []);
    expect(show(mineFrequentItemsets(input, { minSupport: 0.5 }))).toEqual(['1:2']);
    expect(mineFrequentItemsets(input, { minSupport: 0.51 })).toEqual([]);
  });

  it('rejects a minSupport outside [0, 1] and a maxLength that is not a positive integer', () => {
    expect(() => mineFrequentItemsets([], { minSupport: 1.5 })).toThrow(RangeError);
    expect(() => mineFrequentItemsets([], { minSupport: Number.NaN })).toThrow(RangeError);
    expect(() => mineFrequentItemsets([], { minSupport: 0.1, maxLength: 0 })).toThrow(RangeError);
    expect(() => mineFrequentItemsets([], { minSupport: 0.1, maxLength: 1.5 })).toThrow(RangeError);
  });

  it('is deterministic: the same result whatever the order of baskets and of items in them', () => {
    fc.assert(
      fc.property(basketsArb, fc.integer(), (lists, seed) => {
        const rnd = seededRandom(seed);
        const shuffle = <T>(xs: T[]): T[] =>
          xs
            .map((x) => [rnd(), x] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, x]) => x);
        const options = { minSupport: 0.1, maxLength: 3 };
        const first = mineFrequentItemsets(baskets(...lists), options);
        const again = mineFrequentItemsets(baskets(...lists), options);
        const shuffled = mineFrequentItemsets(baskets(...shuffle(lists.map((l) => shuffle(l)))), options);
        expect(again).toEqual(first);
        expect(shuffled).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it('smoke: finds a planted pair among 20,000 baskets over 500 items', () => {
    const rnd = seededRandom(42);
    const input: Uint32Array[] = [];
    for (let b = 0; b < 20_000; b++) {
      const items: number[] = [];
      const size = 1 + Math.floor(rnd() * 8);
      for (let i = 0; i < size; i++) items.push(Math.floor(rnd() * 500));
      if (rnd() < 0.05) items.push(1, 2);
      input.push(Uint32Array.from(items));
    }
    const itemsets = mineFrequentItemsets(input, { minSupport: 0.01 });
    const rules = deriveRules(itemsets, { basketCount: input.length, minConfidence: 0 });
    const planted = rules.find((r) => r.antecedent.join() === '1' && r.consequent.join() === '2');
    expect(planted?.lift).toBeGreaterThan(3);
    expect(rules[0]?.lift).toBe(planted?.lift);
  });
});
