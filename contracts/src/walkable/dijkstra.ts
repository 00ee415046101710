// Single-source walking distances to every cell: one Dijkstra over the same graph A* searches, for
// when one origin meets many destinations (a fixture against all others).
import type { Vec2 } from '../geometry.js';
import { CellHeap } from './cell-heap.js';
import { forEachStep } from './grid-steps.js';
import { nearestWalkableCell } from './nearest-walkable.js';
import type { WalkableGrid } from './walkable-grid.js';

/**
 * Metres from `from` to every cell centre (index row * cols + col), Infinity where unreachable or blocked.
 * Like `shortestPath`, a start on a blocked cell snaps to the nearest walkable one and adds the snap.
 */
export function dijkstraFrom(grid: WalkableGrid, from: Vec2): Float64Array {
  const n = grid.cols * grid.rows;
  const dist = new Float64Array(n).fill(Infinity);
  const start = nearestWalkableCell(grid, from);
  if (!start) return dist;
  const done = new Uint8Array(n);
  const open = new CellHeap(n, dist);
  const s = grid.cellSize;
  dist[start.index] = start.snap;
  open.push(start.index);
  for (let cell = open.pop(); cell >= 0; cell = open.pop()) {
    done[cell] = 1;
    forEachStep(grid, cell, (next, cost) => {
      if (done[next]) return;
      const d = dist[cell]! + cost * s;
      if (d >= dist[next]!) return;
      dist[next] = d;
      open.push(next);
    });
  }
  return dist;
}
