// TEST ORACLE ONLY: counts every itemset (up to maxLength) of every basket by enumeration, the
// obviously-correct answer FP-Growth must match exactly. Exponential in basket size; never use in production.
import {
  checkMiningOptions,
  compareItemsets,
  type FrequentItemset,
  itemsetKey,
  type MiningOptions,
  minCountFor,
  toItemSet,
} from './itemset.js';

export function bruteForceFrequentItemsets(
  baskets: readonly Uint32Array[],
  options: MiningOptions,
): FrequentItemset[] {
  const maxLength = checkMiningOptions(options);
  if (baskets.length === 0) return [];
  const minCount = minCountFor(options.minSupport, baskets.length);
  const counts = new Map<string, { items: Uint32Array; count: number }>();
  for (const basket of baskets) {
    const items = toItemSet(basket);
    for (let mask = 1; mask < 2 ** items.length; mask++) {
      const subset = items.filter((_, i) => (mask >>> i) & 1);
      if (subset.length > maxLength) continue;
      const key = itemsetKey(subset);
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { items: subset, count: 1 });
    }
  }
  return [...counts.values()]
    .filter((e) => e.count >= minCount)
    .sort((a, b) => compareItemsets(a.items, b.items));
}
