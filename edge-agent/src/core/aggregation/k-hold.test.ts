import { describe, expect, it } from 'vitest';
import { type BaseCell, mergeBaseCells } from './heatmap-grid.js';
import { KHold } from './k-hold.js';

const cell = (col: number, tracks: string[], dwellMs: number): BaseCell => ({
  col,
  row: 0,
  tracks: new Set(tracks),
  dwellMs,
});

describe('KHold', () => {
  const hold = () => new KHold<BaseCell>({ key: (c) => `${c.col}`, merge: mergeBaseCells });

  it('merges what it holds into the same key of the next window, and hands back keys the window lacks', () => {
    const h = hold();
    h.hold([cell(1, ['a'], 1000), cell(2, ['b'], 500)]);
    expect(h.size).toBe(2);
    const taken = h.take([cell(1, ['a', 'c'], 2000), cell(3, ['d'], 100)]);
    expect(taken).toEqual([cell(1, ['a', 'c'], 3000), cell(3, ['d'], 100), cell(2, ['b'], 500)]);
    expect(h.size).toBe(0); // taken once: what stays under k is held again by the caller
    expect(h.take([cell(3, ['e'], 1)])).toEqual([cell(3, ['e'], 1)]);
  });

  it('holds a copy of the track set, and a purged track no longer counts', () => {
    const h = hold();
    const mine = cell(1, ['a', 's'], 1000);
    h.hold([mine, cell(2, ['s'], 10), cell(4, [], 10)]);
    h.purge('s');
    expect(mine.tracks.size).toBe(2);
    expect(h.take([])).toEqual([cell(1, ['a'], 1000)]); // 2 had only s; 4 had nobody
  });
});
