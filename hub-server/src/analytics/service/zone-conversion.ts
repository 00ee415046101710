// Conversion per zone for the zone KPIs: of the shoppers whose session was joined to their basket
// and who visited the zone, the share whose basket holds an item placed there (the funnel's
// exposure → purchase, stop or not). Only joined sessions say what was bought, so a zone no joined
// shopper visited has no figure rather than a zero.
import type { CatalogueItem, StoreLayout } from '@retail/contracts';
import { joinPathsToPurchases } from '../join/path-purchase-join.js';
import type { Transaction } from '../join/transactions.js';
import { funnel, zoneTargets } from '../paths/funnel.js';
import type { ShopperSession } from '../paths/sessions.js';
import { Planogram } from '../planogram/planogram.js';
import { levelItems } from '../reports/level-items.js';

export interface ConversionInput {
  layout: StoreLayout;
  sessions: readonly ShopperSession[];
  transactions: readonly Transaction[];
  catalogue: ReadonlyMap<string, CatalogueItem>;
}

export function zoneConversion(input: ConversionInput, graceMinutes?: number): Record<string, number> {
  const { layout, catalogue } = input;
  // Fixtures may list categories only; with a catalogue those count as well as the SKUs.
  const level = catalogue.size > 0 ? 'category' : 'sku';
  const items = levelItems(level, catalogue.size > 0 ? catalogue : undefined);
  const planogram = new Planogram(layout.fixtures, {
    level,
    ...(items.categoryOf && { categoryOf: items.categoryOf }),
  });
  const joined = joinPathsToPurchases(input.sessions, input.transactions, {
    storeId: layout.storeId,
    ...(graceMinutes !== undefined && { graceMinutes }),
  });
  const sessions = joined.sessions.map(({ session, transaction }) =>
    transaction ? { session, basket: new Set(items.items(transaction)) } : { session },
  );
  const rows = funnel(
    sessions,
    zoneTargets(
      planogram,
      layout.zones.map((z) => z.id),
    ),
  );
  const out: Record<string, number> = {};
  for (const r of rows) {
    if (r.linked.passedBy === 0 || r.linked.sessions === 0) continue;
    out[r.target] = (r.linked.purchased + r.linked.purchasedWithoutStop) / r.linked.passedBy;
  }
  return out;
}
