// Heatmap cells in floor metres at a chosen resolution. Stored cells are base cells or merged
// blocks (k-anonymity); for a coarser view each is added to the output cell holding its centre,
// so totals are kept exactly and nothing finer than the stored grid is ever invented.
import type { HeatmapCellTotal } from '../../storage/query-store.js';

export interface HeatCell {
  /** Top-left corner in floor metres (x along width, y along depth, from the floor origin). */
  x: number;
  y: number;
  /** Edge length, metres. */
  size: number;
  /** Sum over windows of the distinct shoppers seen in the cell. */
  shopperWindows: number;
  dwellSeconds: number;
}

export function heatCells(cells: readonly HeatmapCellTotal[], resolution?: number): HeatCell[] {
  const out = new Map<string, HeatCell>();
  for (const c of cells) {
    const size = c.cellSize * c.scale;
    const x = c.col * c.cellSize;
    const y = c.row * c.cellSize;
    const target = resolution !== undefined && resolution > size ? resolution : undefined;
    const cell = target
      ? {
          x: Math.floor((x + size / 2) / target) * target,
          y: Math.floor((y + size / 2) / target) * target,
          size: target,
        }
      : { x, y, size };
    const key = `${cell.x}|${cell.y}|${cell.size}`;
    const acc = out.get(key) ?? { ...cell, shopperWindows: 0, dwellSeconds: 0 };
    acc.shopperWindows += Number(c.shopperWindows);
    acc.dwellSeconds += Number(c.dwellSeconds);
    out.set(key, acc);
  }
  return [...out.values()]
    .map((c) => ({ ...c, x: round(c.x), y: round(c.y), size: round(c.size) }))
    .sort((a, b) => a.y - b.y || a.x - b.x || a.size - b.size);
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
