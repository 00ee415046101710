// Cross-merchandising: affine pairs kept apart by the layout, ranked by expected extra co-purchases.
export type { AddFacingAction, SwapAction } from './actions.js';
export { type AffinityOptions, type AffinityPair, affinityPairs } from './affinity.js';
export { type CoVisit, coVisit, type JoinedPath } from './co-visit.js';
export {
  type AdjacentPair,
  type Recommendation,
  type RecommendInput,
  type RecommendOptions,
  type RecommendResult,
  recommendCrossMerchandising,
} from './recommend.js';
export { chooseSwap, chooseTargetFixture, type FixtureDistance } from './target-fixture.js';
export { expectedUplift, type UpliftEstimate, type UpliftInput } from './uplift-model.js';
