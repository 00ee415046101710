// Expected extra co-purchases per week if B gets a facing near A.
//
//   extra / week = weekly A-buyers × (1 − co-visit rate) × max(0, P(B | A, exposed) − P(B | A, not exposed))
//
// Read it as: the A-buyers who today never pass B (1 − co-visit) would, with B beside A, be exposed to
// it, and would then buy it as often as A-buyers who pass B today do, over and above the rate at which
// unexposed A-buyers buy B anyway. Assumptions, each of which the figure inherits:
// - Exposure causes the difference. Shoppers who walk to B partly do so because they came for B, so
//   P(B | A, exposed) − P(B | A, not exposed) overstates the effect of exposure: treat the result as an
//   upper bound for ranking, and measure the real effect with an experiment (experiments/).
// - A new facing near A exposes every A-buyer, and A-buyers' paths do not otherwise change.
// - Linked (loyalty) shoppers whose paths joined a basket represent all A-buyers; weekly A-buyers are
//   counted over all baskets, linked or not.
// - No cannibalisation: a B bought beside A is not a B that would have been bought elsewhere in store
//   by the same shopper on a later trip.
// - Small groups are shrunk: each conditional rate is (bought + k·c) / (sessions + k), with c = P(B | A)
//   over all baskets and k = priorWeight pseudo-sessions (default 5), so thin evidence pulls the
//   difference towards zero instead of ranking a pair first on two lucky shoppers.
import type { CoVisit } from './co-visit.js';

export interface UpliftInput {
  readonly coVisit: CoVisit;
  /** Baskets with A per week, over all baskets. */
  readonly weeklyABuyers: number;
  /** P(B | A) over all baskets: the prior both conditional rates shrink towards. */
  readonly confidence: number;
  readonly priorWeight?: number;
}

export interface UpliftEstimate {
  readonly pExposed: number;
  readonly pUnexposed: number;
  /** max(0, pExposed − pUnexposed). */
  readonly exposureEffect: number;
  /** 1 − co-visit rate (1 when no A-buyer's path is known). */
  readonly newlyExposedShare: number;
  readonly extraCoPurchasesPerWeek: number;
}

export function expectedUplift(input: UpliftInput): UpliftEstimate {
  const k = input.priorWeight ?? 5;
  const { exposed, unexposed, coVisitRate } = input.coVisit;
  const shrink = (g: { sessions: number; boughtB: number }) =>
    (g.boughtB + k * input.confidence) / (g.sessions + k);
  const pExposed = shrink(exposed);
  const pUnexposed = shrink(unexposed);
  const exposureEffect = Math.max(0, pExposed - pUnexposed);
  const newlyExposedShare = 1 - (coVisitRate ?? 0);
  return {
    pExposed,
    pUnexposed,
    exposureEffect,
    newlyExposedShare,
    extraCoPurchasesPerWeek: input.weeklyABuyers * newlyExposedShare * exposureEffect,
  };
}
