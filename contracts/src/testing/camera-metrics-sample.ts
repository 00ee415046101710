// One camera's metrics as a healthy gateway sends them, for tests that need a `cameras` entry.
import type { CameraFloorFit } from '../messages/metrics.js';

export function cameraMetricsSample(cameraId: string, floor?: CameraFloorFit) {
  return {
    cameraId,
    fps: 5,
    framesDropped: 0,
    detectorLatencyMs: { p50: 20, p95: 30 },
    online: true,
    ...(floor !== undefined && { floor }),
  };
}
