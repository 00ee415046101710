import { describe, expect, it } from 'vitest';
import { backgroundTrust, DEFAULT_KEEP_RULE, keepDue, meanLevel } from './background-trust.js';
import { texturedFloor } from './synthetic-scene.js';

const rule = { minFrames: 500, minMeanLevel: 16 };
const floor = texturedFloor(32, 24, 1, 120);
const dark = { width: 2, height: 1, data: Uint8Array.from([10, 10, 10, 12, 12, 12]) };

describe('backgroundTrust', () => {
  it('trusts a lit scene once enough frames were learned', () => {
    expect(backgroundTrust(floor, 500, rule)).toEqual({ trusted: true });
    expect(backgroundTrust(floor, 499, rule)).toEqual({
      trusted: false,
      reason: 'learned from 499 frames, fewer than 500',
    });
  });

  it('keeps nothing before anything was learned, nor a dark picture', () => {
    expect(backgroundTrust(undefined, 1000, rule).trusted).toBe(false);
    expect(backgroundTrust(dark, 1000, rule)).toEqual({
      trusted: false,
      reason: 'too dark (mean level 11.0 < 16)',
    });
  });

  it('measures the mean over every channel', () => {
    expect(meanLevel(dark)).toBe(11);
    expect(meanLevel({ width: 0, height: 0, data: new Uint8Array(0) })).toBe(0);
  });
});

describe('keepDue', () => {
  it('is due once the interval has passed since the last keep', () => {
    const every = DEFAULT_KEEP_RULE.everyMs;
    expect(keepDue(1000, 1000 + every - 1, every)).toBe(false);
    expect(keepDue(1000, 1000 + every, every)).toBe(true);
  });
});
