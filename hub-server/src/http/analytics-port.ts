// The analytics the API serves but does not compute: basket rules, cross-merchandising
// recommendations, counterfactual layout scenarios, experiments and zone flows. The hub passes an
// implementation (over hub-server/src/analytics); without one these routes answer 503. Parameters
// and results are zod schemas so the same definitions validate requests and document responses.
import { slugSchema } from '@retail/contracts';
import { z } from 'zod';
import { layoutExperimentSchema } from '../analytics/experiments/layout-experiment.js';
import { rangeFields } from './schemas/range.js';

const item = z.string().trim().min(1).max(120);
const share = z.number().min(0).max(1);
const level = z.enum(['sku', 'category', 'subcategory']);

// ---- basket rules ----
export const rulesQuerySchema = z
  .strictObject({
    level: level.default('category').describe('Mine baskets of SKUs or of their categories.'),
    minSupport: z.coerce.number().min(0).max(1).default(0.01),
    minConfidence: z.coerce.number().min(0).max(1).default(0.1),
    minLift: z.coerce.number().min(0).default(1),
    minImprovement: z.coerce
      .number()
      .min(-1)
      .max(1)
      .default(0)
      .describe(
        'Least improvement: how much more confident the rule is, for each item it predicts, than any shorter rule for that item (0.05: five points). -1 keeps rules a shorter one explains as well.',
      ),
    maxPValue: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe(
        'Largest p-value of that improvement (one-sided Fisher exact test against every shorter rule): the default hides rules that chance or a shorter rule explains; 1 keeps every rule.',
      ),
    item: item.optional().describe('Only rules with this item on either side.'),
    sort: z.enum(['lift', 'confidence', 'support']).default('lift'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    from: rangeFields.from.optional().describe('Baskets from (epoch ms); all when absent.'),
    to: rangeFields.to.optional().describe('Baskets before (epoch ms).'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.to > q.from, {
    path: ['to'],
    message: 'to must be after from',
  });
export type RulesParams = z.output<typeof rulesQuerySchema>;

export const ruleSchema = z.object({
  antecedent: z.array(z.string()),
  consequent: z.array(z.string()),
  support: share,
  confidence: share,
  lift: z.number().min(0),
  /** Confidence gained over the best shorter rule, item by item (see minImprovement). */
  improvement: z.number().min(-1).max(1),
  /** How likely chance alone gives that improvement (see maxPValue). */
  pValue: share,
  /** Baskets holding both sides. */
  count: z.number().int().min(0),
});
export const rulesResultSchema = z.object({
  baskets: z.number().int().min(0),
  rules: z.array(ruleSchema),
  /** At SKU level: the catalogue's product name of each SKU in the rules (SKUs it lacks are left out). */
  names: z.record(z.string(), z.string()).optional(),
});
export type RulesResult = z.output<typeof rulesResultSchema>;

// ---- recommendations ----
export const recommendationsQuerySchema = z.strictObject({
  level: level.default('category'),
  top: z.coerce.number().int().min(1).max(100).default(10),
  minLift: z.coerce.number().min(0).optional(),
});
export type RecommendationsParams = z.output<typeof recommendationsQuerySchema>;

const placedItem = z.object({ item: z.string(), label: z.string(), fixtureIds: z.array(z.string()) });
export const recommendationSchema = z.object({
  rank: z.number().int().min(1),
  /** Stays put. */
  anchor: placedItem,
  /** Gets a facing near the anchor. */
  moved: placedItem,
  /** Walking distance between them today, metres. */
  distanceMetres: z.number().min(0),
  /** Share of sessions buying the anchor that also visited the moved item's zone; null without paths. */
  coVisitRate: share.nullable(),
  lift: z.number().min(0),
  confidence: share,
  expectedExtraCoPurchasesPerWeek: z.number(),
  action: z.object({
    kind: z.enum(['add-facing', 'swap']),
    /** Where the moved item should go. */
    fixtureId: z.string(),
    text: z.string(),
  }),
});
export const recommendationsResultSchema = z.object({
  pairsConsidered: z.number().int().min(0),
  recommendations: z.array(recommendationSchema),
});
export type Recommendation = z.output<typeof recommendationSchema>;
export type RecommendationsResult = z.output<typeof recommendationsResultSchema>;

// ---- counterfactual layout scenarios ----
const point = z.tuple([z.number().finite(), z.number().finite()]);
export const layoutChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('move-fixture'),
    fixtureId: slugSchema,
    toZoneId: slugSchema,
    polygon: z.array(point).min(3).max(64).optional(),
  }),
  z.strictObject({ kind: z.literal('swap-fixtures'), fixtureIds: z.tuple([slugSchema, slugSchema]) }),
  z.strictObject({
    kind: z.enum(['move-sku', 'move-category']),
    item,
    toFixtureId: slugSchema,
    fromFixtureId: slugSchema.optional(),
    keep: z.boolean().optional().describe('Add a second facing instead of moving.'),
  }),
]);
export const scenarioBodySchema = z.strictObject({
  level: z.enum(['sku', 'category']).default('category'),
  changes: z.array(layoutChangeSchema).min(1).max(50),
  items: z.array(item).max(200).optional().describe('Items to report; every item affected when absent.'),
});
export type LayoutChangeProposal = z.output<typeof layoutChangeSchema>;
export type ScenarioProposal = z.output<typeof scenarioBodySchema>;

