import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BaseCell } from './heatmap-grid.js';
import { mergeToK } from './k-anonymity.js';

const cell = (col: number, row: number, tracks: string[], dwellMs = 1000): BaseCell => ({
  col,
  row,
  tracks: new Set(tracks),
  dwellMs,
});
const shape = (c: { col: number; row: number; scale: number; shoppers: number; dwellMs: number }) => ({
  col: c.col,
  row: c.row,
  scale: c.scale,
  shoppers: c.shoppers,
  dwellMs: c.dwellMs,
});

describe('mergeToK', () => {
  it('publishes cells at k as they are and merges only the under-k siblings into their block', () => {
    const result = mergeToK(
      [cell(0, 0, ['a', 'b', 'c']), cell(1, 0, ['a']), cell(0, 1, ['d']), cell(1, 1, ['e'])],
      { k: 3 },
    );
    // The 2×2 block carries a, d, e from its three small cells, not b and c from the published one.
    expect(result.cells.map(shape)).toEqual([
      { col: 0, row: 0, scale: 1, shoppers: 3, dwellMs: 1000 },
      { col: 0, row: 0, scale: 2, shoppers: 3, dwellMs: 3000 },
    ]);
    expect(result.suppressed).toEqual([]);
  });

  it('counts a track seen in two small cells once, and climbs to 4×4 when 2×2 is not enough', () => {
    const result = mergeToK([cell(2, 2, ['a', 'b']), cell(3, 2, ['a']), cell(1, 1, ['c'])], { k: 3 });
    expect(result.cells.map(shape)).toEqual([{ col: 0, row: 0, scale: 4, shoppers: 3, dwellMs: 3000 }]);
    expect(result.cells[0]!.members.map((m) => [m.col, m.row])).toEqual([
      [2, 2],
      [3, 2],
      [1, 1],
    ]);
  });

  it('suppresses what is still under k at the largest scale', () => {
    const result = mergeToK([cell(0, 0, ['a']), cell(40, 40, ['b', 'c'])], { k: 2, maxScale: 16 });
    expect(result.cells.map(shape)).toEqual([{ col: 40, row: 40, scale: 1, shoppers: 2, dwellMs: 1000 }]);
    expect(result.suppressed.map((c) => [c.col, c.row])).toEqual([[0, 0]]);
    expect(() => mergeToK([], { k: 2, maxScale: 12 })).toThrow(RangeError);
  });

  // Sparse (tracks spread over a wide grid) and dense (few cells, many tracks) inputs.
  const baseCells = fc
    .tuple(fc.constantFrom(4, 16, 64), fc.integer({ min: 1, max: 40 }))
    .chain(([side, nTracks]) =>
      fc.uniqueArray(
        fc.record({
          col: fc.nat({ max: side - 1 }),
          row: fc.nat({ max: side - 1 }),
          tracks: fc.uniqueArray(fc.nat({ max: nTracks - 1 }), { minLength: 1, maxLength: 8 }),
          dwellMs: fc.nat({ max: 60_000 }),
        }),
        { selector: (c) => `${c.col},${c.row}`, maxLength: 120 },
      ),
    )
    .map((cells) => cells.map((c) => cell(c.col, c.row, c.tracks.map(String), c.dwellMs)));

  it('never publishes a cell under k, and puts each base cell in exactly one published cell or suppressed', () => {
    fc.assert(
      fc.property(
        baseCells,
        fc.integer({ min: 2, max: 8 }),
        fc.constantFrom(1, 4, 16),
        (cells, k, maxScale) => {
          const result = mergeToK(cells, { k, maxScale });
          const homes = new Map<string, number>();
          for (const published of result.cells) {
            const tracks = new Set(published.members.flatMap((m) => [...m.tracks]));
            expect(published.shoppers).toBe(tracks.size);
            expect(published.shoppers).toBeGreaterThanOrEqual(k);
            expect(published.scale).toBeLessThanOrEqual(maxScale);
            for (const m of published.members) {
              expect(Math.floor(m.col / published.scale) * published.scale).toBe(published.col);
              expect(Math.floor(m.row / published.scale) * published.scale).toBe(published.row);
              const key = `${m.col},${m.row}`;
              homes.set(key, (homes.get(key) ?? 0) + 1);
            }
          }
          for (const s of result.suppressed) {
            expect(s.tracks.size).toBeLessThan(k);
            const key = `${s.col},${s.row}`;
            homes.set(key, (homes.get(key) ?? 0) + 1);
          }
          expect(homes.size).toBe(cells.length);
          expect([...homes.values()].every((n) => n === 1)).toBe(true);
          const published = result.cells.map((c) => `${c.scale}:${c.col},${c.row}`);
          expect(new Set(published).size).toBe(published.length);
        },
      ),
    );
  });
});
