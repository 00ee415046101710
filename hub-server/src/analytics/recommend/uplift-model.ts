// Expected extra co-purchases per week if B gets a facing near A.
//
//   extra / week = weekly A-buyers × (1 − co-visit rate) × max(0, P(B | A, passed B) − P(B | no A, passed B))
//
// Read it as: the A-buyers who today never pass B (1 − co-visit) would, with B beside A, be exposed to
// it, and would then buy it over and above what any shopper passing B buys — by as much as A-buyers who
// pass B today out-buy the other shoppers passing B.
//
// Why the comparison is with other shoppers passing B, not with A-buyers who do not pass it: nobody buys
// what they never walk past (tracking gaps aside), so P(B | A, not passing B) is about 0 for every
// pair, and the contrast would collapse to P(B | A, passed B) — high for any B that people walk to on
// purpose, whatever A is. That measures the intent of those who came for B, not the pull of A, and it
// ranked unrelated best-sellers first. Shoppers who pass B came for it about as often with A as without
// (unless A and B belong together), so the difference keeps what A adds and cancels the intent.
//
// Assumptions, each of which the figure inherits:
// - The difference is caused by A. Part of it is A-buyers who planned B because of A (they would buy B
//   wherever it stood), so treat the result as an upper bound for ranking, and measure the real effect
//   with an experiment (experiments/). Ordinary impulse buys of B by newly exposed shoppers are not
//   counted: they are not the pair's doing, and any new facing of B would get them.
// - A new facing near A exposes every A-buyer, and A-buyers' paths do not otherwise change.
// - Linked (loyalty) shoppers whose paths joined a basket represent all A-buyers; weekly A-buyers are
//   counted over all baskets, linked or not.
// - No cannibalisation: a B bought beside A is not a B that would have been bought elsewhere in store
//   by the same shopper on a later trip.
// - Small groups are shrunk: each rate is (bought + k·c) / (sessions + k), with c the rate over all
//   joined shoppers passing B and k = priorWeight pseudo-sessions (default 5), so thin evidence pulls
//   the difference towards zero instead of ranking a pair first on two lucky shoppers.
import type { CoVisit } from './co-visit.js';

export interface UpliftInput {
  readonly coVisit: CoVisit;
  /** Baskets with A per week, over all baskets. */
  readonly weeklyABuyers: number;
  readonly priorWeight?: number;
}

export interface UpliftEstimate {
  /** P(B | A, passed B), shrunk. */
  readonly pExposed: number;
  /** P(B | no A, passed B), shrunk: the rate any shopper passing B buys it at. */
  readonly pBaseline: number;
  /** max(0, pExposed − pBaseline). */
  readonly exposureEffect: number;
  /** 1 − co-visit rate (1 when no A-buyer's path is known). */
  readonly newlyExposedShare: number;
  readonly extraCoPurchasesPerWeek: number;
}

export function expectedUplift(input: UpliftInput): UpliftEstimate {
  const k = input.priorWeight ?? 5;
  const { exposed, exposedWithoutA, coVisitRate } = input.coVisit;
  const passers = exposed.sessions + exposedWithoutA.sessions;
  const prior = passers > 0 ? (exposed.boughtB + exposedWithoutA.boughtB) / passers : 0;
  const shrink = (g: { sessions: number; boughtB: number }) =>
    g.sessions + k > 0 ? (g.boughtB + k * prior) / (g.sessions + k) : prior;
  const pExposed = shrink(exposed);
  const pBaseline = shrink(exposedWithoutA);
  const exposureEffect = Math.max(0, pExposed - pBaseline);
  const newlyExposedShare = 1 - (coVisitRate ?? 0);
  return {
    pExposed,
    pBaseline,
    exposureEffect,
    newlyExposedShare,
    extraCoPurchasesPerWeek: input.weeklyABuyers * newlyExposedShare * exposureEffect,
  };
}
