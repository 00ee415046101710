// Cross-merchandising recommendations: pairs bought together (affinity) that shoppers' real paths keep
// apart (walking distance, co-visit rate), ranked by the extra co-purchases a facing of B near A is
// expected to bring (uplift-model.ts), each with an action a merchandiser can carry out.
// Pairs whose fixtures are already within `adjacentMetres` are reported, never recommended as moves.
// One recommendation per move: item pairs that join the same two fixtures (A's fixture and the one B
// would come from) are one conversation with the merchandiser — bring these two fixtures' goods
// together — so the strongest pair stands for the move and the others ride along in `sameMove`. At SKU
// level a single category-to-category affinity otherwise fills the list with every SKU combination
// (paint × brushes: 18 lines of the same walk) and pushes the next opportunity out of the top N.
import type { Planogram } from '../planogram/planogram.js';
import { type AddFacingAction, addFacingAction, round, type SwapAction, swapAction } from './actions.js';
import { type AffinityOptions, type AffinityPair, affinityPairs } from './affinity.js';
import { type CoVisit, coVisit, type JoinedPath } from './co-visit.js';
import type { FixtureDistance } from './target-fixture.js';
import { expectedUplift, type UpliftEstimate } from './uplift-model.js';

export interface RecommendInput {
  /** Every basket, at the planogram's level. */
  readonly baskets: readonly (readonly string[])[];
  /** Weeks the baskets cover, for weekly volumes. */
  readonly weeks: number;
  /** Sessions joined to a basket. */
  readonly joinedPaths: readonly JoinedPath[];
  /** Zones of every session, anonymous included (exposure replay for swaps). */
  readonly sessionZones: readonly ReadonlySet<string>[];
  readonly planogram: Planogram;
  /** Walking metres between two fixtures (A* / Dijkstra over the walkable grid). */
  readonly distance: FixtureDistance;
  readonly blockedZones?: ReadonlySet<string>;
  readonly label?: (item: string) => string;
}

export interface RecommendOptions extends AffinityOptions {
  /** Pairs nearer than this, metres, are already together (default 6). */
  adjacentMetres?: number;
  /** Keep the N best (default 20). */
  top?: number;
  /** Pseudo-sessions of shrinkage in the uplift model (default 5). */
  priorWeight?: number;
}

export interface Recommendation {
  readonly rank: number;
  /** Stays put. */
  readonly anchor: string;
  /** Gets a facing near the anchor. */
  readonly moved: string;
  readonly affinity: Omit<AffinityPair, 'a' | 'b'>;
  readonly distanceMetres: number;
  readonly fixtures: { readonly anchor: readonly string[]; readonly moved: readonly string[] };
  readonly coVisitRate: number | null;
  readonly evidence: CoVisit;
  readonly model: UpliftEstimate & { readonly weeklyABuyers: number };
  readonly expectedExtraCoPurchasesPerWeek: number;
  readonly action: AddFacingAction;
  readonly alternative?: SwapAction;
  /** B's fixture nearest to the anchor's: where the facing's goods come from today. */
  readonly fromFixtureId: string;
  /** Weaker item pairs between the same two fixtures (either way round), best first. */
  readonly sameMove: readonly SameMovePair[];
}

export interface SameMovePair {
  readonly anchor: string;
  readonly moved: string;
  readonly lift: number;
  readonly expectedExtraCoPurchasesPerWeek: number;
}

export interface AdjacentPair {
  readonly a: string;
  readonly b: string;
  readonly distanceMetres: number;
  readonly lift: number;
}

export interface RecommendResult {
  /** Unordered pairs passing the affinity thresholds. */
  readonly pairsConsidered: number;
  readonly recommendations: Recommendation[];
  /** Strong pairs already placed together: no move proposed. */
  readonly adjacentPairs: AdjacentPair[];
  /** Strong pairs where an item has no fixture in the planogram, or no walkable route joins them. */
  readonly unplacedPairs: { readonly a: string; readonly b: string }[];
}

type Candidate = Omit<Recommendation, 'rank' | 'action' | 'alternative' | 'sameMove'> & {
  anchorFixtureId: string;
};

export function recommendCrossMerchandising(
  input: RecommendInput,
  options: RecommendOptions = {},
): RecommendResult {
  const adjacentMetres = options.adjacentMetres ?? 6;
  const { planogram } = input;
  const pairs = affinityPairs(input.baskets, options);
  const best = new Map<string, Candidate>();
  const adjacent = new Map<string, AdjacentPair>();
  const unplaced = new Map<string, { a: string; b: string }>();
  for (const pair of pairs) {
    const key = [pair.a, pair.b].sort().join('\u0000');
    const d = nearestWalk(planogram, input.distance, [pair.a], [pair.b]);
    if (d === undefined) {
      unplaced.set(key, { a: [pair.a, pair.b].sort()[0]!, b: [pair.a, pair.b].sort()[1]! });
      continue;
    }
    if (d < adjacentMetres) {
      if (!adjacent.has(key))
        adjacent.set(key, { a: pair.a, b: pair.b, distanceMetres: round(d, 2), lift: pair.lift });
      continue;
    }
    const candidate = evaluate(input, pair, d, options.priorWeight);
    const previous = best.get(key);
    if (!previous || compareCandidates(candidate, previous) < 0) best.set(key, candidate);
  }
  const ranked = groupByMove([...best.values()].sort(compareCandidates)).slice(0, options.top ?? 20);
  const ctx = {
    planogram,
    distance: input.distance,
    ...(input.blockedZones && { blockedZones: input.blockedZones }),
    maxMetres: adjacentMetres,
    sessionZones: input.sessionZones,
    label: input.label ?? ((item: string) => item),
  };
  const recommendations = ranked.map(({ candidate: { anchorFixtureId, ...c }, sameMove }, i) => {
    const facts = {
      a: c.anchor,
      b: c.moved,
      anchorFixtureId,
      distanceMetres: c.distanceMetres,
      coVisitRate: c.coVisitRate,
      extraPerWeek: c.expectedExtraCoPurchasesPerWeek,
    };
    const alternative = swapAction(ctx, facts);
    return {
      rank: i + 1,
      ...c,
      action: addFacingAction(ctx, facts),
      ...(alternative && { alternative }),
      sameMove,
    };
  });
  return {
    pairsConsidered: new Set(pairs.map((p) => [p.a, p.b].sort().join('\u0000'))).size,
    recommendations,
    adjacentPairs: [...adjacent.values()].sort((x, y) => y.lift - x.lift),
    unplacedPairs: [...unplaced.values()],
  };
}

