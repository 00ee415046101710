// From an A* cell path to a walk a person would take: cut the staircase to straight runs wherever the
// floor between them is clear (string pulling), then round the remaining corners. Every segment of
// the result is checked cell by cell, so any point on it stands on a walkable cell.
import type { Vec2, WalkableGrid } from '@retail/contracts';

/**
 * True when every cell the segment a–b touches is walkable (a grid traversal that also checks both
 * side cells where it passes exactly through a cell corner).
 */
export function segmentClear(grid: WalkableGrid, a: Vec2, b: Vec2): boolean {
  return segmentClearXY(grid, a[0], a[1], b[0], b[1]);
}

/** `segmentClear` on plain coordinates, for per-sample checks that should not allocate. */
export function segmentClearXY(grid: WalkableGrid, ax: number, ay: number, bx: number, by: number): boolean {
  const s = grid.cellSize;
  // Off the grid is off the floor (WalkableGrid.cellOf would clamp such a point onto the edge cells).
  let col = Math.floor(ax / s);
  let row = Math.floor(ay / s);
  const endCol = Math.floor(bx / s);
  const endRow = Math.floor(by / s);
  if (!grid.isWalkable(col, row) || !grid.isWalkable(endCol, endRow)) return false;
  if (col === endCol && row === endRow) return true;
  const dx = bx - ax;
  const dy = by - ay;
  const stepCol = Math.sign(dx);
  const stepRow = Math.sign(dy);
  const tDeltaX = dx === 0 ? Infinity : s / Math.abs(dx);
  const tDeltaY = dy === 0 ? Infinity : s / Math.abs(dy);
  let tMaxX = dx > 0 ? ((col + 1) * s - ax) / dx : dx < 0 ? (col * s - ax) / dx : Infinity;
  let tMaxY = dy > 0 ? ((row + 1) * s - ay) / dy : dy < 0 ? (row * s - ay) / dy : Infinity;
  const limit = Math.abs(endCol - col) + Math.abs(endRow - row) + 2;
  for (let i = 0; i < limit && (col !== endCol || row !== endRow); i++) {
    if (Math.min(tMaxX, tMaxY) > 1) break;
    if (Math.abs(tMaxX - tMaxY) < 1e-9) {
      if (!grid.isWalkable(col + stepCol, row) || !grid.isWalkable(col, row + stepRow)) return false;
      col += stepCol;
      row += stepRow;
      tMaxX += tDeltaX;
      tMaxY += tDeltaY;
    } else if (tMaxX < tMaxY) {
      col += stepCol;
      tMaxX += tDeltaX;
    } else {
      row += stepRow;
      tMaxY += tDeltaY;
    }
    if (!grid.isWalkable(col, row)) return false;
  }
  return true;
}

/** Greedy string pulling: from each kept point, the furthest later point still in clear sight. */
export function pullString(grid: WalkableGrid, points: readonly Vec2[]): Vec2[] {
  if (points.length <= 2) return [...points];
  const out: Vec2[] = [points[0]!];
  let anchor = 0;
  while (anchor < points.length - 1) {
    let next = anchor + 1;
    while (next + 1 < points.length && segmentClear(grid, points[anchor]!, points[next + 1]!)) next++;
    out.push(points[next]!);
    anchor = next;
  }
  return out;
}

/**
 * Chaikin-style corner cutting: each interior corner is replaced by two points up to `cut` metres
 * back along its two sides, when the three new segments are clear; otherwise the corner stays.
 */
export function roundCorners(grid: WalkableGrid, points: readonly Vec2[], cut = 0.6): Vec2[] {
  if (points.length <= 2) return [...points];
  const out: Vec2[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const prev = out[out.length - 1]!;
    const p = points[i]!;
    const next = points[i + 1]!;
    const q = towards(p, prev, cut);
    const r = towards(p, next, cut);
    if (segmentClear(grid, prev, q) && segmentClear(grid, q, r) && segmentClear(grid, r, next)) {
      out.push(q, r);
    } else {
      out.push(p);
    }
  }
  out.push(points[points.length - 1]!);
  return out;
}

/** The point `metres` from p towards q, at most a quarter of the way. */
function towards(p: Vec2, q: Vec2, metres: number): Vec2 {
  const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
  const f = d === 0 ? 0 : Math.min(0.25, metres / d);
  return [p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f];
}

export function polylineLength(points: readonly Vec2[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) {
    sum += Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]);
  }
  return sum;
}