export const scenarioResultSchema = z.object({
  /** Observed sessions replayed. */
  sessions: z.number().int().min(0),
  items: z.array(
    z.object({
      item: z.string(),
      label: z.string().optional(),
      before: share,
      after: share,
      change: z.number(),
    }),
  ),
});
export type ScenarioResult = z.output<typeof scenarioResultSchema>;

// ---- experiments ----
export const experimentSchema = z.object({
  id: z.string(),
  description: z.string().optional(),
  /** First trading day under the new layout, YYYY-MM-DD. */
  date: z.string(),
  stores: z.array(z.string()),
  status: z.enum(['planned', 'running', 'finished']),
  metrics: z.array(
    z.object({
      name: z.string(),
      unit: z.string().optional(),
      /** Treated minus control (difference in differences). */
      estimate: z.number(),
      ciLow: z.number(),
      ciHigh: z.number(),
      confidenceLevel: share,
    }),
  ),
});
export const experimentsResultSchema = z.object({ experiments: z.array(experimentSchema) });
export type Experiment = z.output<typeof experimentSchema>;
export type ExperimentsResult = z.output<typeof experimentsResultSchema>;

// ---- flows between zones ----
export const flowsResultSchema = z.object({
  /** Sessions the flows were counted over. */
  sessions: z.number().int().min(0),
  links: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().min(0) })),
});
export type FlowsResult = z.output<typeof flowsResultSchema>;

export interface TimeRange {
  from: number;
  to: number;
}

export interface AnalyticsService {
  rules(storeId: string, params: RulesParams): Promise<RulesResult>;
  recommendations(storeId: string, params: RecommendationsParams): Promise<RecommendationsResult>;
  /** The proposal's fixtures and zones are checked against the store's latest layout first. */
  scenario(storeId: string, proposal: ScenarioProposal): Promise<ScenarioResult>;
  experiments(storeId: string): Promise<ExperimentsResult>;
  flows(storeId: string, range: TimeRange): Promise<FlowsResult>;
  /** Per zone: baskets holding an item placed in the zone ÷ shoppers who visited it (0..1). */
  zoneConversion?(storeId: string, range: TimeRange): Promise<Record<string, number>>;
  /** Stores a layout experiment (validated against `experimentBodySchema` by the route); false: the id is taken. */
  saveExperiment?(experiment: ExperimentBody): Promise<boolean>;
}

/** A layout experiment to register: the moved SKUs, the first day under the new layout, and its control. */
export const experimentBodySchema = layoutExperimentSchema;
export type ExperimentBody = z.output<typeof experimentBodySchema>;

/** Thrown by an implementation for input it cannot use; answered as a 400 naming `path`. */
export class AnalyticsInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnalyticsInputError';
  }
}
