// Who a camera track really follows, when the evaluation is not told: the person (shopper or staff)
// nearest to most of its observations, from the day's truth. For judging fusion only; fusion never sees it.
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import { Population } from '../../emulator/population.js';
import type { DayTruth } from '../../simulator/truth.js';
import type { TrackOwner } from './truth-streams.js';

/** An observation votes for a person within this distance of it, m. */
const OWNER_RADIUS_M = 1.5;

/** The person nearest to most of a track's observations (every 5th looked at). */
export function ownersByProximity(
  day: Pick<DayTruth, 'shoppers' | 'staff'>,
  observations: readonly TrackObservation[],
): Map<string, TrackOwner> {
  const population = new Population(day);
  const who: TrackOwner[] = [
    ...day.shoppers
      .filter((s) => s.trajectory)
      .map((s) => ({ kind: 'shopper', sessionId: s.sessionId }) as const),
    ...day.staff.filter((s) => s.trajectory).map((s) => ({ kind: 'staff', staffId: s.staffId }) as const),
  ];
  const votes = new Map<string, Map<number, number>>();
  const seen = new Map<string, number>();
  for (const obs of observations) {
    const k = (seen.get(obs.trackId) ?? 0) + 1;
    seen.set(obs.trackId, k);
    if (k % 5 !== 1) continue;
    let best = -1;
    let bestD = OWNER_RADIUS_M;
    for (const p of population.at(obs.ts)) {
      const d = Math.hypot(p.x - obs.x, p.y - obs.y);
      if (d < bestD) {
        bestD = d;
        best = p.person;
      }
    }
    if (best < 0) continue;
    const v = votes.get(obs.trackId) ?? new Map<number, number>();
    votes.set(obs.trackId, v);
    v.set(best, (v.get(best) ?? 0) + 1);
  }
  const owners = new Map<string, TrackOwner>();
  for (const [trackId, v] of votes) {
    const [person] = [...v.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
    const owner = who[person];
    if (owner) owners.set(trackId, owner);
  }
  return owners;
}
