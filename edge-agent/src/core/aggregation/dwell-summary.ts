// Mean and nearest-rank percentiles of visit durations, in seconds, as the `zones` message carries them.
import type { ZoneStat } from '@retail/contracts';

export type DwellSummary = ZoneStat['dwell'];

const round3 = (s: number) => Math.round(s * 1000) / 1000;

/** Nearest-rank percentile of an ascending list: the smallest value with at least p% at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarizeDwell(durationsMs: readonly number[]): DwellSummary {
  if (durationsMs.length === 0) return { meanS: 0, p50S: 0, p90S: 0, maxS: 0 };
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const mean = sorted.reduce((s, d) => s + d, 0) / sorted.length;
  return {
    meanS: round3(mean / 1000),
    p50S: round3(percentile(sorted, 50) / 1000),
    p90S: round3(percentile(sorted, 90) / 1000),
    maxS: round3(sorted[sorted.length - 1]! / 1000),
  };
}
