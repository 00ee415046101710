// One shopper's visit, step by step: in through a door, round the fixtures of the list in tour order
// (browsing at each, taking impulse buys off fixtures passed within reach), to a till, out through a
// door. The trip records its own trajectory, zone visits, basket and door crossings.
import { type BasketModel, impulseChance, type PlannedLine } from './basket-model.js';
import { distanceToCrossing } from './floor-geometry.js';
import type { ShopperIdentity } from './identities.js';
import type { Leg, Stop } from './leg-cache.js';
import { keyedDraws, logNormal, type Random } from './random-streams.js';
import type { Scenario } from './scenario-schema.js';
import { browseTour, type PlannedStop, planTour } from './shopper-route.js';
import { type Door, fixtureKey, type StoreWorld } from './store-world.js';
import type { BasketLineTruth, EntranceCrossing, ShopperTruth } from './truth.js';
import { Walker } from './walker.js';
import { ZoneVisitTracker } from './zone-visits.js';

export interface TripContext {
  world: StoreWorld;
  model: BasketModel;
  scenario: Scenario;
  /** Keys the impulse draws: the same shopper meets the same product with the same luck in any layout. */
  impulseKey: readonly (string | number)[];
  intervalMs: number;
  keepSamples: boolean;
}

export interface TripPlan {
  sessionId: string;
  arrivalMs: number;
  door: Door;
  identity: ShopperIdentity;
  speedMps: number;
  mission: PlannedLine[];
  /** Uniforms choosing fixtures to browse, for a shopper without a list. */
  browse: number[];
  /** Walk noise and dwell times. */
  random: Random;
}

export class ShopperTrip {
  readonly basket: BasketLineTruth[] = [];
  readonly crossings: EntranceCrossing[] = [];
  readonly #carried = new Set<string>();
  readonly #planned: Set<string>;
  /** The impulse chance each product was last checked at; it is drawn again only if the chance rose. */
  readonly #checked = new Map<string, number>();
  readonly #impulseDraw: (sku: string) => number;
  readonly #walker: Walker;
  readonly #visits: ZoneVisitTracker;
  #xy = new Float64Array(1024);
  #n = 0;
  #firstTs: number | undefined;
  #at: Stop;
  #exitDoor: Door | undefined;
  #enterTs: number;
  #exitTs = 0;
  #laneId: string | undefined;

