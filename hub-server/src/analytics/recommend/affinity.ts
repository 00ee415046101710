// Item pairs worth placing together: directed rules A → B between single items from the existing
// FP-Growth rule mining, kept when the association is both strong (lift) and material (leverage).
import { mineRules } from '../baskets/index.js';

export interface AffinityOptions {
  /** Fraction of baskets holding both, default 0.005. */
  minSupport?: number;
  /** Default 1.2: B is at least 20 % likelier in a basket with A. */
  minLift?: number;
  /** support(AB) − support(A)·support(B), default 0.001 (one basket in a thousand above chance). */
  minLeverage?: number;
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
  readonly lift: number;
  readonly leverage: number;
}

/** Both directions of every qualifying pair, in the miner's order (lift, then support). */
export function affinityPairs(
  baskets: readonly (readonly string[])[],
  options: AffinityOptions = {},
): AffinityPair[] {
  const minLift = options.minLift ?? 1.2;
  const minLeverage = options.minLeverage ?? 0.001;
  const rules = mineRules(baskets, {
    minSupport: options.minSupport ?? 0.005,
    minConfidence: 0,
    maxLength: 2,
  });
  const n = baskets.length;
  return rules
    .filter((r) => r.lift >= minLift && r.leverage >= minLeverage)
    .map((r) => ({
      a: r.antecedent[0]!,
      b: r.consequent[0]!,
      // Exact integers back from the ratios the rule carries: count / confidence and count·n / (countA·lift).
      basketsWithA: Math.round(r.count / r.confidence),
      basketsWithB: Math.round((r.count * n) / (Math.round(r.count / r.confidence) * r.lift)),
      basketsWithBoth: r.count,
      support: r.support,
      confidence: r.confidence,
      lift: r.lift,
      leverage: r.leverage,
    }));
}
