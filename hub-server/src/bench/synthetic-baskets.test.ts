import { describe, expect, it } from 'vitest';
import { basketViews, syntheticBaskets } from './synthetic-baskets.js';

describe('syntheticBaskets', () => {
  const options = { transactions: 5000, items: 400, seed: 7 };
  const flat = syntheticBaskets(options);
  const baskets = basketViews(flat);

  it('is repeatable for a seed and differs across seeds', () => {
    expect(syntheticBaskets(options)).toEqual(flat);
    expect(syntheticBaskets({ ...options, seed: 8 }).items).not.toEqual(flat.items);
  });

  it('makes baskets of distinct known ids, about 10 on average', () => {
    expect(baskets).toHaveLength(5000);
    for (const b of baskets) {
      expect(b.length).toBeGreaterThanOrEqual(1);
      expect(new Set(b).size).toBe(b.length);
      for (const id of b) expect(id).toBeLessThan(400);
    }
    const mean = flat.items.length / baskets.length;
    expect(mean).toBeGreaterThan(8.5);
    expect(mean).toBeLessThan(11.5);
  });

  it('gives items power-law popularity: the top item sells far more than the median one', () => {
    const counts = new Array<number>(400).fill(0);
    for (const id of flat.items) counts[id]!++;
    counts.sort((a, b) => b - a);
    expect(counts[0]!).toBeGreaterThan(10 * counts[200]!);
  });
});
