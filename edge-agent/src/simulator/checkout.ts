// The tills: which lane a shopper joins (the one where service would start soonest, counting the walk
// there), how long service takes, and the POS line items it prints (one row per SKU, quantity and unit
// price, the loyalty id only when a card was scanned). Staff never pass a till, so never appear here.
// Not modelled: a visible queue line (waiting shoppers stand at the till's spot) and lanes closing.
import type { PosLineItem } from '@retail/contracts';
import { keyedUniform, type Random } from './random-streams.js';
import type { Scenario } from './scenario-schema.js';

export interface Till {
  /** Fixture index of the lane. */
  fixture: number;
  /** When the current customer will be done, UTC ms. */
  freeAt: number;
}

/** The index of the till where service would begin first; ties go to the shorter walk, then lane order. */
export function chooseTill(
  tills: readonly Till[],
  readyAt: number,
  walkMs: (fixture: number) => number,
): number {
  let best = -1;
  let bestStart = Infinity;
  let bestWalk = Infinity;
  tills.forEach((till, i) => {
    const walk = walkMs(till.fixture);
    if (!Number.isFinite(walk)) return;
    const start = Math.max(readyAt + walk, till.freeAt);
    if (start < bestStart || (start === bestStart && walk < bestWalk)) {
      best = i;
      bestStart = start;
      bestWalk = walk;
    }
  });
  return best;
}

export function serviceMs(checkout: Scenario['checkout'], items: number): number {
  return (checkout.serviceSecondsBase + checkout.secondsPerItem * items) * 1000;
}

/**
 * A stable shelf price: the scenario's when it names one, else £0.49–£9.99 ending in 9, derived from
 * the SKU alone so it is the same on every day and in every scenario.
 */
export function unitPrice(sku: string, prices: Readonly<Record<string, number>>): number {
  const stated = prices[sku];
  if (stated !== undefined) return stated;
  const tenths = 5 + Math.floor(keyedUniform('price', sku) * 96);
  return Math.round(tenths * 10 - 1) / 100;
}

/** Mostly one of each; sometimes two or three. */
export function drawQuantity(random: Random): number {
  const u = random();
  return u < 0.85 ? 1 : u < 0.97 ? 2 : 3;
}

export interface Sale {
  transactionId: string;
  storeId: string;
  ts: number;
  loyaltyId?: string;
  skus: readonly string[];
}

export function posLines(
  sale: Sale,
  prices: Readonly<Record<string, number>>,
  random: Random,
): PosLineItem[] {
  return sale.skus.map((sku) => ({
    transactionId: sale.transactionId,
    sku,
    ...(sale.loyaltyId && { loyaltyId: sale.loyaltyId }),
    timestamp: sale.ts,
    storeId: sale.storeId,
    quantity: drawQuantity(random),
    price: unitPrice(sku, prices),
  }));
}
