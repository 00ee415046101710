// The cost of one beacon fix against a camera track's position at the fix's (lag-corrected) time: the
// squared distance normalised by the fix's and the track's variances, clipped so one wild fix cannot
// dominate, and halved — a negative log-likelihood (up to a constant) whose mean is about 1 for a beacon
// carried by the tracked person when the fix sigmas are honest.
import type { BeaconFix } from '../ble-types.js';
import type { FusionOptions } from './fusion-options.js';

/** Where a track was at a time; undefined where it was not seen. */
export type PositionAt = (ts: number) => readonly [number, number] | undefined;

type CostOptions = Pick<FusionOptions, 'trackSigmaM' | 'minFixSigmaM' | 'clipD2'>;

/** min(d² / (σ_fix² + σ_track²) / errorScale, clip) / 2 for a track at `p`. */
export function fixCost(
  p: readonly [number, number],
  fix: Pick<BeaconFix, 'x' | 'y' | 'sigmaM'>,
  o: CostOptions,
  errorScale = 1,
): number {
  const sigma = Math.max(fix.sigmaM, o.minFixSigmaM);
  const d2 = ((p[0] - fix.x) ** 2 + (p[1] - fix.y) ** 2) / (sigma * sigma + o.trackSigmaM * o.trackSigmaM);
  return Math.min(d2 / errorScale, o.clipD2) / 2;
}
