// Hand-built NanoDet outputs for tests: all cells silent except the boxes planted in them.
import { NANODET_BINS, NANODET_CLASSES, NANODET_STRIDES, type OutputTensor } from './nanodet-decode.js';

export interface PlantedBox {
  stride: number;
  col: number;
  row: number;
  score: number;
  /** Distance bins (0..10) for left, top, right, bottom: the side lies bins·stride from the centre. */
  bins: readonly [number, number, number, number];
  classIndex?: number;
}

/** The six outputs of NanoDet-g at `inputSize`, as [scores, distances] per stride, 8 → 32. */
export function fakeNanoDetOutputs(inputSize: number, planted: readonly PlantedBox[]): OutputTensor[] {
  return NANODET_STRIDES.flatMap((stride) => {
    const grid = Math.ceil(inputSize / stride);
    const cells = grid * grid;
    const scores = new Float32Array(cells * NANODET_CLASSES).fill(0.01);
    // Flat logits are a uniform softmax; a spike of 40 makes it one-hot to float precision.
    const distances = new Float32Array(cells * 4 * NANODET_BINS);
    for (const p of planted.filter((b) => b.stride === stride)) {
      const cell = p.row * grid + p.col;
      scores[cell * NANODET_CLASSES + (p.classIndex ?? 0)] = p.score;
      p.bins.forEach((bin, side) => {
        distances[(cell * 4 + side) * NANODET_BINS + bin] = 40;
      });
    }
    return [
      { dims: [1, cells, NANODET_CLASSES], data: scores },
      { dims: [1, cells, 4 * NANODET_BINS], data: distances },
    ];
  });
}
