import { seededRandom } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { fitPathLoss } from './calibration-fit.js';
import type { CalibrationSample } from './calibration-set.js';
import { distance3d, rssiAtDistance } from './log-distance.js';

const anchors = [
  { id: 'a', x: 0, y: 0, z: 2.5 },
  { id: 'b', x: 10, y: 8, z: 2.2 },
];
const truth = [
  { rssiAt1m: -48, exponent: 2.7 },
  { rssiAt1m: -62, exponent: 1.9 },
];

function samples(count: number, noiseDb: number, seed = 3): CalibrationSample[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const x = rnd() * 10;
    const y = rnd() * 8;
    const rssi = Float64Array.from(anchors, (a, j) => {
      const model = truth[j] ?? { rssiAt1m: 0, exponent: 2 };
      return rssiAtDistance(distance3d(a, x, y, 1.2), model) + noiseDb * (rnd() - 0.5) * 2;
    });
    return { ts: i * 100, beacon: 'phone', x, y, rssi };
  });
}

describe('fitPathLoss', () => {
  it('recovers A and n from noiseless calibration data', () => {
    const fits = fitPathLoss(anchors, samples(200, 0));
    fits.forEach((f, i) => {
      expect(f.source).toBe('fit');
      expect(f.rssiAt1m).toBeCloseTo(truth[i]?.rssiAt1m ?? 0, 6);
      expect(f.exponent).toBeCloseTo(truth[i]?.exponent ?? 0, 6);
      expect(f.rmsDb).toBeLessThan(1e-6);
    });
  });

  it('stays close with noise and reports the RMS of it', () => {
    const fits = fitPathLoss(anchors, samples(2000, 4));
    fits.forEach((f, i) => {
      expect(Math.abs(f.rssiAt1m - (truth[i]?.rssiAt1m ?? 0))).toBeLessThan(1.5);
      expect(Math.abs(f.exponent - (truth[i]?.exponent ?? 0))).toBeLessThan(0.2);
      // Uniform noise of ±4 dB has an RMS of 4/√3 ≈ 2.3 dB.
      expect(f.rmsDb).toBeGreaterThan(2);
      expect(f.rmsDb).toBeLessThan(2.7);
    });
  });

  it('falls back to the defaults with too few samples', () => {
    const fits = fitPathLoss(anchors, samples(5, 0), { defaults: { rssiAt1m: -60, exponent: 2 } });
    expect(fits.map((f) => [f.source, f.rssiAt1m, f.exponent])).toEqual([
      ['default', -60, 2],
      ['default', -60, 2],
    ]);
  });

  it('uses the pooled fit for an anchor that heard too little', () => {
    const data = samples(100, 0).map((s, i) =>
      i < 90 ? { ...s, rssi: Float64Array.from([s.rssi[0] ?? 0, Number.NaN]) } : s,
    );
    const fits = fitPathLoss(anchors, data);
    expect(fits[0]?.source).toBe('fit');
    expect(fits[1]?.source).toBe('pooled');
  });

  it('keeps the exponent within its bounds', () => {
    const flat = samples(200, 0).map((s) => ({ ...s, rssi: Float64Array.from([-70 + 0.01 * s.x, -70]) }));
    const [f] = fitPathLoss(anchors.slice(0, 1), flat);
    expect(f?.exponent).toBeGreaterThanOrEqual(1.2);
  });
});
