// Scores cross-merchandising recommendations against planted truth (the simulator's planted-pairs.json):
// each planted pair is two sets of items (paint SKUs and brush SKUs, say). A recommended move "finds"
// it when its anchor is on one side and its moved item on the other, in either direction, or when one
// of the item pairs it carries along between the same two fixtures (`sameMove`) does; the pair's rank
// is that of its best such move. Pairs the layout already places together — nearest fixtures within
// the recommender's adjacency distance, measured by the same rule (`nearestWalk`) — are controls: a move
// for one of them anywhere in the list is a failure. The others are opportunities, scored by recall@k.

export interface PlantedItems {
  readonly name: string;
  /** Items of each side at the analysis level (SKUs, or their categories). */
  readonly a: readonly string[];
  readonly b: readonly string[];
}

export interface RankedMove {
  readonly rank: number;
  readonly anchor: string;
  readonly moved: string;
  /** Other item pairs served by the same move (the recommender's `sameMove`). */
  readonly sameMove?: readonly { readonly anchor: string; readonly moved: string }[];
}

export interface PlantedPairScore {
  readonly name: string;
  /** control: already within the adjacency distance; unplaced: a side has no fixture or no route joins them. */
  readonly role: 'opportunity' | 'control' | 'unplaced';
  /** Nearest fixture of A to nearest of B, walking metres, as the recommender measures it. */
  readonly walkingDistanceM: number | null;
  /** Rank of the best move joining the two sides; null when none is recommended. */
  readonly rank: number | null;
  readonly inTopK: boolean;
  readonly bestMove: { readonly anchor: string; readonly moved: string } | null;
  /** Recommended moves joining the two sides, all ranks. */
  readonly moves: number;
  /** Item pairs of this planted pair the recommender listed as already together. */
  readonly listedAdjacent: number;
}

export interface RecommendationEvaluation {
  readonly k: number;
  readonly adjacentMetres: number;
  readonly pairs: PlantedPairScore[];
  readonly opportunities: number;
  readonly foundInTopK: number;
  /** Share of opportunity pairs with a move in the top k; null without opportunities. */
  readonly recallAtK: number | null;
  readonly controls: number;
  /** Controls with a recommended move at any rank (each a failure), and those within the top k. */
  readonly controlsRecommended: string[];
  readonly controlsInTopK: string[];
}

export interface EvaluationInput {
  readonly planted: readonly PlantedItems[];
  /** Every recommended move, ranked (not only the top k). */
  readonly recommendations: readonly RankedMove[];
  readonly adjacentPairs: readonly { readonly a: string; readonly b: string }[];
  /** Walking metres between the nearest fixtures of two item sets; undefined when not placed or not joined. */
  readonly distance: (a: readonly string[], b: readonly string[]) => number | undefined;
  readonly adjacentMetres: number;
  readonly k: number;
}

export function evaluateRecommendations(input: EvaluationInput): RecommendationEvaluation {
  const pairs = input.planted.map((p) => scorePair(input, p));
  const opportunities = pairs.filter((p) => p.role === 'opportunity');
  const controls = pairs.filter((p) => p.role === 'control');
  const found = opportunities.filter((p) => p.inTopK).length;
  return {
    k: input.k,
    adjacentMetres: input.adjacentMetres,
    pairs,
    opportunities: opportunities.length,
    foundInTopK: found,
    recallAtK: opportunities.length > 0 ? found / opportunities.length : null,
    controls: controls.length,
    controlsRecommended: controls.filter((p) => p.rank !== null).map((p) => p.name),
    controlsInTopK: controls.filter((p) => p.inTopK).map((p) => p.name),
  };
}

function scorePair(input: EvaluationInput, p: PlantedItems): PlantedPairScore {
  const a = new Set(p.a);
  const b = new Set(p.b);
  const joins = (x: string, y: string) => (a.has(x) && b.has(y)) || (b.has(x) && a.has(y));
  const moves = input.recommendations.filter(
    (r) => joins(r.anchor, r.moved) || (r.sameMove ?? []).some((m) => joins(m.anchor, m.moved)),
  );
  const best = moves.reduce<RankedMove | undefined>((m, r) => (!m || r.rank < m.rank ? r : m), undefined);
  const d = p.a.length > 0 && p.b.length > 0 ? input.distance(p.a, p.b) : undefined;
  return {
    name: p.name,
    role: d === undefined ? 'unplaced' : d < input.adjacentMetres ? 'control' : 'opportunity',
    walkingDistanceM: d === undefined ? null : Math.round(d * 100) / 100,
    rank: best?.rank ?? null,
    inTopK: best !== undefined && best.rank <= input.k,
    bestMove: best ? { anchor: best.anchor, moved: best.moved } : null,
    moves: moves.length,
    listedAdjacent: input.adjacentPairs.filter((x) => joins(x.a, x.b)).length,
  };
}
