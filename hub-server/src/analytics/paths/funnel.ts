// Exposure → stop → purchase per target (a zone, or an item with the zones holding it):
//   passed by  the path visited one of the target's zones;
//   stopped    one single visit there lasted >= stopSeconds (default 10 s);
//   purchased  stopped, and the joined basket holds one of the target's items.
// Traffic stages count every session; purchase is known only for linked shoppers whose basket was
// joined, so those get their own funnel plus two planogram diagnostics: exposure without purchase, and
// purchase without exposure (bought, yet the path never entered a zone holding it: the planogram or
// the zone map is wrong, or tracking lost the shopper there).
import type { Planogram } from '../planogram/planogram.js';
import type { ShopperSession } from './sessions.js';

export interface FunnelTarget {
  readonly id: string;
  readonly zones: readonly string[];
  /** Items (at the baskets' level) whose purchase completes this target's funnel. */
  readonly items: readonly string[];
}

export interface FunnelSession {
  readonly session: ShopperSession;
  /** The joined basket's items; undefined when purchase is unknown (anonymous or not joined). */
  readonly basket?: ReadonlySet<string>;
}

export interface LinkedFunnel {
  /** Sessions with a joined basket. */
  readonly sessions: number;
  readonly passedBy: number;
  readonly stopped: number;
  /** Stopped and bought: passedBy >= stopped >= purchased. */
  readonly purchased: number;
  /** Passed by without stopping, yet bought. */
  readonly purchasedWithoutStop: number;
  /** Passed by and did not buy. */
  readonly exposedWithoutPurchase: number;
  /** Bought without the path ever entering one of the zones. */
  readonly purchasedWithoutExposure: number;
  /** All that bought: purchased + purchasedWithoutStop + purchasedWithoutExposure. */
  readonly buyers: number;
}

export interface FunnelRow {
  readonly target: string;
  readonly zones: readonly string[];
  readonly sessions: number;
  readonly passedBy: number;
  readonly stopped: number;
  readonly linked: LinkedFunnel;
}

export function funnel(
  sessions: readonly FunnelSession[],
  targets: readonly FunnelTarget[],
  options: { stopSeconds?: number } = {},
): FunnelRow[] {
  const stopMs = (options.stopSeconds ?? 10) * 1000;
  return targets.map((target) => {
    const zones = new Set(target.zones);
    const row = { passedBy: 0, stopped: 0 };
    const linked = {
      sessions: 0,
      passedBy: 0,
      stopped: 0,
      purchased: 0,
      purchasedWithoutStop: 0,
      exposedWithoutPurchase: 0,
      purchasedWithoutExposure: 0,
      buyers: 0,
    };
    for (const { session, basket } of sessions) {
      let passed = false;
      let stopped = false;
      for (const v of session.visits) {
        if (!zones.has(v.zoneId)) continue;
        passed = true;
        if (v.exitTs - v.enterTs >= stopMs) stopped = true;
      }
      if (passed) row.passedBy++;
      if (stopped) row.stopped++;
      if (basket === undefined) continue;
      const bought = target.items.some((item) => basket.has(item));
      linked.sessions++;
      if (passed) linked.passedBy++;
      if (stopped) linked.stopped++;
      if (bought) linked.buyers++;
      if (stopped && bought) linked.purchased++;
      if (passed && !stopped && bought) linked.purchasedWithoutStop++;
      if (passed && !bought) linked.exposedWithoutPurchase++;
      if (!passed && bought) linked.purchasedWithoutExposure++;
    }
    return { target: target.id, zones: [...zones], sessions: sessions.length, ...row, linked };
  });
}

/** One target per zone: its zone, and every item the planogram puts there. */
export function zoneTargets(planogram: Planogram, zoneIds: readonly string[]): FunnelTarget[] {
  return zoneIds.map((zoneId) => {
    const items = new Set<string>();
    for (const f of planogram.fixtures)
      if (f.zoneId === zoneId) for (const i of planogram.itemsOn(f.id)) items.add(i);
    return { id: zoneId, zones: [zoneId], items: [...items] };
  });
}

/** One target per placed item (SKU or category, the planogram's level), with the zones holding it. */
export function itemTargets(
  planogram: Planogram,
  items: readonly string[] = planogram.items,
): FunnelTarget[] {
  return items
    .filter((item) => planogram.zonesOf(item).length > 0)
    .map((item) => ({ id: item, zones: planogram.zonesOf(item), items: [item] }));
}
