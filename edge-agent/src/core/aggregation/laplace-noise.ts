// Optional differential-privacy noise on published counts (Laplace mechanism), randomness injected.
//
// What ε means here, honestly: each published count (a heatmap cell's shoppers; a zone's shoppers,
// visits, stops, first visits and peak occupancy; a transition's count) gets its own Laplace(1/ε) noise, i.e.
// we assume one shopper changes that one count by at most 1 (sensitivity 1). That holds for the
// distinct counts (shoppers, first visits, occupancy); for event counts (visits, stops, transitions) it protects
// one event, and a shopper who re-enters a zone r times is covered only at r·ε for that count.
// A shopper touches many counts in a window (every heatmap cell they cross, every zone they
// visit), so by sequential composition their per-window budget is m·ε, where m is the number of
// published counts they contributed to (e.g. 30 cells + 2 zones × 5 counts + 1 transition ≈ 41ε).
// Thresholding at k uses the true counts, so the choice of what is published is not itself noised,
// and dwell values (heatmap dwellSeconds, zone dwell summaries) carry no noise: ε covers counts only.
// Entrance counts are exact by design. In production `random` must come from a CSPRNG.

export interface CountNoiseOptions {
  /** Laplace ε per published count and window; absent means exact counts. */
  epsilon?: number | undefined;
  /** Uniform in [0, 1). */
  random: () => number;
  /** How much one shopper may change one count; 1 by the assumption above. */
  sensitivity?: number;
}

/** Turns a true count into the published one. */
export type CountRelease = (trueCount: number) => number;

/** One draw from Laplace(0, scale) by inverting its CDF. */
export function laplace(scale: number, random: () => number): number {
  const u = random() - 0.5; // [-0.5, 0.5)
  // 1 − 2|u| is in (0, 1]; at u = −0.5 it would be 0, so keep it off the log's pole.
  const tail = Math.max(1 - 2 * Math.abs(u), Number.MIN_VALUE);
  return -scale * Math.sign(u) * Math.log(tail);
}

export function countRelease(options: CountNoiseOptions): CountRelease {
  const { epsilon, random } = options;
  if (epsilon === undefined) return (n) => n;
  if (!(epsilon > 0)) throw new RangeError(`epsilon must be positive, got ${epsilon}`);
  const scale = (options.sensitivity ?? 1) / epsilon;
  // Clamping at 0 and rounding are post-processing: they cost no privacy.
  return (n) => Math.round(Math.max(0, n + laplace(scale, random)) * 100) / 100;
}
