// Association rules A → B from frequent itemsets, with support, confidence, lift, leverage,
// conviction, and what each adds to the shorter rules inside it (improvement and its p-value). Every
// count comes from the itemsets themselves: all subsets of a frequent itemset are frequent (downward
// closure), so no basket is read again.
import { fisherExcessPValue } from '../stats/fisher-exact.js';
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
  /**
   * What the rule says that no shorter rule does (Bayardo, Agrawal and Gunopulos's minimum
   * improvement, taken item by item over B as in Webb's productive rules): for each item b of B, the
   * confidence of (A ∪ B − b) → b less the best confidence of any part of it → b (the empty part's is
   * support(b)); the least of these. At or below 0, some item of B comes as often with a part of the
   * rest as with all of it: "brushes → paint + yoghurt" when yoghurt is bought with anything alike.
   */
  readonly improvement: number;
  /**
   * How likely chance alone gives an improvement this large: for each item b of B and each part P of
   * (A ∪ B − b), the one-sided Fisher exact test of b being more common in the baskets holding all
   * of (A ∪ B − b) than in the rest of those holding P; the largest of these p-values (Webb 2007).
   */
  readonly pValue: number;
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
    const gains = Array.from(items, (_, i) => itemGain(items, i, count, n, lookup));
    const predicted = (mask: number) => gains.filter((_, i) => !((mask >>> i) & 1));
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
        ...predictedMeasures(predicted(mask)),
      });
    }
  }
  return rules.sort(compareRules);
}

/**
 * For b = items[at]: conf((items − b) → b) less the best conf(P → b) over every proper part P of
 * (items − b), and the largest Fisher p-value of b being more common with all of (items − b) than
 * with P alone. `count` is the baskets holding all of items; P = ∅ stands for every basket.
 */
function itemGain(
  items: Uint32Array,
  at: number,
  count: number,
  n: number,
  lookup: (items: Uint32Array) => number,
): { improvement: number; pValue: number } {
  const rest = items.filter((_, i) => i !== at);
  const b = items[at]!;
  const withRest = lookup(rest);
  let best = 0;
  let pValue = 0;
  const against = (population: number, hits: number) => {
    best = Math.max(best, hits / population);
    pValue = Math.max(pValue, fisherExcessPValue({ population, hits, drawn: withRest, observed: count }));
  };
  against(n, lookup(items.subarray(at, at + 1)));
  // Every proper non-empty part of the rest, as a bit mask over it.
  const full = 2 ** rest.length - 1;
  for (let mask = 1; mask < full; mask++) {
    const part = rest.filter((_, i) => (mask >>> i) & 1);
    against(lookup(part), lookup(Uint32Array.from([...part, b]).sort()));
  }
  return { improvement: count / withRest - best, pValue };
}

/** A rule predicts several items: it improves as little, and is as likely chance, as its weakest. */
function predictedMeasures(gains: readonly { improvement: number; pValue: number }[]) {
  let improvement = Number.POSITIVE_INFINITY;
  let pValue = 0;
  for (const g of gains) {
    improvement = Math.min(improvement, g.improvement);
    pValue = Math.max(pValue, g.pValue);
  }
  return { improvement, pValue };
}

function compareRules(a: AssociationRule, b: AssociationRule): number {
  return (
    b.lift - a.lift ||
    b.support - a.support ||
    compareItemsets(a.antecedent, b.antecedent) ||
    compareItemsets(a.consequent, b.consequent)
  );
}
