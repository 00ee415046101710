// Which zone a floor point lies in. Most grid cells lie wholly in one zone, so the answer is looked up
// per cell; only cells a zone outline passes through (a corner in another zone, or a zone vertex
// inside) are tested point-in-polygon, the previous answer first. Staff-only zones are included.
import { pointInPolygon, type Vec2, type WalkableGrid, type Zone } from '@retail/contracts';

const MIXED = -2;

export class ZoneLocator {
  readonly #cellZone: Int16Array;

  constructor(
    readonly zones: readonly Zone[],
    readonly grid: WalkableGrid,
  ) {
    const s = grid.cellSize;
    this.#cellZone = new Int16Array(grid.cols * grid.rows);
    let hint = -1;
    for (let row = 0; row < grid.rows; row++) {
      for (let col = 0; col < grid.cols; col++) {
        const corners: Vec2[] = [
          [col * s, row * s],
          [(col + 1) * s, row * s],
          [col * s, (row + 1) * s],
          [(col + 1) * s, (row + 1) * s],
        ];
        hint = this.#exact(grid.centreOf(col, row), hint);
        const same = corners.every((c) => this.#exact(c, hint) === hint);
        this.#cellZone[grid.indexOf(col, row)] = same ? hint : MIXED;
      }
    }
    for (const z of zones) {
      for (const [x, y] of z.polygon) {
        const [col, row] = grid.cellOf(x, y);
        this.#cellZone[grid.indexOf(col, row)] = MIXED;
        // A vertex on a cell edge belongs to the cells on both sides.
        for (const [dc, dr] of [
          [-1, 0],
          [0, -1],
          [-1, -1],
        ] as const) {
          if (col + dc >= 0 && row + dr >= 0) this.#cellZone[grid.indexOf(col + dc, row + dr)] = MIXED;
        }
      }
    }
  }

  /** Index into `zones`, or -1 when the point is in none; `hint` is the previous answer. */
  zoneAt(p: Vec2, hint = -1): number {
    const [col, row] = this.grid.cellOf(p[0], p[1]);
    const x = p[0];
    const y = p[1];
    const s = this.grid.cellSize;
    const inside = x >= col * s && x <= (col + 1) * s && y >= row * s && y <= (row + 1) * s;
    const cached = inside ? this.#cellZone[this.grid.indexOf(col, row)]! : MIXED;
    return cached !== MIXED ? cached : this.#exact(p, hint);
  }

  #exact(p: Vec2, hint: number): number {
    if (hint >= 0 && pointInPolygon(p, this.zones[hint]!.polygon)) return hint;
    for (let i = 0; i < this.zones.length; i++) {
      if (i !== hint && pointInPolygon(p, this.zones[i]!.polygon)) return i;
    }
    return -1;
  }
}
