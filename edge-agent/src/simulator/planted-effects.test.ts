// The effects the simulator plants are there to be found: lift on the planted pairs and not elsewhere,
// a cold zone, and a layout effect (brushes moved next to paint sell more with paint).
import { beforeAll, describe, expect, it } from 'vitest';
import { basketsFromPos, pairStats } from './basket-stats.js';
import type { LoadedScenario } from './scenario-files.js';
import { prepareSimulation, simulateDay } from './simulate-day.js';
import { demoScenario, loadDemo } from './simulator-test-kit.js';
import type { DayTruth } from './truth.js';

describe('planted effects', () => {
  let demo: LoadedScenario;
  let day: DayTruth;
  const skusIn = (category: string) =>
    [...demo.catalogue.bySku.values()].filter((i) => i.category === category).map((i) => i.sku);
  beforeAll(async () => {
    demo = await loadDemo();
    day = simulateDay(prepareSimulation(demo), 0, { keepTrajectories: false });
  });

  it('shows lift on every planted pair and none on far-apart pairs nobody planted', () => {
    const baskets = basketsFromPos(day.posLines);
    const lift = (a: readonly string[], b: readonly string[]) => pairStats(baskets, a, b).lift;
    const planted = new Map(day.plantedPairs.map((p) => [p.name, lift(p.a, p.b)]));
    expect(planted.get('paint-brushes')).toBeGreaterThan(3);
    expect(planted.get('babyfood-nappies')).toBeGreaterThan(3);
    expect(planted.get('pasta-sauces')).toBeGreaterThan(1.8);
    for (const [a, b] of [
      ['Milk & cream', 'Wine'],
      ['Bakery', 'Cleaning'],
      ['Fruit', 'Beer & cider'],
      ['Cheese', 'Soft drinks'],
      ['Paint', 'Fruit'],
      ['Nappies & wipes', 'Bakery'],
    ] as const) {
      const control = lift(skusIn(a), skusIn(b));
      expect(control, `${a} × ${b}`).toBeGreaterThan(0.7);
      expect(control, `${a} × ${b}`).toBeLessThan(1.4);
    }
  });

  it('makes the cold zone the least visited shopping zone', () => {
    const visitors = new Map<string, number>();
    for (const s of day.shoppers) {
      for (const zone of new Set(s.visits.map((v) => v.zoneId)))
        visitors.set(zone, (visitors.get(zone) ?? 0) + 1);
    }
    const ranked = [...visitors.entries()].sort((a, b) => a[1] - b[1]);
    expect(ranked[0]![0]).toBe('frozen');
    expect(ranked[0]![1]).toBeLessThan(0.5 * ranked[1]![1]);
  });

  it('raises paint-and-brushes co-purchases when the brushes move next to the paint (exposure)', async () => {
    // Paint and brushes made common enough for one day to tell; the same seed with and without the move.
    const scenario = await demoScenario({
      basket: { categoryWeights: { Paint: 1.5, 'Paint brushes & rollers': 1 } },
      affinities: [
        {
          name: 'paint-brushes',
          a: { categories: ['Paint'] },
          b: { categories: ['Paint brushes & rollers'] },
          strength: 0.3,
        },
      ],
      coldZones: [],
    });
    const moved = {
      ...scenario,
      layoutChange: {
        day: 0,
        moveSkus: [
          { skus: ['BRU-101', 'BRU-102', 'BRU-103'], from: 'hh-endcap-brushes', to: 'diy-decorating' },
        ],
        moveFixtures: [],
      },
    };
    const before = simulateDay(prepareSimulation({ ...demo, scenario }), 0, { keepTrajectories: false });
    const after = simulateDay(prepareSimulation({ ...demo, scenario: moved }), 0, {
      keepTrajectories: false,
    });
    const paint = skusIn('Paint');
    const brushes = ['BRU-101', 'BRU-102', 'BRU-103'];
    const a = pairStats(basketsFromPos(before.posLines), paint, brushes);
    const b = pairStats(basketsFromPos(after.posLines), paint, brushes);
    expect(b.both).toBeGreaterThan(1.3 * a.both);
    expect(b.confidence - a.confidence).toBeGreaterThan(0.1);
    // The missions are the same shoppers' in both runs: only the layout changed.
    const planned = (d: DayTruth) =>
      d.shoppers.map((s) =>
        s.basket
          .filter((l) => l.reason !== 'impulse')
          .map((l) => l.sku)
          .sort(),
      );
    expect(planned(after)).toEqual(planned(before));
    expect(after.plantedPairs[0]!.walkingDistanceM).toBeLessThan(3);
  });
});
