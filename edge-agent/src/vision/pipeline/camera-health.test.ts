import { cameraMetricsSample } from '@retail/contracts/testing';
import { describe, expect, it } from 'vitest';
import { CameraHealth, percentile, slippedCameras } from './camera-health.js';

describe('CameraHealth', () => {
  it('reports fps, dropped frames and latency percentiles per window', () => {
    const h = new CameraHealth('cam-1', 0);
    for (let i = 1; i <= 100; i++) h.frame(i);
    const a = h.take(10_000, 7, true);
    expect(a).toEqual({
      cameraId: 'cam-1',
      fps: 10,
      framesDropped: 7,
      detectorLatencyMs: { p50: 50, p95: 95 },
      online: true,
    });
    h.frame(30);
    const b = h.take(20_000, 9, false);
    expect(b.framesDropped).toBe(2);
    expect(b.fps).toBe(0.1);
    expect(b.detectorLatencyMs).toEqual({ p50: 30, p95: 30 });
    expect(b.online).toBe(false);
  });

  it('counts the positions it placed and those off the floor plan, per window, when it checks them', () => {
    const h = new CameraHealth('cam-1', 0, true);
    for (let i = 0; i < 10; i++) h.placed(i < 3);
    expect(h.take(10_000, 0, true).floor).toEqual({ positions: 10, offFloor: 3 });
    expect(h.take(20_000, 0, true).floor).toEqual({ positions: 0, offFloor: 0 });
    const unchecked = new CameraHealth('cam-2', 0);
    expect(unchecked.take(10_000, 0, true)).not.toHaveProperty('floor');
  });

  it('names the cameras with a tenth or more of enough positions off the floor plan', () => {
    const snap = (cameraId: string, positions: number, offFloor: number) =>
      cameraMetricsSample(cameraId, { positions, offFloor });
    const unchecked = cameraMetricsSample('cam-0');
    const cameras = [snap('cam-1', 100, 10), snap('cam-2', 100, 9), snap('cam-3', 19, 19), unchecked];
    expect(slippedCameras(cameras).map((c) => c.cameraId)).toEqual(['cam-1']);
  });

  it('keeps memory bounded over long windows', () => {
    const h = new CameraHealth('cam-1', 0);
    for (let i = 0; i < 100_000; i++) h.frame(i % 100);
    const s = h.take(100_000, 0, true);
    expect(s.fps).toBe(1000);
    expect(s.detectorLatencyMs.p50).toBeGreaterThanOrEqual(45);
    expect(s.detectorLatencyMs.p50).toBeLessThanOrEqual(55);
  });

  it('percentile of nothing is 0', () => {
    expect(percentile([], 0.5)).toBe(0);
  });
});
