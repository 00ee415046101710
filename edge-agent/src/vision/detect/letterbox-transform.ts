// Where a source image lands inside the square network input, and the way back: the image is scaled
// to fit (aspect kept) and centred, the rest is padding.
import type { Box } from '../frame.js';

/** The placement of a source image of `srcWidth`×`srcHeight` inside a `size`×`size` input. */
export interface LetterboxTransform {
  readonly size: number;
  readonly srcWidth: number;
  readonly srcHeight: number;
  /** Resized image extent in input pixels (integers: what the resampler produces). */
  readonly width: number;
  readonly height: number;
  /** Offset of the resized image inside the input (integers). */
  readonly padX: number;
  readonly padY: number;
}

/** Fit the source into the square, keeping its aspect; the resized extent is rounded to whole pixels
 * and at least 1, and the padding splits evenly (the odd pixel goes right/bottom). */
export function letterboxTransform(srcWidth: number, srcHeight: number, size: number): LetterboxTransform {
  if (!(srcWidth > 0 && srcHeight > 0 && size > 0)) {
    throw new RangeError(`letterbox needs positive sizes, got ${srcWidth}×${srcHeight} → ${size}`);
  }
  const scale = Math.min(size / srcWidth, size / srcHeight);
  const width = Math.min(size, Math.max(1, Math.round(srcWidth * scale)));
  const height = Math.min(size, Math.max(1, Math.round(srcHeight * scale)));
  return {
    size,
    srcWidth,
    srcHeight,
    width,
    height,
    padX: Math.floor((size - width) / 2),
    padY: Math.floor((size - height) / 2),
  };
}

/** Input pixels → source pixels. Each axis uses its own effective scale (rounding makes them differ
 * slightly), so the mapping is exact for the pixels the resampler produced. Not clipped. */
export function toSourceBox<B extends Box>(box: B, t: LetterboxTransform): B {
  const sx = t.srcWidth / t.width;
  const sy = t.srcHeight / t.height;
  return { ...box, x: (box.x - t.padX) * sx, y: (box.y - t.padY) * sy, w: box.w * sx, h: box.h * sy };
}

/** Source pixels → input pixels; the inverse of `toSourceBox`. */
export function toInputBox<B extends Box>(box: B, t: LetterboxTransform): B {
  const sx = t.width / t.srcWidth;
  const sy = t.height / t.srcHeight;
  return { ...box, x: box.x * sx + t.padX, y: box.y * sy + t.padY, w: box.w * sx, h: box.h * sy };
}

/** Clip a box to a `width`×`height` image; undefined when nothing of it is left inside. */
export function clipBox<B extends Box>(box: B, width: number, height: number): B | undefined {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 = Math.min(width, box.x + box.w);
  const y1 = Math.min(height, box.y + box.h);
  if (x1 <= x0 || y1 <= y0) return undefined;
  return { ...box, x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
