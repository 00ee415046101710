// A simulated day replayed through TrackFusion as the gateway would live: fixes and camera observations in
// time order (a fix at its timestamp + its delay, before observations of the same instant), each track's
// end reported trackEndDelayMs after its last observation (as the tracker drops a lost track), every
// observation annotated at the moment it arrives, and every aggregation window closed at its end + the
// gateway's grace (not before the gateway's warm-up after BLE starts), when the aggregator asks fusion
// who each of the window's tracks is (identity-at-close.ts). Pure.
import type { ResolvedIdentity } from '../../core/aggregation/identity-at-close.js';
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { BeaconFix } from '../ble-types.js';
import type { FusionOptions } from './fusion-options.js';
import type { FusionSite } from './fusion-site.js';
import { TrackFusion } from './track-fusion.js';

export interface ReplayInput {
  observations: readonly TrackObservation[];
  fixes: readonly BeaconFix[];
  fusion?: Partial<FusionOptions>;
  site?: FusionSite;
  /** A fix reaches fusion this long after its timestamp, ms (0). */
  fixDelayMs?: number;
  /** The tracker reports a track's end this long after its last observation, ms (1000). */
  trackEndDelayMs?: number;
  /** The gateway's aggregation window, ms (60 000), aligned to the epoch as window-clock.ts does. */
  aggregationWindowMs?: number;
  /** How long after its end a window closes, ms (60 000: the gateway's grace with BLE). */
  aggregationGraceMs?: number;
  /**
   * No window closes before this long after the replay's first fix or observation, ms (600 000, the
   * gateway's FUSION_WARM_UP_MS after BLE starts): staff on the floor at the start are linked by then.
   */
  aggregationWarmUpMs?: number;
}

export interface Replay {
  fusion: TrackFusion;
  /** Annotated as each arrived, in time order. */
  observations: TrackObservation[];
  /**
   * Per observation (same order), what fusion said about its track when the observation's window closed;
   * apply with `withIdentity`. Shared between a track's observations of one window.
   */
  atClose: (ResolvedIdentity | undefined)[];
}

/** Runs the replay; `observations` come back annotated, in time order. */
export function replayFusion(input: ReplayInput): Replay {
  const fusion = new TrackFusion(input.fusion, input.site);
  const delay = input.fixDelayMs ?? 0;
  const endDelay = input.trackEndDelayMs ?? 1000;
  const windowMs = input.aggregationWindowMs ?? 60_000;
  const graceMs = input.aggregationGraceMs ?? 60_000;
  const observations = [...input.observations].sort((a, b) => a.ts - b.ts);
  const fixes = [...input.fixes].sort((a, b) => a.ts - b.ts);
  const lastTs = new Map<string, number>();
  for (const o of observations) lastTs.set(o.trackId, o.ts);
  // Observations are in time order, so ends (last ts + a constant) come due in the order they are queued.
  const ends: { trackId: string; due: number }[] = [];
  let nextEnd = 0;
  const out: TrackObservation[] = [];
  const atClose: (ResolvedIdentity | undefined)[] = new Array(observations.length);
  let j = 0;
  /** Everything fusion hears up to `ts`: track ends due by then (each after the fixes before it), fixes. */
  const catchUp = (ts: number) => {
    while (nextEnd < ends.length && ends[nextEnd]!.due <= ts) {
      const end = ends[nextEnd++]!;
      while (j < fixes.length && fixes[j]!.ts + delay <= end.due) fusion.observeFix(fixes[j++]!);
      fusion.advanceTo(end.due);
      fusion.endTrack(end.trackId);
    }
    while (j < fixes.length && fixes[j]!.ts + delay <= ts) fusion.observeFix(fixes[j++]!);
  };
  // Windows close in time order; `held` is the first observation whose window has not closed.
  let held = 0;
  const warmUntil =
    Math.min(observations[0]?.ts ?? Number.POSITIVE_INFINITY, fixes[0]?.ts ?? Number.POSITIVE_INFINITY) +
    (input.aggregationWarmUpMs ?? 600_000);
  const closeDue = (ts: number) => {
    while (held < out.length) {
      const end = (Math.floor(out[held]!.ts / windowMs) + 1) * windowMs;
      const closesAt = Math.max(end + graceMs, warmUntil);
      if (closesAt > ts) return;
      catchUp(closesAt);
      fusion.advanceTo(closesAt);
      const known = new Map<string, ResolvedIdentity | undefined>();
      for (; held < out.length && out[held]!.ts < end; held++) {
        const { trackId } = out[held]!;
        if (!known.has(trackId)) known.set(trackId, fusion.identityOf(trackId));
        atClose[held] = known.get(trackId);
      }
    }
  };
  for (const obs of observations) {
    closeDue(obs.ts);
    catchUp(obs.ts);
    fusion.observeTrack(obs);
    out.push(fusion.annotate(obs));
    if (lastTs.get(obs.trackId) === obs.ts) ends.push({ trackId: obs.trackId, due: obs.ts + endDelay });
  }
  closeDue(Number.POSITIVE_INFINITY);
  return { fusion, observations: out, atClose };
}
