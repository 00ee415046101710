// NanoDet (GFL head, the nanodet-m/-g generation) outputs → person boxes in network-input pixels.
//
// Per stride s ∈ {8, 16, 32} the graph gives, for the N = g² cells of a g×g grid (g = ⌈size / s⌉,
// row-major):
// - class scores [1, N, 80], already sigmoid-ed (the TFJS graph ends in Sigmoid ops);
// - box distances [1, N, 44]: 4 sides (left, top, right, bottom) × 11 bins; softmax over the bins,
//   the expectation Σ k·p(k) times s is the distance from the cell centre ((col + 0.5)·s, (row + 0.5)·s)
//   to that side. Upstream: RangiLyu/nanodet `gfl_head.py` (`get_single_level_center_point` adds 0.5,
//   `Integral`, `distance2bbox`). NanoDet-Plus dropped the 0.5; this model predates it.
import type { Detection } from '../frame.js';

export const NANODET_STRIDES: readonly number[] = [8, 16, 32];
export const NANODET_CLASSES = 80;
/** reg_max + 1 distance bins per side. */
export const NANODET_BINS = 11;
/** COCO class 0. */
export const PERSON_CLASS = 0;

/** An output as both runtimes hand it back: its shape and its values, row-major. */
export interface OutputTensor {
  readonly dims: readonly number[];
  readonly data: Readonly<ArrayLike<number>>;
}

/** One stride's pair of outputs. */
export interface NanoDetHead {
  readonly stride: number;
  /** Cells per side of the grid. */
  readonly grid: number;
  readonly scores: Readonly<ArrayLike<number>>;
  readonly distances: Readonly<ArrayLike<number>>;
}

export interface NanoDetDecodeOptions {
  /** Keep cells whose person score is above this. */
  scoreThreshold: number;
  /** Network input side, pixels. */
  inputSize: number;
  classIndex?: number;
}

/**
 * Pair the outputs by their shapes, never by their order or names (these differ between the TFJS
 * graph and converted models): per stride, [1, g², 80] are the scores and [1, g², 44] the distances.
 */
export function nanoDetHeads(outputs: readonly OutputTensor[], inputSize: number): NanoDetHead[] {
  return NANODET_STRIDES.map((stride) => {
    const grid = Math.ceil(inputSize / stride);
    const find = (channels: number): OutputTensor => {
      const t = outputs.find(
        (o) => o.dims.length === 3 && o.dims[1] === grid * grid && o.dims[2] === channels,
      );
      if (!t) {
        const seen = outputs.map((o) => `[${o.dims.join(',')}]`).join(' ');
        throw new Error(
          `NanoDet output [1,${grid * grid},${channels}] for stride ${stride} not found; got ${seen}`,
        );
      }
      return t;
    };
    return { stride, grid, scores: find(NANODET_CLASSES).data, distances: find(4 * NANODET_BINS).data };
  });
}

/** Every cell above the threshold as a box in input pixels, clipped to the input square (no NMS). */
export function decodeNanoDet(heads: readonly NanoDetHead[], options: NanoDetDecodeOptions): Detection[] {
  const { scoreThreshold, inputSize } = options;
  const cls = options.classIndex ?? PERSON_CLASS;
  const out: Detection[] = [];
  const side = [0, 0, 0, 0];
  for (const { stride, grid, scores, distances } of heads) {
    const cells = grid * grid;
    for (let i = 0; i < cells; i++) {
      const score = scores[i * NANODET_CLASSES + cls]!;
      if (!(score > scoreThreshold)) continue;
      for (let s = 0; s < 4; s++) side[s] = expectedBin(distances, (i * 4 + s) * NANODET_BINS) * stride;
      const cx = ((i % grid) + 0.5) * stride;
      const cy = (Math.floor(i / grid) + 0.5) * stride;
      const x0 = Math.max(0, cx - side[0]!);
      const y0 = Math.max(0, cy - side[1]!);
      const x1 = Math.min(inputSize, cx + side[2]!);
      const y1 = Math.min(inputSize, cy + side[3]!);
      if (x1 > x0 && y1 > y0) out.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0, score });
    }
  }
  return out;
}

/** Σ k·softmax(v)[k] over the bins starting at `offset` (max-shifted for stability). */
export function expectedBin(v: Readonly<ArrayLike<number>>, offset: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < NANODET_BINS; k++) max = Math.max(max, v[offset + k]!);
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < NANODET_BINS; k++) {
    const e = Math.exp(v[offset + k]! - max);
    sum += e;
    weighted += k * e;
  }
  return weighted / sum;
}
