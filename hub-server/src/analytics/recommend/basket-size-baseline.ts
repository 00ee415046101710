// How often two unrelated items would share a basket, given how big the baskets are. A big weekly shop
// holds a bit of everything, so any two popular items meet in more baskets than P(A)·P(B) predicts:
// plain lift comes out at 1.2–1.6 for unrelated items wherever basket sizes vary, as they do in every
// grocer's. Among baskets of the same number of items, unrelated items are (near enough) independent,
// so the chance expectation is
//
//   expected(A∧B) = Σ over sizes s ≥ 2 of  baskets(s, with A) · baskets(s, with B) / baskets(s)
//
// (a single-item basket holds no pair). Observed over expected is the size-adjusted lift. It is
// conservative for real affinities, the more so the smaller the baskets: the item one side adds moves
// its baskets up a size, where they are compared with bigger baskets. It never turns basket size into
// affinity. How surprising the excess is: the one-sided Poisson tail P(X ≥ observed | mean = expected),
// exact for rare items and conservative for common ones.

import { logGamma } from '../stats/log-gamma.js';

export class BasketSizeBaseline {
  /** Baskets per size index. */
  private readonly baskets: Float64Array;
  /** Item → baskets holding it, per size index. */
  private readonly withItem = new Map<string, Float64Array>();

  constructor(baskets: readonly (readonly string[])[]) {
    const sizes = baskets.map((b) => new Set(b).size);
    const index = new Map([...new Set(sizes)].filter((s) => s >= 2).map((s, i) => [s, i]));
    this.baskets = new Float64Array(index.size);
    baskets.forEach((basket, k) => {
      const i = index.get(sizes[k]!);
      if (i === undefined) return;
      this.baskets[i]!++;
      for (const item of new Set(basket)) {
        let counts = this.withItem.get(item);
        if (!counts) {
          counts = new Float64Array(index.size);
          this.withItem.set(item, counts);
        }
        counts[i]!++;
      }
    });
  }

  /** Baskets expected to hold both if A and B were unrelated, given basket sizes. */
  expectedBoth(a: string, b: string): number {
    const ca = this.withItem.get(a);
    const cb = this.withItem.get(b);
    if (!ca || !cb) return 0;
    let expected = 0;
    for (let i = 0; i < this.baskets.length; i++) expected += (ca[i]! * cb[i]!) / this.baskets[i]!;
    return expected;
  }
}

/**
 * P(X ≥ observed) for X ~ Poisson(expected): the chance of at least this many co-occurrences between
 * unrelated items. 1 when there is no excess to test (observed ≤ expected); 0 when none was expected.
 */
export function poissonExcessPValue(observed: number, expected: number): number {
  if (observed <= expected) return 1;
  if (expected <= 0) return 0;
  // Sum the pmf from `observed` up; past the mean each term is smaller than the last by expected / (i + 1).
  let term = Math.exp(-expected + observed * Math.log(expected) - logGamma(observed + 1));
  let sum = 0;
  for (let i = observed; term > 0 && term > sum * 1e-15; i++) {
    sum += term;
    term *= expected / (i + 1);
  }
  return Math.min(1, sum);
}
