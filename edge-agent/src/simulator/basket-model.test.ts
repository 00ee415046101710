import { buildCatalogue, type CatalogueItem } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { buildBasketModel, drawMission, impulseChance } from './basket-model.js';
import { pairStats } from './basket-stats.js';
import { streamOf } from './random-streams.js';
import { type ScenarioInput, scenarioSchema } from './scenario-schema.js';

// Eight categories of five SKUs each, all on one open floor zone except the "cold" category.
const categories = ['paint', 'brushes', 'milk', 'bread', 'wine', 'soap', 'tea', 'ice'];
const items: CatalogueItem[] = categories.flatMap((c) =>
  Array.from({ length: 5 }, (_, i) => ({ sku: `${c}-${i}`, name: `${c} ${i}`, category: c })),
);
const catalogue = buildCatalogue(items);
const skuZones = new Map(items.map((it) => [it.sku, [it.category === 'ice' ? 'frozen' : 'floor']]));

function scenario(overrides: Partial<ScenarioInput> = {}) {
  return scenarioSchema.parse({
    schema: 'retail.scenario/v1',
    name: 'basket',
    description: 'd',
    seed: 5,
    layout: 'l',
    catalogue: 'c',
    startDate: '2026-03-10',
    openingHours: { open: '08:00', close: '20:00' },
    arrivals: { perDay: 1 },
    shoppers: { optedInFraction: 0, loyaltyCardFraction: 0 },
    basket: { meanItems: 5, browserFraction: 0, categoryWeights: { paint: 0.2, brushes: 0.2 } },
    affinities: [
      { name: 'paint-brushes', a: { categories: ['paint'] }, b: { categories: ['brushes'] }, strength: 0.5 },
    ],
    ...overrides,
  });
}

function baskets(s: ReturnType<typeof scenario>, n: number): Set<string>[] {
  const model = buildBasketModel({ scenario: s, catalogue, skuZones });
  const random = streamOf('missions');
  return Array.from({ length: n }, () => new Set(drawMission(model, s.basket, random).map((l) => l.sku)));
}

const skusOf = (c: string) => items.filter((i) => i.category === c).map((i) => i.sku);

describe('basket model', () => {
  it('plants lift on the planted pair and none on the others', () => {
    const b = baskets(scenario(), 20_000);
    const planted = pairStats(b, skusOf('paint'), skusOf('brushes'));
    expect(planted.lift).toBeGreaterThan(2.5);
    for (const [x, y] of [
      ['milk', 'wine'],
      ['bread', 'soap'],
      ['tea', 'milk'],
      ['paint', 'wine'],
    ] as const) {
      const control = pairStats(b, skusOf(x), skusOf(y));
      expect(control.lift).toBeGreaterThan(0.85);
      expect(control.lift).toBeLessThan(1.15);
    }
  });

  it('lets a cold zone shrink the popularity of what is stocked only there', () => {
    const s = scenario({ coldZones: [{ zoneId: 'frozen', factor: 0.05 }] });
    const b = baskets(s, 5000);
    const share = (c: string) => pairStats(b, skusOf(c), skusOf(c)).withA / b.length;
    expect(share('ice')).toBeLessThan(share('tea') / 5);
  });

  it('applies category and SKU weights, and warns about selectors that match nothing', () => {
    const s = scenario({
      basket: { categoryWeights: { wine: 0 }, skuWeights: { 'tea-0': 0 }, browserFraction: 0 },
      affinities: [
        { name: 'x', a: { categories: ['nothing'] }, b: { skus: ['tea-1', 'no-such-sku'] }, strength: 1 },
      ],
    });
    const model = buildBasketModel({ scenario: s, catalogue, skuZones });
    expect(model.weight.get('wine-3')).toBe(0);
    expect(model.weight.get('tea-0')).toBe(0);
    expect(model.warnings).toEqual([
      'affinity "x" side a: no purchasable sku in category "nothing"',
      'affinity "x" side b: sku no-such-sku is not purchasable in this store',
    ]);
    const b = baskets(s, 2000);
    expect(b.some((x) => x.has('wine-1') || x.has('tea-0'))).toBe(false);
  });

  it('gives an exposed partner a much higher impulse chance while its pair is carried', () => {
    const s = scenario();
    const model = buildBasketModel({ scenario: s, catalogue, skuZones });
    const alone = impulseChance(model, s.basket, 'brushes-1', new Set());
    const withPaint = impulseChance(model, s.basket, 'brushes-1', new Set(['paint-3']));
    const withMilk = impulseChance(model, s.basket, 'brushes-1', new Set(['milk-3']));
    expect(alone).toBeGreaterThan(0);
    expect(alone).toBeLessThan(0.05);
    expect(withMilk).toBe(alone);
    expect(withPaint - alone).toBeCloseTo(0.5 * s.basket.affineImpulse, 9);
  });

  it('draws the same missions from the same stream, and none for browsers', () => {
    const s = scenario();
    const model = buildBasketModel({ scenario: s, catalogue, skuZones });
    const a = drawMission(model, s.basket, streamOf(1));
    expect(drawMission(model, s.basket, streamOf(1))).toEqual(a);
    const browsers = scenario({ basket: { browserFraction: 1 } });
    expect(drawMission(model, browsers.basket, streamOf(1))).toEqual([]);
  });
});
