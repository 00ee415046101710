// Ground truth of a simulated day: what every shopper and staff member did, what the tills recorded and
// what was planted, for the sensors, the edge pipeline and the hub analytics to be checked against.
import type { AppMember, PosLineItem, ZoneVisit } from '@retail/contracts';
import type { LineReason } from './basket-model.js';
import type { ShopperIdentity } from './identities.js';
import type { TradingDay } from './scenario-time.js';
import type { ZoneStay } from './zone-visits.js';

/** Samples at a fixed rate with no gaps: sample i is at startTs + i·intervalMs. */
export interface Trajectory {
  startTs: number;
  intervalMs: number;
  /** x0, y0, x1, y1, … metres, rounded to the millimetre. */
  xy: Float64Array;
}

export interface TrajectorySample {
  ts: number;
  x: number;
  y: number;
}

export function* samplesOf(t: Trajectory): Generator<TrajectorySample> {
  for (let i = 0; 2 * i + 1 < t.xy.length; i++) {
    yield { ts: t.startTs + i * t.intervalMs, x: t.xy[2 * i]!, y: t.xy[2 * i + 1]! };
  }
}

export interface BasketLineTruth {
  sku: string;
  reason: LineReason;
  /** The planted pair that caused it (affinity lines, and impulse lines boosted by one). */
  pair?: string;
  /** Where it was taken from, and when. */
  fixtureId: string;
  ts: number;
}

export interface ShopperTruth {
  sessionId: string;
  identity: ShopperIdentity;
  entranceId: string;
  exitEntranceId: string;
  /** When the shopper crossed the counting line in and out, UTC ms. */
  enterTs: number;
  exitTs: number;
  speedMps: number;
  basket: BasketLineTruth[];
  /** The till, and the POS transaction when anything was bought. */
  laneId?: string;
  transactionId?: string;
  visits: ZoneStay[];
  /** Absent when the run was asked not to keep samples. */
  trajectory?: Trajectory;
}

export interface StaffTruth {
  staffId: string;
  /** The layout's staff tag worn, if any. */
  beaconId?: string;
  role?: string;
  trajectory?: Trajectory;
}

export interface EntranceCrossing {
  ts: number;
  entranceId: string;
  direction: 'in' | 'out';
  sessionId: string;
}

export interface EntranceCount {
  entranceId: string;
  in: number;
  out: number;
}

export interface PlantedPairTruth {
  name: string;
  strength: number;
  a: readonly string[];
  b: readonly string[];
  /** Shortest walk between a fixture holding an A and one holding a B in the day's layout, metres. */
  walkingDistanceM?: number;
  /** Every (A fixture, B fixture) walk, metres, shortest first. */
  fixturePairs: { a: string; b: string; metres: number }[];
}

export interface DayTruth {
  scenario: string;
  storeId: string;
  day: TradingDay;
  layoutVersion: number;
  shoppers: ShopperTruth[];
  staff: StaffTruth[];
  /** POS line items in till order. */
  posLines: PosLineItem[];
  crossings: EntranceCrossing[];
  entranceCounts: EntranceCount[];
  plantedPairs: PlantedPairTruth[];
  coldZones: readonly { zoneId: string; factor: number }[];
}

/** Zone visits as the visits CSV has them: loyalty id only for shoppers linked by both app and card. */
export function visitRows(day: DayTruth): ZoneVisit[] {
  const rows: ZoneVisit[] = [];
  for (const s of day.shoppers) {
    const linked = s.identity.appOptedIn && s.identity.presentsCard && s.identity.loyaltyId;
    for (const v of s.visits) {
      rows.push({ sessionId: s.sessionId, ...(linked && { loyaltyId: s.identity.loyaltyId }), ...v });
    }
  }
  return rows;
}

/**
 * The loyalty backend's enrolment export for the day's app users (`loyalty_id,app_secret`): what the hub
 * needs to resolve the rotating ids on gateway paths. Members of the pool who did not visit are left out;
 * they could not appear on a path of this day anyway.
 */
export function appMemberRows(day: DayTruth): AppMember[] {
  const bySecret = new Map<string, AppMember>();
  for (const s of day.shoppers) {
    const { loyaltyId, appSecret, appOptedIn } = s.identity;
    if (appOptedIn && loyaltyId && appSecret) bySecret.set(appSecret, { loyaltyId, appSecret });
  }
  return [...bySecret.values()];
}
