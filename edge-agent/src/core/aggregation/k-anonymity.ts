// k-anonymous heatmap release: base cells seen by fewer than k tracks are merged into aligned
// 2×2, 4×4, … blocks made only of still-unpublished cells; what stays under k is suppressed.
import type { BaseCell } from './heatmap-grid.js';

/** Merging stops here: a 16 × 16 block of 0.5 m cells is already 8 m across. */
export const DEFAULT_MAX_MERGE_SCALE = 16;

export interface KAnonymityOptions {
  k: number;
  /** Largest block edge in base cells; a power of two up to 1024 (the contract's limit). */
  maxScale?: number;
}

export interface MergedCell {
  /** The block's first base cell. */
  col: number;
  row: number;
  /** Block edge in base cells: 1, 2, 4, … */
  scale: number;
  /** Distinct tracks over the members; a track seen in two members counts once. */
  shoppers: number;
  dwellMs: number;
  /** The base cells whose data this cell carries (for tests and diagnostics; never published). */
  members: readonly BaseCell[];
}

export interface KAnonymousGrid {
  cells: MergedCell[];
  /** Base cells with tracks that no published cell carries. */
  suppressed: BaseCell[];
}

/**
 * Each base cell with tracks ends up in exactly one published cell or in `suppressed`. A block
 * aggregates only children that were not published on their own: were a published child included
 * too, block minus child would give away the small cells the block was meant to hide.
 */
export function mergeToK(base: readonly BaseCell[], options: KAnonymityOptions): KAnonymousGrid {
  const { k } = options;
  const maxScale = options.maxScale ?? DEFAULT_MAX_MERGE_SCALE;
  if (!Number.isInteger(Math.log2(maxScale)) || maxScale < 1 || maxScale > 1024) {
    throw new RangeError(`maxScale must be a power of two from 1 to 1024, got ${maxScale}`);
  }
  const cells: MergedCell[] = [];
  let pending: BaseCell[] = [];
  for (const cell of base) {
    if (cell.tracks.size >= k) cells.push(mergedCell(cell.col, cell.row, 1, [cell]));
    else if (cell.tracks.size > 0) pending.push(cell);
  }
  for (let scale = 2; scale <= maxScale && pending.length > 0; scale *= 2) {
    const blocks = new Map<string, BaseCell[]>();
    for (const cell of pending) {
      const key = `${Math.floor(cell.col / scale)},${Math.floor(cell.row / scale)}`;
      const members = blocks.get(key);
      if (members) members.push(cell);
      else blocks.set(key, [cell]);
    }
    pending = [];
    for (const members of blocks.values()) {
      const first = members[0]!;
      const block = mergedCell(
        Math.floor(first.col / scale) * scale,
        Math.floor(first.row / scale) * scale,
        scale,
        members,
      );
      if (block.shoppers >= k) cells.push(block);
      else pending.push(...members);
    }
  }
  cells.sort((a, b) => a.scale - b.scale || a.row - b.row || a.col - b.col);
  pending.sort((a, b) => a.row - b.row || a.col - b.col);
  return { cells, suppressed: pending };
}

function mergedCell(col: number, row: number, scale: number, members: readonly BaseCell[]): MergedCell {
  const tracks = new Set<string>();
  let dwellMs = 0;
  for (const m of members) {
    for (const t of m.tracks) tracks.add(t);
    dwellMs += m.dwellMs;
  }
  return { col, row, scale, shoppers: tracks.size, dwellMs, members };
}
