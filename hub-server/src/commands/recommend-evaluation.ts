// What `eval recommend` computes, from files to figures: reads the inputs as `analyze recommend` does,
// runs its recommender with every move ranked, and scores the moves against the planted pairs of the
// simulator's truth (merged over the days' planted-pairs.json). Returns the JSON the command prints.
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { nearestWalk } from '../analytics/recommend/recommend.js';
import { evaluateRecommendations, type PlantedItems } from '../analytics/recommend/recommendation-eval.js';
import {
  type CrossMerchOptions,
  crossMerchGeometry,
  crossMerchReport,
} from '../analytics/reports/cross-merch-report.js';
import { readAnalyticsInputs } from './analytics-inputs.js';
import { readJsonFile } from './read-json-file.js';

/** The issue's target: recall@k of the opportunities at least this, and no control in the top k. */
export const TARGET_RECALL = 0.9;

export interface EvaluationFiles {
  layout: string;
  transactions: readonly string[];
  visits: readonly string[];
  planted: readonly string[];
  catalogue?: string;
}

const plantedFileSchema = z.array(
  z.object({
    name: z.string().min(1),
    strength: z.number().optional(),
    a: z.array(z.string().min(1)),
    b: z.array(z.string().min(1)),
    walkingDistanceM: z.number().optional(),
  }),
);
type PlantedTruth = z.infer<typeof plantedFileSchema>[number] & { truthWalkingDistanceM: number[] };

export async function evaluateRecommendFiles(
  files: EvaluationFiles,
  options: CrossMerchOptions,
  k: number,
  warn: (line: string) => void,
) {
  const started = performance.now();
  const planted = await readPlanted(files.planted);
  const inputs = await readAnalyticsInputs(
    {
      layout: files.layout,
      visits: files.visits,
      transactions: files.transactions,
      ...(files.catalogue && { catalogue: files.catalogue }),
    },
    warn,
  );
  // Every move is ranked, so a pair outside the top k still gets its rank.
  const all = { ...options, top: Number.POSITIVE_INFINITY };
  const geometry = crossMerchGeometry(inputs.layout, all, inputs.catalogue);
  const report = crossMerchReport(
    {
      layout: inputs.layout,
      sessions: inputs.sessions,
      transactions: inputs.transactions ?? [],
      ...(inputs.catalogue && { catalogue: inputs.catalogue }),
    },
    all,
    geometry,
  );
  const atLevel = (skus: readonly string[]): string[] =>
    options.level === 'sku'
      ? [...skus]
      : [...new Set(skus.flatMap((s) => inputs.catalogue?.get(s)?.category ?? []))];
  const evaluation = evaluateRecommendations({
    planted: planted.map((p): PlantedItems => ({ name: p.name, a: atLevel(p.a), b: atLevel(p.b) })),
    recommendations: report.recommendations,
    adjacentPairs: report.adjacentPairs,
    distance: (a, b) => nearestWalk(geometry.planogram, geometry.distance, a, b),
    adjacentMetres: options.adjacentMetres ?? 6,
    k,
  });
  const truthDistances = new Map(planted.map((p) => [p.name, p.truthWalkingDistanceM]));
  return {
    layout: files.layout,
    level: options.level,
    files: {
      transactions: files.transactions.length,
      visits: files.visits.length,
      planted: files.planted.length,
    },
    lineItems: inputs.rows.lineItems,
    zoneVisits: inputs.rows.visits,
    refusedRows: inputs.refused,
    baskets: report.baskets,
    weeks: report.weeks,
    joinRate: report.join.joinRate,
    joinedSessions: report.join.joinedSessions,
    pairsConsidered: report.pairsConsidered,
    moves: report.recommendations.length,
    ...evaluation,
    pairs: evaluation.pairs.map((p) => ({ ...p, truthWalkingDistanceM: truthDistances.get(p.name) ?? [] })),
    targetMet:
      (evaluation.recallAtK === null || evaluation.recallAtK >= TARGET_RECALL) &&
      evaluation.controlsInTopK.length === 0,
    top: report.recommendations.slice(0, k).map((r) => ({
      rank: r.rank,
      anchor: r.anchor,
      moved: r.moved,
      distanceMetres: r.distanceMetres,
      lift: round(r.affinity.lift),
      basketsWithBoth: r.affinity.basketsWithBoth,
      coVisitRate: r.coVisitRate === null ? null : round(r.coVisitRate),
      extraPerWeek: round(r.expectedExtraCoPurchasesPerWeek),
      sameMove: r.sameMove.length,
    })),
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  };
}

/** The planted pairs of every file, merged by name (the days of one run plant the same pairs). */
async function readPlanted(files: readonly string[]): Promise<PlantedTruth[]> {
  const byName = new Map<string, PlantedTruth>();
  for (const file of files) {
    const parsed = plantedFileSchema.safeParse(await readJsonFile(file));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new Error(`${file}: not a planted-pairs file\n${problems.join('\n')}`);
    }
    for (const p of parsed.data) {
      const seen = byName.get(p.name);
      const d = p.walkingDistanceM;
      if (!seen) {
        byName.set(p.name, { ...p, truthWalkingDistanceM: d === undefined ? [] : [d] });
        continue;
      }
      if (seen.a.join() !== p.a.join() || seen.b.join() !== p.b.join())
        throw new Error(`${file}: planted pair "${p.name}" names other SKUs than in an earlier file`);
      if (d !== undefined && !seen.truthWalkingDistanceM.includes(d)) seen.truthWalkingDistanceM.push(d);
    }
  }
  return [...byName.values()];
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
