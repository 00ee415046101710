import { describe, expect, it } from 'vitest';
import type { DetectionResult, Detector, RgbImage } from '../frame.js';
import { withPrivacyMasks } from './masked-detector.js';

function recordingDetector() {
  const seen: RgbImage[] = [];
  const detector: Detector = {
    name: 'recording',
    async detect(image): Promise<DetectionResult> {
      seen.push(image);
      return {
        detections: [{ x: 1, y: 2, w: 3, h: 4, score: 0.5 }],
        timings: { preprocessMs: 1, inferenceMs: 2, postprocessMs: 3 },
      };
    },
    close: async () => {},
  };
  return { detector, seen };
}

describe('withPrivacyMasks', () => {
  it('hands the inner detector a masked copy and counts the masking as preprocessing', async () => {
    const { detector, seen } = recordingDetector();
    let t = 0;
    const masked = withPrivacyMasks(
      detector,
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
      () => (t += 10),
    );
    const image: RgbImage = { width: 2, height: 1, data: new Uint8Array([9, 9, 9, 9, 9, 9]) };
    const result = await masked.detect(image);
    expect([...seen[0]!.data]).toEqual([0, 0, 0, 9, 9, 9]);
    expect([...image.data]).toEqual([9, 9, 9, 9, 9, 9]);
    expect(result.timings).toEqual({ preprocessMs: 11, inferenceMs: 2, postprocessMs: 3 });
    expect(result.detections).toHaveLength(1);
    expect(masked.name).toBe('recording');
  });

  it('returns the detector itself when there are no masks', () => {
    const { detector } = recordingDetector();
    expect(withPrivacyMasks(detector, [])).toBe(detector);
  });
});
