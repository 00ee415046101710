// Dwell per zone: the time of each visit (exit − enter), summarised by median and 90th percentile,
// which say more than a mean about a skewed dwell distribution (most pass through, a few linger).
import type { ShopperSession } from './sessions.js';

export interface ZoneDwell {
  readonly zoneId: string;
  readonly visits: number;
  readonly medianSeconds: number;
  readonly p90Seconds: number;
  readonly meanSeconds: number;
}

/** Per visit, not per session: two visits to a zone in one session are two dwells. Sorted by zone id. */
export function dwellByZone(sessions: readonly ShopperSession[]): ZoneDwell[] {
  const byZone = new Map<string, number[]>();
  for (const s of sessions) {
    for (const v of s.visits) {
      const list = byZone.get(v.zoneId) ?? [];
      byZone.set(v.zoneId, list);
      list.push((v.exitTs - v.enterTs) / 1000);
    }
  }
  return [...byZone]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([zoneId, seconds]) => {
      const sorted = Float64Array.from(seconds).sort();
      return {
        zoneId,
        visits: sorted.length,
        medianSeconds: quantile(sorted, 0.5),
        p90Seconds: quantile(sorted, 0.9),
        meanSeconds: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
      };
    });
}

/**
 * The q-quantile of ascending values by linear interpolation between order statistics (R's type 7,
 * numpy's default), so the median of an even count is the mean of the middle two. NaN when empty.
 */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
