// `analyze paths` as one pure function: traffic (transitions, frequent sequences, dwell) over every
// session, and the exposure → stop → purchase funnel per zone and per item, with purchase known for
// sessions joined to a basket.
import type { StoreLayout } from '@retail/contracts';
import { type JoinStats, joinPathsToPurchases } from '../join/path-purchase-join.js';
import type { Transaction } from '../join/transactions.js';
import { dwellByZone, type ZoneDwell } from '../paths/dwell.js';
import { type FunnelRow, funnel, itemTargets, zoneTargets } from '../paths/funnel.js';
import type { ShopperSession } from '../paths/sessions.js';
import { type TransitionMatrix, zoneTransitionMatrix } from '../paths/transition-matrix.js';
import { frequentZoneSequences, type ZoneSequence } from '../paths/zone-sequences.js';
import { type ItemLevel, Planogram } from '../planogram/planogram.js';
import type { AnalyticsInput } from './cross-merch-report.js';
import { levelItems } from './level-items.js';

export interface PathsOptions {
  level: ItemLevel;
  /** A visit this long or longer is a stop, seconds (default 10). */
  stopSeconds?: number;
  graceMinutes?: number;
  storeId?: string;
  /** Frequent sequences: share of sessions (default 0.05) and longest n-gram (default 4). */
  minSequenceSupport?: number;
  maxSequenceLength?: number;
}

export interface PathsReport {
  readonly storeId: string;
  readonly level: ItemLevel;
  readonly sessions: number;
  readonly join: JoinStats | null;
  readonly transitions: TransitionMatrix;
  readonly sequences: ZoneSequence[];
  readonly dwell: ZoneDwell[];
  readonly funnel: { readonly zones: FunnelRow[]; readonly items: FunnelRow[] };
  /** Items bought by joined shoppers whose path never entered a zone holding them, most first. */
  readonly purchaseWithoutExposure: {
    readonly item: string;
    readonly buyers: number;
    readonly withoutExposure: number;
  }[];
}

export function pathsReport(
  input: Omit<AnalyticsInput, 'transactions'> & { transactions?: readonly Transaction[] },
  options: PathsOptions,
): PathsReport {
  const layout: StoreLayout = input.layout;
  const sessions: readonly ShopperSession[] = input.sessions;
  const level = levelItems(options.level, input.catalogue);
  const planogram = new Planogram(layout.fixtures, {
    level: options.level,
    ...(level.categoryOf && { categoryOf: level.categoryOf }),
  });
  const join = input.transactions
    ? joinPathsToPurchases(sessions, input.transactions, {
        ...(options.graceMinutes !== undefined && { graceMinutes: options.graceMinutes }),
        ...(options.storeId !== undefined && { storeId: options.storeId }),
      })
    : undefined;
  const funnelSessions = (join?.sessions ?? sessions.map((session) => ({ session }))).map((j) =>
    'transaction' in j && j.transaction
      ? { session: j.session, basket: new Set(level.items(j.transaction)) }
      : { session: j.session },
  );
  const stop = options.stopSeconds !== undefined ? { stopSeconds: options.stopSeconds } : {};
  const zoneIds = layout.zones.map((z) => z.id);
  const items = funnel(funnelSessions, itemTargets(planogram), stop);
  return {
    storeId: layout.storeId,
    level: options.level,
    sessions: sessions.length,
    join: join?.stats ?? null,
    transitions: zoneTransitionMatrix(sessions, zoneIds),
    sequences: frequentZoneSequences(sessions, {
      ...(options.minSequenceSupport !== undefined && { minSupport: options.minSequenceSupport }),
      ...(options.maxSequenceLength !== undefined && { maxLength: options.maxSequenceLength }),
    }),
    dwell: dwellByZone(sessions),
    funnel: { zones: funnel(funnelSessions, zoneTargets(planogram, zoneIds), stop), items },
    purchaseWithoutExposure: items
      .filter((r) => r.linked.purchasedWithoutExposure > 0)
      .map((r) => ({
        item: r.target,
        buyers: r.linked.buyers,
        withoutExposure: r.linked.purchasedWithoutExposure,
      }))
      .sort((a, b) => b.withoutExposure - a.withoutExposure || (a.item < b.item ? -1 : 1)),
  };
}
