// A person detector for cameras that look straight down, where COCO-trained networks see only heads and
// shoulders: background subtraction, then blobs, then person boxes. One instance per camera, since it
// learns that camera's empty scene frame by frame.
import type { Detection, DetectionResult, Detector, RgbImage } from '../frame.js';
import {
  absorbIntoBackground,
  type BackgroundModel,
  type BackgroundRates,
  backgroundImage,
  createBackgroundModel,
  updateBackgroundModel,
} from './background-model.js';
import { type BoxingOptions, blobsToParts, type PersonPart } from './blob-to-boxes.js';
import { boxBlur } from './box-blur.js';
import { type Blob, connectedComponents } from './connected-components.js';
import { type ForegroundThresholds, foregroundMask } from './foreground-mask.js';
import { GhostMemory, type GhostOptions } from './ghost-test.js';
import { estimateGain, type GainOptions } from './illumination.js';
import { close, dilate, open } from './morphology.js';
import { CAVIAR_PERSON_SCORE, type PersonScoreWeights, personScore } from './person-score.js';
import { CAVIAR_PERSON_SIZE } from './person-size.js';
import type { BackgroundReference } from './reference-background.js';

export interface OverheadOptions {
  /**
   * The empty scene as the camera's past shows it (see reference-background.ts). With it, people who
   * already stand still in the first frame are found; without it the first frame is taken as empty, and
   * whoever stands still in it stays invisible (and leaves a ghost when they walk off).
   */
  reference?: BackgroundReference;
  /** Frames are box-blurred with this radius before anything else (sensor noise, JPEG blocks, floor grain). */
  blurRadius: number;
  /**
   * Noise level (grey levels) every pixel starts with, before it has learned its own; with a reference,
   * pixels where the reference is uncertain start at its spread instead when that is higher.
   */
  initialNoise: number;
  rates: BackgroundRates;
  thresholds: ForegroundThresholds;
  gain: GainOptions;
  /** Opening removes specks up to this radius; closing then fills gaps up to its radius. */
  openRadius: number;
  closeRadius: number;
  /** Blobs under this many pixels are dropped before boxing (and learned into the background). */
  minBlobArea: number;
  /**
   * The background update skips each blob's box grown by this margin: whole boxes, so that holes in a
   * person's mask (a shirt the colour of the floor) are not learned as floor and left behind as a ghost.
   */
  updateMargin: number;
  /**
   * Parts whose outline and contrast are the model's rather than the frame's are ghosts (see
   * ghost-test.ts): never reported, and learned into the background after a few frames.
   */
  ghost: GhostOptions;
  boxing: BoxingOptions;
  /** How a part's fill, outline and shape make its score (see person-score.ts). */
  score: PersonScoreWeights;
  /** Detections below this score are not reported. */
  minScore: number;
  /** Milliseconds for the stage timings; `performance.now` unless a test passes its own clock. */
  now: () => number;
}

/**
 * Defaults tuned on the CAVIAR INRIA lobby clips (384×288, 25 fps). The rates count in frames: at 25 fps
 * the background follows light changes within about a second (1/0.05 frames) and takes a person who
 * stands still into the background only after about five minutes (7,500 frames). The noise level rises
 * five times faster than it falls, so it sits near the top of the differences a pixel shows (the picture's
 * jittering edges, glass) rather than at their mean. A ghost is learned after five frames (0.2 s).
 */
export const DEFAULT_OVERHEAD_OPTIONS: OverheadOptions = {
  blurRadius: 2,
  initialNoise: 6,
  rates: { background: 0.05, foreground: 1 / 7500, noise: 0.02, noiseRise: 0.1 },
  thresholds: {
    noiseMultiple: 2.5,
    minDistance: 10,
    shadowBrightness: [0.5, 1],
    shadowRadius: 3,
    shadowCorrelation: 0.6,
    shadowMinTexture: 3,
    penumbraBrightness: 0.85,
    penumbraChroma: 0.03,
  },
  gain: { step: 4, low: 16, high: 240 },
  openRadius: 1,
  closeRadius: 2,
  minBlobArea: 12,
  updateMargin: 3,
  ghost: { edgeShare: 0.45, contrastShare: 0.4, ring: 4, frames: 5 },
  boxing: {
    prior: CAVIAR_PERSON_SIZE,
    personFill: 0.5,
    minFill: 0.15,
    minArea: 30,
    mergeBelow: 0.5,
    mergeGap: 0.4,
    mergeSpan: 1.6,
    splitAbove: 2,
    bulkyArea: 0.6,
    bulkyMinor: 0.7,
    bulkySolidity: 0.8,
    maxPeople: 4,
    maxAspect: 3,
    trim: 0.05,
    extentWeight: 0.7,
    sideWeight: 0.4,
  },
  score: CAVIAR_PERSON_SCORE,
  minScore: 0,
  now: () => performance.now(),
};

/** Options are merged one level deep: a nested group such as `thresholds` is replaced whole. */
export class OverheadDetector implements Detector {
  readonly name = 'overhead-background';
  private readonly options: OverheadOptions;
  private model: BackgroundModel | undefined;
  /** Where the last frame's blobs were, so the next gain estimate ignores them. */
  private previous: Uint8Array | undefined;
  private mask: Uint8Array | undefined;
  private readonly ghosts = new GhostMemory();
  /** Frames learned into the model since the start or the last reset. */
  private learned = 0;

