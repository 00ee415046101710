import { describe, expect, it } from 'vitest';
import { type Pixels, principalExtents, solidity, splitPixels } from './split-pixels.js';

const rectangle = (x0: number, y0: number, w: number, h: number): Pixels => {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      xs.push(x);
      ys.push(y);
    }
  }
  return { xs, ys };
};
const join = (a: Pixels, b: Pixels): Pixels => ({ xs: [...a.xs, ...b.xs], ys: [...a.ys, ...b.ys] });
const bounds = (p: Pixels) => [Math.min(...p.xs), Math.min(...p.ys), Math.max(...p.xs), Math.max(...p.ys)];

describe('splitPixels', () => {
  it('splits two touching squares side by side into the two squares (give or take the middle column)', () => {
    const parts = splitPixels(join(rectangle(0, 0, 10, 10), rectangle(10, 0, 10, 10)), 2);
    const [left, right] = parts.map(bounds).sort((a, b) => a[0]! - b[0]!);
    expect(left).toEqual([0, 0, expect.toSatisfy((x: number) => Math.abs(x - 9) <= 1), 9]);
    expect(right).toEqual([expect.toSatisfy((x: number) => Math.abs(x - 10) <= 1), 0, 19, 9]);
  });

  it('follows a diagonal pair along its principal axis', () => {
    const parts = splitPixels(join(rectangle(0, 0, 8, 8), rectangle(8, 8, 8, 8)), 2);
    expect(parts.map(bounds).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [0, 0, 7, 7],
      [8, 8, 15, 15],
    ]);
  });

  it('cuts two people abreast at their waist, even when the pair is wider than it is tall', () => {
    // Two flat ellipses, one above the other, touching along a short waist: the pixels spread most
    // left to right, yet the right cut is horizontal.
    const ellipse = (cx: number, cy: number, a: number, b: number): Pixels => {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let y = cy - b; y <= cy + b; y++)
        for (let x = cx - a; x <= cx + a; x++) {
          if (((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1) {
            xs.push(x);
            ys.push(y);
          }
        }
      return { xs, ys };
    };
    const top = ellipse(30, 20, 18, 7);
    const bottom = ellipse(30, 34, 18, 7);
    const pair = join(top, bottom);
    expect(principalExtents(pair, 0).major).toBeGreaterThan(principalExtents(pair, 0).minor);
    const parts = splitPixels(pair, 2)
      .map(bounds)
      .sort((a, b) => a[1]! - b[1]!);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toEqual([12, 13, 48, expect.toSatisfy((y: number) => Math.abs(y - 27) <= 1)]);
    expect(parts[1]).toEqual([12, expect.toSatisfy((y: number) => Math.abs(y - 27) <= 1), 48, 41]);
  });

  it('keeps splitting along the long axis when the cut across is not clearly shorter', () => {
    // A plain 30×16 rectangle has no waist: the cut across its width (16) is kept over the one along it (30).
    const parts = splitPixels(rectangle(0, 0, 30, 16), 2)
      .map(bounds)
      .sort((a, b) => a[0]! - b[0]!);
    expect(parts).toEqual([
      [0, 0, expect.toSatisfy((x: number) => Math.abs(x - 14) <= 1), 15],
      [expect.toSatisfy((x: number) => Math.abs(x - 15) <= 1), 0, 29, 15],
    ]);
  });

  it('returns the pixels whole for k ≤ 1 or no pixels, and never an empty part', () => {
    const one = rectangle(0, 0, 2, 2);
    expect(splitPixels(one, 1)).toEqual([one]);
    expect(splitPixels({ xs: [], ys: [] }, 3)).toEqual([{ xs: [], ys: [] }]);
    const parts = splitPixels({ xs: [5, 5], ys: [5, 5] }, 3);
    expect(parts.every((part) => part.xs.length > 0)).toBe(true);
    expect(parts.reduce((sum, part) => sum + part.xs.length, 0)).toBe(2);
  });

  it('measures a region along and across its principal axis, trimmed', () => {
    expect(principalExtents(rectangle(0, 0, 20, 6), 0)).toEqual({ major: 20, minor: 6 });
    const diagonal: Pixels = { xs: [], ys: [] };
    for (let t = 0; t < 30; t++)
      for (let k = 0; k < 3; k++) {
        diagonal.xs.push(t + k);
        diagonal.ys.push(t);
      }
    const { major, minor } = principalExtents(diagonal, 0);
    expect(major).toBeGreaterThan(40);
    expect(minor).toBeLessThan(4);
    // A stray pixel far out counts untrimmed and is left out with trim.
    const stray = join(rectangle(0, 0, 20, 6), { xs: [10], ys: [40] });
    expect(principalExtents(stray, 0).minor).toBeGreaterThan(30);
    expect(principalExtents(stray, 0.05).minor).toBeLessThan(7);
  });

  it('finds a filled convex shape solid and two overlapping discs less so', () => {
    const disc = (cx: number, cy: number, r: number): Pixels => {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let y = cy - r; y <= cy + r; y++)
        for (let x = cx - r; x <= cx + r; x++) {
          if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) {
            xs.push(x);
            ys.push(y);
          }
        }
      return { xs, ys };
    };
    expect(solidity(rectangle(0, 0, 12, 7))).toBeCloseTo(1, 5);
    expect(solidity(disc(20, 20, 9))).toBeGreaterThan(0.95);
    const a = disc(20, 20, 8);
    const b = disc(35, 20, 8);
    const seen = new Set(a.xs.map((x, p) => `${x},${a.ys[p]}`));
    const union = join(a, {
      xs: b.xs.filter((x, p) => !seen.has(`${x},${b.ys[p]}`)),
      ys: b.ys.filter((y, p) => !seen.has(`${b.xs[p]},${y}`)),
    });
    expect(solidity(union)).toBeLessThan(0.85);
  });
});
