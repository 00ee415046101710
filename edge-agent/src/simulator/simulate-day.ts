// A scenario's trading days, one at a time: shoppers arrive, shop, queue at the tills and leave; staff
// work their shift; the result is the day's complete ground truth. Deterministic: every random draw
// comes from a stream keyed by (seed, day, who, purpose), and time only from the scenario.
import type { Catalogue, StoreLayout } from '@retail/contracts';
import { arrivalProfile, sampleArrivals } from './arrivals.js';
import { type BasketModel, buildBasketModel, drawMission } from './basket-model.js';
import { chooseTill, posLines, serviceMs, type Till } from './checkout.js';
import { drawIdentity, type MemberPool, memberPool } from './identities.js';
import { applyLayoutChange } from './layout-change.js';
import { cumulativeOf, pickWeighted, streamOf, uniform } from './random-streams.js';
import type { Scenario } from './scenario-schema.js';
import { isoUtc, tradingDay } from './scenario-time.js';
import { ShopperTrip, type TripContext } from './shopper-trip.js';
import { simulateStaff } from './staff.js';
import { buildStoreWorld, fixtureKey, type StoreWorld } from './store-world.js';
import type { DayTruth, EntranceCount, PlantedPairTruth, ShopperTruth } from './truth.js';

export interface SimulationInput {
  scenario: Scenario;
  /** The layout in force on the first day. */
  layout: StoreLayout;
  catalogue: Catalogue;
}

export interface Simulation {
  scenario: Scenario;
  catalogue: Catalogue;
  model: BasketModel;
  pool: MemberPool;
  /** The world (layout and everything derived) in force on a day. */
  worldFor(day: number): StoreWorld;
  warnings: readonly string[];
}

export interface DayOptions {
  /** Keep trajectory samples in the truth (zone visits are kept either way). Default true. */
  keepTrajectories?: boolean;
}

const MINUTE = 60_000;

export function prepareSimulation({ scenario, layout, catalogue }: SimulationInput): Simulation {
  const worldOptions = { exposureRadiusM: scenario.basket.exposureRadiusM, lanes: scenario.checkout.lanes };
  const before = buildStoreWorld(layout, worldOptions);
  let after: StoreWorld | undefined;
  const change = scenario.layoutChange;
  const worldFor = (day: number): StoreWorld => {
    if (!change || day < change.day) return before;
    after ??= buildStoreWorld(
      applyLayoutChange(layout, change, isoUtc(tradingDay(scenario, change.day).openMs), catalogue),
      worldOptions,
    );
    return after;
  };
  const skuZones = new Map<string, string[]>();
  for (const [sku, fixtures] of before.skuFixtures) {
    skuZones.set(sku, [...new Set(fixtures.map((f) => layout.fixtures[f]!.zoneId))]);
  }
  const model = buildBasketModel({ scenario, catalogue, skuZones });
  return {
    scenario,
    catalogue,
    model,
    pool: memberPool(scenario.shoppers),
    worldFor,
    warnings: model.warnings,
  };
}

export function* simulateDays(sim: Simulation, options: DayOptions = {}): Generator<DayTruth> {
  for (let day = 0; day < sim.scenario.days; day++) yield simulateDay(sim, day, options);
}

