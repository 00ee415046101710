// Basket rules for the API on hand-made baskets: levels through the catalogue, the range, and the
// filter, sort and cut applied after mining.
import type { CatalogueItem } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { AnalyticsInputError } from '../../http/analytics-port.js';
import type { Transaction } from '../join/transactions.js';
import { cutRules, mineBasketRules } from './rules.js';

const tx = (id: number, skus: string[], timestamp?: number): Transaction => ({
  transactionId: `t${id}`,
  units: new Map(skus.map((s) => [s, 1])),
  ...(timestamp !== undefined && { timestamp }),
});
const catalogue = new Map<string, CatalogueItem>([
  ['P1', { sku: 'P1', name: 'White paint', category: 'Paint', subcategory: 'Emulsion' }],
  ['P2', { sku: 'P2', name: 'Gloss', category: 'Paint', subcategory: 'Gloss' }],
  ['B1', { sku: 'B1', name: 'Brush', category: 'Brushes' }],
]);
// Paint with a brush in 4 of 10 baskets; milk everywhere.
const baskets = [
  tx(1, ['P1', 'B1', 'M'], 100),
  tx(2, ['P2', 'B1', 'M'], 200),
  tx(3, ['P1', 'B1', 'M'], 300),
  tx(4, ['P2', 'B1', 'M'], 400),
  ...[5, 6, 7, 8, 9, 10].map((i) => tx(i, ['M'])),
];
const mine = { minSupport: 0.1, minConfidence: 0.5 } as const;
/** Every rule, however small the sample: these baskets are too few for any to be significant. */
const cut = { minLift: 1, minImprovement: -1, maxPValue: 1, sort: 'lift', limit: 100 } as const;

describe('basket rules for the API', () => {
  it('mines at SKU, category and subcategory level; SKUs the catalogue lacks drop out above SKU', () => {
    const sku = mineBasketRules(baskets, catalogue, { ...mine, level: 'sku' });
    expect(sku.baskets).toBe(10);
    expect(
      cutRules(sku, { ...cut, item: 'b1' }).rules.map((r) => `${r.antecedent}>${r.consequent}`),
    ).toContain('P1>B1');
    const cat = cutRules(mineBasketRules(baskets, catalogue, { ...mine, level: 'category' }), cut);
    expect(cat.rules.find((r) => r.antecedent[0] === 'Paint')).toMatchObject({
      consequent: ['Brushes'],
      support: 0.4,
      confidence: 1,
      lift: 2.5,
      count: 4,
    });
    expect(cat.rules.flatMap((r) => [...r.antecedent, ...r.consequent])).not.toContain('M');
    const sub = mineBasketRules(baskets, catalogue, { ...mine, level: 'subcategory' });
    expect(cutRules(sub, cut).rules.map((r) => r.antecedent[0])).toContain('Paint › Emulsion');
    expect(() => mineBasketRules(baskets, new Map(), { ...mine, level: 'category' })).toThrow(
      AnalyticsInputError,
    );
  });

  it('keeps only timed baskets in a range, and never mines itemsets of one basket', () => {
    const ranged = mineBasketRules(baskets, catalogue, { ...mine, level: 'sku', from: 150, to: 400 });
    expect(ranged.baskets).toBe(2);
    expect(ranged.rules.every((r) => r.count >= 2)).toBe(true);
    const loose = mineBasketRules(baskets, catalogue, { level: 'sku', minSupport: 0, minConfidence: 0 });
    expect(loose.rules.every((r) => r.count >= 2)).toBe(true);
  });

  it('filters by lift and item, sorts by the chosen measure and cuts to the limit', () => {
    const mined = mineBasketRules(baskets, catalogue, { level: 'sku', minSupport: 0.1, minConfidence: 0 });
    const byConfidence = cutRules(mined, { ...cut, sort: 'confidence', limit: 3 }).rules;
    expect(byConfidence).toHaveLength(3);
    expect(byConfidence.map((r) => r.confidence)).toEqual(
      [...byConfidence.map((r) => r.confidence)].sort((a, b) => b - a),
    );
    const strong = cutRules(mined, { ...cut, minLift: 2 }).rules;
    expect(strong.length).toBeGreaterThan(0);
    expect(strong.every((r) => r.lift >= 2)).toBe(true);
    expect(cutRules(mined, { ...cut, item: 'nothing' }).rules).toEqual([]);
  });

  it('hides rules that chance or a shorter rule explains, unless asked for every rule', () => {
    // 200 baskets: white paint with a brush in 40, paint alone in 10, a brush alone in 10; milk in
    // every other basket whatever else is in it; a scraper (X) in two paint-and-brush baskets.
    const many = Array.from({ length: 200 }, (_, i) =>
      tx(i, [
        ...(i < 50 ? ['P1'] : []),
        ...(i < 40 || (i >= 50 && i < 60) ? ['B1'] : []),
        ...(i % 2 === 0 ? ['M'] : []),
        ...(i === 1 || i === 3 ? ['X'] : []),
      ]),
    );
    const mined = mineBasketRules(many, catalogue, { level: 'sku', minSupport: 0.01, minConfidence: 0 });
    const shown = (p: { minImprovement?: number; maxPValue?: number }) =>
      cutRules(mined, { ...cut, minImprovement: 0, maxPValue: 0.05, ...p }).rules.map(
        (r) => `${[...r.antecedent].sort()}>${[...r.consequent].sort()}`,
      );
    expect(shown({})).toContain('P1>B1');
    // Milk says nothing about brushes among paint buyers (20 of 25 with milk, 40 of 50 in all)…
    expect(shown({})).not.toContain('M,P1>B1');
    expect(shown({})).not.toContain('P1>B1,M');
    // …and two scrapers with a brush could be chance (p = 50·49 / (200·199) = 0.06 on its own).
    expect(shown({})).not.toContain('X>B1');
    expect(shown({ maxPValue: 1 })).toContain('X>B1');
    expect(shown({ maxPValue: 1, minImprovement: -1 })).toEqual(
      expect.arrayContaining(['P1>B1', 'M,P1>B1', 'P1>B1,M', 'X>B1']),
    );
    const x = mined.rules.find((r) => r.antecedent.join() === 'X' && r.consequent.join() === 'B1')!;
    expect(x.pValue).toBeGreaterThanOrEqual((50 * 49) / (200 * 199)); // and more, Holm-adjusted
    expect(x.improvement).toBeCloseTo(1 - 50 / 200, 12);
    // An effect-size floor on top of significance.
    expect(shown({ minImprovement: 0.6 })).not.toContain('P1>B1'); // 0.8 − 0.25 = 0.55
  });
});
