// `analyze recommend` as one pure function: layout, transactions, zone visits and catalogue in, the
// join statistics and ranked cross-merchandising recommendations out. Distances come from the layout's
// walkable grid (one Dijkstra per fixture, the same metric as A* between two fixtures).
import {
  buildWalkableGrid,
  type CatalogueItem,
  fixtureDistanceMatrix,
  type StoreLayout,
} from '@retail/contracts';
import { type JoinStats, joinPathsToPurchases } from '../join/path-purchase-join.js';
import { type Transaction, weeksSpanned } from '../join/transactions.js';
import { type ShopperSession, visitedZones } from '../paths/sessions.js';
import { type ItemLevel, Planogram } from '../planogram/planogram.js';
import {
  type RecommendOptions,
  type RecommendResult,
  recommendCrossMerchandising,
} from '../recommend/recommend.js';
import type { FixtureDistance } from '../recommend/target-fixture.js';
import { levelItems } from './level-items.js';

export interface AnalyticsInput {
  readonly layout: StoreLayout;
  readonly transactions: readonly Transaction[];
  readonly sessions: readonly ShopperSession[];
  readonly catalogue?: ReadonlyMap<string, CatalogueItem>;
}

export interface CrossMerchOptions extends RecommendOptions {
  level: ItemLevel;
  /** Minutes after a session's last zone exit in which its sale may fall (default 15). */
  graceMinutes?: number;
  /** Only this store's transactions (and untagged ones); all when omitted. */
  storeId?: string;
  /** The weeks the baskets cover; by default the span of their timestamps, else 1 (and flagged). */
  weeks?: number;
  /** Walkable grid cell, metres (default 0.25). */
  cellSize?: number;
}

export interface CrossMerchReport extends RecommendResult {
  readonly storeId: string;
  readonly level: ItemLevel;
  readonly baskets: number;
  readonly weeks: number;
  /** True when no option and no timestamp said how long the baskets span, so 1 week was assumed. */
  readonly weeksAssumed: boolean;
  readonly unknownSkus: number;
  readonly join: JoinStats;
}

export interface CrossMerchGeometry {
  /** Items to fixtures at the report's level. */
  readonly planogram: Planogram;
  /** Walking metres between two fixtures (undefined when unknown or unreachable). */
  readonly distance: FixtureDistance;
  readonly blockedZones: ReadonlySet<string>;
}

/** Where the items sit and how far apart: what the report measures pairs with, for an evaluation to reuse. */
export function crossMerchGeometry(
  layout: StoreLayout,
  options: Pick<CrossMerchOptions, 'level' | 'cellSize'>,
  catalogue?: ReadonlyMap<string, CatalogueItem>,
): CrossMerchGeometry {
  const { categoryOf } = levelItems(options.level, catalogue);
  const planogram = new Planogram(layout.fixtures, {
    level: options.level,
    ...(categoryOf && { categoryOf }),
  });
  const matrix = fixtureDistanceMatrix(
    buildWalkableGrid(layout, options.cellSize !== undefined ? { cellSize: options.cellSize } : {}),
    layout.fixtures,
  );
  const blockedZones = new Set(layout.zones.filter((z) => z.kind === 'staff-only').map((z) => z.id));
  return { planogram, distance: (a, b) => matrix.get(a, b), blockedZones };
}

export function crossMerchReport(
  input: AnalyticsInput,
  options: CrossMerchOptions,
  geometry: CrossMerchGeometry = crossMerchGeometry(input.layout, options, input.catalogue),
): CrossMerchReport {
  const { layout } = input;
  const transactions = input.transactions.filter(
    (t) => options.storeId === undefined || t.storeId === undefined || t.storeId === options.storeId,
  );
  const level = levelItems(options.level, input.catalogue);
  const { planogram } = geometry;
  const basketOf = new Map(transactions.map((t) => [t, level.items(t)]));
  const join = joinPathsToPurchases(input.sessions, transactions, {
    ...(options.graceMinutes !== undefined && { graceMinutes: options.graceMinutes }),
    ...(options.storeId !== undefined && { storeId: options.storeId }),
  });
  const joinedPaths = join.sessions.flatMap(({ session, transaction }) =>
    transaction ? [{ zones: visitedZones(session), basket: new Set(basketOf.get(transaction)) }] : [],
  );
  const spanned = weeksSpanned(transactions);
  const weeks = options.weeks ?? spanned ?? 1;
  const names = input.catalogue;
  const result = recommendCrossMerchandising(
    {
      baskets: [...basketOf.values()],
      weeks,
      joinedPaths,
      sessionZones: input.sessions.map(visitedZones),
      planogram,
      distance: geometry.distance,
      blockedZones: geometry.blockedZones,
      label: (item) =>
        options.level === 'sku' && names?.get(item) ? `${names.get(item)!.name} (${item})` : item,
    },
    options,
  );
  return {
    storeId: layout.storeId,
    level: options.level,
    baskets: basketOf.size,
    weeks,
    weeksAssumed: options.weeks === undefined && spanned === undefined,
    unknownSkus: level.unknownSkus(),
    join: join.stats,
    ...result,
  };
}
