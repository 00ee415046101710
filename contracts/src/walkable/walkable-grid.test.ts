// The occupancy grid and the snap to the nearest walkable cell, on floors small enough to draw.
import { describe, expect, it } from 'vitest';
import { storeLayoutSchema } from '../layout/index.js';
import { nearestWalkableCell } from './nearest-walkable.js';
import { rect, rectLayout } from './test-layouts.js';
import { buildWalkableGrid } from './walkable-grid.js';

describe('buildWalkableGrid', () => {
  it('covers the floor in cells of the given size and cuts out fixtures and obstacles', () => {
    const grid = buildWalkableGrid(
      rectLayout({ width: 4, depth: 2, fixtures: [[1, 0, 2, 1]], obstacles: [[3, 1, 4, 2]] }),
      { cellSize: 0.5 },
    );
    expect([grid.cols, grid.rows]).toEqual([8, 4]);
    const picture = Array.from({ length: grid.rows }, (_, row) =>
      Array.from({ length: grid.cols }, (_, col) => (grid.isWalkable(col, row) ? '.' : '#')).join(''),
    );
    expect(picture).toEqual(['..##....', '..##....', '......##', '......##']);
  });

  it('maps points to cells and back', () => {
    const grid = buildWalkableGrid(rectLayout({ width: 4, depth: 2 }), { cellSize: 0.5 });
    expect(grid.cellOf(1.3, 0.2)).toEqual([2, 0]);
    expect(grid.centreOf(2, 0)).toEqual([1.25, 0.25]);
    // The far edge and points off the floor clamp to the edge cells.
    expect(grid.cellOf(4, 2)).toEqual([7, 3]);
    expect(grid.cellOf(-1, 9)).toEqual([0, 3]);
    expect(grid.isWalkable(-1, 0)).toBe(false);
    expect(grid.isWalkable(8, 0)).toBe(false);
  });

  it('leaves out an overhanging last column and everything outside the walkable polygons', () => {
    const overhang = buildWalkableGrid(rectLayout({ width: 1.1, depth: 1 }), { cellSize: 0.5 });
    expect(overhang.cols).toBe(3);
    expect(overhang.isWalkable(2, 0)).toBe(false);
    const layout = rectLayout({ width: 4, depth: 2 });
    const lShaped = storeLayoutSchema.parse({
      ...layout,
      floor: { ...layout.floor, walkable: [rect([0, 0, 4, 1]), rect([0, 1, 1, 2])] },
    });
    const grid = buildWalkableGrid(lShaped, { cellSize: 0.5 });
    expect(grid.isWalkable(1, 3)).toBe(true);
    expect(grid.isWalkable(2, 3)).toBe(false);
    expect(grid.isWalkable(7, 0)).toBe(true);
  });
});

describe('nearestWalkableCell', () => {
  const grid = buildWalkableGrid(rectLayout({ width: 6, depth: 6, fixtures: [[1, 1, 5, 5]] }), {
    cellSize: 0.5,
  });

  it('keeps a walkable point in its own cell with no snap', () => {
    expect(nearestWalkableCell(grid, [0.3, 0.3])).toMatchObject({ col: 0, row: 0, snap: 0 });
  });

  it('finds the nearest free cell by straight-line distance from deep inside a block', () => {
    const s = nearestWalkableCell(grid, [4.6, 3.1])!;
    expect([s.col, s.row]).toEqual([10, 6]);
    expect(s.snap).toBeCloseTo(Math.hypot(5.25 - 4.6, 3.25 - 3.1), 9);
  });

  it('returns undefined when nothing is walkable', () => {
    const blocked = buildWalkableGrid(rectLayout({ width: 2, depth: 2, fixtures: [[0, 0, 2, 2]] }));
    expect(nearestWalkableCell(blocked, [1, 1])).toBeUndefined();
  });
});