  constructor(
    readonly ctx: TripContext,
    readonly plan: TripPlan,
  ) {
    this.#planned = new Set(plan.mission.map((l) => l.sku));
    const draw = keyedDraws(...ctx.impulseKey, 'impulse');
    this.#impulseDraw = (sku) => draw(sku);
    this.#visits = new ZoneVisitTracker(ctx.world.zones);
    const start = plan.door.outside ?? plan.door.inside;
    this.#at = start;
    this.#enterTs = plan.arrivalMs;
    this.#walker = new Walker({
      grid: ctx.world.grid,
      random: plan.random,
      intervalMs: ctx.intervalMs,
      startMs: plan.arrivalMs,
      start: start.point,
      onSample: (ts, x, y) => this.#sample(ts, x, y),
    });
  }

  get now(): number {
    return this.#walker.now;
  }

  /** The stop the shopper is at (the last fixture after `shop`). */
  get at(): Stop {
    return this.#at;
  }

  get itemCount(): number {
    return this.basket.length;
  }

  /** In through the door and round the list. */
  shop(): void {
    const { world } = this.ctx;
    const door = this.plan.door;
    this.#walker.mark();
    if (door.outside) {
      const leg = world.legs.leg(door.outside, door.inside);
      const cross = leg && distanceToCrossing(leg.points, door.line);
      if (leg) {
        const speed = this.#legSpeed();
        this.#enterTs = this.now + ((cross ?? 0) / speed) * 1000;
        this.#walk(leg, door.inside, speed);
      }
    }
    this.crossings.push({
      ts: Math.round(this.#enterTs),
      entranceId: door.id,
      direction: 'in',
      sessionId: this.plan.sessionId,
    });
    const stops: PlannedStop[] =
      this.plan.mission.length > 0
        ? planTour(world, door.inside.key, [...this.#planned]).stops
        : browseTour(world, door.inside.key, this.plan.browse);
    for (const stop of stops) {
      if (!this.#goTo(stop.fixture)) continue;
      this.#browse(stop.skus.length);
      for (const sku of stop.skus) this.#take(sku, stop.fixture, this.#reasonOf(sku));
    }
  }

  /** Walking metres from where the shopper stands to a till. */
  distanceTo(fixture: number): number {
    return this.ctx.world.distance(this.#at.key, fixtureKey(this.ctx.world.layout.fixtures[fixture]!.id));
  }

  /** To the till, wait until it is free, pay. Returns when the till is free again. */
  checkout(lane: number, laneFreeAt: number, serviceMs: (items: number) => number): number {
    this.#goTo(lane);
    this.#laneId = this.ctx.world.layout.fixtures[lane]!.id;
    this.#walker.dwell(Math.max(0, laneFreeAt - this.now));
    this.#walker.dwell(serviceMs(this.basket.length));
    return this.now;
  }

  /** Out through the door they came in, or the nearest one. */
  leave(sameDoor: boolean): void {
    const { world } = this.ctx;
    const door = sameDoor
      ? this.plan.door
      : [...world.doors].sort(
          (a, b) => world.distance(this.#at.key, a.inside.key) - world.distance(this.#at.key, b.inside.key),
        )[0]!;
    this.#exitDoor = door;
    const leg = world.legs.leg(this.#at, door.inside);
    if (leg) this.#walk(leg, door.inside);
    this.#exitTs = this.now;
    if (door.outside) {
      const out = world.legs.leg(door.inside, door.outside);
      if (out) {
        const cross = distanceToCrossing(out.points, door.line);
        const speed = this.#legSpeed();
        this.#exitTs = this.now + ((cross ?? out.length) / speed) * 1000;
        this.#walk(out, door.outside, speed);
      }
    }
    this.#walker.mark();
    this.crossings.push({
      ts: Math.round(this.#exitTs),
      entranceId: door.id,
      direction: 'out',
      sessionId: this.plan.sessionId,
    });
  }

  truth(extra: { transactionId?: string }): ShopperTruth {
    return {
      sessionId: this.plan.sessionId,
      identity: this.plan.identity,
      entranceId: this.plan.door.id,
      exitEntranceId: this.#exitDoor?.id ?? this.plan.door.id,
      enterTs: Math.round(this.#enterTs),
      exitTs: Math.round(this.#exitTs),
      speedMps: this.plan.speedMps,
      basket: this.basket,
      ...(this.#laneId && { laneId: this.#laneId }),
      ...extra,
      visits: this.#visits.visits(),
      ...(this.ctx.keepSamples &&
        this.#firstTs !== undefined && {
          trajectory: {
            startTs: this.#firstTs,
            intervalMs: this.ctx.intervalMs,
            xy: this.#xy.slice(0, this.#n),
          },
        }),
    };
  }

  /**
   * Walks to a fixture, detouring to any fixture passed within reach that yields an impulse buy.
   * False when the fixture cannot be reached.
   */
  #goTo(fixture: number): boolean {
    const { world } = this.ctx;
    const target = world.fixtureStops[fixture];
    if (!target) return false;
    for (let detours = 0; ; detours++) {
      const leg = world.legs.leg(this.#at, target);
      if (!leg) return false;
      const { stop, skus } = this.#impulseOnTheWay(leg, fixture, detours < 8);
      if (stop === fixture || stop < 0) {
        this.#walk(leg, target);
        for (const sku of skus) this.#take(sku, fixture, 'impulse');
        return true;
      }
      const detour = world.legs.leg(this.#at, world.fixtureStops[stop]!);
      if (!detour) return false;
      this.#walk(detour, world.fixtureStops[stop]!);
      this.#browse(0, 0.25);
      for (const sku of skus) this.#take(sku, stop, 'impulse');
    }
  }

  /** The first fixture on the leg that tempts the shopper, and what they take from it (-1: none). */
  #impulseOnTheWay(leg: Leg, target: number, mayDetour: boolean): { stop: number; skus: string[] } {
    const { world, model, scenario } = this.ctx;
    for (const f of leg.exposures) {
      if (!mayDetour && f !== target) continue;
      const taken: string[] = [];
      for (const sku of world.layout.fixtures[f]!.skus) {
        if (this.#carried.has(sku) || this.#planned.has(sku) || !model.weight.has(sku)) continue;
        const p = impulseChance(model, scenario.basket, sku, this.#carried);
        if (p <= (this.#checked.get(sku) ?? 0)) continue;
        this.#checked.set(sku, p);
        if (this.#impulseDraw(sku) < p) taken.push(sku);
      }
      if (taken.length > 0) return { stop: f, skus: taken };
    }
    return { stop: -1, skus: [] };
  }

  #walk(leg: Leg, to: Stop, speed = this.#legSpeed()): void {
    this.#walker.walk(leg.points, speed);
    this.#at = to;
  }

  /** The shopper's pace, give or take 5% from one walk to the next. */
  #legSpeed(): number {
    return this.plan.speedMps * (0.95 + 0.1 * this.plan.random());
  }

  /** Stands at the fixture: a log-normal browse, some seconds more per extra item. */
  #browse(items: number, scale = 1): void {
    const median = this.ctx.scenario.basket.browseSeconds * scale;
    const seconds = logNormal(this.plan.random, median, 0.6, 3, 180) + 8 * Math.max(0, items - 1);
    this.#walker.dwell(seconds * 1000);
  }

  #take(sku: string, fixture: number, reason: BasketLineTruth['reason']): void {
    if (this.#carried.has(sku)) return;
    const line: BasketLineTruth = {
      sku,
      reason,
      fixtureId: this.ctx.world.layout.fixtures[fixture]!.id,
      ts: Math.round(this.now),
    };
    const pair =
      reason === 'impulse' ? this.#boostingPair(sku) : this.plan.mission.find((l) => l.sku === sku)?.pair;
    if (pair) line.pair = pair;
    this.basket.push(line);
    this.#carried.add(sku);
    this.#planned.delete(sku);
  }

  #reasonOf(sku: string): 'mission' | 'affinity' {
    return this.plan.mission.find((l) => l.sku === sku)?.reason ?? 'mission';
  }

  /** The planted pair whose other side the shopper carried when taking `sku` on impulse. */
  #boostingPair(sku: string): string | undefined {
    const { model } = this.ctx;
    for (const { pair, other } of model.partners.get(sku) ?? []) {
      for (const c of this.#carried) if (other.has(c)) return model.pairs[pair]!.name;
    }
    return undefined;
  }

  #sample(ts: number, x: number, y: number): void {
    this.#firstTs ??= ts;
    if (this.ctx.keepSamples) {
      if (this.#n + 2 > this.#xy.length) {
        const grown = new Float64Array(this.#xy.length * 2);
        grown.set(this.#xy);
        this.#xy = grown;
      }
      this.#xy[this.#n++] = x;
      this.#xy[this.#n++] = y;
    }
    this.#visits.push(ts, x, y);
  }
}
