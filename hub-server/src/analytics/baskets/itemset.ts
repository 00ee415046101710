// The frequent-itemset value both miners return, its canonical order, and the support threshold
// they share, so FP-Growth and the brute-force oracle agree to the last basket.

/** A set of item ids (sorted ascending, no duplicates) and the number of baskets containing it. */
export interface FrequentItemset {
  readonly items: Uint32Array;
  readonly count: number;
}

export interface MiningOptions {
  /** Fraction of baskets, 0..1. See {@link minCountFor} for the exact rule. */
  readonly minSupport: number;
  /** Longest itemset to report (a positive integer); unbounded when omitted. */
  readonly maxLength?: number;
}

/**
 * The smallest basket count that is frequent: an itemset is frequent when `count / n >= minSupport`
 * in double arithmetic, which is `ceil(minSupport * n)` corrected for rounding in the product
 * (0.07 * 100 is 7.000000000000001, yet 7 of 100 baskets has support 0.07 and is kept).
 * Never below 1: an itemset no basket contains is not reported, even at minSupport 0.
 */
export function minCountFor(minSupport: number, n: number): number {
  let c = Math.ceil(minSupport * n);
  while (c > 0 && (c - 1) / n >= minSupport) c--;
  while (c < n && c / n < minSupport) c++;
  return Math.max(1, c);
}

/** Checks options once, at the entry of each miner; returns maxLength with Infinity for "unbounded". */
export function checkMiningOptions(options: MiningOptions): number {
  const { minSupport, maxLength } = options;
  if (!(minSupport >= 0 && minSupport <= 1)) {
    throw new RangeError(`minSupport must be a fraction in [0, 1], got ${minSupport}`);
  }
  if (maxLength === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  }
  return maxLength;
}

/** Canonical order: shorter first, then lexicographic by id. */
export function compareItemsets(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** A map key for an itemset whose ids are sorted ascending. */
export function itemsetKey(items: ArrayLike<number>): string {
  return Array.prototype.join.call(items, ',');
}

/** Sorted, de-duplicated copy of some item ids. */
export function toItemSet(ids: Iterable<number>): Uint32Array {
  return Uint32Array.from(new Set(ids)).sort();
}
