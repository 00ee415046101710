import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedUplift } from './uplift-model.js';

const coVisit = (exposed: [number, number], unexposed: [number, number]) => {
  const aBuyers = exposed[0] + unexposed[0];
  return {
    aBuyers,
    coVisitRate: aBuyers > 0 ? exposed[0] / aBuyers : null,
    exposed: { sessions: exposed[0], boughtB: exposed[1] },
    unexposed: { sessions: unexposed[0], boughtB: unexposed[1] },
  };
};

describe('expectedUplift', () => {
  it('is weekly A-buyers × (1 − co-visit) × (shrunk P(B|A,exposed) − P(B|A,not)), by hand', () => {
    // 20 of 100 A-buyers pass B; 12 of them buy B, 0 of the other 80. Prior c = 0.12, k = 5.
    const u = expectedUplift({ coVisit: coVisit([20, 12], [80, 0]), weeklyABuyers: 50, confidence: 0.12 });
    expect(u.pExposed).toBeCloseTo((12 + 0.6) / 25);
    expect(u.pUnexposed).toBeCloseTo(0.6 / 85);
    expect(u.newlyExposedShare).toBeCloseTo(0.8);
    expect(u.extraCoPurchasesPerWeek).toBeCloseTo(50 * 0.8 * (12.6 / 25 - 0.6 / 85));
    const raw = expectedUplift({
      coVisit: coVisit([20, 12], [80, 0]),
      weeklyABuyers: 50,
      confidence: 0.12,
      priorWeight: 0,
    });
    expect(raw.extraCoPurchasesPerWeek).toBeCloseTo(50 * 0.8 * 0.6);
  });

  it('expects nothing when exposure makes no difference, or nobody’s path is known', () => {
    expect(
      expectedUplift({ coVisit: coVisit([10, 2], [40, 8]), weeklyABuyers: 9, confidence: 0.2 })
        .exposureEffect,
    ).toBeCloseTo(0);
    const unknown = expectedUplift({ coVisit: coVisit([0, 0], [0, 0]), weeklyABuyers: 9, confidence: 0.2 });
    expect(unknown).toMatchObject({ newlyExposedShare: 1, extraCoPurchasesPerWeek: 0 });
  });

  it('property: never negative, and never more than the A-buyers not yet passing B', () => {
    const group = fc.nat(200).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n })));
    fc.assert(
      fc.property(
        group,
        group,
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (e, u, weekly, c) => {
          const r = expectedUplift({ coVisit: coVisit(e, u), weeklyABuyers: weekly, confidence: c });
          expect(r.extraCoPurchasesPerWeek).toBeGreaterThanOrEqual(0);
          expect(r.extraCoPurchasesPerWeek).toBeLessThanOrEqual(weekly * r.newlyExposedShare + 1e-9);
        },
      ),
    );
  });
});
