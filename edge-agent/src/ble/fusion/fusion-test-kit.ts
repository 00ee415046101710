// Shared by the fusion tests: people walking scripted paths, the camera observations and beacon fixes
// they produce (seeded noise), fed to a TrackFusion in time order.
import { seededRandom } from '@retail/contracts';
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import { normal } from '../../simulator/random-streams.js';
import type { BeaconFix, BeaconRole } from '../ble-types.js';
import type { FusionOptions } from './fusion-options.js';
import type { FusionSite } from './fusion-site.js';
import { TrackFusion } from './track-fusion.js';

export type Path = (ts: number) => [number, number];

/** A straight walk from `from` at `speed` m/s in direction `dir` (unit), starting at t0. */
export function walk(t0: number, from: [number, number], dir: [number, number], speed = 1): Path {
  return (ts) => {
    const d = (speed * (ts - t0)) / 1000;
    return [from[0] + dir[0] * d, from[1] + dir[1] * d];
  };
}

export interface TrackSpec {
  trackId: string;
  path: Path;
  fromTs: number;
  toTs: number;
}

export interface BeaconSpec {
  /** The beacon id at a time (a rotating id changes with it). */
  beacon: (ts: number) => string;
  role: BeaconRole;
  path: Path;
  fromTs: number;
  toTs: number;
}

export interface Scripted {
  fusion: TrackFusion;
  /** Every annotated observation, in time order. */
  annotated: TrackObservation[];
}

/** Runs the script: tracks at 5 Hz (σ 0.1 m), fixes at 1 Hz with σ `fixSigmaM`, both in time order. */
export function runScript(
  tracks: readonly TrackSpec[],
  beacons: readonly BeaconSpec[],
  o: {
    seed?: number;
    fixSigmaM?: number;
    /** Fix errors drift (AR(1)) with this correlation time, as a smoothing positioner's do, ms (0: independent). */
    fixErrorCorrelationMs?: number;
    options?: Partial<FusionOptions>;
    site?: FusionSite;
  } = {},
): Scripted {
  const random = seededRandom(o.seed ?? 1);
  const sigma = o.fixSigmaM ?? 1.5;
  const rho = o.fixErrorCorrelationMs ? Math.exp(-1000 / o.fixErrorCorrelationMs) : 0;
  const innovation = Math.sqrt(1 - rho * rho);
  const events: ({ kind: 'obs'; obs: TrackObservation } | { kind: 'fix'; fix: BeaconFix })[] = [];
  for (const t of tracks) {
    for (let ts = t.fromTs; ts < t.toTs; ts += 200) {
      const [x, y] = t.path(ts);
      events.push({
        kind: 'obs',
        obs: { trackId: t.trackId, ts, x: x + 0.1 * normal(random), y: y + 0.1 * normal(random) },
      });
    }
  }
  for (const b of beacons) {
    let ex = sigma * normal(random);
    let ey = sigma * normal(random);
    for (let ts = b.fromTs; ts < b.toTs; ts += 1000) {
      ex = rho * ex + innovation * sigma * normal(random);
      ey = rho * ey + innovation * sigma * normal(random);
      // The positioner's lag: a fix stamped ts describes the beacon 1 s earlier.
      const [x, y] = b.path(ts - 1000);
      events.push({
        kind: 'fix',
        fix: {
          ts,
          beacon: b.beacon(ts),
          role: b.role,
          x: x + ex,
          y: y + ey,
          sigmaM: sigma,
          method: 'trilateration',
        },
      });
    }
  }
  const tsOf = (e: (typeof events)[number]) => (e.kind === 'obs' ? e.obs.ts : e.fix.ts);
  events.sort((a, b) => tsOf(a) - tsOf(b));
  const fusion = new TrackFusion(o.options, o.site);
  const annotated: TrackObservation[] = [];
  for (const e of events) {
    if (e.kind === 'fix') fusion.observeFix(e.fix);
    else {
      fusion.observeTrack(e.obs);
      annotated.push(fusion.annotate(e.obs));
    }
  }
  return { fusion, annotated };
}
