// The whole pipeline on item names, for the CLI and HTTP API: encode, mine, derive, decode.

import { holmAdjusted } from '../stats/holm.js';
import { deriveRules } from './association-rules.js';
import { mineFrequentItemsets } from './fp-growth.js';
import { ItemDictionary } from './item-dictionary.js';

export interface MineRulesOptions {
  /** Fraction of baskets, 0..1: frequent means count / N >= minSupport (see minCountFor). */
  readonly minSupport: number;
  readonly minConfidence: number;
  /** Longest itemset (antecedent plus consequent) considered; unbounded when omitted. */
  readonly maxLength?: number;
}

export interface NamedRule {
  readonly antecedent: string[];
  readonly consequent: string[];
  readonly count: number;
  readonly support: number;
  readonly confidence: number;
  readonly lift: number;
  readonly leverage: number;
  /** null when confidence is 1 (conviction is infinite). */
  readonly conviction: number | null;
  /** What the rule adds to every shorter one (see AssociationRule.improvement). */
  readonly improvement: number;
  /**
   * How likely chance gives that improvement (AssociationRule.pValue), Holm-adjusted over every rule
   * mined in the same call: below 0.05, the chance that even one rule of the list is a fluke is under 5%.
   */
  readonly pValue: number;
}

/** Rules over item names (SKUs or categories), in deriveRules order; repeats within a basket count once. */
export function mineRules(baskets: readonly (readonly string[])[], options: MineRulesOptions): NamedRule[] {
  const dictionary = new ItemDictionary();
  const encoded = dictionary.encodeAll(baskets);
  const itemsets = mineFrequentItemsets(encoded, options);
  const rules = deriveRules(itemsets, { basketCount: baskets.length, minConfidence: options.minConfidence });
  const adjusted = holmAdjusted(rules.map((r) => r.pValue));
  return rules.map(({ antecedent, consequent, ...measures }, i) => ({
    antecedent: dictionary.decode(antecedent),
    consequent: dictionary.decode(consequent),
    ...measures,
    pValue: adjusted[i]!,
  }));
}
