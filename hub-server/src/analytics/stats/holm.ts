// Holm's step-down adjustment of p-values for testing many hypotheses at once (Holm 1979): among a
// thousand rules, some fifty pass p < 0.05 by chance alone; adjusted p-values below 0.05 keep the
// chance of even one false discovery in the whole family under 5%.

/** The adjusted p-values, in the order given: the i-th smallest times (m − i), made non-decreasing, capped at 1. */
export function holmAdjusted(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}
