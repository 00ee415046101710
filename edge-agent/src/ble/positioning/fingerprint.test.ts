import { describe, expect, it } from 'vitest';
import type { CalibrationSample } from './calibration-set.js';
import {
  buildRadioMapPoints,
  chooseKByLeaveOneOut,
  locateByFingerprint,
  type RadioMapPoint,
  signalDistance,
} from './fingerprint.js';

const N = Number.NaN;
const point = (x: number, y: number, rssi: number[]): RadioMapPoint => ({
  x,
  y,
  rssi: Float64Array.from(rssi),
});

describe('fingerprinting', () => {
  const map = [
    point(0, 0, [-40, -70, -80]),
    point(5, 0, [-70, -40, -75]),
    point(0, 5, [-75, -80, -45]),
    point(5, 5, [-60, -60, -60]),
  ];

  it('picks the right neighbour with k = 1', () => {
    const fix = locateByFingerprint({ points: map, k: 1 }, Float64Array.from([-71, -42, -74]));
    expect([fix?.x, fix?.y]).toEqual([5, 0]);
  });

  it('matches on the anchors heard and counts the rest as not heard', () => {
    // Anchor 3 missing from the query: the point that also never heard anchor 3 is the best match.
    const withGap = [...map, point(9, 9, [-55, -65, N])];
    const fix = locateByFingerprint({ points: withGap, k: 1 }, Float64Array.from([-55, -65, N]));
    expect([fix?.x, fix?.y]).toEqual([9, 9]);
    expect(signalDistance(Float64Array.from([N, -50]), Float64Array.from([N, -50]), -100)).toBe(0);
    expect(signalDistance(Float64Array.from([-60, N]), Float64Array.from([N, N]), -100)).toBe(40);
  });

  it('weights neighbours by signal distance', () => {
    const fix = locateByFingerprint({ points: map, k: 2 }, Float64Array.from([-41, -69, -80]));
    expect(fix?.x).toBeGreaterThanOrEqual(0);
    expect(fix?.x).toBeLessThan(1.5);
  });

  it('chooses k by leave-one-out: k = 1 on a clean gradient', () => {
    const line = Array.from({ length: 30 }, (_, i) => point(i, 0, [-40 - 2 * i, -100 + 2 * i]));
    const { k, meanErrorM } = chooseKByLeaveOneOut(line, 6);
    // Neighbours at ±1 m: k = 2 averages them to the exact spot, beating k = 1.
    expect(k).toBe(2);
    expect(meanErrorM[1]).toBeLessThan(meanErrorM[0] ?? 0);
  });

  it('averages calibration samples per cell', () => {
    const s = (x: number, y: number, r: number[]): CalibrationSample => ({
      ts: 0,
      beacon: 'p',
      x,
      y,
      rssi: Float64Array.from(r),
    });
    const pts = buildRadioMapPoints(
      [s(0.1, 0.1, [-50, N]), s(0.3, 0.2, [-54, -70]), s(2, 2, [-80, -60])],
      2,
      0.5,
    );
    expect(pts).toHaveLength(2);
    expect(pts[0]?.x).toBeCloseTo(0.2);
    expect(pts[0]?.rssi[0]).toBe(-52);
    expect(pts[0]?.rssi[1]).toBe(-70);
  });
});
