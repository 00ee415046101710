import { describe, expect, it } from 'vitest';
import { holmAdjusted } from './holm.js';

describe('holmAdjusted', () => {
  it('multiplies the i-th smallest by m − i, keeps the order of the adjusted values and caps at 1', () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06.
    const adjusted = holmAdjusted([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted).toHaveLength(4);
    for (const [i, want] of [0.03, 0.06, 0.06, 0.02].entries()) expect(adjusted[i]).toBeCloseTo(want, 15);
    expect(holmAdjusted([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjusted([])).toEqual([]);
  });

  it('never lowers a p-value and equals Bonferroni for the smallest', () => {
    const p = [0.2, 0.001, 0.03, 0.03, 0.7];
    const adjusted = holmAdjusted(p);
    for (const [i, a] of adjusted.entries()) expect(a).toBeGreaterThanOrEqual(p[i]!);
    expect(adjusted[1]).toBeCloseTo(0.005, 15);
  });
});
