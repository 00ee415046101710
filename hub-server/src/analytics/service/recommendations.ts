// Cross-merchandising recommendations for the API: the `analyze recommend` core over the store's
// layout, baskets and sessions, mapped to the port's schema. The core's action is a facing of B on a
// fixture beside A (`add-facing`, its sentence as `text`); the swap it may offer as an alternative
// names other fixtures than the arrow the dashboard draws, so the port's single action leaves it out.
// The core's planogram knows SKUs and categories only, so `subcategory` is refused with a 400
// naming `level` rather than answered at another level.
import type { CatalogueItem } from '@retail/contracts';
import {
  AnalyticsInputError,
  type Recommendation,
  type RecommendationsParams,
  type RecommendationsResult,
} from '../../http/analytics-port.js';
import type { Recommendation as CoreRecommendation } from '../recommend/recommend.js';
import { type AnalyticsInput, crossMerchReport } from '../reports/cross-merch-report.js';

export function recommendationsOf(input: AnalyticsInput, p: RecommendationsParams): RecommendationsResult {
  if (p.level === 'subcategory')
    throw new AnalyticsInputError('level', 'recommendations are made for sku or category, not subcategory');
  const catalogue = input.catalogue ?? new Map<string, CatalogueItem>();
  if (p.level === 'category' && catalogue.size === 0)
    throw new AnalyticsInputError('level', 'level category needs the catalogue; none is imported (use sku)');
  if (input.transactions.length === 0) return { pairsConsidered: 0, recommendations: [] };
  const report = crossMerchReport(
    { ...input, catalogue },
    {
      level: p.level,
      top: p.top,
      storeId: input.layout.storeId,
      ...(p.minLift !== undefined && { minLift: p.minLift }),
    },
  );
  const label = (item: string) => (p.level === 'sku' ? (catalogue.get(item)?.name ?? item) : item);
  return {
    pairsConsidered: report.pairsConsidered,
    recommendations: report.recommendations.map((r) => toPort(r, label)),
  };
}

function toPort(r: CoreRecommendation, label: (item: string) => string): Recommendation {
  return {
    rank: r.rank,
    anchor: { item: r.anchor, label: label(r.anchor), fixtureIds: [...r.fixtures.anchor] },
    moved: { item: r.moved, label: label(r.moved), fixtureIds: [...r.fixtures.moved] },
    distanceMetres: r.distanceMetres,
    coVisitRate: r.coVisitRate,
    lift: r.affinity.lift,
    confidence: Math.min(1, r.affinity.confidence),
    expectedExtraCoPurchasesPerWeek: r.expectedExtraCoPurchasesPerWeek,
    action: {
      kind: 'add-facing',
      fixtureId: r.action.fixtureId,
      text: r.action.sentence,
    },
  };
}
