// One settled beacon fix becomes evidence: its cost (pair-scoring.ts) against every camera track seen at
// the fix's lag-corrected time is added to that (track, beacon) pair, new candidates are opened where a
// fix fits well enough, and the linked pair's own sequential test and the learnt error scale are fed.
import type { BeaconFix } from '../ble-types.js';
import type { FusionState } from './fusion-state.js';
import { PairEvidence } from './pair-evidence.js';
import { fixCost } from './pair-scoring.js';

/** Weight of one linked fix in the learnt error scale. */
const SCALE_RATE = 0.005;

/** Adds the fix's cost to the evidence of every candidate track seen at its time. */
export function scoreFix(s: FusionState, f: BeaconFix): void {
  const o = s.options;
  const b = s.beacons.get(f.beacon);
  if (!b) return;
  const at = f.ts - o.fixLagMs;
  const bucket = Math.floor(f.ts / o.bucketMs);
  for (const [trackId, t] of s.tracks) {
    if (t.firstTs - o.maxGapMs > at || t.lastTs + o.maxGapMs < at) continue;
    const p = t.history.positionAt(at);
    if (!p) continue;
    const cost = fixCost(p, f, o, s.errorScale);
    let pair = b.pairs.get(trackId);
    if (!pair) {
      if (cost >= o.candidateCost || t.ended) continue;
      pair = new PairEvidence(bucket);
      b.pairs.set(trackId, pair);
      t.pairs.set(f.beacon, pair);
    }
    pair.add(bucket, cost);
    if (b.link === trackId) {
      pair.cusum = Math.max(0, pair.cusum + cost - o.breakCost);
      if (pair.n >= 2 * o.minLinkFixes) learnErrorScale(s, cost);
    }
  }
}

/**
 * Linked pairs should cost about 1 a fix; when they cost more, the fixes' sigmas are too small (a
 * miscalibrated positioner). A running average over linked fixes rescales every cost, within
 * [1, maxErrorScale], so margins keep their meaning.
 */
function learnErrorScale(s: FusionState, cost: number): void {
  const { maxErrorScale, clipD2 } = s.options;
  if (maxErrorScale <= 1) return;
  const raw = Math.min(cost * s.errorScale, clipD2 / 2);
  const next = (1 - SCALE_RATE) * s.errorScale + SCALE_RATE * raw;
  s.errorScale = Math.min(maxErrorScale, Math.max(1, next));
}
