import { describe, expect, it } from 'vitest';
import { percentile, summarizeDwell } from './dwell-summary.js';

describe('summarizeDwell', () => {
  it('gives the mean and nearest-rank percentiles in seconds', () => {
    const ms = [4000, 1000, 3000, 2000, 10_000, 6000, 5000, 9000, 7000, 8000];
    expect(summarizeDwell(ms)).toEqual({ meanS: 5.5, p50S: 5, p90S: 9, maxS: 10 });
    expect(summarizeDwell([1234])).toEqual({ meanS: 1.234, p50S: 1.234, p90S: 1.234, maxS: 1.234 });
    expect(summarizeDwell([])).toEqual({ meanS: 0, p50S: 0, p90S: 0, maxS: 0 });
  });

  it('takes the smallest value with at least p% at or below it', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 90)).toBe(4);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
  });
});
