// The moves on the walkable grid, shared by A* and Dijkstra so both search the same graph: eight
// neighbours, orthogonal steps cost one cell, diagonal ones √2 cells, and no corner cutting.
import type { WalkableGrid } from './walkable-grid.js';

export const STEP_DCOL = Int8Array.of(1, -1, 0, 0, 1, 1, -1, -1);
export const STEP_DROW = Int8Array.of(0, 0, 1, -1, 1, -1, 1, -1);
/** In cells; multiply by the cell size for metres. */
export const STEP_COST = Float64Array.of(1, 1, 1, 1, Math.SQRT2, Math.SQRT2, Math.SQRT2, Math.SQRT2);

/**
 * Whether a shopper can step from (col, row) by (dCol, dRow): the target is walkable and, for a diagonal,
 * both orthogonal cells beside it are too (a body does not squeeze through the corner of two shelves).
 */
export function canStep(grid: WalkableGrid, col: number, row: number, dCol: number, dRow: number): boolean {
  if (!grid.isWalkable(col + dCol, row + dRow)) return false;
  if (dCol === 0 || dRow === 0) return true;
  return grid.isWalkable(col + dCol, row) && grid.isWalkable(col, row + dRow);
}

/** Octile distance in cells: the exact grid distance with no obstacles, so an admissible, consistent A* heuristic. */
export function octile(dCol: number, dRow: number): number {
  const a = Math.abs(dCol);
  const b = Math.abs(dRow);
  return Math.max(a, b) + (Math.SQRT2 - 1) * Math.min(a, b);
}

/**
 * Calls `visit(next, costInCells)` for every cell a shopper can step to from `cell` (a row-major
 * index). The one neighbour rule A* and Dijkstra both use, so they always search the same graph.
 */
export function forEachStep(
  grid: WalkableGrid,
  cell: number,
  visit: (next: number, cost: number) => void,
): void {
  const col = cell % grid.cols;
  const row = Math.floor(cell / grid.cols);
  for (let k = 0; k < 8; k++) {
    const dCol = STEP_DCOL[k]!;
    const dRow = STEP_DROW[k]!;
    if (canStep(grid, col, row, dCol, dRow)) visit(cell + dRow * grid.cols + dCol, STEP_COST[k]!);
  }
}
