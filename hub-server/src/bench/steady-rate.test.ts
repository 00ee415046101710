import { describe, expect, it } from 'vitest';
import { steadyRate } from './steady-rate.js';

describe('steadyRate', () => {
  it('is the rate of a constant stream', () => {
    // 1,001 arrivals 2 ms apart: 500 per second.
    const times = Array.from({ length: 1001 }, (_, i) => 5000 + i * 2);
    expect(steadyRate(times)).toBeCloseTo(500, 6);
  });

  it('ignores a slow start and slow stragglers', () => {
    // 100 arrivals over the first second, 800 over the next second, 100 over a last one.
    const times = [
      ...Array.from({ length: 100 }, (_, i) => i * 10),
      ...Array.from({ length: 800 }, (_, i) => 1000 + i * 1.25),
      ...Array.from({ length: 100 }, (_, i) => 2000 + i * 10),
    ];
    const whole = times.length / 3;
    expect(whole).toBeCloseTo(333, 0);
    const steady = steadyRate(times);
    expect(steady).toBeGreaterThan(780);
    expect(steady).toBeLessThan(820);
  });

  it('does not depend on the order arrivals are given in', () => {
    const times = Array.from({ length: 500 }, (_, i) => i * 3);
    const shuffled = [...times].sort((a, b) => ((a * 7919) % 500) - ((b * 7919) % 500));
    expect(steadyRate(shuffled)).toBe(steadyRate(times));
  });

  it('is undefined without two arrivals or a span of time, and rejects a share outside (0, 1]', () => {
    expect(steadyRate([])).toBeNaN();
    expect(steadyRate([1])).toBeNaN();
    expect(steadyRate([7, 7, 7, 7])).toBeNaN();
    expect(() => steadyRate([1, 2, 3], 0)).toThrow(/share/);
    expect(() => steadyRate([1, 2, 3], 1.5)).toThrow(/share/);
  });

  it('takes the whole run with share 1', () => {
    expect(steadyRate([0, 1000, 2000], 1)).toBeCloseTo(1, 6);
  });
});
