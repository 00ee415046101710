// Association rules A → B from frequent itemsets, with support, confidence, lift, leverage and
// conviction. Every count comes from the itemsets themselves: all subsets of a frequent itemset are
// frequent (downward closure), so no basket is read again.
import { compareItemsets, type FrequentItemset, itemsetKey } from './itemset.js';

export interface AssociationRule {
  readonly antecedent: Uint32Array;
  readonly consequent: Uint32Array;
  /** Baskets holding A ∪ B. */
  readonly count: number;
  /** count(A ∪ B) / N */
  readonly support: number;
  /** support(A ∪ B) / support(A) */
  readonly confidence: number;
  /** confidence / support(B) */
  readonly lift: number;
  /** support(A ∪ B) − support(A) · support(B) */
  readonly leverage: number;
  /** (1 − support(B)) / (1 − confidence); null when confidence is 1 (infinite), so JSON stays valid. */
  readonly conviction: number | null;
}

export interface RuleOptions {
  /** N, the number of baskets the itemsets were counted in (empty baskets included). */
  readonly basketCount: number;
  /** Keep rules with confidence >= minConfidence (0..1). */
  readonly minConfidence: number;
}

/**
 * Every rule from every non-empty proper split of each itemset of two or more items, with
 * confidence >= minConfidence, sorted by lift, then support (both descending), then by antecedent
 * and consequent in itemset order. Throws if the itemsets are not downward closed.
 */
export function deriveRules(itemsets: readonly FrequentItemset[], options: RuleOptions): AssociationRule[] {
  const { basketCount: n, minConfidence } = options;
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new RangeError(`minConfidence must be in [0, 1], got ${minConfidence}`);
  }
  const countOf = new Map<string, number>();
  for (const { items, count } of itemsets) countOf.set(itemsetKey(items), count);
  const lookup = (items: Uint32Array): number => {
    const count = countOf.get(itemsetKey(items));
    if (count === undefined) throw new Error(`itemset {${itemsetKey(items)}} missing: not downward closed`);
    return count;
  };

  const rules: AssociationRule[] = [];
  for (const { items, count } of itemsets) {
    if (items.length < 2) continue;
    if (items.length > 30) throw new RangeError(`itemset of ${items.length} items is too long to split`);
    const full = 2 ** items.length - 1;
    for (let mask = 1; mask < full; mask++) {
      const antecedent = items.filter((_, i) => (mask >>> i) & 1);
      const consequent = items.filter((_, i) => !((mask >>> i) & 1));
      const countA = lookup(antecedent);
      const confidence = count / countA;
      if (confidence < minConfidence) continue;
      const countB = lookup(consequent);
      const supportB = countB / n;
      rules.push({
        antecedent,
        consequent,
        count,
        support: count / n,
        confidence,
        lift: (count * n) / (countA * countB),
        leverage: count / n - (countA / n) * supportB,
        conviction: count === countA ? null : (1 - supportB) / (1 - confidence),
      });
    }
  }
  return rules.sort(compareRules);
}

function compareRules(a: AssociationRule, b: AssociationRule): number {
  return (
    b.lift - a.lift ||
    b.support - a.support ||
    compareItemsets(a.antecedent, b.antecedent) ||
    compareItemsets(a.consequent, b.consequent)
  );
}
