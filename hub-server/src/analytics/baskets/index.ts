// Market-basket mining: frequent itemsets by FP-Growth and association rules, at SKU or category level.
export type { AssociationRule, RuleOptions } from './association-rules.js';
export { deriveRules } from './association-rules.js';
export { mineFrequentItemsets } from './fp-growth.js';
export type { CategoryBaskets } from './item-dictionary.js';
export { ItemDictionary, toCategoryBaskets } from './item-dictionary.js';
export type { FrequentItemset, MiningOptions } from './itemset.js';
export { minCountFor } from './itemset.js';
export type { MineRulesOptions, NamedRule } from './mine-rules.js';
export { mineRules } from './mine-rules.js';
