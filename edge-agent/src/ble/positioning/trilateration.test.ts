import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constrainToFloor } from './floor-constraint.js';
import { distance3d, distanceForRssi, type PathLoss, rssiAtDistance } from './log-distance.js';
import { type RangeObservation, trilaterate } from './trilateration.js';

const bounds = { minX: 0, minY: 0, maxX: 20, maxY: 12 };
const model: PathLoss = { rssiAt1m: -55, exponent: 2.4 };

describe('trilaterate', () => {
  it('recovers a point from noiseless RSSI through the path-loss model', () => {
    const anchor = fc.record({
      x: fc.double({ min: 0, max: 20, noNaN: true }),
      y: fc.double({ min: 0, max: 12, noNaN: true }),
      z: fc.double({ min: 2, max: 3.5, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 19.5, noNaN: true }),
        fc.double({ min: 0.5, max: 11.5, noNaN: true }),
        fc.array(anchor, { minLength: 0, maxLength: 4 }),
        (px, py, extra) => {
          const anchors = [
            { x: 0, y: 0, z: 2.5 },
            { x: 20, y: 0, z: 2.8 },
            { x: 20, y: 12, z: 2.5 },
            { x: 0, y: 12, z: 3 },
            ...extra,
          ].map((a, i) => ({ id: `a${i}`, ...a }));
          const obs: RangeObservation[] = anchors.map((a) => {
            const rssi = rssiAtDistance(distance3d(a, px, py, 1.2), model);
            return { ax: a.x, ay: a.y, dz: a.z - 1.2, range: distanceForRssi(rssi, model), sigma: 1 };
          });
          const fix = trilaterate(obs, { floor: { bounds }, huberK: 1.5, maxIterations: 50 });
          expect(fix).toBeDefined();
          expect(Math.hypot((fix?.x ?? 0) - px, (fix?.y ?? 0) - py)).toBeLessThan(0.03);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('needs three ranges', () => {
    const obs = [
      { ax: 0, ay: 0, dz: 1, range: 3, sigma: 1 },
      { ax: 5, ay: 0, dz: 1, range: 3, sigma: 1 },
    ];
    expect(trilaterate(obs, { floor: { bounds }, huberK: 1.5, maxIterations: 20 })).toBeUndefined();
  });

  it('shrugs off one wild range with the Huber loss', () => {
    const anchors = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [5, 0],
      [5, 10],
    ] as const;
    const obs = anchors.map(([ax, ay], i) => ({
      ax,
      ay,
      dz: 0,
      range: Math.hypot(4 - ax, 6 - ay) * (i === 0 ? 2.5 : 1),
      sigma: 0.5,
    }));
    const fix = trilaterate(obs, { floor: { bounds }, huberK: 1.5, maxIterations: 50 });
    expect(Math.hypot((fix?.x ?? 0) - 4, (fix?.y ?? 0) - 6)).toBeLessThan(0.5);
  });

  it('moves a solution off a blocked area to the nearest walkable point', () => {
    // A shelf over x in [4, 6]: a point at x = 4.8 belongs at the shelf's left edge.
    const walkable = (x: number) => x < 4 || x > 6;
    const [x, y] = constrainToFloor(4.8, 5, { bounds, walkable });
    expect(walkable(x)).toBe(true);
    expect(Math.abs(x - 4)).toBeLessThan(0.15);
    expect(y).toBeCloseTo(5, 1);
  });
});
