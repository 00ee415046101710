// TEST AND DEMO SUPPORT: seeded shoppers in the demo supermarket (fixtures/stores/demo-supermarket) with
// two planted pairs: paint and brushes, bought together yet 30 m apart (few paint buyers walk the
// household aisle, but most who do take a brush), and pasta with sauce, bought together and shelved
// side by side. Everything else is background: each zone walked adds one of its SKUs now and then.
import { type PosLineItem, type StoreLayout, seededRandom, type ZoneVisit } from '@retail/contracts';

export interface SimulatedStoreOptions {
  seed: number;
  sessions: number;
  /** Share of sessions with a loyalty pseudonym (default 0.6). */
  linkedShare?: number;
  /** Days the sessions spread over (default 28). */
  days?: number;
  /** Chance that a paint buyer walks the household aisle (default 0.15). */
  paintBuyersPassingBrushes?: number;
}

export interface SimulatedStore {
  readonly lines: PosLineItem[];
  readonly visits: ZoneVisit[];
}

export const PLANTED = { paint: 'PNT-101', brush: 'BRU-101', pasta: 'PAS-101', sauce: 'SAU-101' } as const;

/** Walking order of the shop floor, entrance to checkout. */
const WALK = [
  'produce',
  'bakery',
  'household',
  'dairy-chilled',
  'pantry',
  'drinks',
  'frozen',
  'baby-health',
  'diy',
  'promo',
];
const DAY0 = Date.UTC(2026, 2, 2);

export function simulateDemoStore(layout: StoreLayout, o: SimulatedStoreOptions): SimulatedStore {
  const random = seededRandom(o.seed);
  const skusIn = new Map<string, string[]>();
  for (const f of layout.fixtures) skusIn.set(f.zoneId, [...(skusIn.get(f.zoneId) ?? []), ...f.skus]);
  const lines: PosLineItem[] = [];
  const visits: ZoneVisit[] = [];
  const days = o.days ?? 28;
  for (let s = 0; s < o.sessions; s++) {
    const sessionId = `s${s}`;
    const linked = random() < (o.linkedShare ?? 0.6);
    // One pseudonym per session: a member is never in two places at once, so every join is unambiguous.
    const loyaltyId = linked ? `m${s}` : undefined;
    const zones = new Set<string>();
    const basket = new Set<string>();
    const painter = random() < 0.2;
    const cook = random() < 0.3;
    if (painter) {
      zones.add('diy');
      basket.add(PLANTED.paint);
      if (random() < (o.paintBuyersPassingBrushes ?? 0.15)) zones.add('household');
    }
    if (cook) {
      zones.add('pantry');
      basket.add(PLANTED.pasta);
      if (random() < 0.7) basket.add(PLANTED.sauce);
    }
    for (const z of WALK) if (z !== 'household' && random() < 0.25) zones.add(z);
    if (!painter && random() < 0.3) zones.add('household');
    if (zones.has('household') && random() < (painter ? 0.7 : 0.02)) basket.add(PLANTED.brush);
    for (const z of zones) {
      const here = skusIn.get(z) ?? [];
      if (here.length > 0 && random() < 0.3) basket.add(here[Math.floor(random() * here.length)]!);
    }
    let t = DAY0 + Math.floor(random() * days) * 86_400_000 + (8 + random() * 12) * 3_600_000;
    const path = ['entrance-lobby', ...WALK.filter((z) => zones.has(z)), 'checkout'];
    for (const zoneId of path) {
      const buys = [...basket].some((sku) => skusIn.get(zoneId)?.includes(sku));
      const seconds = Math.round(buys ? 15 + random() * 90 : 3 + random() * 20);
      visits.push({
        sessionId,
        ...(loyaltyId && { loyaltyId }),
        zoneId,
        enterTs: t,
        exitTs: t + seconds * 1000,
      });
      t += (seconds + 5) * 1000;
    }
    const timestamp = t + 60_000;
    for (const sku of basket) {
      lines.push({ transactionId: `t${s}`, sku, quantity: 1, timestamp, ...(loyaltyId && { loyaltyId }) });
    }
  }
  return { lines, visits };
}
