// What fusion knows of the store itself: where its doors are (a track that ends at a door is someone
// leaving, one that starts there someone arriving: fragment chaining must not join the two), which
// areas are staff only (a track that stays in one is staff, whatever its tag's fixes say), and how far
// apart two floor points are on foot (around the shelves, for the reach of a long handover). Pure.
import { buildWalkableGrid, type StoreLayout, shortestPath } from '@retail/contracts';

type Point = readonly [number, number];

export interface FusionSite {
  /** Entrance lines, floor metres. */
  doors: readonly (readonly [Point, Point])[];
  /** Polygons of the staff-only zones (back rooms), floor metres. */
  staffOnly: readonly (readonly Point[])[];
  /** Walking distance between two floor points, m; undefined when no route joins them. Absent: unknown. */
  walkingDistance?: (from: Point, to: Point) => number | undefined;
}

export const NO_SITE: FusionSite = { doors: [], staffOnly: [] };

/**
 * The site of a layout: its entrances' counting lines, its staff-only zones, and walking distances on
 * its walkable grid (staff-only rooms included: staff walk there too).
 */
export function siteOfLayout(layout: StoreLayout): FusionSite {
  const grid = buildWalkableGrid(layout, { includeStaffOnly: true });
  return {
    doors: layout.entrances.map((e) => [e.line[0], e.line[1]] as const),
    staffOnly: layout.zones.filter((z) => z.kind === 'staff-only').map((z) => z.polygon),
    walkingDistance: (from, to) => shortestPath(grid, [from[0], from[1]], [to[0], to[1]])?.distance,
  };
}

/** Whether `p` lies in a staff-only zone. */
export function inStaffOnlyArea(site: FusionSite, p: Point): boolean {
  return site.staffOnly.some((polygon) => insidePolygon(p, polygon));
}

/** Even–odd ray casting. */
function insidePolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as Point;
    const [xj, yj] = polygon[j] as Point;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from `p` to the nearest door, m (infinite without doors). */
export function distanceToDoor(site: FusionSite, p: Point): number {
  let best = Number.POSITIVE_INFINITY;
  for (const [a, b] of site.doors) best = Math.min(best, distanceToSegment(p, a, b));
  return best;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const u = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - a[0] - u * dx, p[1] - a[1] - u * dy);
}
