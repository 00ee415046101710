// Where B's new facing goes: a real fixture within reach of A's, preferring the places made for
// cross-merchandising (end-caps, then promo displays), then any other fixture, nearest first.
// Checkouts and staff-only zones are never proposed; A's own fixture is the last resort.
import type { PlacedFixture, Planogram } from '../planogram/planogram.js';

export type FixtureDistance = (fromFixtureId: string, toFixtureId: string) => number | undefined;

export interface TargetFixtureOptions {
  /** Farthest a target may be from A's fixture, metres (use the adjacency threshold). */
  maxMetres: number;
  /** Zones shoppers may not enter (staff-only). */
  blockedZones?: ReadonlySet<string>;
}

export interface TargetFixture {
  readonly fixture: PlacedFixture;
  readonly distanceMetres: number;
}

const TIER: Partial<Record<PlacedFixture['kind'], number>> = { 'end-cap': 0, display: 1 };

export function chooseTargetFixture(
  planogram: Planogram,
  distance: FixtureDistance,
  anchorFixtureId: string,
  moved: string,
  options: TargetFixtureOptions,
): TargetFixture | undefined {
  let best: { fixture: PlacedFixture; distanceMetres: number; tier: number } | undefined;
  for (const f of planogram.fixtures) {
    if (f.kind === 'checkout' || options.blockedZones?.has(f.zoneId)) continue;
    if (planogram.itemsOn(f.id).includes(moved)) continue;
    const d = f.id === anchorFixtureId ? 0 : distance(anchorFixtureId, f.id);
    if (d === undefined || d > options.maxMetres) continue;
    const tier = f.id === anchorFixtureId ? 3 : (TIER[f.kind] ?? 2);
    if (!best || tier < best.tier || (tier === best.tier && d < best.distanceMetres)) {
      best = { fixture: f, distanceMetres: d, tier };
    }
  }
  return best && { fixture: best.fixture, distanceMetres: best.distanceMetres };
}

/**
 * The fixture near A that could trade places with one of B's: same kind (a freezer for a freezer),
 * nearest to A, neither A's own nor holding B. Returns both ids, or undefined when none fits.
 */
export function chooseSwap(
  planogram: Planogram,
  distance: FixtureDistance,
  anchorFixtureId: string,
  moved: string,
  options: TargetFixtureOptions,
): { from: PlacedFixture; near: PlacedFixture; distanceMetres: number } | undefined {
  const fromFixtures = planogram.fixturesOf(moved).map((id) => planogram.fixture(id)!);
  let best: { from: PlacedFixture; near: PlacedFixture; distanceMetres: number } | undefined;
  for (const near of planogram.fixtures) {
    if (near.id === anchorFixtureId || near.kind === 'checkout' || options.blockedZones?.has(near.zoneId))
      continue;
    if (planogram.itemsOn(near.id).includes(moved)) continue;
    const from = fromFixtures.find((f) => f.kind === near.kind);
    const d = distance(anchorFixtureId, near.id);
    if (!from || d === undefined || d > options.maxMetres) continue;
    if (!best || d < best.distanceMetres) best = { from, near, distanceMetres: d };
  }
  return best;
}
