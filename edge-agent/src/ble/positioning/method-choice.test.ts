import type { BeaconTruth } from '@retail/contracts';
import { seededRandom } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import type { AnchorSpec, Reception } from '../ble-types.js';
import { distance3d, rssiAtDistance } from './log-distance.js';
import { chooseMethod } from './method-choice.js';
import { preparePositioning } from './positioning-setup.js';

const anchors: AnchorSpec[] = [
  { id: 'a1', x: 0, y: 0, z: 2.5 },
  { id: 'a2', x: 8, y: 0, z: 2.5 },
  { id: 'a3', x: 8, y: 6, z: 2.5 },
  { id: 'a4', x: 0, y: 6, z: 2.5 },
];

/** A calibration walk: a lawn-mower sweep, 3 receptions per anchor per second. */
function walk(rssiAt: (a: AnchorSpec, x: number, y: number) => number, seed: number, passes = 3) {
  const rnd = seededRandom(seed);
  const receptions: Reception[] = [];
  const truths: BeaconTruth[] = [];
  let ts = 0;
  for (let pass = 0; pass < passes; pass++)
    for (let row = 0; row <= 12; row++)
      for (let col = 0; col <= 32; col++) {
        const x = (row % 2 === 0 ? col : 32 - col) * 0.25;
        const y = row * 0.5;
        truths.push({ ts, beacon: 'phone', x, y });
        for (const a of anchors)
          receptions.push({ ts, anchor: a.id, beacon: 'phone', rssi: rssiAt(a, x, y) + (rnd() - 0.5) * 4 });
        ts += 333;
      }
  return { receptions, truths };
}

describe('chooseMethod', () => {
  it('picks trilateration when the path-loss model holds and reports both errors', () => {
    // One sweep: each held-out block is floor the radio map never saw, where only a model can help.
    const data = walk(
      (a, x, y) => rssiAtDistance(distance3d(a, x, y, 1.2), { rssiAt1m: -50, exponent: 2.5 }),
      1,
      1,
    );
    const choice = chooseMethod(anchors, data, { folds: 3 });
    expect(choice.scores.trilateration?.samples).toBeGreaterThan(400);
    expect(choice.scores.fingerprint?.samples).toBeGreaterThan(400);
    expect(choice.scores.trilateration?.medianErrorM).toBeLessThan(1);
    expect(choice.method).toBe('trilateration');
  });

  it('picks fingerprinting where the radio does not follow the model', () => {
    // Walls: each anchor's signal drops 20 dB across x = 4 and y = 3, which no path-loss curve fits.
    const walled = (a: AnchorSpec, x: number, y: number) =>
      -60 - (x < 4 !== a.x < 4 ? 20 : 0) - (y < 3 !== a.y < 3 ? 12 : 0) + 3 * Math.sin(x * 2 + y);
    const choice = chooseMethod(anchors, walk(walled, 2), { folds: 3 });
    expect(choice.method).toBe('fingerprint');
    const both = (m: 'trilateration' | 'fingerprint') =>
      (choice.scores[m]?.medianErrorM ?? Number.NaN) + (choice.scores[m]?.p90ErrorM ?? Number.NaN);
    expect(both('fingerprint')).toBeLessThan(both('trilateration'));
  });

  it('fits the path loss and builds a radio map in the setup', () => {
    const data = walk(
      (a, x, y) => rssiAtDistance(distance3d(a, x, y, 1.2), { rssiAt1m: -50, exponent: 2.5 }),
      3,
    );
    const setup = preparePositioning(anchors, data);
    for (const f of setup.fits ?? []) {
      expect(f.rssiAt1m).toBeCloseTo(-50, 0);
      expect(f.exponent).toBeCloseTo(2.5, 1);
    }
    expect(setup.radioMap?.points.length).toBeGreaterThan(50);
    expect(setup.anchors[0]?.pathLossExponent).toBeCloseTo(2.5, 1);
  });
});
