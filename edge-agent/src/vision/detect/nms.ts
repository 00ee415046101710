// Greedy non-maximum suppression: the detector proposes several overlapping boxes per person; keep the
// best-scoring one of each cluster.
import { boxIou } from '../box-iou.js';
import type { Detection } from '../frame.js';

/** Intersection over union (see box-iou.ts). */
export const iou = boxIou;

/**
 * Visit boxes by descending score (ties keep input order); keep a box unless it overlaps an already
 * kept one by more than `iouThreshold`. Returns at most `maxDetections` boxes, best first.
 */
export function nonMaxSuppression<D extends Detection>(
  detections: readonly D[],
  iouThreshold: number,
  maxDetections = Number.POSITIVE_INFINITY,
): D[] {
  const order = detections
    .map((_, i) => i)
    .sort((i, j) => detections[j]!.score - detections[i]!.score || i - j);
  const kept: D[] = [];
  for (const i of order) {
    if (kept.length >= maxDetections) break;
    const d = detections[i]!;
    if (kept.every((k) => iou(k, d) <= iouThreshold)) kept.push(d);
  }
  return kept;
}
