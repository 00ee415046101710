import { describe, expect, it } from 'vitest';
import { boxesByFrame } from './boxes-by-frame.js';

describe('boxesByFrame', () => {
  it('groups MOT rows by frame number in file order, dropping ids and scores', () => {
    const row = (frame: number, id: number, x: number) => ({ frame, id, x, y: 2, w: 3, h: 4, conf: 1 });
    const frames = boxesByFrame([row(7, 1, 10), row(5, 2, 20), row(7, 3, 30)]);
    expect([...frames.keys()]).toEqual([7, 5]);
    expect(frames.get(7)).toEqual([
      { x: 10, y: 2, w: 3, h: 4 },
      { x: 30, y: 2, w: 3, h: 4 },
    ]);
    expect(frames.get(6)).toBeUndefined();
  });
});
