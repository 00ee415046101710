// Made-up overhead frames for tests and demos: a grey floor with a marble-like grain, flat-coloured people
// and soft shadows, plus sensor noise. Nothing here reads a real recording.
import { seededRandom } from '@retail/contracts';
import type { Box, RgbImage } from '../frame.js';

/**
 * A grey floor with a random grain of up to ±`contrast` grey levels around `level`, on a grid of `cell`
 * pixels bilinearly interpolated so that neighbouring pixels correlate as on stone.
 */
export function texturedFloor(
  width: number,
  height: number,
  seed = 1,
  level = 150,
  contrast = 12,
  cell = 3,
): RgbImage {
  const random = seededRandom(seed);
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = Float32Array.from({ length: gw * gh }, () => (random() * 2 - 1) * contrast);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = x / cell;
      const gy = y / cell;
      const x0 = Math.floor(gx);
      const y0 = Math.floor(gy);
      const fx = gx - x0;
      const fy = gy - y0;
      const at = (u: number, v: number): number => grid[v * gw + u]!;
      const grain =
        at(x0, y0) * (1 - fx) * (1 - fy) +
        at(x0 + 1, y0) * fx * (1 - fy) +
        at(x0, y0 + 1) * (1 - fx) * fy +
        at(x0 + 1, y0 + 1) * fx * fy;
      const value = level + grain;
      const c = (y * width + x) * 3;
      data[c] = clamp(value);
      data[c + 1] = clamp(value + 4);
      data[c + 2] = clamp(value + 10);
    }
  }
  return { width, height, data };
}

/** A copy of `image` with a filled ellipse inscribed in `box` in `colour`: a person seen from above. */
export function withPerson(image: RgbImage, box: Box, colour: readonly [number, number, number]): RgbImage {
  return paintEllipse(image, box, (c, data) => {
    data[c] = colour[0];
    data[c + 1] = colour[1];
    data[c + 2] = colour[2];
  });
}

/** A copy of `image` darkened by `factor` inside the ellipse in `box`: a shadow keeps the floor's grain. */
export function withShadow(image: RgbImage, box: Box, factor: number): RgbImage {
  return paintEllipse(image, box, (c, data) => {
    for (let k = 0; k < 3; k++) data[c + k] = clamp(data[c + k]! * factor);
  });
}

/** A copy of `image` with uniform noise of ±`amplitude` grey levels per channel. */
export function withNoise(image: RgbImage, amplitude: number, seed: number): RgbImage {
  const random = seededRandom(seed);
  const data = Uint8Array.from(image.data, (value) => clamp(value + (random() * 2 - 1) * amplitude));
  return { width: image.width, height: image.height, data };
}

function paintEllipse(image: RgbImage, box: Box, paint: (c: number, data: Uint8Array) => void): RgbImage {
  const data = image.data.slice();
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(image.height, Math.ceil(box.y + box.h)); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(image.width, Math.ceil(box.x + box.w)); x++) {
      const u = (x + 0.5 - cx) / (box.w / 2);
      const v = (y + 0.5 - cy) / (box.h / 2);
      if (u * u + v * v <= 1) paint((y * image.width + x) * 3, data);
    }
  }
  return { width: image.width, height: image.height, data };
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
