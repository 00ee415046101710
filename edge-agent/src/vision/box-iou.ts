// Overlap of two image boxes: NMS, the tracker's association cost and the match test of evaluations.
import type { Box } from './frame.js';

/** Intersection over union of two boxes; 0 when either is empty or they do not overlap. */
export function boxIou(a: Box, b: Box): number {
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}
