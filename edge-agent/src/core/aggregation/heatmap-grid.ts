// Base heatmap cells over the floor: which tracks were in each cell and how long, for one window.
import { unionTracks } from './k-hold.js';

/**
 * Dwell is integrated between consecutive observations of a track and given to the cell of the
 * earlier one. An interval is cut at this length so that a track lost for a while (occluded, or
 * gone without an end event) does not pile its whole gap into the last cell it was seen in.
 * 5 s is several missed detections at any frame rate we run, and below the 10 s track timeout.
 */
export const MAX_DWELL_INTERVAL_MS = 5_000;

export interface HeatmapGridOptions {
  /** Floor extent, metres. */
  width: number;
  depth: number;
  /** Base cell edge, metres. */
  cellSize: number;
}

export interface BaseCell {
  col: number;
  row: number;
  /** Distinct tracks observed in the cell or dwelling in it during the window. */
  tracks: ReadonlySet<string>;
  dwellMs: number;
}

/** A base cell's tally over held windows and this one (k-hold.ts). */
export function mergeBaseCells(held: BaseCell, now: BaseCell): BaseCell {
  return {
    col: now.col,
    row: now.row,
    tracks: unionTracks(held.tracks, now.tracks),
    dwellMs: held.dwellMs + now.dwellMs,
  };
}

interface MutableCell {
  col: number;
  row: number;
  tracks: Set<string>;
  dwellMs: number;
}

export class HeatmapGrid {
  readonly cols: number;
  readonly rows: number;
  readonly cellSize: number;
  readonly #cells = new Map<number, MutableCell>();

  constructor(options: HeatmapGridOptions) {
    this.cellSize = options.cellSize;
    // The tolerance keeps an exact multiple (10 m / 0.1 m) from gaining a phantom column.
    this.cols = Math.max(1, Math.ceil(options.width / options.cellSize - 1e-9));
    this.rows = Math.max(1, Math.ceil(options.depth / options.cellSize - 1e-9));
  }

  /** The base cell of a floor point; points just off the floor (projection error; the aggregator drops
   * farther ones) go to the nearest edge cell. */
  cellOf(x: number, y: number): { col: number; row: number } {
    return { col: this.#index(x, this.cols), row: this.#index(y, this.rows) };
  }

  /** Marks the track present in the cell of (x, y) and adds dwell there. */
  add(trackId: string, x: number, y: number, dwellMs: number): void {
    const { col, row } = this.cellOf(x, y);
    const key = row * this.cols + col;
    let cell = this.#cells.get(key);
    if (!cell) {
      cell = { col, row, tracks: new Set(), dwellMs: 0 };
      this.#cells.set(key, cell);
    }
    cell.tracks.add(trackId);
    cell.dwellMs += dwellMs;
  }

  /** Cells with at least one track, in row-major order. */
  cells(): BaseCell[] {
    return [...this.#cells.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  }

  clear(): void {
    this.#cells.clear();
  }

  #index(v: number, n: number): number {
    const i = Math.floor(v / this.cellSize + 1e-9);
    return Math.min(n - 1, Math.max(0, i));
  }
}

/**
 * The dwell an observation at `fromTs` earns inside `window`: the interval from it to the next
 * observation (or to `untilTs`, whichever the caller knows), cut at `capMs`, clipped to the window.
 */
export function dwellInWindow(
  fromTs: number,
  untilTs: number,
  window: { start: number; end: number },
  capMs = MAX_DWELL_INTERVAL_MS,
): number {
  const start = Math.max(fromTs, window.start);
  const end = Math.min(untilTs, fromTs + capMs, window.end);
  return end > start ? end - start : 0;
}
