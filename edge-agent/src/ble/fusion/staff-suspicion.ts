// Staff without a tag link. In a staff-only area: a track that stays in one (a back room) for
// staffAreaMs is staff, however poorly its tag is positioned there. On suspicion (off by default): a
// young, unlinked track close to a recent fix of a staff tag that no other track explains is treated as
// staff until proven otherwise, so a staff member never reaches shopper analytics before the link.
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { BeaconFix } from '../ble-types.js';
import { inStaffOnlyArea } from './fusion-site.js';
import type { FusionState, TrackState } from './fusion-state.js';

/** Notes where the track is; true once it has stayed in a staff-only area for staffAreaMs. */
export function inStaffArea(s: FusionState, t: TrackState, obs: TrackObservation): boolean {
  if (s.options.staffAreaMs <= 0 || !inStaffOnlyArea(s.site, [obs.x, obs.y])) {
    t.staffAreaSince = undefined;
    return false;
  }
  t.staffAreaSince ??= obs.ts;
  return obs.ts - t.staffAreaSince >= s.options.staffAreaMs;
}

export function suspectStaff(s: FusionState, t: TrackState, obs: TrackObservation): boolean {
  const o = s.options;
  if (o.staffSuspicionMs <= 0 || t.links.size > 0 || obs.ts - t.firstTs > o.staffSuspicionMs) return false;
  const radius = o.staffSuspicionM * Math.sqrt(s.errorScale);
  for (const b of s.beacons.values()) {
    if (b.role === 'loyalty' || (b.link !== undefined && b.link !== obs.trackId)) continue;
    for (let i = b.recent.length - 1; i >= 0; i--) {
      const f = b.recent[i] as BeaconFix;
      if (obs.ts - f.ts > o.staffFixMaxAgeMs) break;
      if (f.ts <= obs.ts && Math.hypot(f.x - obs.x, f.y - obs.y) <= radius) return true;
    }
  }
  return false;
}
