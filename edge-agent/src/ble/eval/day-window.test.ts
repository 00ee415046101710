import { describe, expect, it } from 'vitest';
import { clip, dayWindow } from './day-window.js';

describe('clip', () => {
  it('keeps the samples inside the window, and nothing when fewer than two fall in it', () => {
    const t = { startTs: 1000, intervalMs: 500, xy: Float64Array.from([0, 0, 1, 1, 2, 2, 3, 3]) };
    expect(clip(t, 0, 10_000)).toBe(t);
    expect(clip(t, 1400, 2600)).toEqual({
      startTs: 1500,
      intervalMs: 500,
      xy: Float64Array.from([1, 1, 2, 2, 3, 3]),
    });
    expect(clip(t, 1400, 2000)).toBeUndefined();
  });
});

describe('dayWindow', () => {
  it('leaves out people never on the floor in the window, and rejects an empty window', () => {
    const t = { startTs: 1000, intervalMs: 500, xy: Float64Array.from([0, 0, 1, 1, 2, 2, 3, 3]) };
    const later = { startTs: 9000, intervalMs: 500, xy: Float64Array.from([0, 0, 1, 1]) };
    const shopper = (sessionId: string, trajectory: typeof t) =>
      ({ sessionId, trajectory }) as unknown as Parameters<typeof dayWindow>[0]['shoppers'][number];
    const cut = dayWindow({ shoppers: [shopper('a', t), shopper('b', later)], staff: [] }, 0, 5000);
    expect(cut.shoppers.map((s) => s.sessionId)).toEqual(['a']);
    expect(() => dayWindow({ shoppers: [], staff: [] }, 5, 5)).toThrow(/window/);
  });
});
