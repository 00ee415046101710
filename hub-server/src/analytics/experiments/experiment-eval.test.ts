import { seededRandom } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../join/transactions.js';
import { evaluateAgainstTruth } from './experiment-eval.js';
import { layoutExperimentSchema } from './layout-experiment.js';

const CHANGE = '2026-04-06';
const DAY0 = Date.parse('2026-03-23T10:00:00Z');
const DAY = 86_400_000;

/**
 * One store, 4 weeks, 500 baskets a day, drawn twice from the same random numbers: with the brushes
 * moved beside the paint on CHANGE (a basket holds paint and a brush when u < 0.07 from then on, else
 * u < 0.04) and without (u < 0.04 throughout). The control pair (pasta, sauce) and the control
 * category's units (tools) are the same in both runs.
 */
function simulate(seed: number): { withMove: Transaction[]; withoutMove: Transaction[] } {
  const random = seededRandom(seed);
  const withMove: Transaction[] = [];
  const withoutMove: Transaction[] = [];
  for (let d = 0; d < 28; d++) {
    const timestamp = DAY0 + d * DAY;
    const after = timestamp >= Date.parse(`${CHANGE}T00:00:00Z`);
    for (let b = 0; b < 500; b++) {
      const u = random();
      const base = new Map<string, number>([['MILK', 1]]);
      if (random() < 0.05) base.set('PASTA', 1).set('SAUCE', 1);
      if (random() < 0.1) base.set('TOOL', 1);
      const basket = (pair: boolean): Transaction => {
        const units = new Map(base);
        if (pair) units.set(u < 0.02 ? 'PAINT-1' : 'PAINT-2', 1).set('BRUSH', 1);
        return { transactionId: `t${d}-${b}`, storeId: 's1', timestamp, units };
      };
      withMove.push(basket(u < (after ? 0.07 : 0.04)));
      withoutMove.push(basket(u < 0.04));
    }
  }
  return { withMove, withoutMove };
}

const experiment = layoutExperimentSchema.parse({
  id: 'brushes',
  date: CHANGE,
  stores: ['s1'],
  movedSkus: ['BRUSH'],
  pairs: [[['PAINT-1', 'PAINT-2'], 'BRUSH']],
  control: { categories: ['Tools'], pairs: [['PASTA', 'SAUCE']] },
});
const categoryOf = (sku: string) => (sku === 'TOOL' ? 'Tools' : 'Other');

describe('evaluateAgainstTruth', () => {
  const { withMove, withoutMove } = simulate(5);

  it('computes the true effect from the counterfactual and says whether the interval covers it', () => {
    const r = evaluateAgainstTruth(experiment, withMove, withoutMove, { categoryOf, resamples: 1000 });
    const co = r.coPurchaseRate;
    if (co.estimate === null || !co.truth || co.truth.effect === null) throw new Error('no estimate');
    // The realised effect: the baskets with 0.04 <= u < 0.07 after the change, about 3 points.
    expect(co.truth.effect).toBeCloseTo(co.truth.withChange - co.truth.withoutChange, 12);
    expect(Math.abs(co.truth.effect - 0.03)).toBeLessThan(0.005);
    expect(co.truth.withChange).toBe(co.rates.treatedAfter);
    expect(co.truth.controlShift).toBe(0);
    expect(co.truth.covered).toBe(co.ci95[0] <= co.truth.effect && co.truth.effect <= co.ci95[1]);
    expect(co.truth.covered).toBe(true);
    expect(co.excludesZero).toBe(true);
    expect(co.naiveBeforeAfter).toBeCloseTo(co.rates.treatedAfter - co.rates.treatedBefore, 12);
    expect(r.covered).toBe(true);
    // Brush units per basket rise with the pair; tools are the control category.
    const sales = r.salesPerBasket;
    if (sales.estimate === null || !sales.truth || sales.truth.effect === null) throw new Error('no sales');
    expect(sales.truth.effect).toBeCloseTo(co.truth.effect, 12);
    expect(sales.truth.covered).toBe(true);
  });

  it('leaves the truth out without a counterfactual, and refuses one that misses days', () => {
    const alone = evaluateAgainstTruth(experiment, withMove, undefined, { categoryOf, resamples: 200 });
    expect(alone.covered).toBeNull();
    expect(alone.coPurchaseRate).not.toHaveProperty('truth');
    const lastDay = DAY0 + 27 * DAY;
    const short = withoutMove.filter((t) => t.timestamp! < lastDay);
    const r = evaluateAgainstTruth(experiment, withMove, short, { categoryOf, resamples: 200 });
    expect(r.covered).toBeNull();
    expect(r.coPurchaseRate).toMatchObject({
      truth: { effect: null, reason: 'the counterfactual does not cover the same days after the change' },
    });
  });

  it('passes on why a metric has no estimate', () => {
    const r = evaluateAgainstTruth(experiment, withMove, withoutMove, { resamples: 200 });
    expect(r.coPurchaseRate).toEqual({
      estimate: null,
      reason: 'category controls need the catalogue (categoryOf)',
    });
    expect(r.covered).toBeNull();
  });
});
