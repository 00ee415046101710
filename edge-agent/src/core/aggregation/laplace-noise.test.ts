import { describe, expect, it } from 'vitest';
import { seededRandom } from './aggregation-test-kit.js';
import { countRelease, laplace } from './laplace-noise.js';

describe('laplace', () => {
  it('has mean 0 and mean absolute deviation equal to its scale', () => {
    const random = seededRandom(7);
    const draws = Array.from({ length: 20_000 }, () => laplace(2, random));
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    const mad = draws.reduce((s, d) => s + Math.abs(d), 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(mad).toBeGreaterThan(1.9);
    expect(mad).toBeLessThan(2.1);
  });

  it('stays finite at the ends of [0, 1)', () => {
    expect(Number.isFinite(laplace(1, () => 0))).toBe(true);
    expect(Number.isFinite(laplace(1, () => 0.9999999999999999))).toBe(true);
    expect(laplace(1, () => 0.5)).toBe(-0);
  });
});

describe('countRelease', () => {
  it('is exact without ε', () => {
    const release = countRelease({ random: () => 0.9 });
    expect(release(7)).toBe(7);
  });

  it('adds noise with ε, clamped at 0 and rounded to hundredths', () => {
    const release = countRelease({ epsilon: 0.5, random: seededRandom(1) });
    const out = Array.from({ length: 500 }, () => release(1));
    expect(out.every((v) => v >= 0 && Math.round(v * 100) / 100 === v)).toBe(true);
    expect(out.some((v) => v === 0)).toBe(true);
    expect(new Set(out).size).toBeGreaterThan(100);
    expect(() => countRelease({ epsilon: 0, random: Math.random })).toThrow(RangeError);
  });
});
