// A simulated calibration walk, as IT calibrates a store: someone carries a calibration phone along a
// serpentine over a grid of known floor points (walking the aisles between them), stands still at each
// for a few seconds, and the points with their times are the ground truth. Heard by the simulated
// scanners it gives the calibration data that fits the path-loss model and builds the fingerprint map.
// Pure: the layout's walkable grid, plain numbers.
import { type BeaconTruth, buildWalkableGrid, type StoreLayout, shortestPath } from '@retail/contracts';
import type { Trajectory } from '../../simulator/truth.js';
import type { AnchorSpec } from '../ble-types.js';
import type { CalibrationData } from '../positioning/positioning-setup.js';
import type { Emitter } from '../simulated/emitters.js';
import type { RadioModel } from '../simulated/radio-model.js';
import { simulateReceptions } from '../simulated/reception-model.js';

export interface CalibrationWalkOptions {
  /** When the walk starts, epoch ms. */
  startTs: number;
  /** Grid spacing of the known points, metres (2). */
  spacingM?: number;
  /** Time stood at each point, ms (6000). */
  dwellMs?: number;
  /** Walking speed between points, m/s (1). */
  speedMps?: number;
  /** Truth rows while standing, every this many ms (500); also the trajectory's sample interval. */
  everyMs?: number;
  /** The calibration phone's beacon id ('calibration-phone'). */
  beacon?: string;
}

export interface CalibrationWalk {
  /** The phone as an emitter for the reception model (a registered, non-shopper beacon). */
  emitter: Emitter;
  /** Where the phone stood, every `everyMs` while standing at a known point, in time order. */
  truths: BeaconTruth[];
  /** Known points visited. */
  points: number;
  endTs: number;
}

/** The walk over every reachable grid point of the floor (staff-only rooms included). */
export function calibrationWalk(layout: StoreLayout, o: CalibrationWalkOptions): CalibrationWalk {
  const spacing = o.spacingM ?? 2;
  const dwellMs = o.dwellMs ?? 6000;
  const speed = o.speedMps ?? 1;
  const everyMs = o.everyMs ?? 500;
  const beacon = o.beacon ?? 'calibration-phone';
  for (const [name, v] of [
    ['spacingM', spacing],
    ['dwellMs', dwellMs],
    ['speedMps', speed],
    ['everyMs', everyMs],
  ] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`calibration.${name} must be > 0, got ${v}`);
  }
  const grid = buildWalkableGrid(layout, { includeStaffOnly: true });
  const points = knownPoints(grid, layout.floor.width, layout.floor.depth, spacing);
  // Waypoints in time: stand at a point, walk the cells to the next one, stand there…
  const times: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const standing: [number, number, number, number][] = []; // from, to, x, y
  let t = o.startTs;
  let visited = 0;
  let here: [number, number] | undefined;
  for (const p of points) {
    if (here) {
      const walk = shortestPath(grid, here, p);
      if (!walk) continue;
      for (const c of [...walk.path.slice(1, -1), p] as [number, number][]) {
        const prev: [number, number] = [xs[xs.length - 1] as number, ys[ys.length - 1] as number];
        t += (Math.hypot(c[0] - prev[0], c[1] - prev[1]) / speed) * 1000;
        times.push(t);
        xs.push(c[0]);
        ys.push(c[1]);
      }
    } else {
      times.push(t);
      xs.push(p[0]);
      ys.push(p[1]);
    }
    standing.push([t, t + dwellMs, p[0], p[1]]);
    t += dwellMs;
    times.push(t);
    xs.push(p[0]);
    ys.push(p[1]);
    here = p;
    visited++;
  }
  if (visited === 0) throw new RangeError('the layout has no walkable point for a calibration walk');
  const trajectory = sampled(times, xs, ys, o.startTs, everyMs);
  const truths: BeaconTruth[] = [];
  for (const [from, to, x, y] of standing) {
    // Half a second after arriving and before leaving, so every truth row is truly standing still.
    for (let ts = Math.ceil((from + everyMs) / everyMs) * everyMs; ts <= to - everyMs; ts += everyMs)
      truths.push({ ts, beacon, x, y });
  }
  return {
    emitter: { key: `calibration:${beacon}`, kind: 'staff', trajectory, beaconAt: () => beacon },
    truths,
    points: visited,
    endTs: t,
  };
}

/** Grid points at cell centres of a `spacing` lattice that are walkable, row by row in serpentine order. */
function knownPoints(
  grid: ReturnType<typeof buildWalkableGrid>,
  width: number,
  depth: number,
  spacing: number,
): [number, number][] {
  const out: [number, number][] = [];
  const cols = Math.floor(width / spacing);
  const rows = Math.floor(depth / spacing);
  for (let r = 0; r < rows; r++) {
    const row: [number, number][] = [];
    for (let c = 0; c < cols; c++) {
      const x = (c + 0.5) * spacing;
      const y = (r + 0.5) * spacing;
      const [col, cellRow] = grid.cellOf(x, y);
      if (grid.isWalkable(col, cellRow)) row.push([x, y]);
    }
    out.push(...(r % 2 === 0 ? row : row.reverse()));
  }
  return out;
}

/** The piecewise-linear walk through (times, xs, ys) as a fixed-rate trajectory. */
function sampled(times: number[], xs: number[], ys: number[], startTs: number, everyMs: number): Trajectory {
  const end = times[times.length - 1] as number;
  const n = Math.floor((end - startTs) / everyMs) + 1;
  const xy = new Float64Array(2 * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const ts = startTs + i * everyMs;
    while (k + 1 < times.length && (times[k + 1] as number) <= ts) k++;
    const t0 = times[k] as number;
    const t1 = times[k + 1] ?? t0;
    const a = t1 > t0 ? Math.min(1, (ts - t0) / (t1 - t0)) : 0;
    const x0 = xs[k] as number;
    const y0 = ys[k] as number;
    xy[2 * i] = x0 + a * ((xs[k + 1] ?? x0) - x0);
    xy[2 * i + 1] = y0 + a * ((ys[k + 1] ?? y0) - y0);
  }
  return { startTs, intervalMs: everyMs, xy };
}

/** The walk heard by the scanners through the simulated radio: calibration data as a store would record it. */
export function simulateCalibrationData(
  layout: StoreLayout,
  anchors: readonly AnchorSpec[],
  o: CalibrationWalkOptions & { seed: number; radio?: Partial<RadioModel> },
): { walk: CalibrationWalk; data: CalibrationData } {
  const walk = calibrationWalk(layout, o);
  const model = { emitters: [walk.emitter], anchors, seed: o.seed, ...(o.radio ? { radio: o.radio } : {}) };
  const receptions = [...simulateReceptions(model, walk.emitter.trajectory.startTs, walk.endTs + 1)];
  return { walk, data: { receptions, truths: walk.truths } };
}
