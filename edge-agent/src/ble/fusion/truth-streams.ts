// Fusion's inputs made from a simulated day's truth, for evaluating the linking before real sensors
// exist: camera tracks (every person, sampled at a camera's rate with position noise, each visit split
// into a few tracks with fresh ids as a tracker fragments them) and BLE fixes of the registered beacons
// (Gaussian error, temporally correlated as a smoothing positioner's is, and late by its lag). Pure, seeded.

import { ROTATION_SLOT_MS, type RotatingIdFor } from '@retail/contracts';
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import { positionAt } from '../../emulator/population.js';
import { normal, type Random, streamOf } from '../../simulator/random-streams.js';
import type { DayTruth, Trajectory } from '../../simulator/truth.js';
import type { BeaconFix } from '../ble-types.js';
import { loyaltyBeaconAt } from '../simulated/emitters.js';

/** Who a camera track really follows (truth only; the fusion never sees it). */
export type TrackOwner = { kind: 'shopper'; sessionId: string } | { kind: 'staff'; staffId: string };

export interface CameraTrackOptions {
  seed: number;
  /** Observations per second (5). */
  hz?: number;
  /** Position noise per axis, m (0.3). */
  noiseM?: number;
  /** Tracks per person: a whole number drawn uniformly in [min, max] ([2, 3]). */
  fragments?: readonly [number, number];
  /** The tracker's blind spell between two fragments, ms ([500, 2000]). */
  gapMs?: readonly [number, number];
}

export interface CameraTracks {
  /** In time order. */
  observations: TrackObservation[];
  owners: Map<string, TrackOwner>;
}

export function cameraTracksFromTruth(
  day: Pick<DayTruth, 'shoppers' | 'staff'>,
  o: CameraTrackOptions,
): CameraTracks {
  const hz = o.hz ?? 5;
  const noise = o.noiseM ?? 0.3;
  const [fMin, fMax] = o.fragments ?? [2, 3];
  const [gMin, gMax] = o.gapMs ?? [500, 2000];
  const observations: TrackObservation[] = [];
  const owners = new Map<string, TrackOwner>();
  const people: { owner: TrackOwner; key: string; t: Trajectory | undefined }[] = [
    ...day.shoppers.map((s) => ({
      owner: { kind: 'shopper', sessionId: s.sessionId } as const,
      key: s.sessionId,
      t: s.trajectory,
    })),
    ...day.staff.map((s) => ({
      owner: { kind: 'staff', staffId: s.staffId } as const,
      key: s.staffId,
      t: s.trajectory,
    })),
  ];
  const ids = streamOf(o.seed, 'track-ids');
  for (const { owner, key, t } of people) {
    if (!t) continue;
    const random = streamOf(o.seed, 'camera-track', key);
    const n = Math.floor(t.xy.length / 2);
    const start = t.startTs;
    const end = t.startTs + (n - 1) * t.intervalMs;
    const pieces = fMin + Math.floor(random() * (fMax - fMin + 1));
    const cuts = Array.from(
      { length: pieces - 1 },
      () => start + (0.15 + 0.7 * random()) * (end - start),
    ).sort((a, b) => a - b);
    const bounds = [start, ...cuts, end];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const trackId = randomId(ids);
      owners.set(trackId, owner);
      const from = k === 0 ? bounds[k]! : bounds[k]! + gMin + (gMax - gMin) * random();
      for (let ts = Math.ceil(from); ts <= bounds[k + 1]!; ts += 1000 / hz) {
        const p = positionAt(t, ts);
        if (!p) continue;
        observations.push({
          trackId,
          ts: Math.round(ts),
          x: p[0] + noise * normal(random),
          y: p[1] + noise * normal(random),
        });
      }
    }
  }
  observations.sort((a, b) => a.ts - b.ts);
  return { observations, owners };
}

/** A tracker's random, never reused track id. */
function randomId(random: Random): string {
  let id = 't';
  for (let i = 0; i < 12; i++) id += Math.floor(random() * 16).toString(16);
  return id;
}

export interface BeaconFixOptions {
  seed: number;
  rotatingIdFor: RotatingIdFor;
  /** Fixes per second per beacon (1). */
  hz?: number;
  /** Error per axis, m (1.5); also the fixes' reported sigmaM. */
  sigmaM?: number;
  /** How long the error takes to decorrelate (a smoothing positioner's errors drift), ms (2000). */
  errorCorrelationMs?: number;
  /** A fix describes where the beacon was this much earlier, ms, uniform in the range ([1000, 2000]). */
  lagMs?: readonly [number, number];
  slotMs?: number;
}

/** Fixes of every opted-in shopper's phone and every worn staff tag, in time order. */
export function beaconFixesFromTruth(
  day: Pick<DayTruth, 'shoppers' | 'staff'>,
  o: BeaconFixOptions,
): BeaconFix[] {
  const hz = o.hz ?? 1;
  const sigma = o.sigmaM ?? 1.5;
  const tau = o.errorCorrelationMs ?? 2000;
  const [lMin, lMax] = o.lagMs ?? [1000, 2000];
  const slotMs = o.slotMs ?? ROTATION_SLOT_MS;
  const stepMs = 1000 / hz;
  const rho = tau > 0 ? Math.exp(-stepMs / tau) : 0;
  const fixes: BeaconFix[] = [];
  const emit = (key: string, t: Trajectory, role: BeaconFix['role'], beaconAt: (ts: number) => string) => {
    const random = streamOf(o.seed, 'beacon-fix', key);
    const n = Math.floor(t.xy.length / 2);
    const end = t.startTs + (n - 1) * t.intervalMs + lMax;
    let ex = sigma * normal(random);
    let ey = sigma * normal(random);
    for (let ts = t.startTs + lMin + random() * stepMs; ts <= end; ts += stepMs) {
      ex = rho * ex + Math.sqrt(1 - rho * rho) * sigma * normal(random);
      ey = rho * ey + Math.sqrt(1 - rho * rho) * sigma * normal(random);
      const lag = lMin + (lMax - lMin) * random();
      const p = positionAt(t, ts - lag);
      if (!p) continue;
      const at = Math.round(ts);
      fixes.push({
        ts: at,
        beacon: beaconAt(at),
        role,
        x: p[0] + ex,
        y: p[1] + ey,
        sigmaM: sigma,
        method: 'trilateration',
      });
    }
  };
  for (const s of day.shoppers) {
    const secret = s.identity.appSecret;
    if (!s.trajectory || !s.identity.appOptedIn || !secret) continue;
    emit(s.sessionId, s.trajectory, 'loyalty', loyaltyBeaconAt(secret, o.rotatingIdFor, slotMs));
  }
  for (const s of day.staff) {
    const tag = s.beaconId;
    if (s.trajectory && tag) emit(s.staffId, s.trajectory, 'staff', () => tag);
  }
  fixes.sort((a, b) => a.ts - b.ts);
  return fixes;
}
