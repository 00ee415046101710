// How well one beacon's fixes in a window agree with one camera track: the mean normalised squared
// distance between each fix and the track's position at the fix's (lag-corrected) time, halved, so a
// beacon carried by the tracked person scores about 1 and one a few sigmas away scores much more.
import type { BeaconFix } from '../ble-types.js';
import type { FusionOptions } from './fusion-options.js';

/** Where a track was at a time; undefined where it was not seen. */
export type PositionAt = (ts: number) => readonly [number, number] | undefined;

export interface PairScore {
  /** Mean of min(d², clip)/2 over the matched fixes. */
  cost: number;
  /** Fixes matched to a track position. */
  matched: number;
}

type ScoringOptions = Pick<
  FusionOptions,
  'fixLagMs' | 'trackSigmaM' | 'minFixSigmaM' | 'minFixes' | 'minCoverage' | 'clipD2'
>;

/** The pair's score, or undefined when the track was not seen at enough of the fixes' times. */
export function scorePair(
  track: PositionAt,
  fixes: readonly BeaconFix[],
  o: ScoringOptions,
): PairScore | undefined {
  let sum = 0;
  let matched = 0;
  for (const f of fixes) {
    const p = track(f.ts - o.fixLagMs);
    if (!p) continue;
    const sigma = Math.max(f.sigmaM, o.minFixSigmaM);
    const d2 = ((p[0] - f.x) ** 2 + (p[1] - f.y) ** 2) / (sigma * sigma + o.trackSigmaM * o.trackSigmaM);
    sum += Math.min(d2, o.clipD2);
    matched++;
  }
  if (matched < o.minFixes || matched < o.minCoverage * fixes.length) return undefined;
  return { cost: sum / matched / 2, matched };
}
