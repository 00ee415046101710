// What shoppers buy. Three mechanisms, each with a known, planted effect the analytics must recover:
//
// 1. Mission: a list of 1 + Poisson(meanItems − 1) distinct SKUs (none for the `browserFraction` who
//    come without one), drawn by popularity. Popularity of a SKU = its category weight × its SKU weight
//    × log-normal noise (σ = popularitySpread, fixed per SKU for the whole run) × the cold-zone factor
//    when every fixture stocking it is in a cold zone. Only SKUs on a reachable fixture can be bought.
// 2. Planted affinity (A, B, s): a mission holding an A item but no B item adds one B item (by
//    popularity within B) with probability s, and symmetrically. This is the lift basket mining finds:
//    P(A∧B) rises by about s·(P(A) + P(B)) whatever the layout.
// 3. Exposure: walking within `exposureRadiusM` of a fixture, a shopper may take each of its SKUs not
//    already in the basket or on the list with probability impulseBase × popularity / mean popularity,
//    plus s × affineImpulse for every planted pair whose other side the shopper already carries (drawn
//    again, with the same keyed uniform, if the chance rises later in the trip). Only this mechanism
//    depends on the layout. Moving B next to A exposes every A buyer to B right after picking A, so
//    P(B | A) rises from about s to s + (1 − s)·(1 − (1 − s·affineImpulse)^k), k being the number of B
//    SKUs on the fixture within reach. That is the true effect a layout experiment or a
//    cross-merchandising recommendation should find; layout-change.json states it in numbers.
//
// Defaults (scenario `basket`): meanItems 8, browserFraction 0.05, popularitySpread 0.5,
// exposureRadiusM 2, impulseBase 0.004, affineImpulse 0.6.
import type { Catalogue } from '@retail/contracts';
import { cumulativeOf, logNormal, pickWeighted, poisson, type Random, streamOf } from './random-streams.js';
import type { ProductSelector, Scenario } from './scenario-schema.js';

export type LineReason = 'mission' | 'affinity' | 'impulse';

export interface PlantedPair {
  name: string;
  strength: number;
  /** Purchasable SKUs of each side. */
  a: readonly string[];
  b: readonly string[];
}

export interface BasketModel {
  /** Purchasable SKUs, sorted. */
  skus: readonly string[];
  weight: ReadonlyMap<string, number>;
  /** Running sums of the weights in `skus` order. */
  cumulative: Float64Array;
  meanWeight: number;
  pairs: readonly PlantedPair[];
  /** Planted pairs a SKU belongs to, and the other side's SKUs. */
  partners: ReadonlyMap<string, readonly { pair: number; other: ReadonlySet<string> }[]>;
  /** Skipped selector entries and other things a scenario author should hear about. */
  warnings: readonly string[];
}

export interface BasketModelInput {
  scenario: Scenario;
  catalogue: Catalogue;
  /** SKU → zone ids of the reachable fixtures stocking it (in the run's first layout). */
  skuZones: ReadonlyMap<string, readonly string[]>;
}