  constructor(options: Partial<OverheadOptions> = {}) {
    this.options = { ...DEFAULT_OVERHEAD_OPTIONS, ...options };
  }

  async detect(frame: RgbImage): Promise<DetectionResult> {
    const o = this.options;
    const start = o.now();
    const image = boxBlur(frame, o.blurRadius);
    const model = this.modelFor(image);
    const { width, height } = image;
    const gain = estimateGain(image, model, this.previous, o.gain);
    const raw = foregroundMask(image, model, gain, o.thresholds);
    this.mask = raw;
    const preprocessed = o.now();
    const cleaned = close(open(raw, width, height, o.openRadius), width, height, o.closeRadius);
    const components = connectedComponents(cleaned, width, height, o.minBlobArea);
    const inferred = o.now();
    const parts = blobsToParts(components, width, o.boxing);
    const judgements = this.ghosts.judge(
      parts.map((part) => ({ pixels: part.pixels, occupied: components.labels })),
      image,
      model,
      gain,
      o.ghost,
    );
    const detections: Detection[] = [];
    parts.forEach(({ detection }, index) => {
      const { verdict, edgeShare } = judgements[index]!;
      if (verdict !== 'present') return;
      const score = personScore(o.score, detection.score, edgeShare, detection.w, detection.h);
      if (score >= o.minScore) detections.push({ ...detection, score });
    });
    const skip = blobBoxes(components.blobs, width, height, o.updateMargin);
    const ghosts = parts.filter((_, index) => judgements[index]!.verdict === 'absorb');
    if (ghosts.length > 0) {
      // The margin covers the ghost's blurred rim, but not the pixels of a person it touches.
      const absorbed = dilate(pixelMask(ghosts, width, height), width, height, o.updateMargin);
      const present = parts.filter((_, index) => judgements[index]!.verdict === 'present');
      for (const { pixels } of present) {
        for (let p = 0; p < pixels.xs.length; p++) absorbed[pixels.ys[p]! * width + pixels.xs[p]!] = 0;
      }
      absorbIntoBackground(model, image, absorbed, gain);
      for (let i = 0; i < skip.length; i++) if (absorbed[i]) skip[i] = 0;
    }
    updateBackgroundModel(model, image, skip, o.rates, gain);
    this.learned++;
    this.previous = skip;
    const end = o.now();
    return {
      detections,
      timings: {
        preprocessMs: preprocessed - start,
        inferenceMs: inferred - preprocessed,
        postprocessMs: end - inferred,
      },
    };
  }

  /** Forgets what was learned since the start, back to the reference if any: after a gap in the frames. */
  reset(): void {
    this.model = undefined;
    this.previous = undefined;
    this.mask = undefined;
    this.learned = 0;
    this.ghosts.reset();
  }

  /** The empty scene as learned so far (blurred), e.g. to keep as one of the camera's reference pictures. */
  background(): RgbImage | undefined {
    return this.model === undefined ? undefined : backgroundImage(this.model);
  }

  /** How many frames the empty scene was learned from since the start or the last reset. */
  learnedFrames(): number {
    return this.learned;
  }

  /** The last frame's foreground mask before clean-up (1 = foreground), for debugging views. */
  foreground(): Uint8Array | undefined {
    return this.mask;
  }

  async close(): Promise<void> {
    this.reset();
  }

  private modelFor(image: RgbImage): BackgroundModel {
    const current = this.model;
    if (current !== undefined) {
      if (current.width === image.width && current.height === image.height) return current;
      throw new Error(
        `expected ${current.width}×${current.height} frames as before, got ${image.width}×${image.height}`,
      );
    }
    const { reference, initialNoise, blurRadius } = this.options;
    if (reference === undefined) {
      this.model = createBackgroundModel(image, initialNoise);
    } else {
      const { width, height } = reference.image;
      if (width !== image.width || height !== image.height) {
        throw new Error(
          `expected frames the size of the reference, ${width}×${height}, got ${image.width}×${image.height}`,
        );
      }
      const noise = reference.spread.map((spread) => Math.max(initialNoise, spread));
      this.model = createBackgroundModel(boxBlur(reference.image, blurRadius), noise);
    }
    return this.model;
  }
}

/** 1 on every part's pixels. */
function pixelMask(parts: readonly PersonPart[], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const { pixels } of parts) {
    for (let p = 0; p < pixels.xs.length; p++) mask[pixels.ys[p]! * width + pixels.xs[p]!] = 1;
  }
  return mask;
}

/** 1 inside every blob's bounding box grown by `margin` pixels. */
function blobBoxes(blobs: readonly Blob[], width: number, height: number, margin: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const blob of blobs) {
    const x0 = Math.max(0, blob.minX - margin);
    const x1 = Math.min(width - 1, blob.maxX + margin);
    for (let y = Math.max(0, blob.minY - margin); y <= Math.min(height - 1, blob.maxY + margin); y++) {
      mask.fill(1, y * width + x0, y * width + x1 + 1);
    }
  }
  return mask;
}
