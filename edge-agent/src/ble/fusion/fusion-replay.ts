// A simulated day replayed through TrackFusion as the gateway would live: fixes and camera observations in
// time order (a fix at its timestamp + its delay, before observations of the same instant), each track's
// end reported trackEndDelayMs after its last observation (as the tracker drops a lost track), every
// observation annotated at the moment it arrives. Also what the same tracks carry when each observation's
// aggregation window closes, for the projection in linking-eval.ts. Pure.
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
}

/** Runs the replay; `observations` come back annotated, in time order. */
export function replayFusion(input: ReplayInput): { fusion: TrackFusion; observations: TrackObservation[] } {
  const fusion = new TrackFusion(input.fusion, input.site);
  const delay = input.fixDelayMs ?? 0;
  const endDelay = input.trackEndDelayMs ?? 1000;
  const observations = [...input.observations].sort((a, b) => a.ts - b.ts);
  const fixes = [...input.fixes].sort((a, b) => a.ts - b.ts);
  const lastTs = new Map<string, number>();
  for (const o of observations) lastTs.set(o.trackId, o.ts);
  // Observations are in time order, so ends (last ts + a constant) come due in the order they are queued.
  const ends: { trackId: string; due: number }[] = [];
  let nextEnd = 0;
  const out: TrackObservation[] = [];
  let j = 0;
  for (const obs of observations) {
    while (nextEnd < ends.length && ends[nextEnd]!.due <= obs.ts) {
      const end = ends[nextEnd++]!;
      while (j < fixes.length && fixes[j]!.ts + delay <= end.due) fusion.observeFix(fixes[j++]!);
      fusion.advanceTo(end.due);
      fusion.endTrack(end.trackId);
    }
    while (j < fixes.length && fixes[j]!.ts + delay <= obs.ts) fusion.observeFix(fixes[j++]!);
    fusion.observeTrack(obs);
    out.push(fusion.annotate(obs));
    if (lastTs.get(obs.trackId) === obs.ts) ends.push({ trackId: obs.trackId, due: obs.ts + endDelay });
  }
  return { fusion, observations: out };
}

/**
 * Per annotated observation (time-ordered), the ids its track carried at the last of its observations
 * before the observation's window closed (window end + grace): what the aggregator could attach if it
 * applied a track's identity to the observations it still holds. None for staff.
 */
export function idsAtWindowClose(
  annotated: readonly TrackObservation[],
  windowMs: number,
  graceMs: number,
): (readonly string[] | undefined)[] {
  const byTrack = new Map<string, number[]>();
  annotated.forEach((o, i) => {
    const list = byTrack.get(o.trackId) ?? [];
    byTrack.set(o.trackId, list);
    list.push(i);
  });
  const out: (readonly string[] | undefined)[] = new Array(annotated.length);
  for (const indices of byTrack.values()) {
    let k = 0;
    for (let i = 0; i < indices.length; i++) {
      const obs = annotated[indices[i]!]!;
      const closedAt = (Math.floor(obs.ts / windowMs) + 1) * windowMs + graceMs;
      k = Math.max(k, i);
      while (k + 1 < indices.length && annotated[indices[k + 1]!]!.ts <= closedAt) k++;
      const then = annotated[indices[k]!]!;
      out[indices[i]!] = then.staff ? undefined : then.rotatingIds;
    }
  }
  return out;
}
