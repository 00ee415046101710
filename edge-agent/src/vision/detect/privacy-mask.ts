// Privacy masks: image regions (a window onto the street, a pharmacy counter) blanked before any
// detector sees the frame, so nothing inside them is ever detected, tracked or counted.
import type { Polygon } from '@retail/contracts';
import type { RgbImage } from '../frame.js';

export type Rgb = readonly [number, number, number];

/**
 * A copy of `image` with every pixel whose centre lies inside one of `masks` (image pixels, even-odd
 * rule, as `pointInPolygon`) set to `fill`. The input is left untouched; with no masks it is returned
 * as is. Scanline fill: per row, the polygon edges crossing the row's centre line give the spans.
 */
export function applyPrivacyMasks(
  image: RgbImage,
  masks: readonly Polygon[],
  fill: Rgb = [0, 0, 0],
): RgbImage {
  if (masks.length === 0) return image;
  const data = new Uint8Array(image.data);
  for (const mask of masks) fillPolygon(data, image.width, image.height, mask, fill);
  return { width: image.width, height: image.height, data };
}

function fillPolygon(data: Uint8Array, width: number, height: number, poly: Polygon, fill: Rgb): void {
  if (poly.length < 3) return;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [, y] of poly) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const rowStart = Math.max(0, Math.floor(minY));
  const rowEnd = Math.min(height - 1, Math.ceil(maxY));
  const xs: number[] = [];
  for (let row = rowStart; row <= rowEnd; row++) {
    const cy = row + 0.5;
    xs.length = 0;
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const [ax, ay] = poly[i]!;
      const [bx, by] = poly[j]!;
      // Half-open in y so a vertex on the centre line is counted once, not twice.
      if (ay > cy !== by > cy) xs.push(ax + ((cy - ay) * (bx - ax)) / (by - ay));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Pixels whose centre px + 0.5 lies in [xs[k], xs[k + 1]).
      const from = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(width, Math.ceil(xs[k + 1]! - 0.5));
      for (let px = from, o = (row * width + from) * 3; px < to; px++, o += 3) {
        data[o] = fill[0];
        data[o + 1] = fill[1];
        data[o + 2] = fill[2];
      }
    }
  }
}
