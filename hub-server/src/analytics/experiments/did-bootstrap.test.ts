import { seededRandom } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import {
  bootstrapDiffInDiff,
  type DayObservation,
  type DidCells,
  diffInDiff,
  pooledRate,
} from './did-bootstrap.js';

const days = (...pairs: [number, number][]): DayObservation[] =>
  pairs.map(([numerator, denominator], i) => ({ day: `d${i}`, numerator, denominator }));

describe('diffInDiff', () => {
  it('compares pooled rates, weighting busy days more, by hand', () => {
    expect(pooledRate(days([1, 10], [9, 30]))).toBe(0.25);
    const cells: DidCells = {
      treatedBefore: days([10, 100], [10, 100]), // 0.10
      treatedAfter: days([30, 200]), // 0.15
      controlBefore: days([8, 100]), // 0.08
      controlAfter: days([9, 100]), // 0.09
    };
    expect(diffInDiff(cells)).toBeCloseTo(0.04);
    const r = bootstrapDiffInDiff(cells, { resamples: 200 })!;
    expect(r.estimate).toBeCloseTo(0.04);
    expect(r.days).toEqual({ treatedBefore: 2, treatedAfter: 1, controlBefore: 1, controlAfter: 1 });
    // Identical days in every cell leave nothing to resample: the interval collapses onto the estimate.
    expect(r.ci95[0]).toBeCloseTo(0.04);
    expect(r.ci95[1]).toBeCloseTo(0.04);
  });

  it('is undefined when a cell is empty, and repeatable for a seed', () => {
    expect(
      bootstrapDiffInDiff({
        treatedBefore: [],
        treatedAfter: days([1, 2]),
        controlBefore: days([1, 2]),
        controlAfter: days([1, 2]),
      }),
    ).toBeUndefined();
    const cells = simulate(seededRandom(9), 0.02);
    expect(bootstrapDiffInDiff(cells, { seed: 3, resamples: 300 })).toEqual(
      bootstrapDiffInDiff(cells, { seed: 3, resamples: 300 }),
    );
  });
});

/**
 * `days` per cell (28 unless told), 300 baskets a day; a day's co-purchase rate is its cell's rate plus a day shock
 * (sd 0.01: weather, promotions) and each basket then buys the pair with that probability. Control
 * and treated share a trend of +0.005; the treated stores gain `effect` on top after the change.
 */
function simulate(random: () => number, effect: number, days = 28): DidCells {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const cell = (rate: number) =>
    Array.from({ length: days }, (_, d) => {
      const p = Math.min(1, Math.max(0, rate + 0.01 * normal()));
      let n = 0;
      for (let b = 0; b < 300; b++) if (random() < p) n++;
      return { day: `d${d}`, numerator: n, denominator: 300 };
    });
  return {
    treatedBefore: cell(0.05),
    treatedAfter: cell(0.055 + effect),
    controlBefore: cell(0.04),
    controlAfter: cell(0.045),
  };
}

describe('bootstrapDiffInDiff on simulated stores with a known effect', () => {
  const coverage = (effect: number, days = 28, runs = 100) => {
    let covered = 0;
    let sum = 0;
    for (let run = 0; run < runs; run++) {
      const r = bootstrapDiffInDiff(simulate(seededRandom(1000 + run), effect, days), {
        resamples: 500,
        seed: run,
      })!;
      if (r.ci95[0] <= effect && effect <= r.ci95[1]) covered++;
      sum += r.estimate;
    }
    return { covered, mean: sum / runs };
  };

  it('covers a true +2 point co-purchase effect in at least 90 of 100 runs, and centres on it', () => {
    const { covered, mean } = coverage(0.02);
    expect(covered).toBeGreaterThanOrEqual(90);
    expect(mean).toBeCloseTo(0.02, 2);
  });

  it('covers zero when the change did nothing', () => {
    const { covered, mean } = coverage(0);
    expect(covered).toBeGreaterThanOrEqual(90);
    expect(Math.abs(mean)).toBeLessThan(0.003);
  });

  it('keeps its coverage with only 3 days a cell, by resampling n − 1 of the n days', () => {
    // Drawing all n days shrinks the variance by (n − 1)/n = 2/3: 341 of these 400 runs (85 %) covered.
    const { covered } = coverage(0.02, 3, 400);
    expect(covered).toBeGreaterThanOrEqual(356);
  });
});
