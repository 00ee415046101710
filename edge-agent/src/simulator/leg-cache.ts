// Walks between stops (fixture access points, doors, tills), each planned once per layout and reused:
// a shortest route on the contracts' walkable grid, smoothed into the polyline a person walks, and the
// fixtures a shopper passes close enough to see on the way. Shopper walks read their routes back from
// one Dijkstra field per starting stop (a day plans about a thousand walks between fifty stops, and the
// same fields give the walking distances the tours are planned with); without fields, A* per walk.
import {
  dijkstraFrom,
  nearestWalkableCell,
  shortestPath,
  type Vec2,
  type WalkableGrid,
} from '@retail/contracts';
import type { ExposureMap } from './exposure-map.js';
import { routeFromField } from './grid-descent.js';
import { polylineLength, pullString, roundCorners } from './path-smoothing.js';

export interface Stop {
  /** Unique per layout, e.g. `f:pantry-pasta`, `in:main-entrance`. */
  key: string;
  /** A walkable cell centre. */
  point: Vec2;
}

export interface Leg {
  /** From the start stop's point to the end stop's point; every segment crosses walkable cells only. */
  points: readonly Vec2[];
  length: number;
  /** Fixture indices within the exposure radius somewhere on the way, in the order first seen. */
  exposures: Int16Array;
}

export interface LegCacheOptions {
  exposure?: ExposureMap;
  /** Route by one Dijkstra field per starting stop (many walks per stop) rather than A* per walk. */
  fields?: boolean;
}

export class LegCache {
  readonly #legs = new Map<string, Leg | null>();
  readonly #fields = new Map<string, Float64Array>();

  constructor(
    readonly grid: WalkableGrid,
    readonly options: LegCacheOptions = {},
  ) {}

  /** The walk from one stop to another, or undefined when no walkable route joins them. */
  leg(from: Stop, to: Stop): Leg | undefined {
    const key = `${from.key}>${to.key}`;
    let leg = this.#legs.get(key);
    if (leg === undefined) {
      leg = this.#plan(from, to) ?? null;
      this.#legs.set(key, leg);
    }
    return leg ?? undefined;
  }

  /** Walking metres between two stops along the grid (before smoothing); Infinity when unreachable. */
  distance(from: Stop, to: Stop): number {
    const cell = nearestWalkableCell(this.grid, to.point);
    return cell ? this.#field(from)[cell.index]! : Infinity;
  }

  get size(): number {
    return this.#legs.size;
  }

  #field(from: Stop): Float64Array {
    let field = this.#fields.get(from.key);
    if (!field) {
      field = dijkstraFrom(this.grid, from.point);
      this.#fields.set(from.key, field);
    }
    return field;
  }

  #plan(from: Stop, to: Stop): Leg | undefined {
    const cells = this.options.fields
      ? routeFromField(this.grid, this.#field(from), from.point, to.point)
      : shortestPath(this.grid, from.point, to.point)?.path;
    if (!cells) return undefined;
    // The route runs between the stops' cells; the stops are cell centres, so these are the same points.
    cells[0] = from.point;
    cells[cells.length - 1] = to.point;
    const points =
      cells.length === 1 ? [from.point, to.point] : roundCorners(this.grid, pullString(this.grid, cells));
    return { points, length: polylineLength(points), exposures: this.#seen(cells) };
  }

  #seen(cells: readonly Vec2[]): Int16Array {
    const exposure = this.options.exposure;
    if (!exposure) return new Int16Array(0);
    const order: number[] = [];
    const seen = new Set<number>();
    for (const [x, y] of cells) {
      const [col, row] = this.grid.cellOf(x, y);
      for (const f of exposure.near(this.grid.indexOf(col, row))) {
        if (!seen.has(f)) {
          seen.add(f);
          order.push(f);
        }
      }
    }
    return Int16Array.from(order);
  }
}
