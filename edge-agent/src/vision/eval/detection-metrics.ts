// Detection quality against ground truth boxes: per-frame matching at an IoU threshold, then precision,
// recall and F1 pooled over frames from TP/FP/FN counts (every box weighs the same, whatever its frame).
import { boxIou } from '../box-iou.js';
import type { Box, Detection } from '../frame.js';

export interface DetectionCounts {
  /** Predictions matched to a ground truth box. */
  tp: number;
  /** Predictions left unmatched. */
  fp: number;
  /** Ground truth boxes left unmatched. */
  fn: number;
}

export interface FrameMatch extends DetectionCounts {
  /** Index pairs into the given arrays, in the order they were made, with their IoU. */
  pairs: { prediction: number; truth: number; iou: number }[];
}

/**
 * Greedy matching by score, as PASCAL VOC and COCO do: predictions in descending score order (ties by
 * index) each take the still unmatched truth box they overlap most, if that IoU is at least `threshold`
 * (ties by truth index; boxes that do not overlap never match). Not a maximum matching: a confident box that overlaps two people takes the one it
 * overlaps most even when that leaves a weaker prediction without a partner.
 */
export function matchFrame(
  predictions: readonly Detection[],
  truths: readonly Box[],
  threshold: number,
): FrameMatch {
  const order = predictions.map((_, index) => index);
  order.sort((a, b) => predictions[b]!.score - predictions[a]!.score || a - b);
  const taken = new Uint8Array(truths.length);
  const pairs: FrameMatch['pairs'] = [];
  for (const prediction of order) {
    let best = -1;
    let bestIou = 0;
    truths.forEach((truth, index) => {
      if (taken[index]) return;
      const overlap = boxIou(predictions[prediction]!, truth);
      if (overlap >= threshold && overlap > bestIou) {
        best = index;
        bestIou = overlap;
      }
    });
    if (best >= 0) {
      taken[best] = 1;
      pairs.push({ prediction, truth: best, iou: bestIou });
    }
  }
  const tp = pairs.length;
  return { tp, fp: predictions.length - tp, fn: truths.length - tp, pairs };
}

export function addCounts(a: DetectionCounts, b: DetectionCounts): DetectionCounts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export interface DetectionScores extends DetectionCounts {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision tp/(tp+fp), recall tp/(tp+fn) and their harmonic mean. With nothing predicted precision is 1
 * (no claim was wrong); with nothing to find recall is 1; F1 is 0 when both are 0.
 */
export function detectionScores(counts: DetectionCounts): DetectionScores {
  const { tp, fp, fn } = counts;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}
