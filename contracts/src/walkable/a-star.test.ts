// A* on hand-drawn floors: detours round a shelf wall, straight lines in the open, snapping, dead ends.
import { describe, expect, it } from 'vitest';
import { shortestPath } from './a-star.js';
import { rectLayout } from './test-layouts.js';
import { buildWalkableGrid } from './walkable-grid.js';

const CELL = 0.25;

describe('shortestPath on a 10 × 6 m floor with a shelf wall leaving a gap at the top', () => {
  // The wall x 4.75–5.25 runs from y = 0 to y = 5; the 1 m gap is y 5–6.
  const grid = buildWalkableGrid(rectLayout({ width: 10, depth: 6, fixtures: [[4.75, 0, 5.25, 5]] }), {
    cellSize: CELL,
  });

  it('walks round the wall through the gap', () => {
    const from = [0.625, 1.125] as const;
    const to = [9.375, 1.125] as const;
    const r = shortestPath(grid, from, to)!;
    // By hand: taut string from `from` over the wall corners (4.75, 5) and (5.25, 5) to `to`.
    const leg = Math.hypot(4.75 - from[0], 5 - from[1]);
    const detour = leg + 0.5 + leg;
    expect(detour).toBeCloseTo(11.82, 2);
    expect(Math.abs(r.distance - detour)).toBeLessThan(CELL * Math.SQRT2);
    // The grid route keeps to cell centres: 45° legs of 16 cells and 3 cells across the top.
    expect(r.distance).toBeCloseTo(8 * Math.SQRT2 + 0.75, 9);
    expect(r.distance).toBeGreaterThan(Math.hypot(to[0] - from[0], to[1] - from[1]) + 3);
    expect(Math.max(...r.path.map((p) => p[1]))).toBeGreaterThan(5);
    expect(r.path[0]).toEqual([0.625, 1.125]);
    expect(r.path.at(-1)).toEqual([9.375, 1.125]);
  });

  it('is the straight-line distance where nothing is in the way', () => {
    expect(shortestPath(grid, [0.125, 5.625], [9.875, 5.625])!.distance).toBeCloseTo(9.75, 9);
    expect(shortestPath(grid, [0.125, 0.125], [4.125, 4.125])!.distance).toBeCloseTo(4 * Math.SQRT2, 9);
    expect(shortestPath(grid, [2.125, 3], [2.125, 0.5])!.distance).toBeCloseTo(2.5, 9);
    // Off the grid axes an unsmoothed 8-connected route is at most √(4 − 2√2) ≈ 1.0824 × the straight line.
    const d = shortestPath(grid, [0.125, 0.125], [4.125, 1.875])!.distance;
    const straight = Math.hypot(4, 1.75);
    expect(d).toBeGreaterThanOrEqual(straight - 1e-9);
    expect(d).toBeLessThanOrEqual(straight * 1.0824 + CELL);
  });

  it('is zero from a point to itself', () => {
    expect(shortestPath(grid, [1, 1], [1, 1])).toEqual({ distance: 0, path: [[1.125, 1.125]] });
  });

  it('snaps a point on the shelf to the nearest walkable cell and adds the snap', () => {
    // (5.0, 2.125) is mid-wall; the nearest cell centres are 0.375 m away either side, ties go west.
    const r = shortestPath(grid, [5, 2.125], [2.125, 2.125])!;
    expect(r.path[0]).toEqual([4.625, 2.125]);
    expect(r.distance).toBeCloseTo(0.375 + 2.5, 9);
  });
});

describe('unreachable targets', () => {
  it('returns undefined across a wall with no gap', () => {
    const grid = buildWalkableGrid(rectLayout({ width: 10, depth: 6, fixtures: [[4.75, 0, 5.25, 6]] }));
    expect(shortestPath(grid, [1, 1], [9, 1])).toBeUndefined();
    expect(shortestPath(grid, [1, 1], [1, 5])).toBeDefined();
  });

  it('returns undefined into a walled-off room', () => {
    // A 2 m room at the far corner closed by an L of obstacles.
    const grid = buildWalkableGrid(
      rectLayout({
        width: 10,
        depth: 6,
        obstacles: [
          [7.5, 3.5, 10, 4],
          [7.5, 3.5, 8, 6],
        ],
      }),
    );
    expect(shortestPath(grid, [1, 1], [9, 5])).toBeUndefined();
  });

  it('does not cut the corner between two diagonal blocks', () => {
    // Two blocks touching only at (5, 3): the gap between them is a corner, not a passage.
    const grid = buildWalkableGrid(
      rectLayout({
        width: 10,
        depth: 6,
        fixtures: [
          [0, 0, 5, 3],
          [5, 3, 10, 6],
        ],
      }),
    );
    expect(shortestPath(grid, [1, 5], [9, 1])).toBeUndefined();
  });

  it('keeps shoppers out of staff-only zones but lets staff through', () => {
    const layout = rectLayout({ width: 10, depth: 6, staffOnly: [[4, 0, 6, 6]] });
    expect(shortestPath(buildWalkableGrid(layout), [1, 1], [9, 1])).toBeUndefined();
    const staff = buildWalkableGrid(layout, { includeStaffOnly: true });
    expect(shortestPath(staff, [1.125, 1.125], [8.875, 1.125])!.distance).toBeCloseTo(7.75, 9);
  });
});
