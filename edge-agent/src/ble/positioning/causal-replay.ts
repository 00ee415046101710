// Replays a reception log through a positioner and asks for a fix at every truth row, pushing only the
// receptions up to that row's time: the same causal view the live gateway has. Returns the errors.
import type { BeaconTruth } from '@retail/contracts';
import type { BeaconFix, Reception } from '../ble-types.js';

export interface FixSource {
  push(r: Reception): void;
  fixAt(beacon: string, ts: number): BeaconFix | undefined;
}

export interface ReplayErrors {
  /** Horizontal error per truth row that got a fix, metres, in truth order. */
  errors: number[];
  /** Truth rows for which the positioner had no fix. */
  missed: number;
}

/** Both inputs must be sorted by ts; receptions at exactly a truth's ts count as already heard. */
export function replayAgainstTruth(
  positioner: FixSource,
  receptions: readonly Reception[],
  truths: readonly BeaconTruth[],
  onProgress?: (done: number) => void,
): ReplayErrors {
  const errors: number[] = [];
  let missed = 0;
  let next = 0;
  truths.forEach((t, i) => {
    while (next < receptions.length && (receptions[next] as Reception).ts <= t.ts) {
      positioner.push(receptions[next] as Reception);
      next++;
    }
    const fix = positioner.fixAt(t.beacon, t.ts);
    if (fix) errors.push(Math.hypot(fix.x - t.x, fix.y - t.y));
    else missed++;
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  });
  return { errors, missed };
}

/** Linear-interpolated quantile (q in [0, 1]) of unsorted values; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}
