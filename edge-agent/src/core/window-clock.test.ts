import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowAt } from './window-clock.js';

describe('windowAt', () => {
  it('aligns windows to the clock', () => {
    expect(windowAt(Date.UTC(2026, 0, 1, 10, 0, 42), 60)).toEqual({
      start: Date.UTC(2026, 0, 1, 10, 0),
      end: Date.UTC(2026, 0, 1, 10, 1),
    });
  });

  it('property: the window contains now and has the asked size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 10, max: 3600 }), (now, seconds) => {
        const w = windowAt(now, seconds);
        expect(w.start).toBeLessThanOrEqual(now);
        expect(now).toBeLessThan(w.end);
        expect(w.end - w.start).toBe(seconds * 1000);
      }),
    );
  });
});
