// Item pairs worth placing together: directed rules A → B between single items from the existing
// FP-Growth rule mining, kept when the association is strong (lift), material (leverage) and not luck
// (p-value). All three are measured against what basket sizes alone would give (basket-size-baseline.ts):
// plain lift rewards any two popular items for turning up together in big shops, and among the
// thousands of pairs a store's baskets hold, dozens reach a plain lift of 1.2 that way. Such pairs are
// no reason to move a fixture, and the uplift model, which scales with the anchor's sales, would rank
// them first. A pair must also have been bought together in at least `minBaskets` baskets.
// The 1 % p-value ceiling was chosen on simulated stores (`hub-server eval recommend`): at 5 % a single
// trading day lets through enough chance SKU pairs (lift 1.4–2, 20–30 baskets) to push a planted pair
// out of the top 10; at 1 % every planted pair of every simulated week and day was kept and ranked.
import { mineRules } from '../baskets/index.js';
import { BasketSizeBaseline, poissonExcessPValue } from './basket-size-baseline.js';

export interface AffinityOptions {
  /**
   * Fraction of baskets holding both, default 0.002 (1 in 500). Low, because at SKU level one
   * category-to-category affinity is spread over every SKU combination of the two; chance pairs are
   * kept out by the p-value and the leverage floor, not by support.
   */
  minSupport?: number;
  /** Fewest baskets holding both, default 10: below that a pair is an anecdote, whatever its share. */
  minBaskets?: number;
  /** Size-adjusted lift, default 1.2: B is at least 20 % likelier with A than in baskets of the same size. */
  minLift?: number;
  /** (baskets with both − expected from basket sizes) / baskets, default 0.001 (one in a thousand). */
  minLeverage?: number;
  /** Largest chance that unrelated items co-occur this often given basket sizes, default 0.01. */
  maxPValue?: number;
}

export interface AffinityPair {
  /** The anchor: stays where it is. */
  readonly a: string;
  /** The item that would get a facing near A. */
  readonly b: string;
  readonly basketsWithA: number;
  readonly basketsWithB: number;
  readonly basketsWithBoth: number;
  readonly support: number;
  /** P(B | A) over all baskets. */
  readonly confidence: number;
  /** Baskets with both over those expected from basket sizes if A and B were unrelated. */
  readonly lift: number;
  /** The textbook lift, support / (P(A)·P(B)), for reference. */
  readonly plainLift: number;
  /** (baskets with both − expected) / baskets. */
  readonly leverage: number;
  readonly expectedBoth: number;
  /** P(at least this many baskets with both | unrelated), Poisson. */
  readonly pValue: number;
}

/** Both directions of every qualifying pair, in the miner's order (plain lift, then support). */
export function affinityPairs(
  baskets: readonly (readonly string[])[],
  options: AffinityOptions = {},
): AffinityPair[] {
  const minLift = options.minLift ?? 1.2;
  const minLeverage = options.minLeverage ?? 0.001;
  const maxPValue = options.maxPValue ?? 0.01;
  const n = baskets.length;
  const minBaskets = options.minBaskets ?? 10;
  const rules = mineRules(baskets, {
    minSupport: Math.min(1, Math.max(options.minSupport ?? 0.002, n > 0 ? minBaskets / n : 0)),
    minConfidence: 0,
    maxLength: 2,
  });
  const baseline = new BasketSizeBaseline(baskets);
  const pairs: AffinityPair[] = [];
  for (const r of rules) {
    if (r.count < minBaskets) continue;
    const a = r.antecedent[0]!;
    const b = r.consequent[0]!;
    const expectedBoth = baseline.expectedBoth(a, b);
    const lift = expectedBoth > 0 ? r.count / expectedBoth : Infinity;
    const leverage = (r.count - expectedBoth) / n;
    if (lift < minLift || leverage < minLeverage) continue;
    const pValue = poissonExcessPValue(r.count, expectedBoth);
    if (pValue > maxPValue) continue;
    // Exact integers back from the ratios the rule carries: count / confidence and count·n / (countA·lift).
    const basketsWithA = Math.round(r.count / r.confidence);
    pairs.push({
      a,
      b,
      basketsWithA,
      basketsWithB: Math.round((r.count * n) / (basketsWithA * r.lift)),
      basketsWithBoth: r.count,
      support: r.support,
      confidence: r.confidence,
      lift,
      plainLift: r.lift,
      leverage,
      expectedBoth,
      pValue,
    });
  }
  return pairs;
}
