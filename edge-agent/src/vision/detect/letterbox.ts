// Network input from a decoded frame: sharp resizes (raw in, raw out), then one loop scales to [0, 1]
// and reorders interleaved RGB into planar NCHW inside the zero padding.
import sharp from 'sharp';
import type { RgbImage } from '../frame.js';
import { type LetterboxTransform, letterboxTransform } from './letterbox-transform.js';

export interface LetterboxResult {
  /** [1, 3, size, size], RGB / 255, padding 0. */
  tensor: Float32Array;
  transform: LetterboxTransform;
}

/** Resize `image` to fit a `size`×`size` square and pack it as NCHW floats. Pass `into` (length
 * 3·size²) to reuse a buffer between frames; it is overwritten, padding included. */
export async function letterbox(image: RgbImage, size = 416, into?: Float32Array): Promise<LetterboxResult> {
  const transform = letterboxTransform(image.width, image.height, size);
  const resized = await resizeRgb(image, transform.width, transform.height);
  const tensor = packNchw(resized, transform, into);
  return { tensor, transform };
}

async function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (image.data.length !== image.width * image.height * 3) {
    throw new RangeError(
      `RGB image ${image.width}×${image.height} needs ${image.width * image.height * 3} bytes, got ${image.data.length}`,
    );
  }
  if (width === image.width && height === image.height) return image;
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    // Bilinear is what the TFJS reference pipeline used and is much cheaper than lanczos on a Pi.
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== width || info.height !== height) {
    throw new Error(
      `sharp returned ${info.width}×${info.height}×${info.channels}, wanted ${width}×${height}×3`,
    );
  }
  return { width, height, data };
}

/** Interleaved RGB of the transform's resized extent → planar [1, 3, size, size] floats in [0, 1]. */
export function packNchw(resized: RgbImage, t: LetterboxTransform, into?: Float32Array): Float32Array {
  const { size, width, height, padX, padY } = t;
  const plane = size * size;
  if (resized.width !== width || resized.height !== height) {
    throw new RangeError(
      `resized image is ${resized.width}×${resized.height}, transform wants ${width}×${height}`,
    );
  }
  if (into && into.length !== 3 * plane) {
    throw new RangeError(`input buffer holds ${into.length} floats, needs ${3 * plane}`);
  }
  const out = into ?? new Float32Array(3 * plane);
  if (into) out.fill(0);
  const src = resized.data;
  const k = 1 / 255;
  for (let y = 0; y < height; y++) {
    let s = y * width * 3;
    let d = (y + padY) * size + padX;
    const end = d + width;
    for (; d < end; d++, s += 3) {
      out[d] = src[s]! * k;
      out[d + plane] = src[s + 1]! * k;
      out[d + 2 * plane] = src[s + 2]! * k;
    }
  }
  return out;
}
