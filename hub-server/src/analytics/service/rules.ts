// Basket rules for the API: the store's baskets at SKU, category or subcategory level (through the
// catalogue), mined by FP-Growth, then filtered, sorted and cut as asked. Mining is the expensive
// half and depends only on level, thresholds and range, so the service caches it apart from the cut.
import { type CatalogueItem, categoryKey } from '@retail/contracts';
import { AnalyticsInputError, type RulesParams, type RulesResult } from '../../http/analytics-port.js';
import { mineRules, type NamedRule } from '../baskets/index.js';
import type { Transaction } from '../join/transactions.js';

export type MineParams = Pick<RulesParams, 'level' | 'minSupport' | 'minConfidence' | 'from' | 'to'>;
export type CutParams = Pick<
  RulesParams,
  'minLift' | 'minImprovement' | 'maxPValue' | 'item' | 'sort' | 'limit'
>;

export interface MinedRules {
  baskets: number;
  rules: NamedRule[];
}

/** Longest itemset mined: pairs and triples are what a merchandiser acts on. */
const MAX_LENGTH = 3;

export function mineBasketRules(
  transactions: readonly Transaction[],
  catalogue: ReadonlyMap<string, CatalogueItem>,
  p: MineParams,
): MinedRules {
  if (p.level !== 'sku' && catalogue.size === 0)
    throw new AnalyticsInputError(
      'level',
      `level ${p.level} needs the catalogue; none is imported (use sku)`,
    );
  const baskets: string[][] = [];
  for (const t of transactions) {
    if ((p.from !== undefined || p.to !== undefined) && t.timestamp === undefined) continue;
    if (p.from !== undefined && t.timestamp! < p.from) continue;
    if (p.to !== undefined && t.timestamp! >= p.to) continue;
    baskets.push(itemsAt(t, p.level, catalogue));
  }
  const n = baskets.length;
  if (n === 0) return { baskets: 0, rules: [] };
  // An itemset in a single basket says nothing, and at support 0 the itemsets of a large store
  // would not fit in memory: never mine below two baskets.
  const minSupport = Math.min(1, Math.max(p.minSupport, 2 / n));
  return {
    baskets: n,
    rules: mineRules(baskets, { minSupport, minConfidence: p.minConfidence, maxLength: MAX_LENGTH }),
  };
}

/** The basket's distinct items at the level; SKUs the catalogue lacks drop out above SKU level. */
function itemsAt(t: Transaction, level: RulesParams['level'], catalogue: ReadonlyMap<string, CatalogueItem>) {
  if (level === 'sku') return [...t.units.keys()];
  const items = new Set<string>();
  for (const sku of t.units.keys()) {
    const c = catalogue.get(sku);
    if (c) items.add(categoryKey(c, level));
  }
  return [...items];
}

const SORT_KEYS = {
  lift: ['lift', 'support'],
  confidence: ['confidence', 'lift'],
  support: ['support', 'lift'],
} as const;

export function cutRules(mined: MinedRules, p: CutParams): RulesResult {
  const item = p.item?.toLowerCase();
  const has = (side: readonly string[]) => item !== undefined && side.some((i) => i.toLowerCase() === item);
  const [first, second] = SORT_KEYS[p.sort];
  const rules = mined.rules
    .filter(
      (r) =>
        r.lift >= p.minLift &&
        r.improvement >= p.minImprovement &&
        r.pValue <= p.maxPValue &&
        (item === undefined || has(r.antecedent) || has(r.consequent)),
    )
    .sort(
      (a, b) =>
        b[first] - a[first] ||
        b[second] - a[second] ||
        compareText(a.antecedent.join('\u0000'), b.antecedent.join('\u0000')) ||
        compareText(a.consequent.join('\u0000'), b.consequent.join('\u0000')),
    )
    .slice(0, p.limit)
    .map((r) => ({
      antecedent: r.antecedent,
      consequent: r.consequent,
      support: r.support,
      // Rounding in count/count can land a hair above 1.
      confidence: Math.min(1, r.confidence),
      lift: r.lift,
      improvement: r.improvement,
      pValue: r.pValue,
      count: r.count,
    }));
  return { baskets: mined.baskets, rules };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The product names of the SKUs in `rules`, for people who do not read SKU codes. */
export function skuNames(
  rules: RulesResult['rules'],
  catalogue: ReadonlyMap<string, CatalogueItem>,
): Record<string, string> {
  const names: Record<string, string> = {};
  for (const r of rules)
    for (const sku of [...r.antecedent, ...r.consequent]) {
      const name = catalogue.get(sku)?.name;
      if (name !== undefined) names[sku] = name;
    }
  return names;
}
