// Staff tags walking together: which tag is whose does not matter, only that every one of those tracks is
// staff. A staff tag's rival track explained by another staff tag (linked to it, or its leader or
// runner-up) holds no link back, and a staff tag's leader skips tracks another staff tag already took.
import type { BeaconState, FusionState, TrackState } from './fusion-state.js';
import type { PairEvidence } from './pair-evidence.js';

export interface Candidate {
  trackId: string;
  pair: PairEvidence;
  vsNull: number;
}

export function isStaffRole(b: BeaconState): boolean {
  return b.role === 'staff' || b.role === 'calibration';
}

/** Whether the track carries a live link of a staff tag other than `beacon`. */
export function carriesOtherStaffTag(s: FusionState, beacon: string, t: TrackState): boolean {
  for (const other of t.links.keys()) {
    const ob = s.beacons.get(other);
    if (other !== beacon && ob && isStaffRole(ob)) return true;
  }
  return false;
}

/**
 * Whether the track is explained by another live staff tag: linked to it, or that tag's leader or
 * runner-up with enough fixes and `margin` against nobody. For a staff tag such a rival does not hold
 * the link back: staff walking together are all staff, whichever tag is whose.
 */
export function claimedByOtherStaffTag(
  s: FusionState,
  beacon: string,
  trackId: string,
  margin: number,
): boolean {
  for (const [other, ob] of s.beacons) {
    if (other === beacon || !isStaffRole(ob) || ob.lastTs < s.clock - s.options.beaconTimeoutMs) continue;
    if (ob.link === trackId) return true;
    if (ob.link !== undefined) continue;
    const top = topTwo(s, ob);
    if (top.some((c) => c.trackId === trackId && c.vsNull >= margin && c.pair.n >= s.options.minLinkFixes))
      return true;
  }
  return false;
}

/** A staff tag's live candidates with the most evidence against nobody, best first (at most two). */
function topTwo(s: FusionState, b: BeaconState): Candidate[] {
  const out: Candidate[] = [];
  for (const [trackId, pair] of b.pairs) {
    if (!s.liveTrack(trackId)) continue;
    const c = { trackId, pair, vsNull: s.options.nullCost * pair.n - pair.sum };
    if (out.length < 2 || c.vsNull > (out[1] as Candidate).vsNull) {
      out.push(c);
      out.sort((x, y) => y.vsNull - x.vsNull);
      out.length = Math.min(out.length, 2);
    }
  }
  return out;
}
