// Writes validated gateway messages: one row per msgId (duplicates are skipped, which makes ingest
// idempotent), the per-kind rows analytics read, and hour/day roll-ups in the store's time zone.
// Runs inside the caller's transaction so a batch is stored whole or not at all.
import type { DecodedMessage, MessageOf } from '@retail/contracts';
import { type Period, periodStart } from './periods.js';
import { insertMany, type SqlExecutor, type SqlValue } from './sql-driver.js';

export type GatewayMessage = Exclude<DecodedMessage, { kind: 'pos-transactions' }>;

export interface IngestItem {
  decoded: GatewayMessage;
  receivedAt: number;
}

export interface StoredBatch {
  stored: string[];
  duplicates: string[];
}

const PERIODS: Period[] = ['hour', 'day'];

export class IngestStore {
  constructor(private readonly timeZoneOf: (storeId: string) => Promise<string>) {}

  async storeBatch(tx: SqlExecutor, items: readonly IngestItem[], now: number): Promise<StoredBatch> {
    // Within one batch, the first copy of a msgId wins, as across batches.
    const unique = new Map<string, IngestItem>();
    const duplicates: string[] = [];
    for (const item of items) {
      const id = item.decoded.message.msgId;
      if (unique.has(id)) duplicates.push(id);
      else unique.set(id, item);
    }
    const candidates = [...unique.values()];
    const inserted = await this.#insertMessages(tx, candidates, now);
    const fresh = candidates.filter((c) => inserted.has(c.decoded.message.msgId));
    for (const c of candidates)
      if (!inserted.has(c.decoded.message.msgId)) duplicates.push(c.decoded.message.msgId);
    await this.#insertDerived(tx, fresh);
    return { stored: fresh.map((f) => f.decoded.message.msgId), duplicates };
  }

