import { seededRandom } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../join/transactions.js';
import { evaluateLayoutExperiment } from './evaluate-experiment.js';
import { layoutExperimentSchema } from './layout-experiment.js';

const CHANGE = '2026-04-06';
const DAY0 = Date.parse('2026-03-09T10:00:00Z');

/**
 * 8 weeks, 400 baskets a day per store. Paint and a brush co-occur with probability `pair`; a control
 * pair (pasta, sauce) at 0.06 everywhere; a tool sells in every tenth basket. Store s1 gets the brushes
 * beside the paint on CHANGE: its pair rate goes from 0.04 to 0.07. Both stores drift +0.005.
 */
function simulate(seed: number): Transaction[] {
  const random = seededRandom(seed);
  const out: Transaction[] = [];
  for (let d = 0; d < 56; d++) {
    const ts = DAY0 + d * 86_400_000;
    const after = ts >= Date.parse(`${CHANGE}T00:00:00Z`);
    for (const store of ['s1', 's2']) {
      const shock = (random() - 0.5) * 0.01;
      const pair =
        (store === 's1' ? 0.04 : 0.03) + (after ? 0.005 : 0) + (store === 's1' && after ? 0.03 : 0) + shock;
      for (let b = 0; b < 400; b++) {
        const units = new Map<string, number>([['MILK', 1]]);
        if (random() < pair) {
          units.set('PAINT', 1);
          units.set('BRUSH', 1);
        }
        if (random() < 0.06) {
          units.set('PASTA', 1);
          units.set('SAUCE', 1);
        }
        if (b % 10 === 0) units.set('TOOL', 1); // steady sales: the control category
        out.push({ transactionId: `${store}-${d}-${b}`, storeId: store, timestamp: ts, units });
      }
    }
  }
  return out;
}

const base = {
  id: 'brushes',
  date: CHANGE,
  stores: ['s1'],
  movedSkus: ['BRUSH'],
  pairs: [['PAINT', 'BRUSH']],
};

describe('evaluateLayoutExperiment', () => {
  const transactions = simulate(7);

  it('recovers a +3 point co-purchase effect against a control store, interval covering it', () => {
    const experiment = layoutExperimentSchema.parse({ ...base, control: { stores: ['s2'] } });
    const r = evaluateLayoutExperiment(experiment, transactions, { resamples: 1000, seed: 1 });
    expect(r.control).toBe('stores');
    if (r.coPurchaseRate.estimate === null) throw new Error(r.coPurchaseRate.reason);
    const { estimate, ci95, days } = r.coPurchaseRate as Extract<typeof r.coPurchaseRate, { ci95: unknown }>;
    expect(Math.abs(estimate - 0.03)).toBeLessThan(0.01);
    expect(ci95[0]).toBeLessThan(0.03);
    expect(ci95[1]).toBeGreaterThan(0.03);
    expect(ci95[0]).toBeGreaterThan(0);
    expect(days).toEqual({ treatedBefore: 28, treatedAfter: 28, controlBefore: 28, controlAfter: 28 });
    // Brush units per basket rise with the pair in s1 (+0.03 per basket).
    expect(Math.abs(r.salesPerBasket.estimate! - 0.03)).toBeLessThan(0.01);
  });

  it('compares against control categories in the same store, and says why a metric is missing', () => {
    const categoryOf = (sku: string) => (sku === 'TOOL' ? 'Tools' : sku === 'BRUSH' ? 'Brushes' : 'Other');
    const experiment = layoutExperimentSchema.parse({
      ...base,
      control: { categories: ['Tools'], pairs: [['PASTA', 'SAUCE']] },
    });
    const r = evaluateLayoutExperiment(experiment, transactions, { categoryOf, resamples: 500 });
    expect(r.control).toBe('categories');
    // Treated pair +0.035 (trend + effect), control pair flat: the category control cannot remove the trend.
    expect(Math.abs(r.coPurchaseRate.estimate! - 0.035)).toBeLessThan(0.01);
    expect(Math.abs(r.salesPerBasket.estimate! - 0.035)).toBeLessThan(0.01);
    const noCatalogue = evaluateLayoutExperiment(experiment, transactions);
    expect(noCatalogue.salesPerBasket).toEqual({
      estimate: null,
      reason: 'category controls need the catalogue (categoryOf)',
    });
    const noPairs = evaluateLayoutExperiment(
      layoutExperimentSchema.parse({ ...base, control: { categories: ['Tools'] } }),
      transactions,
      { categoryOf, resamples: 100 },
    );
    expect(noPairs.coPurchaseRate).toEqual({ estimate: null, reason: 'no control pairs to compare' });
  });

  it('reports a zero effect with an interval around zero', () => {
    const experiment = layoutExperimentSchema.parse({
      ...base,
      date: '2026-03-23',
      control: { stores: ['s2'] },
    });
    // Both stores before 2026-04-06 only: no change happened between 03-09..03-22 and 03-23..04-05.
    const early = transactions.filter((t) => t.timestamp! < Date.parse(`${CHANGE}T00:00:00Z`));
    const r = evaluateLayoutExperiment(experiment, early, { resamples: 1000 });
    const co = r.coPurchaseRate as Extract<typeof r.coPurchaseRate, { ci95: unknown }>;
    expect(co.ci95[0]).toBeLessThan(0);
    expect(co.ci95[1]).toBeGreaterThan(0);
  });
});
