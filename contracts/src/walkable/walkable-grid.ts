// The walkable floor as an occupancy grid: one byte per square cell, row-major, 1 where a shopper can
// stand. A cell counts as walkable when its centre is, so gaps narrower than a cell may close.
import { boundsOf, type Polygon, pointInPolygon, pointInRect } from '../geometry.js';
import type { StoreLayout } from '../layout/index.js';

export interface WalkableGridOptions {
  /** Cell edge, metres. 0.25 m resolves a 1 m aisle into four cells and keeps a 40 × 25 m store at 16,000. */
  cellSize?: number;
  /** Staff walk through staff-only zones; shoppers do not (the default). */
  includeStaffOnly?: boolean;
}

export class WalkableGrid {
  readonly cols: number;
  readonly rows: number;

  constructor(
    readonly cellSize: number,
    cols: number,
    rows: number,
    /** 1 walkable, 0 blocked; index = row * cols + col. */
    readonly cells: Uint8Array,
  ) {
    if (cells.length !== cols * rows)
      throw new RangeError(`expected ${cols * rows} cells, got ${cells.length}`);
    this.cols = cols;
    this.rows = rows;
  }

  /** The cell holding a floor point; points off the grid clamp to the nearest edge cell. */
  cellOf(x: number, y: number): [col: number, row: number] {
    const col = Math.min(this.cols - 1, Math.max(0, Math.floor(x / this.cellSize)));
    const row = Math.min(this.rows - 1, Math.max(0, Math.floor(y / this.cellSize)));
    return [col, row];
  }

  centreOf(col: number, row: number): [x: number, y: number] {
    return [(col + 0.5) * this.cellSize, (row + 0.5) * this.cellSize];
  }

  /** False off the grid. */
  isWalkable(col: number, row: number): boolean {
    return (
      col >= 0 && row >= 0 && col < this.cols && row < this.rows && this.cells[row * this.cols + col] === 1
    );
  }

  indexOf(col: number, row: number): number {
    return row * this.cols + col;
  }
}

export function buildWalkableGrid(layout: StoreLayout, options: WalkableGridOptions = {}): WalkableGrid {
  const cellSize = options.cellSize ?? 0.25;
  if (!(cellSize > 0)) throw new RangeError(`cellSize must be positive, got ${cellSize}`);
  const { width, depth } = layout.floor;
  const cols = Math.max(1, Math.ceil(width / cellSize - 1e-9));
  const rows = Math.max(1, Math.ceil(depth / cellSize - 1e-9));
  const cells = new Uint8Array(cols * rows);
  const grid = new WalkableGrid(cellSize, cols, rows, cells);

  if (layout.floor.walkable) {
    for (const poly of layout.floor.walkable) paint(grid, poly, 1);
  } else {
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < cols; col++) {
        // The last column or row may overhang a floor that is not a whole number of cells.
        if (pointInRect(grid.centreOf(col, row), width, depth, 0)) cells[row * cols + col] = 1;
      }
    }
  }
  for (const poly of layout.floor.obstacles) paint(grid, poly, 0);
  for (const fixture of layout.fixtures) paint(grid, fixture.polygon, 0);
  if (!options.includeStaffOnly) {
    for (const zone of layout.zones) if (zone.kind === 'staff-only') paint(grid, zone.polygon, 0);
  }
  return grid;
}

/** Sets every cell whose centre lies in the polygon (boundary included), scanning only its bounding box. */
function paint(grid: WalkableGrid, poly: Polygon, value: 0 | 1): void {
  const [minX, minY, maxX, maxY] = boundsOf(poly);
  const s = grid.cellSize;
  const c0 = Math.max(0, Math.ceil(minX / s - 0.5 - 1e-9));
  const c1 = Math.min(grid.cols - 1, Math.floor(maxX / s - 0.5 + 1e-9));
  const r0 = Math.max(0, Math.ceil(minY / s - 0.5 - 1e-9));
  const r1 = Math.min(grid.rows - 1, Math.floor(maxY / s - 0.5 + 1e-9));
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      if (pointInPolygon(grid.centreOf(col, row), poly)) grid.cells[row * grid.cols + col] = value;
    }
  }
}
