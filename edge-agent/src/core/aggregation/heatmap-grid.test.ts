import { describe, expect, it } from 'vitest';
import { dwellInWindow, HeatmapGrid, MAX_DWELL_INTERVAL_MS } from './heatmap-grid.js';

describe('HeatmapGrid', () => {
  it('covers the floor with whole cells and clamps points just off it', () => {
    const grid = new HeatmapGrid({ width: 10, depth: 3.2, cellSize: 0.1 });
    expect([grid.cols, grid.rows]).toEqual([100, 32]);
    expect(grid.cellOf(0.3, 0.29)).toEqual({ col: 3, row: 2 }); // 0.3 / 0.1 is 2.999…96 in floating point
    expect(grid.cellOf(-0.4, 3.5)).toEqual({ col: 0, row: 31 });
    expect(grid.cellOf(10, 0)).toEqual({ col: 99, row: 0 });
  });

  it('records a shopper walking across two cells: distinct tracks and dwell per cell', () => {
    const grid = new HeatmapGrid({ width: 4, depth: 4, cellSize: 1 });
    const window = { start: 0, end: 60_000 };
    // Seen at (0.5, 0.5) at 0 s and 2 s, then at (1.5, 0.5) at 4 s, and the window ends at 60 s.
    grid.add('t1', 0.5, 0.5, 0);
    grid.add('t1', 0.5, 0.5, dwellInWindow(0, 2000, window));
    grid.add('t1', 1.5, 0.5, 0);
    grid.add('t1', 0.5, 0.5, dwellInWindow(2000, 4000, window));
    grid.add('t1', 1.5, 0.5, dwellInWindow(4000, window.end, window)); // cut at 5 s
    grid.add('t2', 1.2, 0.9, 1000);
    const cells = grid
      .cells()
      .map((c) => ({ col: c.col, row: c.row, tracks: [...c.tracks], dwellMs: c.dwellMs }));
    expect(cells).toEqual([
      { col: 0, row: 0, tracks: ['t1'], dwellMs: 4000 },
      { col: 1, row: 0, tracks: ['t1', 't2'], dwellMs: 5000 + 1000 },
    ]);
    grid.clear();
    expect(grid.cells()).toEqual([]);
  });
});

describe('dwellInWindow', () => {
  const window = { start: 10_000, end: 20_000 };
  it('cuts an interval at the cap so a lost track does not pile dwell into one cell', () => {
    expect(MAX_DWELL_INTERVAL_MS).toBe(5000);
    expect(dwellInWindow(11_000, 13_000, window)).toBe(2000);
    expect(dwellInWindow(11_000, 19_000, window)).toBe(5000);
  });
  it('keeps only the part inside the window', () => {
    expect(dwellInWindow(8_000, 12_000, window)).toBe(2000); // carried over from the previous window
    expect(dwellInWindow(18_000, 25_000, window)).toBe(2000); // the rest belongs to the next window
    expect(dwellInWindow(2_000, 12_000, window)).toBe(0); // its 5 s ended before the window
  });
});
