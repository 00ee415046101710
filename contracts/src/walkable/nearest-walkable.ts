// Snapping a floor point to the nearest walkable cell, for points that land on a fixture, an obstacle
// or off the walkable area: a ring search outwards from the point's own cell.
import type { Vec2 } from '../geometry.js';
import type { WalkableGrid } from './walkable-grid.js';

export interface SnappedCell {
  col: number;
  row: number;
  /** row * cols + col */
  index: number;
  /** Straight-line metres from the point to the cell centre; 0 when the point's own cell is walkable. */
  snap: number;
}

/**
 * The walkable cell whose centre is nearest (straight line) to `p`, or undefined when no cell is walkable.
 * Searches square rings of growing Chebyshev radius around p's cell (a BFS over rings) and stops once a
 * ring cannot hold anything nearer than the best so far. Ties go to the lowest cell index, so the answer
 * is deterministic. The search ignores walls: a point inside a thin wall may snap to either side.
 */
export function nearestWalkableCell(grid: WalkableGrid, p: Vec2): SnappedCell | undefined {
  const [c0, r0] = grid.cellOf(p[0], p[1]);
  if (grid.isWalkable(c0, r0)) return { col: c0, row: r0, index: grid.indexOf(c0, r0), snap: 0 };
  let best = -1;
  let bestD = Infinity;
  const consider = (col: number, row: number): void => {
    if (!grid.isWalkable(col, row)) return;
    const [x, y] = grid.centreOf(col, row);
    const d = Math.hypot(x - p[0], y - p[1]);
    const index = grid.indexOf(col, row);
    if (d < bestD - 1e-12 || (Math.abs(d - bestD) <= 1e-12 && index < best)) {
      best = index;
      bestD = d;
    }
  };
  const maxR = Math.max(grid.cols, grid.rows) + Math.max(c0, r0);
  for (let r = 1; r <= maxR; r++) {
    // p lies within half a cell of its cell's centre, so ring r is at least (r - 0.5) cells away.
    if ((r - 0.5) * grid.cellSize > bestD + 1e-12) break;
    for (let col = c0 - r; col <= c0 + r; col++) {
      consider(col, r0 - r);
      consider(col, r0 + r);
    }
    for (let row = r0 - r + 1; row <= r0 + r - 1; row++) {
      consider(c0 - r, row);
      consider(c0 + r, row);
    }
  }
  if (best < 0) return undefined;
  return { col: best % grid.cols, row: Math.floor(best / grid.cols), index: best, snap: bestD };
}