  async #insertMessages(tx: SqlExecutor, items: readonly IngestItem[], now: number): Promise<Set<string>> {
    const inserted = new Set<string>();
    const rows = items.map(({ decoded, receivedAt }): SqlValue[] => {
      const m = decoded.message as Record<string, unknown>;
      return [
        decoded.message.msgId,
        decoded.storeId,
        decoded.gatewayId ?? null,
        decoded.kind,
        (m.windowStart as number | undefined) ?? null,
        (m.windowEnd as number | undefined) ?? null,
        (m.ts as number | undefined) ?? null,
        (m.layoutVersion as number | undefined) ?? null,
        receivedAt,
        now,
        JSON.stringify(decoded.message),
      ];
    });
    // RETURNING tells which rows were new; a conflicting msgId returns nothing.
    const perStatement = 2000;
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      const placeholders = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      const returned = await tx.all<{ msg_id: string }>(
        `INSERT INTO messages (msg_id, store_id, gateway_id, kind, window_start, window_end, ts, layout_version,
           received_at, stored_at, payload) VALUES ${placeholders} ON CONFLICT (msg_id) DO NOTHING RETURNING msg_id`,
        chunk.flat(),
      );
      for (const r of returned) inserted.add(r.msg_id);
    }
    return inserted;
  }

  async #insertDerived(tx: SqlExecutor, items: readonly IngestItem[]): Promise<void> {
    const heat: SqlValue[][] = [];
    const zones: SqlValue[][] = [];
    const transitions: SqlValue[][] = [];
    const entrances: SqlValue[][] = [];
    const visits: SqlValue[][] = [];
    const rotating: SqlValue[][] = [];
    const metrics: SqlValue[][] = [];
    const replies: SqlValue[][] = [];
    const rollups = new Rollups();

    for (const { decoded } of items) {
      const tz = await this.timeZoneOf(decoded.storeId);
      switch (decoded.kind) {
        case 'heatmap': {
          const m = decoded.message;
          for (const c of m.cells) {
            heat.push([
              m.msgId,
              m.storeId,
              m.gatewayId,
              m.windowStart,
              m.windowEnd,
              m.cellSize,
              c.col,
              c.row,
              c.scale,
              c.shoppers,
              c.dwellSeconds,
            ]);
          }
          rollups.heatmap(m, tz);
          break;
        }
        case 'zones': {
          const m = decoded.message;
          for (const z of m.zones) {
            zones.push([
              m.msgId,
              m.storeId,
              m.gatewayId,
              m.windowStart,
              m.windowEnd,
              z.zoneId,
              z.visits,
              z.shoppers,
              z.stops,
              z.dwell.meanS,
              z.dwell.p50S,
              z.dwell.p90S,
              z.dwell.maxS,
              z.peakOccupancy,
            ]);
          }
          for (const t of m.transitions)
            transitions.push([m.msgId, m.storeId, m.windowStart, t.from, t.to, t.count]);
          rollups.zones(m, tz);
          break;
        }
        case 'counts': {
          const m = decoded.message;
          for (const e of m.entrances)
            entrances.push([
              m.msgId,
              m.storeId,
              m.gatewayId,
              m.windowStart,
              m.windowEnd,
              e.entranceId,
              e.in,
              e.out,
            ]);
          rollups.counts(m, tz);
          break;
        }
        case 'paths': {
          const m = decoded.message;
          for (const p of m.paths) {
            for (const v of p.visits)
              visits.push([m.msgId, m.storeId, m.gatewayId, p.pathId, v.zoneId, v.enterTs, v.exitTs]);
            for (const r of p.rotatingIds) rotating.push([m.msgId, m.storeId, p.pathId, r, m.windowStart]);
          }
          break;
        }
        case 'metrics': {
          const m = decoded.message;
          metrics.push([
            m.msgId,
            m.storeId,
            m.gatewayId,
            m.windowStart,
            m.windowEnd,
            m.outboxDepth,
            m.outboxDropped,
            m.bytesSent,
            m.cpuTempC ?? null,
            JSON.stringify(m.cameras),
          ]);
          break;
        }
        case 'reply': {
          const m = decoded.message;
          replies.push([
            m.msgId,
            m.storeId,
            m.gatewayId,
            m.ts,
            m.inReplyTo,
            m.ok ? 1 : 0,
            m.detail ?? null,
            m.data ? JSON.stringify(m.data) : null,
          ]);
          break;
        }
        case 'status':
          await upsertStatus(tx, decoded.message);
          break;
        default:
          // config and cmd are the hub's own messages; they are kept in `messages` only.
          break;
      }
    }

    await insertMany(
      tx,
      `INSERT INTO heatmap_cells (msg_id, store_id, gateway_id, window_start, window_end, cell_size,
      cell_col, cell_row, scale, shoppers, dwell_s) VALUES`,
      heat,
    );
    await insertMany(
      tx,
      `INSERT INTO zone_stats (msg_id, store_id, gateway_id, window_start, window_end, zone_id, visits,
      shoppers, stops, dwell_mean_s, dwell_p50_s, dwell_p90_s, dwell_max_s, peak_occupancy) VALUES`,
      zones,
    );
    await insertMany(
      tx,
      'INSERT INTO zone_transitions (msg_id, store_id, window_start, from_zone, to_zone, transitions) VALUES',
      transitions,
    );
    await insertMany(
      tx,
      `INSERT INTO entrance_counts (msg_id, store_id, gateway_id, window_start, window_end, entrance_id,
      in_count, out_count) VALUES`,
      entrances,
    );
    await insertMany(
      tx,
      'INSERT INTO path_visits (msg_id, store_id, gateway_id, path_id, zone_id, enter_ts, exit_ts) VALUES',
      visits,
    );
    await insertMany(
      tx,
      'INSERT INTO path_rotating_ids (msg_id, store_id, path_id, rotating_id, window_start) VALUES',
      rotating,
    );
    await insertMany(
      tx,
      `INSERT INTO gateway_metrics (msg_id, store_id, gateway_id, window_start, window_end, outbox_depth,
      outbox_dropped, bytes_sent, cpu_temp_c, cameras) VALUES`,
      metrics,
    );
    await insertMany(
      tx,
      `INSERT INTO gateway_replies (msg_id, store_id, gateway_id, ts, in_reply_to, ok, detail, data) VALUES`,
      replies,
    );
    await rollups.write(tx);
  }
}

/** The latest status of a gateway wins, unless it comes from an earlier run (a will delivered late). */
async function upsertStatus(tx: SqlExecutor, s: MessageOf<'status'>): Promise<void> {
  await tx.run(
    `INSERT INTO gateways (store_id, gateway_id, created_at, state, reason, version, layout_version, config_version,
       started_at, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (store_id, gateway_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
       version = excluded.version, layout_version = excluded.layout_version, config_version = excluded.config_version,
       started_at = excluded.started_at, last_seen = excluded.last_seen
     WHERE gateways.started_at IS NULL OR excluded.started_at IS NULL OR excluded.started_at >= gateways.started_at`,
    [
      s.storeId,
      s.gatewayId,
      s.ts,
      s.state,
      s.reason ?? null,
      s.version,
      s.layoutVersion ?? null,
      s.configVersion ?? null,
      s.startedAt ?? null,
      s.ts,
    ],
  );
}

