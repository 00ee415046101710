// Once a bucket: tracks silent past trackTimeoutMs end, beacons silent past beaconTimeoutMs lose their
// live link (the id stays on the track), candidates that have fitted badly for a while are dropped, and
// what is too old to matter again is forgotten, so memory follows the store's occupancy, not the day
// (a forgotten track's identity alone is kept a little longer, for the aggregator's window close).
import { endTrack, type FusionState, retireLink } from './fusion-state.js';

export function expire(s: FusionState, now: number): void {
  const o = s.options;
  const keepFrom = now - o.settleMs - o.fixLagMs - 2 * o.maxGapMs - o.bucketMs;
  const forgetBefore = keepFrom - o.trackTimeoutMs - o.handoverMs;
  for (const [id, t] of s.tracks) {
    if (!t.ended && t.lastTs < now - o.trackTimeoutMs) endTrack(s, id, t);
    if (t.ended && t.lastTs < forgetBefore) {
      for (const beacon of t.pairs.keys()) s.beacons.get(beacon)?.pairs.delete(id);
      s.tracks.delete(id);
      if (o.identityRetentionMs > 0) {
        const { lastTs, staff, rotatingIds, next } = t;
        s.retired.set(id, { lastTs, staff, rotatingIds, ...(next !== undefined && { next }) });
      }
    } else t.history.pruneBefore(Math.min(keepFrom, t.lastTs - o.chainHeadingMs));
  }
  for (const [id, r] of s.retired) if (r.lastTs < now - o.identityRetentionMs) s.retired.delete(id);
  const lastBucket = Math.floor(now / o.bucketMs) - 1;
  for (const [id, b] of s.beacons) {
    if (b.lastTs < now - o.beaconTimeoutMs && b.link !== undefined) {
      const t = s.tracks.get(b.link);
      if (t) retireLink(s, id, t);
      else b.link = undefined;
    }
    if (b.lastTs < forgetBefore) {
      for (const trackId of b.pairs.keys()) s.tracks.get(trackId)?.pairs.delete(id);
      s.beacons.delete(id);
      continue;
    }
    for (const [trackId, pair] of b.pairs) {
      if (b.link === trackId || lastBucket - pair.firstBucket < o.dropAfterBuckets) continue;
      const recent = pair.between(lastBucket - o.dropAfterBuckets + 1, lastBucket);
      if (recent.n > 0 && recent.s / recent.n > o.dropCost) {
        b.pairs.delete(trackId);
        s.tracks.get(trackId)?.pairs.delete(id);
      }
    }
  }
  for (const t of s.tracks.values()) {
    for (const [id, x] of t.silentLinks) if (x.lastTs < forgetBefore) t.silentLinks.delete(id);
  }
}
