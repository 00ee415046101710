// The day's truth as the product's file formats (pure string builders; the caller writes the files):
// POS line items and zone visits exactly as the contracts' parsers read them, trajectories in the
// beacon-truth layout `ts,beacon,x,y`, and two truth-only tables (sessions, basket lines).
import {
  formatCsvRow,
  POS_CSV_OPTIONAL,
  POS_CSV_REQUIRED,
  type PosLineItem,
  VISITS_CSV_COLUMNS,
  type ZoneVisit,
} from '@retail/contracts';
import { isoUtc } from './scenario-time.js';
import { type DayTruth, samplesOf, type Trajectory } from './truth.js';

export type TimeFormat = 'iso' | 'ms';

function time(ms: number, format: TimeFormat): string {
  return format === 'iso' ? isoUtc(ms) : String(ms);
}

function table(header: readonly string[], rows: Iterable<readonly string[]>): string {
  let out = `${formatCsvRow(header)}\n`;
  for (const row of rows) out += `${formatCsvRow(row)}\n`;
  return out;
}

/** `transaction_id,sku,loyalty_id,timestamp,store_id,quantity,price`, one row per line item. */
export function posCsv(lines: readonly PosLineItem[], format: TimeFormat = 'iso'): string {
  return table(
    [...POS_CSV_REQUIRED, ...POS_CSV_OPTIONAL],
    lines.map((l) => [
      l.transactionId,
      l.sku,
      l.loyaltyId ?? '',
      l.timestamp === undefined ? '' : time(l.timestamp, format),
      l.storeId ?? '',
      String(l.quantity),
      l.price === undefined ? '' : l.price.toFixed(2),
    ]),
  );
}

/** `session_id,loyalty_id,zone_id,enter_ts,exit_ts`, visits of a session in time order. */
export function visitsCsv(visits: readonly ZoneVisit[], format: TimeFormat = 'ms'): string {
  return table(
    VISITS_CSV_COLUMNS,
    visits.map((v) => [
      v.sessionId,
      v.loyaltyId ?? '',
      v.zoneId,
      time(v.enterTs, format),
      time(v.exitTs, format),
    ]),
  );
}

export interface TrajectoryCsvOptions {
  shoppers?: boolean;
  staff?: boolean;
  /** Only staff wearing a beacon tag (the BLE truth); default false: every staff member, by staff id. */
  taggedStaffOnly?: boolean;
}

/**
 * `ts,beacon,x,y` (the contracts' beacon-truth format) in chunks of rows, as a day of samples runs to
 * millions of rows. The beacon column holds the session id for shoppers, the tag (or staff id) for staff.
 */
export function* trajectoryCsvChunks(day: DayTruth, options: TrajectoryCsvOptions = {}): Generator<string> {
  yield 'ts,beacon,x,y\n';
  const tracks: [string, Trajectory][] = [];
  if (options.shoppers ?? true) {
    for (const s of day.shoppers) if (s.trajectory) tracks.push([s.sessionId, s.trajectory]);
  }
  if (options.staff ?? true) {
    for (const s of day.staff) {
      if (!s.trajectory || (options.taggedStaffOnly && !s.beaconId)) continue;
      tracks.push([s.beaconId ?? s.staffId, s.trajectory]);
    }
  }
  for (const [id, t] of tracks) {
    const who = formatCsvRow([id]);
    let chunk = '';
    for (const p of samplesOf(t)) chunk += `${p.ts},${who},${p.x},${p.y}\n`;
    yield chunk;
  }
}

/** `session_id,loyalty_id,app_opted_in,presents_card,app_secret,entrance_id,exit_entrance_id,enter_ts,exit_ts,lane_id,transaction_id`. */
export function sessionsCsv(day: DayTruth, format: TimeFormat = 'ms'): string {
  const header = [
    'session_id',
    'loyalty_id',
    'app_opted_in',
    'presents_card',
    'app_secret',
    'entrance_id',
    'exit_entrance_id',
    'enter_ts',
    'exit_ts',
    'lane_id',
    'transaction_id',
  ];
  return table(
    header,
    day.shoppers.map((s) => [
      s.sessionId,
      s.identity.loyaltyId ?? '',
      String(s.identity.appOptedIn),
      String(s.identity.presentsCard),
      s.identity.appSecret ?? '',
      s.entranceId,
      s.exitEntranceId,
      time(s.enterTs, format),
      time(s.exitTs, format),
      s.laneId ?? '',
      s.transactionId ?? '',
    ]),
  );
}

/** `session_id,transaction_id,sku,reason,pair,fixture_id,ts`: why each item ended up in a basket. */
export function basketLinesCsv(day: DayTruth, format: TimeFormat = 'ms'): string {
  return table(
    ['session_id', 'transaction_id', 'sku', 'reason', 'pair', 'fixture_id', 'ts'],
    day.shoppers.flatMap((s) =>
      s.basket.map((l) => [
        s.sessionId,
        s.transactionId ?? '',
        l.sku,
        l.reason,
        l.pair ?? '',
        l.fixtureId,
        time(l.ts, format),
      ]),
    ),
  );
}
