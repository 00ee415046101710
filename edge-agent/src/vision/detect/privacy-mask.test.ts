import { type Polygon, pointInPolygon, type Vec2 } from '@retail/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../frame.js';
import { applyPrivacyMasks } from './privacy-mask.js';

function grey(width: number, height: number): RgbImage {
  return { width, height, data: new Uint8Array(width * height * 3).fill(200) };
}

const isBlank = (img: RgbImage, x: number, y: number) =>
  img.data[(y * img.width + x) * 3] === 0 &&
  img.data[(y * img.width + x) * 3 + 1] === 0 &&
  img.data[(y * img.width + x) * 3 + 2] === 0;

/** Distance from p to the polygon outline. */
function distanceToOutline(p: Vec2, poly: Polygon): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [ax, ay] = poly[j]!;
    const [bx, by] = poly[i]!;
    const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const t =
      len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / len2));
    best = Math.min(best, Math.hypot(p[0] - (ax + t * (bx - ax)), p[1] - (ay + t * (by - ay))));
  }
  return best;
}

describe('applyPrivacyMasks', () => {
  it('returns the same image when there is nothing to mask', () => {
    const img = grey(4, 4);
    expect(applyPrivacyMasks(img, [])).toBe(img);
  });

  it('blanks exactly the pixels of a rectangle and leaves the input untouched', () => {
    const img = grey(10, 8);
    const out = applyPrivacyMasks(img, [
      [
        [2, 1],
        [6, 1],
        [6, 4],
        [2, 4],
      ],
    ]);
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 10; x++) expect(isBlank(out, x, y)).toBe(x >= 2 && x < 6 && y >= 1 && y < 4);
    }
    expect(img.data.every((v) => v === 200)).toBe(true);
  });

  it('uses the given fill colour and tolerates masks reaching outside the image', () => {
    const out = applyPrivacyMasks(
      grey(4, 4),
      [
        [
          [-5, -5],
          [2, -5],
          [2, 9],
          [-5, 9],
        ],
      ],
      [1, 2, 3],
    );
    expect([...out.data.slice(0, 6)]).toEqual([1, 2, 3, 1, 2, 3]);
    expect([...out.data.slice(6, 9)]).toEqual([200, 200, 200]);
  });

  it('property: a pixel is blanked iff its centre is inside a mask (pointInPolygon), away from the outline', () => {
    const point = fc.tuple(
      fc.double({ min: -4, max: 36, noNaN: true }),
      fc.double({ min: -4, max: 28, noNaN: true }),
    );
    const polygon = fc.array(point, { minLength: 3, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(polygon, { minLength: 1, maxLength: 3 }), (masks) => {
        const img = grey(32, 24);
        const out = applyPrivacyMasks(img, masks);
        for (let y = 0; y < 24; y++) {
          for (let x = 0; x < 32; x++) {
            const c: Vec2 = [x + 0.5, y + 0.5];
            if (masks.some((m) => distanceToOutline(c, m) < 1e-6)) continue;
            expect(isBlank(out, x, y)).toBe(masks.some((m) => pointInPolygon(c, m)));
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
