// A detector that only ever sees the frame with the camera's privacy masks blanked.
import type { Polygon } from '@retail/contracts';
import type { DetectionResult, Detector, RgbImage } from '../frame.js';
import { applyPrivacyMasks } from './privacy-mask.js';

/** Wrap `inner` so every frame is masked first; the masking time counts as preprocessing. With no
 * masks, `inner` is returned unwrapped. */
export function withPrivacyMasks(
  inner: Detector,
  masks: readonly Polygon[],
  now: () => number = () => performance.now(),
): Detector {
  if (masks.length === 0) return inner;
  return {
    name: inner.name,
    async detect(image: RgbImage): Promise<DetectionResult> {
      const t0 = now();
      const masked = applyPrivacyMasks(image, masks);
      const maskMs = now() - t0;
      const result = await inner.detect(masked);
      return {
        ...result,
        timings: { ...result.timings, preprocessMs: result.timings.preprocessMs + maskMs },
      };
    },
    close: () => inner.close(),
  };
}
