// When a beacon is linked to a camera track. The leader (the live candidate with the most evidence
// against "carried by nobody tracked") links once it has enough fixes and beats every rival track of the
// beacon and every free rival beacon of the track — by a log-likelihood margin and, where they share
// enough time, beyond chance (a z-score: people walking together stay unlinked). A rival track is also
// charged, for the leader's fixes from before it appeared or after it ended, the cost of nobody tracked
// (pair-evidence.ts `advantageOverSpan`). A continuation of a link that just ended (a rotated id, a
// fragmented track) needs less. A track carries one live beacon at a time. For staff tags, tracks other
// staff tags explain are no rivals (staff-tag-groups.ts). Ambiguous matches are left unlinked, never guessed.
import type { BeaconState, FusionState, TrackState } from './fusion-state.js';
import { retireLink, rotatingIdOf } from './fusion-state.js';
import { advantage, advantageOverSpan, type PairEvidence, separation } from './pair-evidence.js';
import {
  type Candidate,
  carriesOtherStaffTag,
  claimedByOtherStaffTag,
  isStaffRole,
} from './staff-tag-groups.js';

/** Rivals sharing fewer fixes than this with a pair are no evidence either way (an ended one is ignored). */
const MIN_COMMON_FIXES = 3;

/** Links the beacon to its leading track when the evidence is clear; otherwise leaves it unlinked. */
export function maybeLink(s: FusionState, beacon: string, b: BeaconState, bucket: number): void {
  const o = s.options;
  const lead = leaderOf(s, beacon, b);
  if (!lead) return;
  const { trackId, pair: leader, vsNull } = lead;
  const t = s.tracks.get(trackId) as TrackState;
  const handover = isHandover(s, beacon, b, t);
  const margin = handover ? o.handoverMargin : o.linkMargin;
  if (leader.n < (handover ? o.handoverMinFixes : o.minLinkFixes) || vsNull < margin) return;
  // A track carries one live beacon at a time; another one can only follow one gone silent.
  const silent: string[] = [];
  for (const other of t.links.keys()) {
    const ob = s.beacons.get(other);
    if (ob && ob.lastTs >= s.clock - o.beaconTimeoutMs / 2) return;
    silent.push(other);
  }
  if (!beatsRivals(s, beacon, b, trackId, leader, t, margin)) {
    if (b.ambiguousBucket !== bucket) {
      b.ambiguousBucket = bucket;
      s.counters.ambiguous++;
    }
    return;
  }
  for (const other of silent) retireLink(s, other, t);
  b.link = trackId;
  b.lostTrack = undefined;
  leader.cusum = 0;
  t.links.set(beacon, s.clock);
  s.counters.linked++;
  if (isStaffRole(b)) t.staff = true;
  const hex = rotatingIdOf(beacon);
  if (hex && !t.rotatingIds.includes(hex)) t.rotatingIds.push(hex);
}

/**
 * The live candidate track with the most evidence against "carried by nobody tracked". A staff tag
 * skips tracks already carrying another live staff tag: the second staff member of a group is the
 * next track, not the one the first tag took.
 */
function leaderOf(s: FusionState, beacon: string, b: BeaconState): Candidate | undefined {
  let out: Candidate | undefined;
  for (const [trackId, pair] of b.pairs) {
    const t = s.liveTrack(trackId);
    if (!t || (isStaffRole(b) && carriesOtherStaffTag(s, beacon, t))) continue;
    const vsNull = s.options.nullCost * pair.n - pair.sum;
    if (!out || vsNull > out.vsNull) out = { trackId, pair, vsNull };
  }
  return out;
}

/**
 * The leader beats the beacon's other tracks by `margin` and the track's other free beacons by
 * trackMargin, and, where they share zMinBlocks blocks, each of them beyond chance (linkMinZ).
 */
export function beatsRivals(
  s: FusionState,
  beacon: string,
  b: BeaconState,
  leaderId: string,
  leader: PairEvidence,
  t: TrackState,
  margin: number,
): boolean {
  const o = s.options;
  const staffRole = isStaffRole(b);
  for (const [trackId, rival] of b.pairs) {
    if (trackId === leaderId) continue;
    const rt = s.tracks.get(trackId);
    // A track that stopped where the leader began is the person's previous fragment, not a rival.
    if (!rt || rt.lastTs - t.chainFirstTs <= o.maxGapMs) continue;
    // Staff walking together: which tag is whose does not matter, only that both tracks are staff.
    if (staffRole && claimedByOtherStaffTag(s, beacon, trackId, margin)) continue;
    const adv =
      o.rivalAbsentCost > 0 ? advantageOverSpan(leader, rival, o.rivalAbsentCost) : advantage(leader, rival);
    if (adv.n < MIN_COMMON_FIXES && (rt.ended || adv.n === 0)) continue;
    if (adv.llr < margin || !clearBeyondChance(s, leader, rival)) return false;
  }
  for (const [other, rival] of t.pairs) {
    if (other === beacon) continue;
    const ob = s.beacons.get(other);
    // Beacons explained by another track, or gone, are no rivals.
    if (!ob || (ob.link !== undefined && ob.link !== leaderId)) continue;
    // Another staff tag fitting the track as well says the track is staff all the same.
    if (staffRole && isStaffRole(ob)) continue;
    if (ob.lastTs < s.clock - o.beaconTimeoutMs) continue;
    const adv = advantage(leader, rival);
    if (adv.n < MIN_COMMON_FIXES) continue;
    if (adv.llr < o.trackMargin || !clearBeyondChance(s, leader, rival)) return false;
  }
  return true;
}

/** False when the two pairs share enough blocks and the leader's advantage could be chance. */
function clearBeyondChance(s: FusionState, leader: PairEvidence, rival: PairEvidence): boolean {
  const o = s.options;
  if (o.linkMinZ <= 0) return true;
  const sep = separation(leader, rival, o.zBlockBuckets, o.zPriorSd);
  return sep.blocks < o.zMinBlocks || sep.z >= o.linkMinZ;
}

/** A new id where a silent one of the same role was linked, or a new track where the beacon's last one ended. */
export function isHandover(s: FusionState, beacon: string, b: BeaconState, t: TrackState): boolean {
  const { handoverMs } = s.options;
  if (t.silentLinks.has(beacon)) return true;
  if (b.lostTrack !== undefined && Math.abs(t.firstTs - b.lostTrack) <= handoverMs) return true;
  const silent = [...t.silentLinks.values()];
  for (const other of t.links.keys()) {
    const ob = s.beacons.get(other);
    if (ob) silent.push({ role: ob.role, lastTs: ob.lastTs });
  }
  return silent.some((x) => x.role === b.role && Math.abs(b.firstTs - x.lastTs) <= handoverMs);
}
