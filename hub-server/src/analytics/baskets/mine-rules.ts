// The whole pipeline on item names, for the CLI and HTTP API: encode, mine, derive, decode.
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
}

/** Rules over item names (SKUs or categories), in deriveRules order; repeats within a basket count once. */
export function mineRules(baskets: readonly (readonly string[])[], options: MineRulesOptions): NamedRule[] {
  const dictionary = new ItemDictionary();
  const encoded = dictionary.encodeAll(baskets);
  const itemsets = mineFrequentItemsets(encoded, options);
  const rules = deriveRules(itemsets, { basketCount: baskets.length, minConfidence: options.minConfidence });
  return rules.map(({ antecedent, consequent, ...measures }) => ({
    antecedent: dictionary.decode(antecedent),
    consequent: dictionary.decode(consequent),
    ...measures,
  }));
}
