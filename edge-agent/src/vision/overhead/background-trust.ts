// When an overhead camera's learned empty scene (OverheadDetector.background()) is worth keeping as one of
// its reference pictures across restarts, and when the next one is due. Pure: frame counts, frame times
// and pixels come in as arguments.
import type { RgbImage } from '../frame.js';

export interface KeepRule {
  /** A picture is kept every this many milliseconds of frame time (and once more on stop). */
  everyMs: number;
  /**
   * The model must have learned at least this many frames since the start. On a cold start the first
   * frame is the background, whoever stands in it included; the model needs a few hundred frames before
   * they walk off and their ghost is absorbed (5 frames), and light has settled (the background rate, 0.05,
   * follows in about 20 frames). Passers-by never enter it: foreground learns at 1/7,500 per frame.
   */
  minFrames: number;
  /** The picture's mean grey level must reach this: lights off or a covered lens is not the empty scene. */
  minMeanLevel: number;
}

/** Every 10 minutes; 500 frames are 20 s at 25 fps, 100 s at 5 fps. */
export const DEFAULT_KEEP_RULE: KeepRule = { everyMs: 10 * 60_000, minFrames: 500, minMeanLevel: 16 };

export type Trust = { trusted: true } | { trusted: false; reason: string };

/** Whether `background`, learned from `learnedFrames` frames, may be kept. */
export function backgroundTrust(
  background: RgbImage | undefined,
  learnedFrames: number,
  rule: Pick<KeepRule, 'minFrames' | 'minMeanLevel'>,
): Trust {
  if (learnedFrames < rule.minFrames) {
    return { trusted: false, reason: `learned from ${learnedFrames} frames, fewer than ${rule.minFrames}` };
  }
  if (background === undefined) return { trusted: false, reason: 'nothing learned yet' };
  const level = meanLevel(background);
  if (level < rule.minMeanLevel) {
    return { trusted: false, reason: `too dark (mean level ${level.toFixed(1)} < ${rule.minMeanLevel})` };
  }
  return { trusted: true };
}

/** Whether a picture is due at frame time `ts`, the last one having been kept (or the frames begun) at `since`. */
export function keepDue(since: number, ts: number, everyMs: number): boolean {
  return ts - since >= everyMs;
}

/** Mean over every channel of every pixel. */
export function meanLevel(image: RgbImage): number {
  let sum = 0;
  for (let i = 0; i < image.data.length; i++) sum += image.data[i]!;
  return image.data.length === 0 ? 0 : sum / image.data.length;
}
