// A (2r+1)² box blur of an RGB image: averaging a few neighbours cuts JPEG and sensor noise, and the grain
// of a textured floor, by roughly the window's side, so the foreground threshold can sit much lower.
import type { RgbImage } from '../frame.js';

/** Mean over the window clipped to the image (edges average fewer pixels). Radius 0 copies. */
export function boxBlur(image: RgbImage, radius: number): RgbImage {
  const { width, height } = image;
  const stride = width * 3;
  const source = image.data;
  if (radius <= 0) return { width, height, data: source.slice(0, height * stride) };
  // Horizontal sums per row (not yet divided), then a running sum of those rows down each column.
  const rows = new Float32Array(height * stride);
  const counts = new Float32Array(width);
  for (let x = 0; x < width; x++) counts[x] = Math.min(width - 1, x + radius) - Math.max(0, x - radius) + 1;
  for (let y = 0; y < height; y++) {
    const base = y * stride;
    let r = 0;
    let g = 0;
    let b = 0;
    for (let x = 0; x < Math.min(radius, width); x++) {
      r += source[base + x * 3]!;
      g += source[base + x * 3 + 1]!;
      b += source[base + x * 3 + 2]!;
    }
    for (let x = 0; x < width; x++) {
      const enter = x + radius;
      if (enter < width) {
        r += source[base + enter * 3]!;
        g += source[base + enter * 3 + 1]!;
        b += source[base + enter * 3 + 2]!;
      }
      const leave = x - radius - 1;
      if (leave >= 0) {
        r -= source[base + leave * 3]!;
        g -= source[base + leave * 3 + 1]!;
        b -= source[base + leave * 3 + 2]!;
      }
      rows[base + x * 3] = r;
      rows[base + x * 3 + 1] = g;
      rows[base + x * 3 + 2] = b;
    }
  }
  const data = new Uint8Array(height * stride);
  const column = new Float32Array(stride);
  for (let y = 0; y < Math.min(radius, height); y++) {
    for (let k = 0; k < stride; k++) column[k] = column[k]! + rows[y * stride + k]!;
  }
  for (let y = 0; y < height; y++) {
    const enter = y + radius;
    if (enter < height) for (let k = 0; k < stride; k++) column[k] = column[k]! + rows[enter * stride + k]!;
    const leave = y - radius - 1;
    if (leave >= 0) for (let k = 0; k < stride; k++) column[k] = column[k]! - rows[leave * stride + k]!;
    const span = Math.min(height - 1, enter) - Math.max(0, y - radius) + 1;
    const base = y * stride;
    for (let x = 0, k = 0; x < width; x++, k += 3) {
      const n = span * counts[x]!;
      data[base + k] = Math.round(column[k]! / n);
      data[base + k + 1] = Math.round(column[k + 1]! / n);
      data[base + k + 2] = Math.round(column[k + 2]! / n);
    }
  }
  return { width, height, data };
}
