import { beforeAll, describe, expect, it } from 'vitest';
import { sideOf } from './floor-geometry.js';
import { segmentClear } from './path-smoothing.js';
import { loadDemo } from './simulator-test-kit.js';
import { buildStoreWorld, fixtureKey, type StoreWorld } from './store-world.js';

describe('the demo store world', () => {
  let world: StoreWorld;
  beforeAll(async () => {
    world = buildStoreWorld((await loadDemo()).layout, { exposureRadiusM: 2 });
  });

  it('puts a door stop either side of each counting line', () => {
    expect(world.doors.map((d) => d.id)).toEqual(['main-entrance', 'side-entrance']);
    for (const door of world.doors) {
      const [a, b] = door.line;
      // Both entrances count 'right' as inside.
      expect(sideOf(a, b, door.inside.point)).toBeLessThan(0);
      expect(sideOf(a, b, door.outside!.point)).toBeGreaterThan(0);
    }
  });

  it('reaches every stocked fixture, and uses the five checkouts as tills', () => {
    const unreachable = world.layout.fixtures.filter((f, i) => f.skus.length > 0 && !world.fixtureStops[i]);
    expect(unreachable).toEqual([]);
    expect(world.lanes.map((i) => world.layout.fixtures[i]!.id)).toEqual([
      'checkout-1',
      'checkout-2',
      'checkout-3',
      'checkout-4',
      'checkout-5',
    ]);
    expect(world.skuFixtures.get('PNT-103')!.map((i) => world.layout.fixtures[i]!.id)).toEqual([
      'diy-paint-wall',
      'diy-paint-promo',
    ]);
  });

  it('walks between stops on clear floor, seeing the fixtures it passes', () => {
    const from = world.doors[0]!.inside;
    const to = world.fixtureStops[world.fixtureIndex.get('diy-paint-wall')!]!;
    const leg = world.legs.leg(from, to)!;
    for (let k = 1; k < leg.points.length; k++)
      expect(segmentClear(world.grid, leg.points[k - 1]!, leg.points[k]!)).toBe(true);
    expect(leg.length).toBeLessThanOrEqual(world.distance(from.key, to.key) + 1e-9);
    expect(leg.length).toBeGreaterThan(30);
    const seen = [...leg.exposures].map((i) => world.layout.fixtures[i]!.id);
    expect(seen).toContain('diy-paint-wall');
    expect(world.legs.leg(from, to)).toBe(leg);
    expect(world.distance(fixtureKey('pantry-pasta'), fixtureKey('pantry-sauces'))).toBeCloseTo(5, 6);
  });
});
