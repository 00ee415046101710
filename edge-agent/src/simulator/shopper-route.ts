// The order a shopper works through the list: nearest neighbour by walking distance, from the door.
// At each step the nearest fixture holding anything still on the list wins (a SKU on two fixtures is
// taken from whichever the shopper reaches first), and everything on the list it holds is picked there.
import { fixtureKey, type StoreWorld } from './store-world.js';

export interface PlannedStop {
  /** Index into layout.fixtures. */
  fixture: number;
  skus: string[];
}

export interface Tour {
  stops: PlannedStop[];
  /** SKUs no reachable fixture holds (none when the basket model built the list from this layout). */
  unavailable: string[];
}

export function planTour(world: StoreWorld, fromKey: string, skus: readonly string[]): Tour {
  const fixtures = world.layout.fixtures;
  const remaining = new Set<string>();
  const unavailable: string[] = [];
  for (const sku of skus) {
    if (world.skuFixtures.has(sku)) remaining.add(sku);
    else unavailable.push(sku);
  }
  const stops: PlannedStop[] = [];
  let at = fromKey;
  while (remaining.size > 0) {
    let best = -1;
    let bestD = Infinity;
    for (const sku of remaining) {
      for (const f of world.skuFixtures.get(sku)!) {
        const d = world.distance(at, fixtureKey(fixtures[f]!.id));
        if (d < bestD || (d === bestD && f < best)) {
          best = f;
          bestD = d;
        }
      }
    }
    if (best < 0) break;
    const here = fixtures[best]!.skus.filter((s) => remaining.has(s));
    for (const s of here) remaining.delete(s);
    stops.push({ fixture: best, skus: here });
    at = fixtureKey(fixtures[best]!.id);
  }
  unavailable.push(...remaining);
  return { stops, unavailable };
}

/** A browsing route for a shopper without a list: `count` stocked fixtures, then nearest-neighbour order. */
export function browseTour(world: StoreWorld, fromKey: string, picks: readonly number[]): PlannedStop[] {
  const stocked = world.fixtureStops.flatMap((s, i) =>
    s && world.layout.fixtures[i]!.skus.length > 0 && !world.lanes.includes(i) ? [i] : [],
  );
  if (stocked.length === 0) return [];
  const chosen = new Set(picks.map((u) => stocked[Math.floor(u * stocked.length)]!));
  const stops: PlannedStop[] = [];
  let at = fromKey;
  while (chosen.size > 0) {
    let best = -1;
    let bestD = Infinity;
    for (const f of chosen) {
      const d = world.distance(at, fixtureKey(world.layout.fixtures[f]!.id));
      if (d < bestD || (d === bestD && f < best)) {
        best = f;
        bestD = d;
      }
    }
    chosen.delete(best);
    stops.push({ fixture: best, skus: [] });
    at = fixtureKey(world.layout.fixtures[best]!.id);
  }
  return stops;
}
