import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heatCells } from './heatmap-grid.js';

const cell = (col: number, row: number, scale = 1, shopperWindows = 5, dwellSeconds = 10) => ({
  cellSize: 0.5,
  col,
  row,
  scale,
  shopperWindows,
  dwellSeconds,
});

describe('heatmap cells in metres', () => {
  it('places base and merged cells on the floor', () => {
    expect(heatCells([cell(2, 4), cell(4, 0, 2)])).toEqual([
      { x: 2, y: 0, size: 1, shopperWindows: 5, dwellSeconds: 10 },
      { x: 1, y: 2, size: 0.5, shopperWindows: 5, dwellSeconds: 10 },
    ]);
  });

  it('sums cells into a coarser grid by their centres', () => {
    const out = heatCells([cell(0, 0), cell(1, 0), cell(1, 1), cell(2, 0)], 1);
    expect(out).toEqual([
      { x: 0, y: 0, size: 1, shopperWindows: 15, dwellSeconds: 30 },
      { x: 1, y: 0, size: 1, shopperWindows: 5, dwellSeconds: 10 },
    ]);
  });

  it('never makes cells finer than stored, and keeps the totals at any resolution', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            col: fc.integer({ min: 0, max: 80 }),
            row: fc.integer({ min: 0, max: 50 }),
            scale: fc.constantFrom(1, 2, 4),
            shoppers: fc.integer({ min: 0, max: 100 }),
          }),
          { maxLength: 60 },
        ),
        fc.option(fc.constantFrom(0.25, 0.5, 1, 2, 5), { nil: undefined }),
        (cells, resolution) => {
          const input = cells.map((c) => cell(c.col, c.row, c.scale, c.shoppers, c.shoppers * 2));
          const out = heatCells(input, resolution);
          const sum = (xs: { shopperWindows: number }[]) => xs.reduce((a, c) => a + c.shopperWindows, 0);
          expect(sum(out)).toBe(sum(input));
          for (const c of out) expect(c.size).toBeGreaterThanOrEqual(0.5);
        },
      ),
    );
  });
});