export function buildBasketModel({ scenario, catalogue, skuZones }: BasketModelInput): BasketModel {
  const { basket } = scenario;
  const warnings: string[] = [];
  const skus = [...skuZones.keys()].filter((sku) => catalogue.bySku.has(sku)).sort();
  for (const sku of skuZones.keys()) {
    if (!catalogue.bySku.has(sku)) warnings.push(`sku ${sku} is on a fixture but not in the catalogue`);
  }
  const cold = new Map(scenario.coldZones.map((z) => [z.zoneId, z.factor]));
  const weight = new Map<string, number>();
  for (const sku of skus) {
    const item = catalogue.bySku.get(sku)!;
    let w = (basket.categoryWeights[item.category] ?? 1) * (basket.skuWeights[sku] ?? 1);
    w *= logNormal(streamOf(scenario.seed, 'popularity', sku), 1, basket.popularitySpread, 0, Infinity);
    const zones = skuZones.get(sku)!;
    if (zones.length > 0 && zones.every((z) => cold.has(z))) w *= Math.min(...zones.map((z) => cold.get(z)!));
    weight.set(sku, w);
  }
  const meanWeight = skus.reduce((s, k) => s + weight.get(k)!, 0) / Math.max(1, skus.length);

  const resolve = (sel: ProductSelector, label: string): string[] => {
    const picked = new Set<string>();
    for (const c of sel.categories) {
      const hits = skus.filter((s) => catalogue.bySku.get(s)!.category === c);
      if (hits.length === 0) warnings.push(`${label}: no purchasable sku in category "${c}"`);
      for (const h of hits) picked.add(h);
    }
    for (const s of sel.skus) {
      if (weight.has(s)) picked.add(s);
      else warnings.push(`${label}: sku ${s} is not purchasable in this store`);
    }
    return [...picked].sort();
  };
  const pairs = scenario.affinities.map((a) => ({
    name: a.name,
    strength: a.strength,
    a: resolve(a.a, `affinity "${a.name}" side a`),
    b: resolve(a.b, `affinity "${a.name}" side b`),
  }));
  const partners = new Map<string, { pair: number; other: ReadonlySet<string> }[]>();
  pairs.forEach((p, i) => {
    const add = (sku: string, other: readonly string[]): void => {
      partners.set(sku, [...(partners.get(sku) ?? []), { pair: i, other: new Set(other) }]);
    };
    for (const s of p.a) add(s, p.b);
    for (const s of p.b) add(s, p.a);
  });
  const cumulative = cumulativeOf(skus.map((s) => weight.get(s)!));
  return { skus, weight, cumulative, meanWeight, pairs, partners, warnings };
}

export interface PlannedLine {
  sku: string;
  reason: Exclude<LineReason, 'impulse'>;
  /** The planted pair that added it. */
  pair?: string;
}

/** A mission list: planned SKUs, then the partners planted affinities added. */
export function drawMission(model: BasketModel, basket: Scenario['basket'], random: Random): PlannedLine[] {
  if (model.skus.length === 0 || random() < basket.browserFraction) return [];
  const want = Math.min(model.skus.length, 1 + poisson(random, basket.meanItems - 1));
  const chosen = new Set<string>();
  for (let tries = 0; chosen.size < want && tries < want * 50; tries++) {
    chosen.add(model.skus[pickWeighted(model.cumulative, random)]!);
  }
  const lines: PlannedLine[] = [...chosen].map((sku) => ({ sku, reason: 'mission' }));
  for (const pair of model.pairs) {
    const hasA = pair.a.some((s) => chosen.has(s));
    const hasB = pair.b.some((s) => chosen.has(s));
    // Both draws happen whatever the outcome, so one pair's result never shifts the next pair's stream.
    const addB = random() < pair.strength;
    const addA = random() < pair.strength;
    const side = hasA && !hasB && addB ? pair.b : hasB && !hasA && addA ? pair.a : undefined;
    if (!side || side.length === 0) continue;
    const sku = side[pickWeighted(cumulativeOf(side.map((s) => model.weight.get(s)!)), random)]!;
    chosen.add(sku);
    lines.push({ sku, reason: 'affinity', pair: pair.name });
  }
  return lines;
}

/** P(taking `sku` on impulse when passing it), given what the shopper already carries. */
export function impulseChance(
  model: BasketModel,
  basket: Scenario['basket'],
  sku: string,
  carried: ReadonlySet<string>,
): number {
  const w = model.weight.get(sku);
  if (w === undefined) return 0;
  let p = (basket.impulseBase * w) / model.meanWeight;
  for (const { pair, other } of model.partners.get(sku) ?? []) {
    for (const c of carried) {
      if (other.has(c)) {
        p += model.pairs[pair]!.strength * basket.affineImpulse;
        break;
      }
    }
  }
  return Math.min(0.95, p);
}
