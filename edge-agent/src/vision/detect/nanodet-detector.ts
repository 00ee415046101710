// The NanoDet person detector above its runtime: letterbox, run, decode, NMS, back to source pixels.
// The ONNX and TFJS backends differ only in the `NanoDetRunner` they plug in.
import type { Detection, DetectionResult, Detector, RgbImage } from '../frame.js';
import { letterbox } from './letterbox.js';
import { clipBox, type LetterboxTransform, toSourceBox } from './letterbox-transform.js';
import { decodeNanoDet, nanoDetHeads, type OutputTensor } from './nanodet-decode.js';
import { nonMaxSuppression } from './nms.js';

/** Runs the graph on one [1, 3, size, size] input. */
export interface NanoDetRunner {
  run(input: Float32Array, inputSize: number): Promise<OutputTensor[]>;
  close(): Promise<void>;
}

export interface NanoDetTuning {
  /** Person score above which a cell becomes a candidate box. */
  scoreThreshold?: number;
  /** Candidates overlapping a better one by more than this IoU are dropped. */
  nmsIou?: number;
  /** Network input side in pixels; NanoDet-g was trained at 416. */
  inputSize?: number;
  maxDetections?: number;
}

export const NANODET_DEFAULTS = {
  scoreThreshold: 0.35,
  nmsIou: 0.5,
  inputSize: 416,
  maxDetections: 100,
} as const satisfies Required<NanoDetTuning>;

/** Boxes in input pixels → NMS'd person detections in source pixels (pure). */
export function postprocessNanoDet(
  outputs: readonly OutputTensor[],
  transform: LetterboxTransform,
  tuning: Required<NanoDetTuning>,
): Detection[] {
  const candidates = decodeNanoDet(nanoDetHeads(outputs, transform.size), {
    scoreThreshold: tuning.scoreThreshold,
    inputSize: transform.size,
  });
  const out: Detection[] = [];
  for (const d of nonMaxSuppression(candidates, tuning.nmsIou, tuning.maxDetections)) {
    const clipped = clipBox(toSourceBox(d, transform), transform.srcWidth, transform.srcHeight);
    if (clipped) out.push(clipped);
  }
  return out;
}

export class NanoDetDetector implements Detector {
  private readonly tuning: Required<NanoDetTuning>;
  private input: Float32Array | undefined;
  private busy = false;

  constructor(
    readonly name: string,
    private readonly runner: NanoDetRunner,
    tuning: NanoDetTuning = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    // Pick the fields: callers pass their whole options bag (model paths, threads) through here.
    this.tuning = {
      scoreThreshold: tuning.scoreThreshold ?? NANODET_DEFAULTS.scoreThreshold,
      nmsIou: tuning.nmsIou ?? NANODET_DEFAULTS.nmsIou,
      inputSize: tuning.inputSize ?? NANODET_DEFAULTS.inputSize,
      maxDetections: tuning.maxDetections ?? NANODET_DEFAULTS.maxDetections,
    };
  }

  async detect(image: RgbImage): Promise<DetectionResult> {
    const t0 = this.now();
    // The input buffer is reused between frames unless a previous call is still running with it.
    const reuse = !this.busy;
    this.busy = true;
    let outputs: OutputTensor[];
    let t1: number;
    let transform: LetterboxTransform;
    try {
      const prepared = await letterbox(image, this.tuning.inputSize, reuse ? this.input : undefined);
      if (reuse) this.input = prepared.tensor;
      transform = prepared.transform;
      t1 = this.now();
      outputs = await this.runner.run(prepared.tensor, this.tuning.inputSize);
    } finally {
      if (reuse) this.busy = false;
    }
    const t2 = this.now();
    const detections = postprocessNanoDet(outputs, transform, this.tuning);
    const t3 = this.now();
    return { detections, timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, postprocessMs: t3 - t2 } };
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}
