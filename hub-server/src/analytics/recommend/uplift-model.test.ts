import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedUplift } from './uplift-model.js';

const coVisit = (exposed: [number, number], unexposed: [number, number], withoutA: [number, number]) => {
  const aBuyers = exposed[0] + unexposed[0];
  return {
    aBuyers,
    coVisitRate: aBuyers > 0 ? exposed[0] / aBuyers : null,
    exposed: { sessions: exposed[0], boughtB: exposed[1] },
    unexposed: { sessions: unexposed[0], boughtB: unexposed[1] },
    exposedWithoutA: { sessions: withoutA[0], boughtB: withoutA[1] },
  };
};

describe('expectedUplift', () => {
  it('is weekly A-buyers × (1 − co-visit) × (shrunk P(B|A,passed B) − P(B|no A,passed B)), by hand', () => {
    // 20 of 100 A-buyers pass B and 12 of them buy it; 20 of the 200 other shoppers passing B buy it.
    // Prior c = 32 / 220 (everyone passing B), k = 5.
    const evidence = coVisit([20, 12], [80, 0], [200, 20]);
    const u = expectedUplift({ coVisit: evidence, weeklyABuyers: 50 });
    const c = 32 / 220;
    expect(u.pExposed).toBeCloseTo((12 + 5 * c) / 25);
    expect(u.pBaseline).toBeCloseTo((20 + 5 * c) / 205);
    expect(u.newlyExposedShare).toBeCloseTo(0.8);
    expect(u.extraCoPurchasesPerWeek).toBeCloseTo(50 * 0.8 * ((12 + 5 * c) / 25 - (20 + 5 * c) / 205));
    const raw = expectedUplift({ coVisit: evidence, weeklyABuyers: 50, priorWeight: 0 });
    expect(raw.extraCoPurchasesPerWeek).toBeCloseTo(50 * 0.8 * (0.6 - 0.1));
  });

  it('credits A only with what its buyers take beyond any shopper passing B', () => {
    // A-buyers passing B buy it as often as everyone else passing it: nothing to gain, although no
    // A-buyer who missed B bought it (nobody buys what they never pass).
    const same = expectedUplift({ coVisit: coVisit([10, 2], [40, 0], [50, 10]), weeklyABuyers: 9 });
    expect(same.exposureEffect).toBeCloseTo(0);
    expect(same.extraCoPurchasesPerWeek).toBeCloseTo(0);
  });

  it('expects nothing when nobody’s path is known, or nobody passes B', () => {
    const unknown = expectedUplift({ coVisit: coVisit([0, 0], [0, 0], [0, 0]), weeklyABuyers: 9 });
    expect(unknown).toMatchObject({ newlyExposedShare: 1, extraCoPurchasesPerWeek: 0 });
    const unseen = expectedUplift({ coVisit: coVisit([0, 0], [30, 0], [0, 0]), weeklyABuyers: 9 });
    expect(unseen.extraCoPurchasesPerWeek).toBe(0);
  });

  it('property: never negative, and never more than the A-buyers not yet passing B', () => {
    const group = fc.nat(200).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n })));
    fc.assert(
      fc.property(group, group, group, fc.double({ min: 0, max: 1e4, noNaN: true }), (e, u, w, weekly) => {
        const r = expectedUplift({ coVisit: coVisit(e, u, w), weeklyABuyers: weekly });
        expect(r.extraCoPurchasesPerWeek).toBeGreaterThanOrEqual(0);
        expect(r.extraCoPurchasesPerWeek).toBeLessThanOrEqual(weekly * r.newlyExposedShare + 1e-9);
      }),
    );
  });
});
