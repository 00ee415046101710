// Transactions folded into per-day observations for one group of stores and one set of items:
//   co-purchase  numerator = Σ over pairs of baskets holding both sides, denominator = baskets × pairs
//                (the mean share of baskets holding a pair; a side held by any one of its SKUs);
//   sales        numerator = units of the items, denominator = baskets (units per basket, which takes
//                out the swings in footfall that hit every item alike).
import type { Transaction } from '../join/transactions.js';
import type { DayObservation } from './did-bootstrap.js';
import type { PairSide, ProductPair } from './layout-experiment.js';

export type DayOf = (timestamp: number) => string;

/** The UTC calendar day, YYYY-MM-DD. */
export const utcDay: DayOf = (timestamp) => new Date(timestamp).toISOString().slice(0, 10);

export interface DayGroup {
  readonly stores: ReadonlySet<string>;
  readonly pairs: readonly ProductPair[];
  readonly items: ReadonlySet<string>;
}

export interface GroupDays {
  readonly coPurchase: DayObservation[];
  readonly sales: DayObservation[];
}

/** Per-day observations of the group's stores, days ascending; transactions without a time are skipped. */
export function groupDays(
  transactions: readonly Transaction[],
  group: DayGroup,
  dayOf: DayOf = utcDay,
): GroupDays {
  const byDay = new Map<string, { baskets: number; both: number; units: number }>();
  const pairs = group.pairs.map(([a, b]) => [sideList(a), sideList(b)] as const);
  const holds = (t: Transaction, side: readonly string[]) => side.some((sku) => t.units.has(sku));
  for (const t of transactions) {
    if (t.timestamp === undefined || t.storeId === undefined || !group.stores.has(t.storeId)) continue;
    const day = dayOf(t.timestamp);
    const acc = byDay.get(day) ?? { baskets: 0, both: 0, units: 0 };
    byDay.set(day, acc);
    acc.baskets++;
    for (const [a, b] of pairs) if (holds(t, a) && holds(t, b)) acc.both++;
    for (const [sku, units] of t.units) if (group.items.has(sku)) acc.units += units;
  }
  const days = [...byDay].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    coPurchase: days.map(([day, acc]) => ({
      day,
      numerator: acc.both,
      denominator: acc.baskets * group.pairs.length,
    })),
    sales: days.map(([day, acc]) => ({ day, numerator: acc.units, denominator: acc.baskets })),
  };
}

function sideList(side: PairSide): readonly string[] {
  return typeof side === 'string' ? [side] : side;
}

/** Days before `date` and from `date` on, optionally only the last/first `window` days of each. */
export function splitAt(
  days: readonly DayObservation[],
  date: string,
  window: { before?: number; after?: number } = {},
): { before: DayObservation[]; after: DayObservation[] } {
  const start = Date.parse(`${date}T00:00:00Z`);
  const dayMs = 86_400_000;
  const from =
    window.before !== undefined ? new Date(start - window.before * dayMs).toISOString().slice(0, 10) : '';
  const until =
    window.after !== undefined ? new Date(start + window.after * dayMs).toISOString().slice(0, 10) : '\uffff';
  return {
    before: days.filter((d) => d.day < date && d.day >= from),
    after: days.filter((d) => d.day >= date && d.day < until),
  };
}
