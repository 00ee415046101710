import { describe, expect, it } from 'vitest';
import { MotRows } from './mot-rows.js';

const box = (x: number) => ({ x, y: 10, w: 20, h: 40 });

describe('MotRows', () => {
  it('numbers tracks by first appearance and puts first hits back in their own frames', () => {
    const rows = new MotRows();
    rows.add({ seq: 0, ts: 0, tracks: [] });
    rows.add({ seq: 1, ts: 40, tracks: [] });
    rows.add({
      seq: 2,
      ts: 80,
      tracks: [
        { trackId: 'b7', box: box(0), floor: [0, 0] },
        {
          trackId: 'a3',
          box: box(8),
          floor: [0, 0],
          earlier: [
            { ts: 0, box: box(0), floor: [0, 0] },
            { ts: 40, box: box(4), floor: [0, 0] },
          ],
        },
      ],
    });
    rows.add({ seq: 3, ts: 120, tracks: [{ trackId: 'a3', box: box(12), floor: [0, 0] }] });
    expect(rows.rows.map((r) => [r.frame, r.id, r.x])).toEqual([
      [2, 1, 0],
      [0, 2, 0],
      [1, 2, 4],
      [2, 2, 8],
      [3, 2, 12],
    ]);
  });

  it('leaves out a first hit from a frame it never saw (a replay that started mid-track)', () => {
    const rows = new MotRows();
    rows.add({
      seq: 5,
      ts: 200,
      tracks: [
        { trackId: 'a', box: box(0), floor: [0, 0], earlier: [{ ts: 160, box: box(0), floor: [0, 0] }] },
      ],
    });
    expect(rows.rows.map((r) => r.frame)).toEqual([5]);
  });
});
