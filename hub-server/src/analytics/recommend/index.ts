// Cross-merchandising: affine pairs kept apart by the layout, ranked by expected extra co-purchases.
export type { AddFacingAction, SwapAction } from './actions.js';
export { type AffinityOptions, type AffinityPair, affinityPairs } from './affinity.js';
export { BasketSizeBaseline, poissonExcessPValue } from './basket-size-baseline.js';
export { type CoVisit, coVisit, type JoinedPath } from './co-visit.js';
export {
  type AdjacentPair,
  nearestWalk,
  type Recommendation,
  type RecommendInput,
  type RecommendOptions,
  type RecommendResult,
  recommendCrossMerchandising,
  type SameMovePair,
} from './recommend.js';
export {
  evaluateRecommendations,
  type PlantedItems,
  type PlantedPairScore,
  type RankedMove,
  type RecommendationEvaluation,
} from './recommendation-eval.js';
export { chooseSwap, chooseTargetFixture, type FixtureDistance } from './target-fixture.js';
export { expectedUplift, type UpliftEstimate, type UpliftInput } from './uplift-model.js';
