// Calibration data joined up: each truth row (where the calibration phone really was) with the RSSI
// every anchor heard from that phone around that instant, as one vector per point. Path-loss fitting,
// the fingerprint radio map and the method choice all start from these samples.
import type { BeaconTruth } from '@retail/contracts';
import type { Reception } from '../ble-types.js';

export interface CalibrationSample {
  ts: number;
  beacon: string;
  x: number;
  y: number;
  /** Mean RSSI per anchor, indexed like the anchor list; NaN where the anchor did not hear the phone. */
  rssi: Float64Array;
}

export interface CalibrationSetOptions {
  /** A reception belongs to the nearest truth row of its beacon when within this many ms. */
  matchMs: number;
}

export const DEFAULT_CALIBRATION_SET: CalibrationSetOptions = { matchMs: 500 };

/** Index of the entry of sorted `ts` nearest to `t`. */
function nearestIndex(ts: number[], t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs((ts[lo - 1] as number) - t) <= Math.abs((ts[lo] as number) - t)) return lo - 1;
  return lo;
}

/** One sample per truth row that at least one anchor heard; receptions of unknown anchors are ignored. */
export function buildCalibrationSamples(
  receptions: readonly Reception[],
  truths: readonly BeaconTruth[],
  anchorIds: readonly string[],
  options: CalibrationSetOptions = DEFAULT_CALIBRATION_SET,
): CalibrationSample[] {
  const anchorIndex = new Map(anchorIds.map((id, i) => [id, i]));
  const byBeacon = new Map<string, BeaconTruth[]>();
  for (const t of truths) {
    const list = byBeacon.get(t.beacon);
    if (list) list.push(t);
    else byBeacon.set(t.beacon, [t]);
  }
  const sums = new Map<BeaconTruth, { sum: Float64Array; n: Uint16Array }>();
  const times = new Map<string, number[]>();
  for (const [beacon, list] of byBeacon) {
    list.sort((a, b) => a.ts - b.ts);
    times.set(
      beacon,
      list.map((t) => t.ts),
    );
  }
  for (const r of receptions) {
    const a = anchorIndex.get(r.anchor);
    const list = byBeacon.get(r.beacon);
    const ts = times.get(r.beacon);
    if (a === undefined || !list || !ts) continue;
    const i = nearestIndex(ts, r.ts);
    const truth = list[i];
    if (!truth || Math.abs(truth.ts - r.ts) > options.matchMs) continue;
    let acc = sums.get(truth);
    if (!acc) {
      acc = { sum: new Float64Array(anchorIds.length), n: new Uint16Array(anchorIds.length) };
      sums.set(truth, acc);
    }
    acc.sum[a] = (acc.sum[a] as number) + r.rssi;
    acc.n[a] = (acc.n[a] as number) + 1;
  }
  const samples: CalibrationSample[] = [];
  for (const t of truths) {
    const acc = sums.get(t);
    if (!acc) continue;
    const rssi = new Float64Array(anchorIds.length);
    for (let a = 0; a < anchorIds.length; a++) {
      const n = acc.n[a] as number;
      rssi[a] = n > 0 ? (acc.sum[a] as number) / n : Number.NaN;
    }
    samples.push({ ts: t.ts, beacon: t.beacon, x: t.x, y: t.y, rssi });
  }
  return samples.sort((a, b) => a.ts - b.ts);
}
