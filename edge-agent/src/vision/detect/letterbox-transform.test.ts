import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipBox, letterboxTransform, toInputBox, toSourceBox } from './letterbox-transform.js';

const dims = fc.integer({ min: 1, max: 4000 });

describe('letterboxTransform', () => {
  it('fits a 4:3 VGA-like frame across the width and centres it vertically', () => {
    expect(letterboxTransform(768, 576, 416)).toEqual({
      size: 416,
      srcWidth: 768,
      srcHeight: 576,
      width: 416,
      height: 312,
      padX: 0,
      padY: 52,
    });
  });

  it('property: the resized image fills one side and sits centred inside the square', () => {
    fc.assert(
      fc.property(dims, dims, fc.integer({ min: 32, max: 1024 }), (w, h, size) => {
        const t = letterboxTransform(w, h, size);
        expect(Math.max(t.width, t.height)).toBe(size);
        expect(t.padX + t.width).toBeLessThanOrEqual(size);
        expect(t.padY + t.height).toBeLessThanOrEqual(size);
        expect(size - t.width - 2 * t.padX).toBeGreaterThanOrEqual(0);
        expect(size - t.width - 2 * t.padX).toBeLessThanOrEqual(1);
        expect(size - t.height - 2 * t.padY).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('rejects empty sizes', () => {
    expect(() => letterboxTransform(0, 10, 416)).toThrow(/positive/);
  });
});

describe('box mapping', () => {
  it('maps a known box from input pixels back to the source', () => {
    const t = letterboxTransform(768, 576, 416);
    const b = toSourceBox({ x: 104, y: 52 + 78, w: 52, h: 104, score: 0.7 }, t);
    expect(b.x).toBeCloseTo(192);
    expect(b.y).toBeCloseTo(144);
    expect(b.w).toBeCloseTo(96);
    expect(b.h).toBeCloseTo(192);
    expect(b.score).toBe(0.7);
  });

  it('property: source → input → source is the identity', () => {
    const coord = fc.double({ min: -500, max: 5000, noNaN: true });
    const extent = fc.double({ min: 0, max: 5000, noNaN: true });
    fc.assert(
      fc.property(
        dims,
        dims,
        fc.integer({ min: 32, max: 1024 }),
        coord,
        coord,
        extent,
        extent,
        (w, h, s, x, y, bw, bh) => {
          const t = letterboxTransform(w, h, s);
          const back = toSourceBox(toInputBox({ x, y, w: bw, h: bh }, t), t);
          const tol = 1e-9 * (1 + Math.abs(x) + Math.abs(y) + bw + bh);
          expect(Math.abs(back.x - x)).toBeLessThanOrEqual(tol);
          expect(Math.abs(back.y - y)).toBeLessThanOrEqual(tol);
          expect(Math.abs(back.w - bw)).toBeLessThanOrEqual(tol);
          expect(Math.abs(back.h - bh)).toBeLessThanOrEqual(tol);
        },
      ),
    );
  });

  it('property: the whole input square maps onto the source plus its padding, the image area exactly', () => {
    fc.assert(
      fc.property(dims, dims, fc.integer({ min: 32, max: 1024 }), (w, h, s) => {
        const t = letterboxTransform(w, h, s);
        const img = toSourceBox({ x: t.padX, y: t.padY, w: t.width, h: t.height }, t);
        expect(img.x).toBeCloseTo(0, 9);
        expect(img.y).toBeCloseTo(0, 9);
        expect(img.w).toBeCloseTo(w, 6);
        expect(img.h).toBeCloseTo(h, 6);
      }),
    );
  });
});

describe('clipBox', () => {
  it('cuts a box to the image and drops one entirely outside', () => {
    expect(clipBox({ x: -10, y: 5, w: 30, h: 200 }, 100, 100)).toEqual({ x: 0, y: 5, w: 20, h: 95 });
    expect(clipBox({ x: 100, y: 5, w: 30, h: 20 }, 100, 100)).toBeUndefined();
  });
});
