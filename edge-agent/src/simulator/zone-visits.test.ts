import { buildWalkableGrid, pointInPolygon, type StoreLayout, type WalkableGrid } from '@retail/contracts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from './simulator-test-kit.js';
import { ZoneLocator } from './zone-locator.js';
import { ZoneVisitTracker } from './zone-visits.js';

describe('zones', () => {
  let layout: StoreLayout;
  let grid: WalkableGrid;
  let locator: ZoneLocator;
  beforeAll(async () => {
    layout = (await loadDemo()).layout;
    grid = buildWalkableGrid(layout);
    locator = new ZoneLocator(layout.zones, grid);
  });

  it('locates any point in the zone the first polygon containing it says', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 25, noNaN: true }),
        fc.integer({ min: -1, max: 12 }),
        (x, y, hint) => {
          const got = locator.zoneAt([x, y], hint);
          expect(got).toBeGreaterThanOrEqual(0);
          expect(pointInPolygon([x, y], layout.zones[got]!.polygon)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
    // Exactly on a boundary both zones contain the point; the cached cell answer must be one of them.
    expect(['bakery', 'produce']).toContain(layout.zones[locator.zoneAt([4, 5])]!.id);
  });

  it('turns samples into visits, ignoring a brief sway across a boundary', () => {
    const tracker = new ZoneVisitTracker(locator, 1000);
    let ts = 0;
    const at = (x: number, y: number, n: number) => {
      for (let i = 0; i < n; i++, ts += 500) tracker.push(ts, x, y);
    };
    at(4, 22, 6); // entrance lobby, 2.5 s
    at(4, 18.9, 1); // a sway into produce
    at(4, 19.1, 4); // back in the lobby
    at(4, 15, 10); // produce
    at(11, 15, 2); // household for 0.5 s: too short
    at(4, 15, 2);
    expect(tracker.visits()).toEqual([
      { zoneId: 'entrance-lobby', enterTs: 0, exitTs: 5000 },
      { zoneId: 'produce', enterTs: 5500, exitTs: 12000 },
    ]);
  });
});
