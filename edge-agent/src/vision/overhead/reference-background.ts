// The empty scene as the camera's past shows it. The per-pixel median of pictures spread over that past
// drops whoever is in fewer than half of them; how far the pictures stray from the median says how much
// the reference can be trusted at each pixel. Sunlit patches that move with the time of day stray a lot,
// so there the detector relearns the scene from its own frames; the floor under a desk where someone
// sits all day does not, so there the reference keeps that person visible.
import type { RgbImage } from '../frame.js';

export interface BackgroundReference {
  image: RgbImage;
  /** Per pixel: how far (grey levels, Euclidean over RGB) the pictures stray from `image`; see learnReference. */
  spread: Float32Array;
}

export interface SpreadOptions {
  /** Which quantile of the pictures' distances from the median is the spread (0.75: a quarter may stray further). */
  quantile: number;
  /** The spread is the maximum over this radius, since edges of light patches shift by a few pixels. */
  radius: number;
}

/**
 * The middle distance, widened by a pixel: leave-one-clip-out on the CAVIAR lobby (each clip against the
 * other seven clips' medians) found the median distance (0.5) better than the 0.75 quantile for recall at
 * about the same precision, and a 1-pixel radius better than 0 or 2 for precision; the 0.6 and 0.4
 * quantiles were worse than both. With few pictures these choices are coarse (7 pictures: the 4th distance).
 */
export const DEFAULT_SPREAD: SpreadOptions = { quantile: 0.5, radius: 1 };

/** Per-channel median of same-sized images; with an even count, the upper middle value. */
export function medianImage(images: readonly RgbImage[]): RgbImage {
  const { width, height } = sameSize(images);
  const length = width * height * 3;
  const data = new Uint8Array(length);
  // A 256-bin histogram per value would be faster for many images; for tens of images sorting is fine.
  const values = new Uint8Array(images.length);
  const middle = images.length >> 1;
  for (let i = 0; i < length; i++) {
    for (let k = 0; k < images.length; k++) values[k] = images[k]!.data[i]!;
    values.sort();
    data[i] = values[middle]!;
  }
  return { width, height, data };
}

/**
 * A reference from pictures of the empty-ish scene taken at different times (e.g. each the median of one
 * recording, so that people walking by are already gone): their median and its per-pixel spread. Each
 * picture's overall brightness is matched to the median first (per channel, by the median ratio), since
 * the detector compensates that anyway (illumination.ts) and it should not count as untrustworthiness.
 */
export function learnReference(
  images: readonly RgbImage[],
  options: SpreadOptions = DEFAULT_SPREAD,
): BackgroundReference {
  const image = medianImage(images);
  const pixels = image.width * image.height;
  const gains = images.map((other) => channelRatios(other, image));
  const spread = new Float32Array(pixels);
  const distances = new Float32Array(images.length);
  for (let i = 0; i < pixels; i++) {
    const c = i * 3;
    images.forEach((other, k) => {
      const [gr, gg, gb] = gains[k]!;
      const dr = other.data[c]! / gr - image.data[c]!;
      const dg = other.data[c + 1]! / gg - image.data[c + 1]!;
      const db = other.data[c + 2]! / gb - image.data[c + 2]!;
      distances[k] = Math.sqrt(dr * dr + dg * dg + db * db);
    });
    distances.sort();
    spread[i] = distances[Math.min(images.length - 1, Math.floor(options.quantile * images.length))]!;
  }
  return { image, spread: maxFilter(spread, image.width, image.height, options.radius) };
}

/** The maximum over a (2r+1)² square around each pixel, clipped to the image. */
function maxFilter(values: Float32Array, width: number, height: number, radius: number): Float32Array {
  const rows = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let max = 0;
      for (let k = Math.max(0, x - radius); k <= Math.min(width - 1, x + radius); k++) {
        max = Math.max(max, values[y * width + k]!);
      }
      rows[y * width + x] = max;
    }
  }
  const out = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let max = 0;
      for (let k = Math.max(0, y - radius); k <= Math.min(height - 1, y + radius); k++) {
        max = Math.max(max, rows[k * width + x]!);
      }
      out[y * width + x] = max;
    }
  }
  return out;
}

/** Per channel, the median of image / base over pixels where base is neither near black nor saturated. */
function channelRatios(image: RgbImage, base: RgbImage): [number, number, number] {
  const ratio = (channel: number): number => {
    const values: number[] = [];
    for (let c = channel; c < base.data.length; c += 12) {
      const expected = base.data[c]!;
      if (expected >= 16 && expected <= 240) values.push(image.data[c]! / expected);
    }
    values.sort((a, b) => a - b);
    const middle = values[values.length >> 1];
    return middle !== undefined && middle > 0 ? middle : 1;
  };
  return [ratio(0), ratio(1), ratio(2)];
}

function sameSize(images: readonly RgbImage[]): { width: number; height: number } {
  const first = images[0];
  if (first === undefined) throw new Error('expected at least one image, got none');
  const { width, height } = first;
  for (const image of images) {
    if (image.width !== width || image.height !== height) {
      throw new Error(`expected ${width}×${height} images, got ${image.width}×${image.height}`);
    }
  }
  return { width, height };
}