export function simulateDay(sim: Simulation, dayIndex: number, options: DayOptions = {}): DayTruth {
  const { scenario, model } = sim;
  const keepSamples = options.keepTrajectories ?? true;
  const world = sim.worldFor(dayIndex);
  const day = tradingDay(scenario, dayIndex);
  const stamp = day.date.replaceAll('-', '');
  const intervalMs = 1000 / scenario.sampleHz;
  const arrivals = sampleArrivals(
    arrivalProfile(scenario, day),
    streamOf(scenario.seed, dayIndex, 'arrivals'),
  );
  const doorWeights = cumulativeOf(world.doors.map((d) => scenario.arrivals.entranceWeights?.[d.id] ?? 1));

  const trips = arrivals.map((arrivalMs, k) => {
    const key = [scenario.seed, dayIndex, 'shopper', k] as const;
    const random = streamOf(...key, 'plan');
    const ctx: TripContext = { world, model, scenario, impulseKey: key, intervalMs, keepSamples };
    const trip = new ShopperTrip(ctx, {
      sessionId: `s${stamp}-${String(k + 1).padStart(5, '0')}`,
      arrivalMs,
      door: world.doors[pickWeighted(doorWeights, random)]!,
      speedMps: uniform(random, scenario.shoppers.speedMps.min, scenario.shoppers.speedMps.max),
      identity: drawIdentity(scenario, sim.pool, streamOf(...key, 'identity')),
      mission: drawMission(model, scenario.basket, streamOf(...key, 'mission')),
      browse: Array.from({ length: 2 + Math.floor(random() * 4) }, () => random()),
      random: streamOf(...key, 'walk'),
    });
    trip.shop();
    return { trip, sameDoor: random() < scenario.arrivals.sameDoorFraction, key };
  });

  // Tills serve in the order shoppers are ready, each joining the lane where service starts soonest.
  const tills: Till[] = world.lanes.map((fixture) => ({ fixture, freeAt: -Infinity }));
  const queue = trips.filter((t) => t.trip.itemCount > 0).sort((a, b) => a.trip.now - b.trip.now);
  const sales = new Map<ShopperTrip, string>();
  const lines: DayTruth['posLines'] = [];
  for (const { trip, key } of queue) {
    const i = chooseTill(tills, trip.now, (f) => (trip.distanceTo(f) / trip.plan.speedMps) * 1000);
    if (i < 0) continue;
    const till = tills[i]!;
    till.freeAt = trip.checkout(till.fixture, till.freeAt, (items) => serviceMs(scenario.checkout, items));
    const transactionId = `t${stamp}-${String(sales.size + 1).padStart(5, '0')}`;
    sales.set(trip, transactionId);
    const identity = trip.plan.identity;
    const sale = {
      transactionId,
      storeId: world.layout.storeId,
      ts: Math.round(till.freeAt),
      ...(identity.presentsCard && identity.loyaltyId && { loyaltyId: identity.loyaltyId }),
      skus: trip.basket.map((l) => l.sku),
    };
    lines.push(...posLines(sale, scenario.prices, streamOf(...key, 'till')));
  }
  for (const { trip, sameDoor } of trips) trip.leave(sameDoor);

  const shoppers: ShopperTruth[] = trips.map(({ trip }) => {
    const transactionId = sales.get(trip);
    return trip.truth(transactionId ? { transactionId } : {});
  });
  const crossings = trips
    .flatMap(({ trip }) => trip.crossings)
    .sort((a, b) => a.ts - b.ts || cmp(a.sessionId, b.sessionId));
  const counts = new Map<string, EntranceCount>(
    world.doors.map((d) => [d.id, { entranceId: d.id, in: 0, out: 0 }]),
  );
  for (const c of crossings) counts.get(c.entranceId)![c.direction]++;

  const staffCount = scenario.staff.count ?? world.layout.staffTags.length;
  const staff = Array.from({ length: staffCount }, (_, j) => {
    const tag = world.layout.staffTags[j];
    return simulateStaff(
      world,
      {
        staffId: `staff-${j + 1}`,
        ...(tag && { beaconId: tag.beaconId }),
        ...(tag?.role && { role: tag.role }),
        fromMs: day.openMs - 30 * MINUTE,
        toMs: day.closeMs + 15 * MINUTE,
      },
      streamOf(scenario.seed, dayIndex, 'staff', j),
      intervalMs,
      keepSamples,
    );
  });

  return {
    scenario: scenario.name,
    storeId: world.layout.storeId,
    day,
    layoutVersion: world.layout.layoutVersion,
    shoppers,
    staff,
    posLines: lines.sort((a, b) => a.timestamp! - b.timestamp! || cmp(a.transactionId, b.transactionId)),
    crossings,
    entranceCounts: [...counts.values()],
    plantedPairs: model.pairs.map((p) => plantedPairTruth(world, p)),
    coldZones: scenario.coldZones,
  };
}

function plantedPairTruth(world: StoreWorld, pair: BasketModel['pairs'][number]): PlantedPairTruth {
  const fixturesOf = (skus: readonly string[]): string[] => [
    ...new Set(
      skus.flatMap((s) => (world.skuFixtures.get(s) ?? []).map((f) => world.layout.fixtures[f]!.id)),
    ),
  ];
  const fixturePairs: PlantedPairTruth['fixturePairs'] = [];
  for (const a of fixturesOf(pair.a)) {
    for (const b of fixturesOf(pair.b)) {
      const d = world.distance(fixtureKey(a), fixtureKey(b));
      if (Number.isFinite(d)) fixturePairs.push({ a, b, metres: Math.round(d * 100) / 100 });
    }
  }
  fixturePairs.sort((x, y) => x.metres - y.metres || cmp(x.a + x.b, y.a + y.b));
  return {
    name: pair.name,
    strength: pair.strength,
    a: pair.a,
    b: pair.b,
    ...(fixturePairs[0] && { walkingDistanceM: fixturePairs[0].metres }),
    fixturePairs,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
