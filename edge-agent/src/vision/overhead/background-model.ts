// The per-pixel picture of the empty scene: an expected colour and a noise level for every pixel, learned
// with a selective running average. Pixels that show background follow the scene quickly (light drifts,
// sensor noise); pixels that show foreground follow it very slowly, so a person who stands still stays
// foreground for about 1/foreground-rate frames instead of melting into the background within seconds.
import type { RgbImage } from '../frame.js';

export interface BackgroundModel {
  readonly width: number;
  readonly height: number;
  /** Expected RGB per pixel, interleaved like `RgbImage.data`. */
  readonly mean: Float32Array;
  /** Typical colour distance |frame − mean| (grey levels, Euclidean over RGB) where the pixel shows background. */
  readonly noise: Float32Array;
}

export interface BackgroundRates {
  /** Per-frame learning rate of pixels that show background. */
  background: number;
  /** Per-frame learning rate of pixels that show foreground (0 freezes them). */
  foreground: number;
  /** Per-frame learning rate of the noise level, background pixels only… */
  noise: number;
  /**
   * …or this one, when given, for frames that differ more than the noise level: with a faster rise than
   * fall the level follows the upper envelope of the differences, so pixels hit now and then by a large
   * jump (a jittering picture edge, glare) keep a threshold above it instead of firing every time.
   */
  noiseRise?: number;
}

/**
 * A model whose empty scene is `image` (a reference picture, or the first frame on a cold start), with
 * the same starting noise level everywhere or one per pixel.
 */
export function createBackgroundModel(image: RgbImage, noise: number | Float32Array): BackgroundModel {
  const pixels = image.width * image.height;
  return {
    width: image.width,
    height: image.height,
    mean: Float32Array.from(image.data.subarray(0, pixels * 3)),
    noise: typeof noise === 'number' ? new Float32Array(pixels).fill(noise) : Float32Array.from(noise),
  };
}

/**
 * Learns one frame into the model, in place. `foreground[i]` is non-zero where pixel i shows something
 * that is not the empty scene (people, usually dilated a little so their outlines do not leak in).
 * `gain` is the frame's global brightness relative to the model (see illumination.ts): the noise level is
 * learned from the compensated difference, so a lamp switching on does not read as noise.
 */
export function updateBackgroundModel(
  model: BackgroundModel,
  image: RgbImage,
  foreground: Uint8Array,
  rates: BackgroundRates,
  gain: readonly [number, number, number] = [1, 1, 1],
): void {
  const { mean, noise } = model;
  const data = image.data;
  const [gr, gg, gb] = gain;
  const pixels = model.width * model.height;
  for (let i = 0, c = 0; i < pixels; i++, c += 3) {
    const r = data[c]!;
    const g = data[c + 1]!;
    const b = data[c + 2]!;
    if (foreground[i]) {
      const rate = rates.foreground;
      if (rate > 0) {
        mean[c] = mean[c]! + rate * (r - mean[c]!);
        mean[c + 1] = mean[c + 1]! + rate * (g - mean[c + 1]!);
        mean[c + 2] = mean[c + 2]! + rate * (b - mean[c + 2]!);
      }
      continue;
    }
    const dr = r - gr * mean[c]!;
    const dg = g - gg * mean[c + 1]!;
    const db = b - gb * mean[c + 2]!;
    const distance = Math.sqrt(dr * dr + dg * dg + db * db);
    const noiseRate = distance > noise[i]! ? (rates.noiseRise ?? rates.noise) : rates.noise;
    noise[i] = noise[i]! + noiseRate * (distance - noise[i]!);
    const rate = rates.background;
    mean[c] = mean[c]! + rate * (r - mean[c]!);
    mean[c + 1] = mean[c + 1]! + rate * (g - mean[c + 1]!);
    mean[c + 2] = mean[c + 2]! + rate * (b - mean[c + 2]!);
  }
}

/**
 * Takes the frame as the empty scene where `mask` is non-zero, at once (a ghost's floor, see ghost-test.ts).
 * The mean is stored as frame / gain, so that the model times this frame's gain is the frame; the noise
 * levels stay as they were.
 */
export function absorbIntoBackground(
  model: BackgroundModel,
  image: RgbImage,
  mask: Uint8Array,
  gain: readonly [number, number, number] = [1, 1, 1],
): void {
  const { mean } = model;
  const data = image.data;
  const pixels = model.width * model.height;
  for (let i = 0, c = 0; i < pixels; i++, c += 3) {
    if (!mask[i]) continue;
    for (let k = 0; k < 3; k++) mean[c + k] = gain[k]! > 0 ? data[c + k]! / gain[k]! : data[c + k]!;
  }
}

/** The model's expected scene as an image (rounded), e.g. to persist it as the camera's reference. */
export function backgroundImage(model: BackgroundModel): RgbImage {
  const data = new Uint8Array(model.mean.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(model.mean[i]!);
  return { width: model.width, height: model.height, data };
}
