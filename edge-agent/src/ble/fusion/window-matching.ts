// One window's matching of camera tracks (rows) to beacons (columns): the min-cost assignment under a
// gate (Hungarian, linear-assignment.ts), then each matched pair checked for ambiguity — another track
// nearly as close to the beacon, or another beacon nearly as close to the track — so that a guess is
// never taken for evidence.
import { solveLinearAssignment } from '../../vision/track/linear-assignment.js';

export interface WindowMatch {
  row: number;
  col: number;
  cost: number;
  /** The runner-up (other track for this beacon, or other beacon for this track) is within the margin. */
  ambiguous: boolean;
}

/**
 * Matches for a cost matrix (non-finite entries are impossible pairs). Every column appears at most
 * once; columns without a match within the gate are absent.
 */
export function matchWindow(
  cost: readonly (readonly number[])[],
  gateCost: number,
  marginCost: number,
): WindowMatch[] {
  if (cost.length === 0) return [];
  const { pairs } = solveLinearAssignment(cost, { maxCost: gateCost });
  return pairs.map(([row, col]) => {
    const c = cost[row]![col]!;
    let runnerUp = Number.POSITIVE_INFINITY;
    for (let k = 0; k < cost.length; k++) if (k !== row) runnerUp = Math.min(runnerUp, cost[k]![col]!);
    const r = cost[row]!;
    for (let l = 0; l < r.length; l++) if (l !== col) runnerUp = Math.min(runnerUp, r[l]!);
    return { row, col, cost: c, ambiguous: runnerUp - c < marginCost };
  });
}
