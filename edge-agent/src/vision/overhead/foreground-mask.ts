// Which pixels differ from the background by more than their own noise, ignoring shadows. A shadow darkens
// the floor but leaves its texture: around a shadow pixel the frame's brightness pattern is the
// background's, only dimmer, so their normalized cross-correlation stays high (as in Jacques et al., 2005).
// Grey clothes darken the floor too, which is why brightness and colour alone (Horprasert et al., 1999)
// mistake people in grey for shadows; cloth does not carry the marble's veins.
import type { RgbImage } from '../frame.js';
import type { BackgroundModel } from './background-model.js';
import type { Gain } from './illumination.js';

export interface ForegroundThresholds {
  /** A pixel is a candidate when its colour distance exceeds this many times its noise level… */
  noiseMultiple: number;
  /** …and at least this many grey levels (keeps very quiet pixels from firing on JPEG noise). */
  minDistance: number;
  /** Brightness ratio range (frame / background along the background colour) a shadow may have. */
  shadowBrightness: readonly [number, number];
  /** The texture is compared over a (2r+1)² window… */
  shadowRadius: number;
  /** …and a shadow keeps at least this correlation with the background there… */
  shadowCorrelation: number;
  /** …where the background has texture at all: a standard deviation of at least this (grey levels). */
  shadowMinTexture: number;
  /**
   * Penumbra: a pixel no darker than this share of the background… (soft shadows and the blur's spill
   * around a person darken the floor by 5–15%; people differ from the floor by more, or in colour)
   */
  penumbraBrightness: number;
  /** …and of the background's colour to within this chroma distortion, |frame − b·background| / |background|. */
  penumbraChroma: number;
}

/** 1 where the pixel shows foreground, 0 for background and shadow; written into `out` when given. */
export function foregroundMask(
  image: RgbImage,
  model: BackgroundModel,
  gain: Gain,
  thresholds: ForegroundThresholds,
  out: Uint8Array = new Uint8Array(model.width * model.height),
): Uint8Array {
  const { mean, noise } = model;
  const data = image.data;
  const [gr, gg, gb] = gain;
  const { noiseMultiple, minDistance, penumbraBrightness, penumbraChroma } = thresholds;
  const [shadowLow, shadowHigh] = thresholds.shadowBrightness;
  const { width, height } = model;
  const pixels = width * height;
  for (let i = 0, c = 0; i < pixels; i++, c += 3) {
    const r = data[c]!;
    const g = data[c + 1]!;
    const b = data[c + 2]!;
    const br = gr * mean[c]!;
    const bg = gg * mean[c + 1]!;
    const bb = gb * mean[c + 2]!;
    const dr = r - br;
    const dg = g - bg;
    const db = b - bb;
    const level = noise[i]!;
    const limit = Math.max(noiseMultiple * level, minDistance);
    if (dr * dr + dg * dg + db * db <= limit * limit) {
      out[i] = 0;
      continue;
    }
    const norm = br * br + bg * bg + bb * bb;
    const brightness = norm > 0 ? (r * br + g * bg + b * bb) / norm : 0;
    if (brightness >= penumbraBrightness && brightness <= 1) {
      const cr = r - brightness * br;
      const cg = g - brightness * bg;
      const cb = b - brightness * bb;
      if (cr * cr + cg * cg + cb * cb <= penumbraChroma * penumbraChroma * norm) {
        out[i] = 0;
        continue;
      }
    }
    const shadow =
      brightness >= shadowLow &&
      brightness <= shadowHigh &&
      keepsTexture(image, model, gain, i % width, Math.floor(i / width), thresholds);
    out[i] = shadow ? 0 : 1;
  }
  return out;
}

/** Whether the frame's brightness around (x, y) correlates with the background's, which must be textured. */
function keepsTexture(
  image: RgbImage,
  model: BackgroundModel,
  gain: Gain,
  x: number,
  y: number,
  thresholds: ForegroundThresholds,
): boolean {
  const { width, height, mean } = model;
  const data = image.data;
  const [gr, gg, gb] = gain;
  const radius = thresholds.shadowRadius;
  let n = 0;
  let sf = 0;
  let sb = 0;
  let sff = 0;
  let sbb = 0;
  let sfb = 0;
  for (let v = Math.max(0, y - radius); v <= Math.min(height - 1, y + radius); v++) {
    for (let u = Math.max(0, x - radius); u <= Math.min(width - 1, x + radius); u++) {
      const c = (v * width + u) * 3;
      const f = (data[c]! + data[c + 1]! + data[c + 2]!) / 3;
      const b = (gr * mean[c]! + gg * mean[c + 1]! + gb * mean[c + 2]!) / 3;
      n++;
      sf += f;
      sb += b;
      sff += f * f;
      sbb += b * b;
      sfb += f * b;
    }
  }
  const varianceB = sbb / n - (sb / n) ** 2;
  const varianceF = sff / n - (sf / n) ** 2;
  const minTexture = thresholds.shadowMinTexture;
  if (varianceB < minTexture * minTexture || varianceF <= 0) return false;
  const covariance = sfb / n - (sf / n) * (sb / n);
  return covariance / Math.sqrt(varianceB * varianceF) >= thresholds.shadowCorrelation;
}
