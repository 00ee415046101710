// Shared by the simulated-BLE tests: a straight-walking emitter and a square of anchors.
import type { Trajectory } from '../../simulator/truth.js';
import type { AnchorSpec } from '../ble-types.js';
import type { Emitter } from './emitters.js';

export const T0 = 1_773_136_800_000; // 2026-03-10T10:00:00Z, on a 15-minute slot boundary

/** Samples at 2 Hz from `from` towards `dir` at `speed` m/s for `seconds`. */
export function straightTrajectory(
  from: [number, number],
  dir: [number, number],
  speed: number,
  seconds: number,
  startTs = T0,
): Trajectory {
  const xy: number[] = [];
  for (let i = 0; i <= seconds * 2; i++) {
    const d = (speed * i) / 2;
    xy.push(from[0] + dir[0] * d, from[1] + dir[1] * d);
  }
  return { startTs, intervalMs: 500, xy: Float64Array.from(xy) };
}

export function emitter(key: string, kind: Emitter['kind'], trajectory: Trajectory, beacon: string): Emitter {
  return { key, kind, trajectory, beaconAt: () => beacon };
}

export const SQUARE: AnchorSpec[] = [
  { id: 'a1', x: 0, y: 0, z: 2.8, rssiAt1m: -59, pathLossExponent: 2 },
  { id: 'a2', x: 20, y: 0, z: 2.8, rssiAt1m: -60, pathLossExponent: 2.2 },
  { id: 'a3', x: 20, y: 20, z: 2.8, rssiAt1m: -61, pathLossExponent: 2.4 },
  { id: 'a4', x: 0, y: 20, z: 2.8 },
];