/** Sums one batch's windows per roll-up key first: PostgreSQL refuses to upsert one key twice in a statement. */
class Rollups {
  readonly #heat = new Map<string, SqlValue[]>();
  readonly #zones = new Map<string, SqlValue[]>();
  readonly #entrances = new Map<string, SqlValue[]>();

  heatmap(m: MessageOf<'heatmap'>, tz: string): void {
    for (const period of PERIODS) {
      const start = periodStart(m.windowStart, period, tz);
      for (const c of m.cells) {
        const key = [m.storeId, period, start, m.cellSize, c.col, c.row, c.scale].join('|');
        const row = this.#heat.get(key) ?? [
          m.storeId,
          period,
          start,
          m.cellSize,
          c.col,
          c.row,
          c.scale,
          0,
          0,
          0,
        ];
        row[7] = (row[7] as number) + c.shoppers;
        row[8] = (row[8] as number) + c.dwellSeconds;
        row[9] = (row[9] as number) + 1;
        this.#heat.set(key, row);
      }
    }
  }

  zones(m: MessageOf<'zones'>, tz: string): void {
    for (const period of PERIODS) {
      const start = periodStart(m.windowStart, period, tz);
      for (const z of m.zones) {
        const key = [m.storeId, period, start, z.zoneId].join('|');
        const row = this.#zones.get(key) ?? [m.storeId, period, start, z.zoneId, 0, 0, 0, 0, 0, 0, 0];
        row[4] = (row[4] as number) + z.visits;
        row[5] = (row[5] as number) + z.shoppers;
        row[6] = (row[6] as number) + z.stops;
        row[7] = (row[7] as number) + z.dwell.meanS * z.visits;
        row[8] = Math.max(row[8] as number, z.dwell.maxS);
        row[9] = Math.max(row[9] as number, z.peakOccupancy);
        row[10] = (row[10] as number) + 1;
        this.#zones.set(key, row);
      }
    }
  }

  counts(m: MessageOf<'counts'>, tz: string): void {
    for (const period of PERIODS) {
      const start = periodStart(m.windowStart, period, tz);
      for (const e of m.entrances) {
        const key = [m.storeId, period, start, e.entranceId].join('|');
        const row = this.#entrances.get(key) ?? [m.storeId, period, start, e.entranceId, 0, 0];
        row[4] = (row[4] as number) + e.in;
        row[5] = (row[5] as number) + e.out;
        this.#entrances.set(key, row);
      }
    }
  }

  async write(tx: SqlExecutor): Promise<void> {
    await insertMany(
      tx,
      `INSERT INTO heatmap_rollup (store_id, period, period_start, cell_size, cell_col, cell_row, scale, shoppers, dwell_s,
        windows) VALUES`,
      [...this.#heat.values()],
      `ON CONFLICT (store_id, period, period_start, cell_size, cell_col, cell_row, scale) DO UPDATE SET
        shoppers = heatmap_rollup.shoppers + excluded.shoppers, dwell_s = heatmap_rollup.dwell_s + excluded.dwell_s,
        windows = heatmap_rollup.windows + excluded.windows`,
    );
    await insertMany(
      tx,
      `INSERT INTO zone_rollup (store_id, period, period_start, zone_id, visits, shoppers, stops, dwell_total_s,
        dwell_max_s, peak_occupancy, windows) VALUES`,
      [...this.#zones.values()],
      `ON CONFLICT (store_id, period, period_start, zone_id) DO UPDATE SET visits = zone_rollup.visits + excluded.visits,
        shoppers = zone_rollup.shoppers + excluded.shoppers, stops = zone_rollup.stops + excluded.stops,
        dwell_total_s = zone_rollup.dwell_total_s + excluded.dwell_total_s,
        dwell_max_s = CASE WHEN excluded.dwell_max_s > zone_rollup.dwell_max_s THEN excluded.dwell_max_s ELSE zone_rollup.dwell_max_s END,
        peak_occupancy = CASE WHEN excluded.peak_occupancy > zone_rollup.peak_occupancy THEN excluded.peak_occupancy ELSE zone_rollup.peak_occupancy END,
        windows = zone_rollup.windows + excluded.windows`,
    );
    await insertMany(
      tx,
      'INSERT INTO entrance_rollup (store_id, period, period_start, entrance_id, in_count, out_count) VALUES',
      [...this.#entrances.values()],
      `ON CONFLICT (store_id, period, period_start, entrance_id) DO UPDATE SET
        in_count = entrance_rollup.in_count + excluded.in_count, out_count = entrance_rollup.out_count + excluded.out_count`,
    );
  }
}
