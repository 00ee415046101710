// Shortest walking route between two floor points: A* over the 8-connected walkable grid.
import type { Vec2 } from '../geometry.js';
import { CellHeap } from './cell-heap.js';
import { forEachStep, octile } from './grid-steps.js';
import { nearestWalkableCell } from './nearest-walkable.js';
import type { WalkableGrid } from './walkable-grid.js';

export interface WalkingPath {
  /**
   * Metres: the length of `path` (grid steps, not smoothed, so up to ~8% over the straight line in
   * open floor at awkward angles), plus the snap distance of an endpoint that fell on a blocked cell.
   */
  distance: number;
  /** Centres of the cells walked through, from the start cell to the goal cell, metres. */
  path: [number, number][];
}

/** The shortest walk from `from` to `to`, or undefined when no walkable route joins them. */
export function shortestPath(grid: WalkableGrid, from: Vec2, to: Vec2): WalkingPath | undefined {
  const start = nearestWalkableCell(grid, from);
  const goal = nearestWalkableCell(grid, to);
  if (!start || !goal) return undefined;
  const cells = searchCells(grid, start.index, goal.index);
  if (!cells) return undefined;
  return {
    distance: start.snap + cells.cost * grid.cellSize + goal.snap,
    path: cells.route.map((i) => grid.centreOf(i % grid.cols, Math.floor(i / grid.cols))),
  };
}

/** A* from cell to cell; cost in cells. */
function searchCells(
  grid: WalkableGrid,
  start: number,
  goal: number,
): { cost: number; route: number[] } | undefined {
  const n = grid.cols * grid.rows;
  const g = new Float64Array(n).fill(Infinity);
  const f = new Float64Array(n);
  const parent = new Int32Array(n).fill(-1);
  const closed = new Uint8Array(n);
  const open = new CellHeap(n, f);
  const goalCol = goal % grid.cols;
  const goalRow = Math.floor(goal / grid.cols);
  g[start] = 0;
  f[start] = octile((start % grid.cols) - goalCol, Math.floor(start / grid.cols) - goalRow);
  open.push(start);
  for (let cell = open.pop(); cell >= 0; cell = open.pop()) {
    if (cell === goal) return { cost: g[goal]!, route: route(parent, goal) };
    closed[cell] = 1;
    forEachStep(grid, cell, (next, cost) => {
      if (closed[next]) return;
      const tentative = g[cell]! + cost;
      if (tentative >= g[next]!) return;
      g[next] = tentative;
      parent[next] = cell;
      f[next] = tentative + octile((next % grid.cols) - goalCol, Math.floor(next / grid.cols) - goalRow);
      open.push(next);
    });
  }
  return undefined;
}

function route(parent: Int32Array, goal: number): number[] {
  const out: number[] = [];
  for (let c = goal; c >= 0; c = parent[c]!) out.push(c);
  return out.reverse();
}
