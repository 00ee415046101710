// Chaining across a long camera handover by the beacon itself: when a track ended carrying a beacon
// (its linked phone or tag, or a free one it was the best candidate for) and, up to chainVouchMaxGapMs
// later and within walking reach of where it ended, a new track starts that the same beacon's fixes since
// then clearly prefer over every other track that could continue it (begun since, within reach), the new
// track is that person's next fragment. Geometry alone cannot tell who is who after a gap of several
// seconds (anyone within 2 m/s × gap could be); the beacon can. Tracks that coexisted with the ended one
// are other people, no candidates. Pure.

import { distanceToDoor } from './fusion-site.js';
import type { FusionState, TrackState } from './fusion-state.js';
import { advantage } from './pair-evidence.js';

/** Rivals sharing fewer fixes than this with the new track say nothing either way. */
const MIN_COMMON_FIXES = 3;

/**
 * The one ended track whose beacon vouches for `n` as its continuation, or undefined when none does
 * or more than one would.
 */
export function vouchedPredecessor(s: FusionState, trackId: string, n: TrackState): string | undefined {
  let found: string | undefined;
  for (const [prevId, p] of s.tracks) {
    if (prevId === trackId || !p.ended || p.next !== undefined) continue;
    if (p.endLinks.length === 0 && p.endLeads.length === 0) continue;
    if (!withinReach(s, p, n)) continue;
    if (![...p.endLinks, ...p.endLeads].some((beacon) => vouches(s, beacon, p, trackId))) continue;
    if (found !== undefined) return undefined;
    found = prevId;
  }
  return found;
}

/**
 * n began soon enough after p ended, where a walking person could have got to (around the shelves when
 * the site knows the floor), not across a door.
 */
function withinReach(s: FusionState, p: TrackState, n: TrackState): boolean {
  const o = s.options;
  const gap = n.firstTs - p.lastTs;
  if (gap < -o.chainOverlapMs || gap > o.chainVouchMaxGapMs || n.firstTs <= p.firstTs) return false;
  const r = o.doorRadiusM;
  if (r > 0 && distanceToDoor(s.site, p.last) <= r && distanceToDoor(s.site, n.first) <= r) return false;
  const reach = (o.chainSpeedMps * Math.max(0, gap)) / 1000 + o.chainSlackM;
  if (Math.hypot(n.first[0] - p.last[0], n.first[1] - p.last[1]) > reach) return false;
  const walked = s.site.walkingDistance?.(p.last, n.first);
  // A tracker's point can sit on a shelf's edge: the walk is allowed the slack once more.
  return walked === undefined || walked <= reach + o.chainSlackM;
}

/**
 * The beacon, free or already relinked to the new track, has chainVouchMinFixes fixes on it and beats
 * by chainVouchMargin every other live track that could also continue `p`.
 */
function vouches(s: FusionState, beacon: string, p: TrackState, trackId: string): boolean {
  const o = s.options;
  const b = s.beacons.get(beacon);
  if (!b || (b.link !== undefined && b.link !== trackId)) return false;
  const pair = b.pairs.get(trackId);
  if (!pair || pair.n < o.chainVouchMinFixes) return false;
  for (const [other, rival] of b.pairs) {
    const r = s.liveTrack(other);
    if (other === trackId || !r || r.prev !== undefined || !withinReach(s, p, r)) continue;
    const adv = advantage(pair, rival);
    if (adv.n >= MIN_COMMON_FIXES && adv.llr < o.chainVouchMargin) return false;
  }
  return true;
}
