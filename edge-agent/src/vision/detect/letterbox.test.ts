import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../frame.js';
import { letterbox, packNchw } from './letterbox.js';
import { letterboxTransform, toSourceBox } from './letterbox-transform.js';

function solid(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set(rgb, i);
  return { width, height, data };
}

/** A dark image with a white rectangle. */
function withRect(
  width: number,
  height: number,
  r: { x: number; y: number; w: number; h: number },
): RgbImage {
  const img = solid(width, height, [10, 10, 10]);
  for (let y = r.y; y < r.y + r.h; y++)
    img.data.fill(250, (y * width + r.x) * 3, (y * width + r.x + r.w) * 3);
  return img;
}

describe('letterbox', () => {
  it('scales RGB to [0, 1] into planar channels and zero-pads around the image', async () => {
    const { tensor, transform } = await letterbox(solid(80, 40, [255, 0, 51]), 32);
    expect(transform).toMatchObject({ width: 32, height: 16, padX: 0, padY: 8 });
    expect(tensor.length).toBe(3 * 32 * 32);
    const at = (c: number, x: number, y: number) => tensor[c * 32 * 32 + y * 32 + x]!;
    expect(at(0, 5, 4)).toBe(0); // top padding
    expect(at(2, 31, 30)).toBe(0); // bottom padding
    expect(at(0, 10, 15)).toBeCloseTo(1);
    expect(at(1, 10, 15)).toBeCloseTo(0);
    expect(at(2, 10, 15)).toBeCloseTo(0.2);
  });

  it('maps a bright rectangle found in the input back onto where it was drawn', async () => {
    const drawn = { x: 200, y: 120, w: 96, h: 192 };
    const { tensor, transform } = await letterbox(withRect(768, 576, drawn), 416);
    // Bounding box of clearly bright pixels in the red plane.
    let x0 = 416;
    let y0 = 416;
    let x1 = 0;
    let y1 = 0;
    for (let y = 0; y < 416; y++) {
      for (let x = 0; x < 416; x++) {
        if (tensor[y * 416 + x]! > 0.5) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x + 1);
          y1 = Math.max(y1, y + 1);
        }
      }
    }
    const found = toSourceBox({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, transform);
    // One input pixel is ~1.85 source pixels; bilinear edges can move the threshold crossing by one.
    expect(Math.abs(found.x - drawn.x)).toBeLessThanOrEqual(2);
    expect(Math.abs(found.y - drawn.y)).toBeLessThanOrEqual(2);
    expect(Math.abs(found.w - drawn.w)).toBeLessThanOrEqual(4);
    expect(Math.abs(found.h - drawn.h)).toBeLessThanOrEqual(4);
  });

  it('skips resampling when the image already has the fitted size', async () => {
    const img = solid(416, 416, [0, 255, 0]);
    const { tensor } = await letterbox(img, 416);
    expect(tensor[416 * 416 + 7]).toBe(1);
  });

  it('rejects a buffer that does not match the stated size', async () => {
    await expect(letterbox({ width: 10, height: 10, data: new Uint8Array(299) }, 32)).rejects.toThrow(
      /300 bytes/,
    );
  });
});

describe('packNchw', () => {
  it('overwrites a reused buffer completely, padding included', () => {
    const t = letterboxTransform(4, 2, 4);
    const into = new Float32Array(3 * 16).fill(7);
    const out = packNchw(solid(4, 2, [255, 255, 255]), t, into);
    expect(out).toBe(into);
    expect([...out.slice(0, 16)]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
  });

  it('refuses a buffer of the wrong length', () => {
    const t = letterboxTransform(4, 2, 4);
    expect(() => packNchw(solid(4, 2, [0, 0, 0]), t, new Float32Array(10))).toThrow(/48/);
  });
});
