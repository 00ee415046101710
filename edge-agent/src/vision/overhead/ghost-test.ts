// Telling a ghost from a person. When something that the background model took for the empty scene goes
// away (a person who stood there when the camera started, or before a gap in the frames), the floor it
// uncovers differs from the model and shows up as a blob: a ghost. Its outline is the outline of what
// left, drawn in the model, not in the frame; and inside, the frame looks like the floor around it while
// the model does not. A person is the other way round. (Cucchiara et al., 2003, tell ghosts by their lack
// of motion; edges and contrast tell them from a single frame, people who stand still included.)
import type { RgbImage } from '../frame.js';
import type { BackgroundModel } from './background-model.js';
import type { Gain } from './illumination.js';
import type { Pixels } from './split-pixels.js';

/** A region to judge: its pixels, and which pixels of the frame belong to no region at all (0). */
export interface Region {
  pixels: Pixels;
  /** Per pixel of the frame: non-zero inside any foreground region (the cleaned mask, or blob labels). */
  occupied: ArrayLike<number>;
}

/**
 * The frame's share of the edge strength along a region's outline (its pixels next to unoccupied ones):
 * Σ frame gradient / Σ (frame + model gradient), each the largest central-difference gradient of the grey
 * level within one pixel of an outline pixel. About 0.5 where both show the same edges (a flicker, a
 * shifted window frame), above for people, below for ghosts. 0.5 without any edge: nothing to tell.
 */
export function outlineEdgeShare(
  region: Region,
  image: RgbImage,
  model: BackgroundModel,
  gain: Gain,
): number {
  const { width, height } = model;
  const { xs, ys } = region.pixels;
  const { occupied } = region;
  let frameSum = 0;
  let modelSum = 0;
  for (let p = 0; p < xs.length; p++) {
    const x = xs[p]!;
    const y = ys[p]!;
    const i = y * width + x;
    const outline =
      x === 0 ||
      y === 0 ||
      x === width - 1 ||
      y === height - 1 ||
      !occupied[i - 1] ||
      !occupied[i + 1] ||
      !occupied[i - width] ||
      !occupied[i + width];
    if (!outline) continue;
    frameSum += nearbyGradient(image.data, [1, 1, 1], width, height, x, y);
    modelSum += nearbyGradient(model.mean, gain, width, height, x, y);
  }
  const total = frameSum + modelSum;
  return total > 0 ? frameSum / total : 0.5;
}

/**
 * The frame's share of the colour contrast between a region and the ring of background around it:
 * |inside − ring| in the frame / (that + the same in the model), over mean colours, the ring being the
 * unoccupied pixels `ring` pixels away from the region's pixels, left, right, up and down. A ghost's
 * inside matches the floor around it in the frame and not in the model, so its share is low; a person's
 * is high. Texture averages out in the means, which makes this the steadier test on marble, and the
 * weaker one for people dressed in the floor's colour. 0.5 without a ring or without any contrast.
 */
export function ringContrastShare(
  region: Region,
  image: RgbImage,
  model: BackgroundModel,
  gain: Gain,
  ring: number,
): number {
  const { width, height, mean } = model;
  const { xs, ys } = region.pixels;
  const { occupied } = region;
  const data = image.data;
  const inside = [0, 0, 0, 0, 0, 0];
  const around = [0, 0, 0, 0, 0, 0];
  let aroundCount = 0;
  const add = (sums: number[], i: number): void => {
    for (let k = 0; k < 3; k++) {
      sums[k] = sums[k]! + data[i * 3 + k]!;
      sums[k + 3] = sums[k + 3]! + gain[k]! * mean[i * 3 + k]!;
    }
  };
  const steps = [ring, 0, -ring, 0, 0, ring, 0, -ring];
  for (let p = 0; p < xs.length; p++) {
    const x = xs[p]!;
    const y = ys[p]!;
    add(inside, y * width + x);
    for (let s = 0; s < steps.length; s += 2) {
      const u = x + steps[s]!;
      const v = y + steps[s + 1]!;
      if (u < 0 || v < 0 || u >= width || v >= height || occupied[v * width + u]) continue;
      add(around, v * width + u);
      aroundCount++;
    }
  }
  if (aroundCount === 0 || xs.length === 0) return 0.5;
  let frameContrast = 0;
  let modelContrast = 0;
  for (let k = 0; k < 3; k++) {
    frameContrast += (inside[k]! / xs.length - around[k]! / aroundCount) ** 2;
    modelContrast += (inside[k + 3]! / xs.length - around[k + 3]! / aroundCount) ** 2;
  }
  const total = Math.sqrt(frameContrast) + Math.sqrt(modelContrast);
  return total > 0 ? Math.sqrt(frameContrast) / total : 0.5;
}

