// When a link is broken: its own sequential test (a CUSUM of per-fix costs above breakCost) reaches
// breakCusum — the track walked away from the beacon's fixes — or a live rival track beats it by
// linkMargin over their common time, beyond chance as a link must be (link-rules.ts): an advantage that
// swings from block to block, two people walking together, piles up over minutes without saying who
// carries the phone, and broke right links as often as wrong ones. A broken pair starts again from
// nothing and must earn a new link; the rotating id leaves the track.
import type { BeaconState, FusionState } from './fusion-state.js';
import { rotatingIdOf } from './fusion-state.js';
import { advantage, type PairEvidence, separation } from './pair-evidence.js';

/** Breaks the beacon's link when the evidence turned against it. */
export function weighLink(s: FusionState, beacon: string, b: BeaconState): void {
  const trackId = b.link as string;
  const pair = b.pairs.get(trackId);
  let broken = pair === undefined || pair.cusum >= s.options.breakCusum;
  if (!broken && pair) {
    for (const [other, rival] of b.pairs) {
      if (other === trackId || !s.liveTrack(other)) continue;
      if (advantage(rival, pair).llr >= s.options.linkMargin && beyondChance(s, rival, pair)) {
        broken = true;
        break;
      }
    }
  }
  if (!broken) return;
  s.counters.broken++;
  const t = s.tracks.get(trackId);
  if (t) {
    t.links.delete(beacon);
    const hex = rotatingIdOf(beacon);
    if (hex) t.rotatingIds = t.rotatingIds.filter((id) => id !== hex);
    t.pairs.delete(beacon);
  }
  // The pair starts again from nothing: it must earn a new link.
  b.pairs.delete(trackId);
  b.link = undefined;
}

/** The rival's advantage is no chance swing: it holds across zMinBlocks blocks at linkMinZ (0: off). */
function beyondChance(s: FusionState, rival: PairEvidence, pair: PairEvidence): boolean {
  const o = s.options;
  if (o.linkMinZ <= 0) return true;
  const sep = separation(rival, pair, o.zBlockBuckets, o.zPriorSd);
  return sep.blocks < o.zMinBlocks || sep.z >= o.linkMinZ;
}
