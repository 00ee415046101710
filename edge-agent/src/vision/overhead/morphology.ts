// Binary morphology with square structuring elements, on masks of 0/1 bytes. Each pass is separable and
// keeps running counts, so its cost does not depend on the radius. Only pixels inside the image count,
// so erosion does not eat blobs that touch the border and closing returns them whole.

/** Dilation by a (2r+1)² square: 1 where any pixel within r (Chebyshev distance) is 1. */
export function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return squareFilter(mask, width, height, radius, false);
}

/** Erosion by a (2r+1)² square: 1 where every pixel within r (and inside the image) is 1. */
export function erode(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return squareFilter(mask, width, height, radius, true);
}

/** Opening removes specks smaller than the square; closing fills gaps narrower than it. */
export function open(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return dilate(erode(mask, width, height, radius), width, height, radius);
}

export function close(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return erode(dilate(mask, width, height, radius), width, height, radius);
}

/**
 * Counts set pixels in a 1-D window along rows, then along columns (a running count per column, row by
 * row). A pixel is kept when its window has any set pixel (dilation) or only set pixels (erosion, where
 * `span` is the number of window pixels inside the image); doing that in both passes gives the square.
 */
function squareFilter(
  mask: Uint8Array,
  width: number,
  height: number,
  radius: number,
  all: boolean,
): Uint8Array {
  if (radius <= 0) return mask.slice(0, width * height);
  const rows = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const base = y * width;
    let count = 0;
    for (let x = 0; x < Math.min(radius, width); x++) if (mask[base + x]) count++;
    for (let x = 0; x < width; x++) {
      const enter = x + radius;
      const leave = x - radius - 1;
      if (enter < width && mask[base + enter]) count++;
      if (leave >= 0 && mask[base + leave]) count--;
      const span = Math.min(width - 1, enter) - Math.max(0, x - radius) + 1;
      rows[base + x] = (all ? count === span : count > 0) ? 1 : 0;
    }
  }
  const out = new Uint8Array(width * height);
  const counts = new Int32Array(width);
  for (let y = 0; y < Math.min(radius, height); y++) {
    for (let x = 0; x < width; x++) counts[x] = counts[x]! + rows[y * width + x]!;
  }
  for (let y = 0; y < height; y++) {
    const enter = y + radius;
    const leave = y - radius - 1;
    if (enter < height) for (let x = 0; x < width; x++) counts[x] = counts[x]! + rows[enter * width + x]!;
    if (leave >= 0) for (let x = 0; x < width; x++) counts[x] = counts[x]! - rows[leave * width + x]!;
    const span = Math.min(height - 1, enter) - Math.max(0, y - radius) + 1;
    const base = y * width;
    for (let x = 0; x < width; x++) {
      const count = counts[x]!;
      out[base + x] = (all ? count === span : count > 0) ? 1 : 0;
    }
  }
  return out;
}