function evaluate(
  input: RecommendInput,
  pair: AffinityPair,
  distance: number,
  priorWeight?: number,
): Candidate {
  const { planogram } = input;
  const evidence = coVisit(input.joinedPaths, pair.a, pair.b, planogram.zonesOf(pair.b));
  const weeklyABuyers = pair.basketsWithA / input.weeks;
  const model = expectedUplift({
    coVisit: evidence,
    weeklyABuyers,
    ...(priorWeight !== undefined && { priorWeight }),
  });
  const { a, b, ...affinity } = pair;
  const anchorFixtureId = anchorFixture(input, a);
  return {
    anchor: a,
    moved: b,
    affinity,
    distanceMetres: round(distance, 2),
    fixtures: { anchor: planogram.fixturesOf(a), moved: planogram.fixturesOf(b) },
    coVisitRate: evidence.coVisitRate,
    evidence,
    model: { ...model, weeklyABuyers },
    expectedExtraCoPurchasesPerWeek: model.extraCoPurchasesPerWeek,
    anchorFixtureId,
    fromFixtureId: nearestFixture(input, anchorFixtureId, planogram.fixturesOf(b)),
  };
}

/** Of `fixtures`, the one nearest to `from` on foot (the first when none is reachable). */
function nearestFixture(input: RecommendInput, from: string, fixtures: readonly string[]): string {
  let best = fixtures[0]!;
  let bestMetres = Infinity;
  for (const id of fixtures) {
    const d = id === from ? 0 : (input.distance(from, id) ?? Infinity);
    if (d < bestMetres) {
      best = id;
      bestMetres = d;
    }
  }
  return best;
}

/** Ranked candidates folded into one per unordered pair of fixtures, keeping the rank of each move's best. */
function groupByMove(ranked: readonly Candidate[]): { candidate: Candidate; sameMove: SameMovePair[] }[] {
  const moves = new Map<string, { candidate: Candidate; sameMove: SameMovePair[] }>();
  for (const c of ranked) {
    const key = [c.anchorFixtureId, c.fromFixtureId].sort().join('\u0000');
    const move = moves.get(key);
    if (!move) moves.set(key, { candidate: c, sameMove: [] });
    else
      move.sameMove.push({
        anchor: c.anchor,
        moved: c.moved,
        lift: c.affinity.lift,
        expectedExtraCoPurchasesPerWeek: c.expectedExtraCoPurchasesPerWeek,
      });
  }
  return [...moves.values()];
}

/**
 * Walking metres between the nearest fixture holding any of `a` and the nearest holding any of `b`;
 * undefined when either side is not placed or no route joins them. Under `adjacentMetres` a pair is
 * already together: the rule that keeps a pair out of the moves, and that evaluations use for controls.
 */
export function nearestWalk(
  planogram: Planogram,
  distance: FixtureDistance,
  a: readonly string[],
  b: readonly string[],
): number | undefined {
  let best: number | undefined;
  for (const fa of new Set(a.flatMap((item) => planogram.fixturesOf(item)))) {
    for (const fb of new Set(b.flatMap((item) => planogram.fixturesOf(item)))) {
      const d = distance(fa, fb);
      if (d !== undefined && (best === undefined || d < best)) best = d;
    }
  }
  return best;
}

/** A's fixture whose zone most A-buyers walk through (first in layout order on ties). */
function anchorFixture(input: RecommendInput, a: string): string {
  const fixtures = input.planogram.fixturesOf(a);
  let best = fixtures[0]!;
  let bestCount = -1;
  for (const id of fixtures) {
    const zone = input.planogram.fixture(id)!.zoneId;
    let count = 0;
    for (const p of input.joinedPaths) if (p.basket.has(a) && p.zones.has(zone)) count++;
    if (count > bestCount) {
      best = id;
      bestCount = count;
    }
  }
  return best;
}

function compareCandidates(x: Candidate, y: Candidate): number {
  return (
    y.expectedExtraCoPurchasesPerWeek - x.expectedExtraCoPurchasesPerWeek ||
    y.affinity.lift - x.affinity.lift ||
    (x.anchor < y.anchor ? -1 : x.anchor > y.anchor ? 1 : x.moved < y.moved ? -1 : x.moved > y.moved ? 1 : 0)
  );
}
