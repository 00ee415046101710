import {
  buildWalkableGrid,
  dijkstraFrom,
  shortestPath,
  type Vec2,
  type WalkableGrid,
} from '@retail/contracts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeFromField } from './grid-descent.js';
import { polylineLength } from './path-smoothing.js';
import { loadDemo } from './simulator-test-kit.js';

describe('routeFromField', () => {
  let grid: WalkableGrid;
  let walkable: number[];
  beforeAll(async () => {
    grid = buildWalkableGrid((await loadDemo()).layout);
    walkable = [...grid.cells.keys()].filter((i) => grid.cells[i] === 1);
  });
  const centre = (i: number): Vec2 => grid.centreOf(i % grid.cols, Math.floor(i / grid.cols));

  it('reads back a route as short as A*, one grid step at a time', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (i, js) => {
        const from = centre(walkable[i % walkable.length]!);
        const field = dijkstraFrom(grid, from);
        for (const j of js) {
          const to = centre(walkable[j % walkable.length]!);
          const route = routeFromField(grid, field, from, to)!;
          expect(route[0]).toEqual(from);
          expect(route[route.length - 1]).toEqual(to);
          for (let k = 1; k < route.length; k++) {
            const step = Math.hypot(route[k]![0] - route[k - 1]![0], route[k]![1] - route[k - 1]![1]);
            expect(step).toBeLessThanOrEqual(grid.cellSize * Math.SQRT2 + 1e-9);
          }
          expect(polylineLength(route)).toBeCloseTo(shortestPath(grid, from, to)!.distance, 6);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('says when the goal cannot be reached', async () => {
    const staffGrid = buildWalkableGrid((await loadDemo()).layout, { includeStaffOnly: true });
    const inBackRoom: Vec2 = [36, 4];
    const field = dijkstraFrom(grid, centre(walkable[0]!));
    // On the shopper grid the back room is blocked, so the goal snaps to the nearest floor cell instead.
    expect(routeFromField(grid, field, centre(walkable[0]!), inBackRoom)).toBeDefined();
    const isolated = new Float64Array(staffGrid.cols * staffGrid.rows).fill(Infinity);
    expect(routeFromField(staffGrid, isolated, [1, 1], inBackRoom)).toBeUndefined();
  });
});