/** The largest gradient magnitude of the grey level (mean of the gained channels) within one pixel of (x, y). */
function nearbyGradient(
  data: ArrayLike<number>,
  gain: Gain,
  width: number,
  height: number,
  x: number,
  y: number,
): number {
  const grey = (u: number, v: number): number => {
    const c = (v * width + u) * 3;
    return (gain[0] * data[c]! + gain[1] * data[c + 1]! + gain[2] * data[c + 2]!) / 3;
  };
  let best = 0;
  for (let v = Math.max(1, y - 1); v <= Math.min(height - 2, y + 1); v++) {
    for (let u = Math.max(1, x - 1); u <= Math.min(width - 2, x + 1); u++) {
      const gx = grey(u + 1, v) - grey(u - 1, v);
      const gy = grey(u, v + 1) - grey(u, v - 1);
      best = Math.max(best, gx * gx + gy * gy);
    }
  }
  return Math.sqrt(best);
}

export interface GhostOptions {
  /** Regions whose outline has less than this share of its edges in the frame (see outlineEdgeShare)… */
  edgeShare: number;
  /** …and less than this share of the colour contrast with their surroundings (ringContrastShare) are ghosts. */
  contrastShare: number;
  /** The ring of surroundings lies this many pixels beyond the outline (past the blur's and closing's reach). */
  ring: number;
  /** After this many frames in a row as ghosts, regions are learned into the background at once. */
  frames: number;
}

export interface GhostJudgement {
  verdict: 'present' | 'ghost' | 'absorb';
  edgeShare: number;
}

/**
 * Judges regions frame after frame. It remembers, per pixel, for how many frames in a row a ghost has
 * covered it, so that a region is absorbed only once it has looked like a ghost for `frames` frames (one
 * frame's verdict can be wrong: a person dressed like the floor has faint edges). Ghosts are not people,
 * so the caller reports none of them, absorbed yet or not.
 */
export class GhostMemory {
  private ages: Uint16Array | undefined;

  /**
   * For each region: 'present', 'ghost' (not yet absorbed) or 'absorb' (learn its pixels now), with its
   * outline's edge share (which also tells how much it looks like a person, see person-score.ts).
   */
  judge(
    regions: readonly Region[],
    image: RgbImage,
    model: BackgroundModel,
    gain: Gain,
    options: GhostOptions,
  ): GhostJudgement[] {
    const { width, height } = model;
    const previous = this.ages?.length === width * height ? this.ages : new Uint16Array(width * height);
    const ages = new Uint16Array(width * height);
    const judgements = regions.map((region): GhostJudgement => {
      const edgeShare = outlineEdgeShare(region, image, model, gain);
      if (edgeShare >= options.edgeShare) return { verdict: 'present', edgeShare };
      const contrast = ringContrastShare(region, image, model, gain, options.ring);
      if (contrast >= options.contrastShare) return { verdict: 'present', edgeShare };
      const { xs, ys } = region.pixels;
      let oldest = 0;
      for (let p = 0; p < xs.length; p++) oldest = Math.max(oldest, previous[ys[p]! * width + xs[p]!]!);
      const age = Math.min(0xffff, oldest + 1);
      if (age >= options.frames) return { verdict: 'absorb', edgeShare };
      for (let p = 0; p < xs.length; p++) ages[ys[p]! * width + xs[p]!] = age;
      return { verdict: 'ghost', edgeShare };
    });
    this.ages = ages;
    return judgements;
  }

  reset(): void {
    this.ages = undefined;
  }
}
