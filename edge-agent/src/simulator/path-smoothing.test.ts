import {
  buildWalkableGrid,
  nearestWalkableCell,
  shortestPath,
  type Vec2,
  WalkableGrid,
} from '@retail/contracts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { polylineLength, pullString, roundCorners, segmentClear } from './path-smoothing.js';
import { loadDemo } from './simulator-test-kit.js';

describe('segmentClear', () => {
  // 4 × 3 cells of 1 m with one blocked cell at (1, 1).
  const cells = Uint8Array.from([1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]);
  const grid = new WalkableGrid(1, 4, 3, cells);

  it('sees along open rows and not through a blocked cell', () => {
    expect(segmentClear(grid, [0.5, 0.5], [3.5, 0.5])).toBe(true);
    expect(segmentClear(grid, [0.5, 1.5], [3.5, 1.5])).toBe(false);
  });

  it('does not squeeze diagonally past the corner of a blocked cell', () => {
    expect(segmentClear(grid, [0.5, 0.5], [2.5, 2.5])).toBe(false);
    expect(segmentClear(grid, [2.5, 0.5], [0.5, 2.5])).toBe(false);
    expect(segmentClear(grid, [2.5, 0.5], [3.5, 1.5])).toBe(true);
  });
});

describe('smoothed routes on the demo store', () => {
  let grid: WalkableGrid;
  let walkable: number[];
  beforeAll(async () => {
    grid = buildWalkableGrid((await loadDemo()).layout);
    walkable = [...grid.cells.keys()].filter((i) => grid.cells[i] === 1);
  });

  it('keep their ends, stay on clear floor and are no longer than the grid route', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (i, j) => {
        const a = walkable[i % walkable.length]!;
        const b = walkable[j % walkable.length]!;
        const from: Vec2 = grid.centreOf(a % grid.cols, Math.floor(a / grid.cols));
        const to: Vec2 = grid.centreOf(b % grid.cols, Math.floor(b / grid.cols));
        const route = shortestPath(grid, from, to);
        if (!route) return;
        const smooth = roundCorners(grid, pullString(grid, route.path));
        expect(smooth[0]).toEqual(from);
        expect(smooth[smooth.length - 1]).toEqual(to);
        for (let k = 1; k < smooth.length; k++)
          expect(segmentClear(grid, smooth[k - 1]!, smooth[k]!)).toBe(true);
        expect(polylineLength(smooth)).toBeLessThanOrEqual(route.distance + 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it('walk straight down an open aisle', () => {
    const from = nearestWalkableCell(grid, [14, 7])!;
    const to = nearestWalkableCell(grid, [14, 16])!;
    const route = shortestPath(grid, grid.centreOf(from.col, from.row), grid.centreOf(to.col, to.row))!;
    expect(pullString(grid, route.path)).toHaveLength(2);
  });
});
