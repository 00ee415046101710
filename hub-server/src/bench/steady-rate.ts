// Messages per second once a run is under way: measured between the moments the first 10% and the
// first 90% of its messages arrived, so neither side is judged by its start (connections opening,
// code not yet optimised, a broker's first deliveries) or by its last stragglers. A short round of
// the raw broker spends a good part of its time speeding up; the hub's rate hardly changes.

/**
 * The rate between the `(1 − share)/2` and `(1 + share)/2` quantiles of the arrival times (ms); NaN
 * when it cannot be told (fewer than two arrivals, or all of them in the same millisecond).
 */
export function steadyRate(arrivalsMs: readonly number[], share = 0.8): number {
  if (!(share > 0 && share <= 1)) throw new RangeError(`share must be in (0, 1], not ${share}`);
  const n = arrivalsMs.length;
  if (n < 2) return Number.NaN;
  const sorted = Float64Array.from(arrivalsMs).sort();
  const first = Math.floor(((1 - share) / 2) * (n - 1));
  const last = Math.ceil(((1 + share) / 2) * (n - 1));
  const ms = sorted[last]! - sorted[first]!;
  return ms > 0 ? ((last - first) * 1000) / ms : Number.NaN;
}
