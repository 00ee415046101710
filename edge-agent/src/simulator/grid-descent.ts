// A shortest route read back from a single-source distance field (the contracts' dijkstraFrom): from the
// goal, step to the neighbour the distance came through until the source. One Dijkstra per stop then
// serves every walk starting there, which is far cheaper than one A* per pair when a day plans a
// thousand walks between fifty stops. Same graph as A* and Dijkstra: eight neighbours, no corner cutting.
import { nearestWalkableCell, type Vec2, type WalkableGrid } from '@retail/contracts';

const STEPS = [
  [1, 0, 1],
  [-1, 0, 1],
  [0, 1, 1],
  [0, -1, 1],
  [1, 1, Math.SQRT2],
  [1, -1, Math.SQRT2],
  [-1, 1, Math.SQRT2],
  [-1, -1, Math.SQRT2],
] as const;

function canStep(grid: WalkableGrid, col: number, row: number, dCol: number, dRow: number): boolean {
  if (!grid.isWalkable(col + dCol, row + dRow)) return false;
  if (dCol === 0 || dRow === 0) return true;
  return grid.isWalkable(col + dCol, row) && grid.isWalkable(col, row + dRow);
}

/**
 * Cell centres from the field's source to the goal's cell, or undefined when the goal is unreachable.
 * `field` is dijkstraFrom(grid, source); steps are symmetric, so the walk back is a walk forward reversed.
 */
export function routeFromField(
  grid: WalkableGrid,
  field: Float64Array,
  source: Vec2,
  goal: Vec2,
): Vec2[] | undefined {
  const from = nearestWalkableCell(grid, source);
  const to = nearestWalkableCell(grid, goal);
  if (!from || !to || !Number.isFinite(field[to.index]!)) return undefined;
  const cells = [to.index];
  let cur = to.index;
  const s = grid.cellSize;
  for (let guard = grid.cols * grid.rows; cur !== from.index && guard > 0; guard--) {
    const col = cur % grid.cols;
    const row = Math.floor(cur / grid.cols);
    let best = -1;
    let bestV = Infinity;
    for (const [dCol, dRow, cost] of STEPS) {
      if (!canStep(grid, col, row, dCol, dRow)) continue;
      const next = cur + dRow * grid.cols + dCol;
      const v = field[next]! + cost * s;
      if (v < bestV - 1e-12) {
        best = next;
        bestV = v;
      }
    }
    if (best < 0 || !(field[best]! < field[cur]!)) return undefined;
    cur = best;
    cells.push(cur);
  }
  if (cur !== from.index) return undefined;
  return cells.reverse().map((i) => grid.centreOf(i % grid.cols, Math.floor(i / grid.cols)));
}
