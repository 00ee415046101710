// Global brightness changes (auto-exposure, clouds, a lamp) scale every pixel alike; estimating that
// scale per channel and applying it to the background keeps the whole frame from turning foreground.
import type { RgbImage } from '../frame.js';
import type { BackgroundModel } from './background-model.js';

export type Gain = readonly [number, number, number];

export interface GainOptions {
  /** Sample every `step`-th pixel in both directions. */
  step: number;
  /** Background values outside [low, high] are skipped: near black and saturated pixels carry no ratio. */
  low: number;
  high: number;
}

/**
 * Per-channel median of frame / background over sampled pixels that showed background last frame
 * (`previous[i] === 0`, or all when undefined). Medians ignore the people in the frame as long as they
 * cover less than half of the sampled pixels. With too few samples the gain is 1.
 */
export function estimateGain(
  image: RgbImage,
  model: BackgroundModel,
  previous: Uint8Array | undefined,
  options: GainOptions,
): Gain {
  const { width, height } = model;
  const { step, low, high } = options;
  const capacity = Math.ceil(width / step) * Math.ceil(height / step);
  const ratios = [new Float32Array(capacity), new Float32Array(capacity), new Float32Array(capacity)];
  const counts = [0, 0, 0];
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const i = y * width + x;
      if (previous?.[i]) continue;
      for (let channel = 0; channel < 3; channel++) {
        const expected = model.mean[i * 3 + channel]!;
        if (expected < low || expected > high) continue;
        ratios[channel]![counts[channel]!++] = image.data[i * 3 + channel]! / expected;
      }
    }
  }
  const gain = (channel: number): number => {
    const count = counts[channel]!;
    if (count < 16) return 1;
    const sorted = ratios[channel]!.subarray(0, count).sort();
    return sorted[count >> 1]!;
  };
  return [gain(0), gain(1), gain(2)];
}
