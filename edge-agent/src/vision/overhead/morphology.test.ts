import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { close, dilate, erode, open } from './morphology.js';

const W = 9;
const H = 7;
const maskOf = (points: [number, number][]): Uint8Array => {
  const mask = new Uint8Array(W * H);
  for (const [x, y] of points) mask[y * W + x] = 1;
  return mask;
};
const square = (x0: number, y0: number, size: number): [number, number][] =>
  Array.from({ length: size * size }, (_, i) => [x0 + (i % size), y0 + Math.floor(i / size)]);
const setPixels = (mask: Uint8Array): [number, number][] =>
  [...mask].flatMap((value, i) => (value ? [[i % W, Math.floor(i / W)] as [number, number]] : []));

describe('morphology', () => {
  it('dilates one pixel into a (2r+1)² square, clipped at the border', () => {
    expect(setPixels(dilate(maskOf([[4, 3]]), W, H, 1))).toEqual(square(3, 2, 3));
    expect(setPixels(dilate(maskOf([[0, 0]]), W, H, 1))).toEqual(square(0, 0, 2));
  });

  it('erodes a 5×5 square to its 3×3 middle, and keeps squares that touch the border whole', () => {
    expect(setPixels(erode(maskOf(square(2, 1, 5)), W, H, 1))).toEqual(square(3, 2, 3));
    expect(setPixels(erode(maskOf(square(0, 0, 3)), W, H, 1))).toEqual(square(0, 0, 2));
  });

  it('opening removes a speck and keeps a square; closing fills a one-pixel gap', () => {
    const opened = open(maskOf([[8, 6], ...square(1, 1, 4)]), W, H, 1);
    expect(setPixels(opened)).toEqual(square(1, 1, 4));
    const gap = maskOf([...square(0, 2, 3), ...square(4, 2, 3)]);
    expect(close(gap, W, H, 1)[3 * W + 3]).toBe(1);
  });

  it('radius 0 copies', () => {
    const mask = maskOf([[2, 2]]);
    expect(dilate(mask, W, H, 0)).toEqual(mask);
    expect(erode(mask, W, H, 0)).not.toBe(mask);
  });

  it('erosion ⊆ mask ⊆ dilation, and opening ⊆ mask ⊆ closing', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: W * H, maxLength: W * H, max: 1 }),
        fc.integer({ min: 1, max: 3 }),
        (mask, r) => {
          const within = (a: Uint8Array, b: Uint8Array) => a.every((value, i) => !value || b[i]);
          expect(within(erode(mask, W, H, r), mask)).toBe(true);
          expect(within(mask, dilate(mask, W, H, r))).toBe(true);
          expect(within(open(mask, W, H, r), mask)).toBe(true);
          expect(within(mask, close(mask, W, H, r))).toBe(true);
        },
      ),
    );
  });
});
