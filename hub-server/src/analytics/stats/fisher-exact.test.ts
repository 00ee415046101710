import { describe, expect, it } from 'vitest';
import { fisherExcessPValue } from './fisher-exact.js';

/** The tail summed term by term from binomial coefficients, for small counts. */
function bruteForce(population: number, hits: number, drawn: number, observed: number): number {
  const choose = (n: number, k: number): number => {
    if (k < 0 || k > n) return 0;
    let c = 1;
    for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
    return c;
  };
  let p = 0;
  for (let k = observed; k <= Math.min(drawn, hits); k++)
    p += (choose(hits, k) * choose(population - hits, drawn - k)) / choose(population, drawn);
  return p;
}

describe('fisherExcessPValue', () => {
  it('matches the textbook tea-tasting table and brute force', () => {
    // Fisher's lady: 8 cups, 4 with milk first, she picks 4 and gets 3 right: p = 17/70.
    expect(fisherExcessPValue({ population: 8, hits: 4, drawn: 4, observed: 3 })).toBeCloseTo(17 / 70, 12);
    expect(fisherExcessPValue({ population: 8, hits: 4, drawn: 4, observed: 4 })).toBeCloseTo(1 / 70, 12);
    for (const [n, h, d, o] of [
      [40, 12, 10, 7],
      [100, 30, 22, 16],
      [60, 5, 40, 5],
    ] as const)
      expect(fisherExcessPValue({ population: n, hits: h, drawn: d, observed: o })).toBeCloseTo(
        bruteForce(n, h, d, o),
        10,
      );
  });

  it('is 1 without an excess, and tiny for a large one in many baskets', () => {
    expect(fisherExcessPValue({ population: 100, hits: 50, drawn: 10, observed: 5 })).toBe(1);
    expect(fisherExcessPValue({ population: 100, hits: 50, drawn: 10, observed: 2 })).toBe(1);
    const strong = fisherExcessPValue({ population: 100_000, hits: 1_000, drawn: 2_000, observed: 400 });
    expect(strong).toBeGreaterThanOrEqual(0);
    expect(strong).toBeLessThan(1e-100);
  });

  it('refuses counts no baskets could give', () => {
    expect(() => fisherExcessPValue({ population: 10, hits: 3, drawn: 4, observed: 5 })).toThrow(RangeError);
  });
});
