// Walking distances between fixtures: where a shopper stands to take something off a fixture, the
// walk between two fixtures, and all pairs at once for cross-merchandising.
import { centroid } from '../geometry.js';
import type { Fixture } from '../layout/index.js';
import { shortestPath } from './a-star.js';
import { dijkstraFrom } from './dijkstra.js';
import { nearestWalkableCell } from './nearest-walkable.js';
import type { WalkableGrid } from './walkable-grid.js';

export type FixtureLike = Pick<Fixture, 'id' | 'polygon'>;

/**
 * The centre of the walkable cell nearest (straight line) to the fixture's centroid, or undefined when
 * the grid has no walkable cell. On a long shelf that is the middle of its nearer face; when both faces
 * are equally near, the lower cell index wins (smaller y, then smaller x).
 */
export function accessPoint(grid: WalkableGrid, fixture: FixtureLike): [number, number] | undefined {
  const cell = nearestWalkableCell(grid, centroid(fixture.polygon));
  return cell && grid.centreOf(cell.col, cell.row);
}

/** Metres walked between the two fixtures' access points, or undefined when one cannot reach the other. */
export function walkingDistanceBetweenFixtures(
  grid: WalkableGrid,
  a: FixtureLike,
  b: FixtureLike,
): number | undefined {
  const pa = accessPoint(grid, a);
  const pb = accessPoint(grid, b);
  if (!pa || !pb) return undefined;
  return shortestPath(grid, pa, pb)?.distance;
}

export interface FixtureDistanceMatrix {
  readonly ids: readonly string[];
  /** ids.length² metres, row-major (from row to column), Infinity where unreachable. */
  readonly values: Float64Array;
  /** Metres from fixture `a` to fixture `b`; undefined for an unknown id or when unreachable. */
  get(a: string, b: string): number | undefined;
}

/**
 * Every pair's walking distance, computed once: one Dijkstra per fixture (from its access point to all
 * cells) rather than A* per pair. Same graph as A*, so the values equal `walkingDistanceBetweenFixtures`.
 */
export function fixtureDistanceMatrix(
  grid: WalkableGrid,
  fixtures: readonly FixtureLike[],
): FixtureDistanceMatrix {
  const n = fixtures.length;
  const ids = fixtures.map((f) => f.id);
  const cells = fixtures.map((f) => nearestWalkableCell(grid, centroid(f.polygon))?.index);
  const values = new Float64Array(n * n).fill(Infinity);
  fixtures.forEach((_, i) => {
    const from = cells[i];
    if (from === undefined) return;
    const dist = dijkstraFrom(grid, grid.centreOf(from % grid.cols, Math.floor(from / grid.cols)));
    cells.forEach((to, j) => {
      if (to !== undefined) values[i * n + j] = dist[to]!;
    });
  });
  const position = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!position.has(id)) position.set(id, i);
  });
  return {
    ids,
    values,
    get(a, b) {
      const i = position.get(a);
      const j = position.get(b);
      if (i === undefined || j === undefined) return undefined;
      const d = values[i * n + j]!;
      return Number.isFinite(d) ? d : undefined;
    },
  };
}
