import { seededRandom } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import type { AnchorSpec, Reception } from '../ble-types.js';
import { DEFAULT_PATH_LOSS, distance3d, rssiAtDistance } from './log-distance.js';
import { Positioner } from './positioner.js';

const anchors: AnchorSpec[] = [
  { id: 'a1', x: 0, y: 0, z: 2.5 },
  { id: 'a2', x: 12, y: 0, z: 2.5 },
  { id: 'a3', x: 12, y: 8, z: 2.5 },
  { id: 'a4', x: 0, y: 8, z: 2.5 },
];

function heardAt(ts: number, x: number, y: number, noise = () => 0): Reception[] {
  return anchors.map((a) => ({
    ts,
    anchor: a.id,
    beacon: 'tag-1',
    rssi: rssiAtDistance(distance3d(a, x, y, 1.2), DEFAULT_PATH_LOSS) + noise(),
  }));
}

describe('Positioner', () => {
  it('places a still beacon heard without noise where it is', () => {
    const p = new Positioner({ anchors, method: 'trilateration' });
    for (let t = 0; t < 10; t++) for (const r of heardAt(t * 1000, 3, 5)) p.push({ ...r, role: 'staff' });
    const fix = p.fixAt('tag-1', 9000);
    expect(fix).toMatchObject({ beacon: 'tag-1', role: 'staff', method: 'trilateration', ts: 9000 });
    expect(Math.hypot((fix?.x ?? 0) - 3, (fix?.y ?? 0) - 5)).toBeLessThan(0.05);
  });

  it('tracks a walker through noisy RSSI to within a couple of metres', () => {
    const rnd = seededRandom(5);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const p = new Positioner({ anchors, method: 'trilateration' });
    const errors: number[] = [];
    for (let t = 0; t < 60; t++) {
      const x = 2 + t * 0.13;
      for (const r of heardAt(t * 1000, x, 4, () => 3 * gauss())) p.push(r);
      const fix = p.fixAt('tag-1', t * 1000);
      if (fix && t >= 10) errors.push(Math.hypot(fix.x - x, fix.y - 4));
    }
    errors.sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(2);
  });

  it('drops a beacon that went quiet and forgets it later', () => {
    const p = new Positioner({ anchors, method: 'trilateration', staleMs: 5000, forgetMs: 20_000 });
    for (const r of heardAt(0, 6, 4)) p.push(r);
    expect(p.fixAt('tag-1', 1000)).toBeDefined();
    expect(p.fixAt('tag-1', 8000)).toBeUndefined();
    expect(p.size).toBe(1);
    expect(p.fixes(30_000)).toEqual([]);
    expect(p.size).toBe(0);
    expect(p.counters.forgotten).toBe(1);
  });

  it('counts receptions from unknown anchors and needs three anchors for trilateration', () => {
    const p = new Positioner({ anchors, method: 'trilateration' });
    p.push({ ts: 0, anchor: 'nope', beacon: 'tag-1', rssi: -60 });
    p.push({ ts: 0, anchor: 'a1', beacon: 'tag-1', rssi: -60 });
    p.push({ ts: 0, anchor: 'a2', beacon: 'tag-1', rssi: -70 });
    expect(p.counters.unknownAnchor).toBe(1);
    expect(p.fixAt('tag-1', 0)).toBeUndefined();
  });

  it('fingerprints against a radio map and refuses to run without one', () => {
    expect(() => new Positioner({ anchors, method: 'fingerprint' })).toThrow(/radio map/);
    const at = (x: number, y: number) => ({
      x,
      y,
      rssi: Float64Array.from(anchors, (a) => rssiAtDistance(distance3d(a, x, y, 1.2), DEFAULT_PATH_LOSS)),
    });
    const points = [at(2, 2), at(10, 2), at(10, 6), at(2, 6), at(6, 4)];
    const p = new Positioner({ anchors, method: 'fingerprint', radioMap: { points, k: 1 }, motion: false });
    for (const r of heardAt(0, 9.8, 6.1)) p.push(r);
    expect(p.fixAt('tag-1', 0)).toMatchObject({ x: 10, y: 6, method: 'fingerprint' });
  });

  it('keeps fixes on the floor box', () => {
    const p = new Positioner({
      anchors,
      method: 'trilateration',
      floor: { bounds: { minX: 0, minY: 0, maxX: 12, maxY: 8 } },
    });
    // Everything loud at a1 only: the solution pulls towards (and past) the corner.
    for (let t = 0; t < 5; t++)
      for (const [anchor, rssi] of [
        ['a1', -40],
        ['a2', -90],
        ['a3', -95],
        ['a4', -90],
      ] as const)
        p.push({ ts: t * 1000, anchor, beacon: 'tag-1', rssi });
    const fix = p.fixAt('tag-1', 4000);
    expect(fix?.x).toBeGreaterThanOrEqual(0);
    expect(fix?.y).toBeGreaterThanOrEqual(0);
  });
});
