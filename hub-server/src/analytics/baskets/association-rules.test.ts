import { describe, expect, it } from 'vitest';
import { holmAdjusted } from '../stats/holm.js';
import { deriveRules } from './association-rules.js';
import { mineFrequentItemsets } from './fp-growth.js';
import { ItemDictionary } from './item-dictionary.js';
import { mineRules } from './mine-rules.js';

// Six baskets, counted by hand: bread 4, milk 5, diapers 5, beer 4; {diapers, beer} 4, {milk, diapers} 4,
// {bread, milk} 3, {bread, diapers} 3, {milk, beer} 3; {milk, diapers, beer} 3.
const baskets = [
  ['bread', 'milk'],
  ['bread', 'diapers', 'beer', 'eggs'],
  ['milk', 'diapers', 'beer', 'cola'],
  ['bread', 'milk', 'diapers', 'beer'],
  ['bread', 'milk', 'diapers', 'cola'],
  ['milk', 'diapers', 'beer'],
];

const find = (rules: ReturnType<typeof mineRules>, a: string, c: string) =>
  rules.find((r) => r.antecedent.join('+') === a && r.consequent.join('+') === c);

describe('mineRules on the textbook example', () => {
  const rules = mineRules(baskets, { minSupport: 0.5, minConfidence: 0 });

  it('derives every split of every frequent itemset', () => {
    // Five frequent pairs give two rules each; the frequent triple gives six.
    expect(rules).toHaveLength(16);
  });

  it('computes support, confidence, lift, leverage and conviction', () => {
    expect(find(rules, 'diapers', 'beer')).toEqual({
      antecedent: ['diapers'],
      consequent: ['beer'],
      count: 4,
      support: 4 / 6,
      confidence: 4 / 5,
      lift: 1.2,
      leverage: 4 / 6 - (5 / 6) * (4 / 6),
      conviction: expect.closeTo(5 / 3, 12),
      improvement: expect.closeTo(4 / 5 - 4 / 6, 12),
      // Holm-adjusted over the 16 rules (the raw p-value is below).
      pValue: 1,
    });
    const beerDiapers = find(rules, 'beer', 'diapers');
    expect(beerDiapers).toMatchObject({ count: 4, confidence: 1, lift: 1.2, conviction: null });
    expect(beerDiapers?.leverage).toBeCloseTo(1 / 9, 12);
    expect(find(rules, 'milk+beer', 'diapers')).toMatchObject({ support: 0.5, confidence: 1, lift: 1.2 });
    expect(find(rules, 'beer', 'milk+diapers')).toMatchObject({ confidence: 0.75, lift: 1.125 });
    expect(find(rules, 'bread', 'milk')).toMatchObject({ support: 0.5, confidence: 0.75 });
    expect(find(rules, 'bread', 'milk')?.lift).toBeCloseTo(0.9, 12);
    expect(find(rules, 'milk', 'diapers')?.lift).toBeCloseTo(0.96, 12);
  });

  it('says what each rule adds to every shorter rule, item by item', () => {
    // Beer alone already brings diapers every time: adding milk to it says nothing more.
    expect(find(rules, 'milk+beer', 'diapers')?.improvement).toBeCloseTo(0, 12);
    // Milk comes with beer and diapers (3 of 4) less often than in any basket (5 of 6).
    expect(find(rules, 'beer', 'milk+diapers')?.improvement).toBeCloseTo(3 / 4 - 5 / 6, 12);
    // One item on each side: confidence above the consequent's own support.
    expect(find(rules, 'bread', 'milk')?.improvement).toBeCloseTo(3 / 4 - 5 / 6, 12);
    expect(find(rules, 'beer', 'diapers')?.improvement).toBeCloseTo(1 - 5 / 6, 12);
  });

  it('gives each rule the Fisher p-value of its improvement, Holm-adjusted over the rules mined', () => {
    const dictionary = new ItemDictionary();
    const itemsets = mineFrequentItemsets(dictionary.encodeAll(baskets), { minSupport: 0.5 });
    const raw = deriveRules(itemsets, { basketCount: baskets.length, minConfidence: 0 });
    const rawOf = (a: string, c: string) =>
      raw.find(
        (r) =>
          dictionary.decode(r.antecedent).join('+') === a && dictionary.decode(r.consequent).join('+') === c,
      );
    // Of the 6 baskets 4 hold beer; of the 5 with diapers, 4 do. Any 5 of the 6 hold 3 or 4 beers,
    // 4 in C(4, 4)·C(2, 1) / C(6, 5) = 1/3 of the ways.
    expect(rawOf('diapers', 'beer')?.pValue).toBeCloseTo(1 / 3, 12);
    // Milk is less common with beer and diapers than without: no excess, nothing to test.
    expect(rawOf('beer', 'milk+diapers')?.pValue).toBe(1);
    expect(rules.map((r) => r.pValue)).toEqual(holmAdjusted(raw.map((r) => r.pValue)));
  });

  it('sorts by lift, then support, then antecedent and consequent ids', () => {
    expect(rules.slice(0, 4).map((r) => `${r.antecedent}→${r.consequent}`)).toEqual([
      'diapers→beer',
      'beer→diapers',
      'diapers→milk,beer',
      'milk,beer→diapers',
    ]);
    for (let i = 1; i < rules.length; i++) expect(rules[i]!.lift).toBeLessThanOrEqual(rules[i - 1]!.lift);
  });

  it('filters by minConfidence, inclusive', () => {
    const confident = mineRules(baskets, { minSupport: 0.5, minConfidence: 0.8 });
    expect(confident.map((r) => `${r.antecedent}→${r.consequent}`)).toEqual([
      'diapers→beer',
      'beer→diapers',
      'milk,beer→diapers',
      'milk→diapers',
      'diapers→milk',
    ]);
  });

  it('serialises to JSON with conviction null when confidence is 1', () => {
    const parsed = JSON.parse(JSON.stringify(rules)) as typeof rules;
    expect(find(parsed, 'beer', 'diapers')?.conviction).toBeNull();
    expect(parsed).toEqual(rules);
  });

  it('respects maxLength', () => {
    const pairsOnly = mineRules(baskets, { minSupport: 0.5, minConfidence: 0, maxLength: 2 });
    expect(pairsOnly).toHaveLength(10);
  });
});

describe('deriveRules', () => {
  it('refuses itemsets that are not downward closed', () => {
    const itemsets = [
      { items: Uint32Array.of(1), count: 3 },
      { items: Uint32Array.of(1, 2), count: 2 },
    ];
    expect(() => deriveRules(itemsets, { basketCount: 4, minConfidence: 0 })).toThrow(/not downward closed/);
  });

  it('rejects a minConfidence outside [0, 1]', () => {
    expect(() => deriveRules([], { basketCount: 1, minConfidence: 2 })).toThrow(RangeError);
  });

  it('gives no rules for no baskets', () => {
    expect(mineRules([], { minSupport: 0.1, minConfidence: 0 })).toEqual([]);
  });
});
