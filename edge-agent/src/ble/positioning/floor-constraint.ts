// Where a position may lie: the floor's bounding box always, and optionally a walkable predicate
// (e.g. from the layout's walkable grid). A point outside is moved to the nearest allowed point.
import type { WalkableGrid } from '@retail/contracts';

export interface FloorBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface FloorConstraint {
  bounds: FloorBounds;
  /** True where a person can stand; absent means the whole box is walkable. */
  walkable?: (x: number, y: number) => boolean;
}

export function clampToBounds(x: number, y: number, b: FloorBounds): [number, number] {
  return [Math.min(b.maxX, Math.max(b.minX, x)), Math.min(b.maxY, Math.max(b.minY, y))];
}

/**
 * The nearest point (to within `step` metres) that is inside the bounds and walkable: rings of growing
 * radius around the point, sampled every `step` along each ring. Returns the clamped point when nothing
 * walkable lies within `maxRadius`.
 */
export function constrainToFloor(
  x: number,
  y: number,
  c: FloorConstraint,
  step = 0.1,
  maxRadius = 10,
): [number, number] {
  const [cx, cy] = clampToBounds(x, y, c.bounds);
  const walkable = c.walkable;
  if (!walkable || walkable(cx, cy)) return [cx, cy];
  for (let r = step; r <= maxRadius; r += step) {
    const n = Math.max(8, Math.ceil((2 * Math.PI * r) / step));
    let best: [number, number] | undefined;
    let bestD = Infinity;
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      const px = cx + r * Math.cos(a);
      const py = cy + r * Math.sin(a);
      if (px < c.bounds.minX || px > c.bounds.maxX || py < c.bounds.minY || py > c.bounds.maxY) continue;
      if (!walkable(px, py)) continue;
      const d = Math.hypot(px - x, py - y);
      if (d < bestD) {
        bestD = d;
        best = [px, py];
      }
    }
    if (best) return best;
  }
  return [cx, cy];
}

/** The walkable predicate of a layout's occupancy grid (a point off the grid is not walkable). */
export function walkableFromGrid(grid: WalkableGrid): (x: number, y: number) => boolean {
  return (x, y) => {
    if (x < 0 || y < 0) return false;
    const col = Math.floor(x / grid.cellSize);
    const row = Math.floor(y / grid.cellSize);
    return grid.isWalkable(col, row);
  };
}

/** The box around the anchors, widened by `marginM`: the fallback floor when no layout is given. */
export function boundsAroundAnchors(anchors: readonly { x: number; y: number }[], marginM = 1): FloorBounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const a of anchors) {
    minX = Math.min(minX, a.x);
    minY = Math.min(minY, a.y);
    maxX = Math.max(maxX, a.x);
    maxY = Math.max(maxY, a.y);
  }
  return { minX: minX - marginM, minY: minY - marginM, maxX: maxX + marginM, maxY: maxY + marginM };
}
