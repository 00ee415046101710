// Hour and day roll-ups of heatmaps, zone figures, zone transitions and entrance counts, in the
// store's time zone. A batch is summed per key first (PostgreSQL refuses to upsert one key twice in
// one statement, and it saves work), then added to the stored totals.
import { type MessageOf, periodStart } from '@retail/contracts';
import { insertMany, type SqlExecutor, type SqlValue } from './sql-driver.js';

type Row = SqlValue[];

/** zone_rollup's longest dwell and peak occupancy: the larger counts, not the sum. */
const ZONE_MAXIMA = [8, 9];

export class RollupBatch {
  // Windows are summed into hour rows only, grouped by `store|hour start` (and cell size), then by
  // their own key: a window adds to a few hundred rows, and one long string key per row cost more
  // than the SQL that writes them. Day rows are the sums of their hours, made once in write().
  readonly #heat = new Map<string, Map<number, Row>>();
  readonly #zones = new Map<string, Map<string, Row>>();
  readonly #transitions = new Map<string, Map<string, Map<string, Row>>>();
  readonly #entrances = new Map<string, Map<string, Row>>();
  /** Each store's time zone, for the day its hours fall in. */
  readonly #timeZones = new Map<string, string>();

  #hour(storeId: string, windowStart: number, tz: string): number {
    this.#timeZones.set(storeId, tz);
    return periodStart(windowStart, 'hour', tz);
  }

  heatmap(m: MessageOf<'heatmap'>, tz: string): void {
    const start = this.#hour(m.storeId, m.windowStart, tz);
    const cells = group(this.#heat, `${m.storeId}|${start}|${m.cellSize}`);
    for (const c of m.cells) {
      const key = (c.scale * 131_072 + c.row) * 131_072 + c.col; // col, row ≤ 100 000 < 2^17
      let row = cells.get(key);
      if (!row) {
        row = [m.storeId, 'hour', start, m.cellSize, c.col, c.row, c.scale, 0, 0, 0];
        cells.set(key, row);
      }
      add(row, 7, c.shoppers);
      add(row, 8, c.dwellSeconds);
      add(row, 9, 1);
    }
  }

  zones(m: MessageOf<'zones'>, tz: string): void {
    const start = this.#hour(m.storeId, m.windowStart, tz);
    const prefix = `${m.storeId}|${start}`;
    const zones = group(this.#zones, prefix);
    for (const z of m.zones) {
      const row = entry(zones, z.zoneId, () => [m.storeId, 'hour', start, z.zoneId], 9);
      add(row, 4, z.visits);
      add(row, 5, z.shoppers);
      add(row, 6, z.stops);
      add(row, 7, z.dwell.meanS * z.visits);
      max(row, 8, z.dwell.maxS);
      max(row, 9, z.peakOccupancy);
      add(row, 10, 1);
      // First visits (reach) from gateways that count them, and how many windows did.
      if (z.firstVisits !== undefined) {
        add(row, 11, z.firstVisits);
        add(row, 12, 1);
      }
    }
    if (m.transitions.length === 0) return;
    const from = group(this.#transitions, prefix);
    for (const t of m.transitions)
      add(
        entry(group(from, t.from), t.to, () => [m.storeId, 'hour', start, t.from, t.to], 1),
        5,
        t.count,
      );
  }

  counts(m: MessageOf<'counts'>, tz: string): void {
    const start = this.#hour(m.storeId, m.windowStart, tz);
    const entrances = group(this.#entrances, `${m.storeId}|${start}`);
    for (const e of m.entrances) {
      const row = entry(entrances, e.entranceId, () => [m.storeId, 'hour', start, e.entranceId], 2);
      add(row, 4, e.in);
      add(row, 5, e.out);
    }
  }

  /**
   * The hour rows and, from them, the rows of the days they fall in: every total (the columns from
   * `keyColumns` on) summed, except `maxima`, which keep the larger.
   */
  #withDays(hours: Row[], keyColumns: number, maxima: readonly number[] = []): Row[] {
    const days = new Map<string, Row>();
    for (const h of hours) {
      const storeId = h[0] as string;
      const day = periodStart(h[2] as number, 'day', this.#timeZones.get(storeId)!);
      const key = [storeId, day, ...h.slice(3, keyColumns)].join('|');
      let row = days.get(key);
      if (!row) {
        row = [storeId, 'day', day, ...h.slice(3)];
        days.set(key, row);
      } else
        for (let i = keyColumns; i < h.length; i++)
          if (maxima.includes(i)) max(row, i, h[i] as number);
          else add(row, i, h[i] as number);
    }
    return [...hours, ...days.values()];
  }

  async write(tx: SqlExecutor): Promise<void> {
    await insertMany(
      tx,
      `INSERT INTO heatmap_rollup (store_id, period, period_start, cell_size, cell_col, cell_row, scale, shoppers,
        dwell_s, windows) VALUES`,
      this.#withDays(rowsOf(this.#heat), 7),
      `ON CONFLICT (store_id, period, period_start, cell_size, cell_col, cell_row, scale) DO UPDATE SET
        shoppers = heatmap_rollup.shoppers + excluded.shoppers, dwell_s = heatmap_rollup.dwell_s + excluded.dwell_s,
        windows = heatmap_rollup.windows + excluded.windows`,
    );
    await insertMany(
      tx,
      `INSERT INTO zone_rollup (store_id, period, period_start, zone_id, visits, shoppers, stops, dwell_total_s,
        dwell_max_s, peak_occupancy, windows, first_visits, first_visit_windows) VALUES`,
      this.#withDays(rowsOf(this.#zones), 4, ZONE_MAXIMA),
      `ON CONFLICT (store_id, period, period_start, zone_id) DO UPDATE SET visits = zone_rollup.visits + excluded.visits,
        shoppers = zone_rollup.shoppers + excluded.shoppers, stops = zone_rollup.stops + excluded.stops,
        dwell_total_s = zone_rollup.dwell_total_s + excluded.dwell_total_s,
        dwell_max_s = CASE WHEN excluded.dwell_max_s > zone_rollup.dwell_max_s THEN excluded.dwell_max_s ELSE zone_rollup.dwell_max_s END,
        peak_occupancy = CASE WHEN excluded.peak_occupancy > zone_rollup.peak_occupancy
          THEN excluded.peak_occupancy ELSE zone_rollup.peak_occupancy END,
        windows = zone_rollup.windows + excluded.windows, first_visits = zone_rollup.first_visits + excluded.first_visits,
        first_visit_windows = zone_rollup.first_visit_windows + excluded.first_visit_windows`,
    );
    await insertMany(
      tx,
      'INSERT INTO transition_rollup (store_id, period, period_start, from_zone, to_zone, transitions) VALUES',
      this.#withDays([...this.#transitions.values()].flatMap(rowsOf), 5),
      `ON CONFLICT (store_id, period, period_start, from_zone, to_zone) DO UPDATE SET
        transitions = transition_rollup.transitions + excluded.transitions`,
    );
    await insertMany(
      tx,
      'INSERT INTO entrance_rollup (store_id, period, period_start, entrance_id, in_count, out_count) VALUES',
      this.#withDays(rowsOf(this.#entrances), 4),
      `ON CONFLICT (store_id, period, period_start, entrance_id) DO UPDATE SET
        in_count = entrance_rollup.in_count + excluded.in_count, out_count = entrance_rollup.out_count + excluded.out_count`,
    );
  }
}

/** The map for `key` in `groups`, created empty on first use. */
function group<K, V>(groups: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let g = groups.get(key);
  if (!g) {
    g = new Map();
    groups.set(key, g);
  }
  return g;
}

/** Every row of every group. */
function rowsOf<K>(groups: Map<string, Map<K, Row>>): Row[] {
  const rows: Row[] = [];
  for (const g of groups.values()) for (const row of g.values()) rows.push(row);
  return rows;
}

/** The row for key `k` (its key columns made by `key`, then `zeros` zero-valued totals); the key
 * array is built only on a miss. */
function entry<K>(map: Map<K, Row>, k: K, key: () => SqlValue[], zeros: number): Row {
  let row = map.get(k);
  if (!row) {
    row = key();
    for (let i = 0; i < zeros; i++) row.push(0);
    map.set(k, row);
  }
  return row;
}

function add(row: Row, i: number, v: number): void {
  row[i] = (row[i] as number) + v;
}

function max(row: Row, i: number, v: number): void {
  row[i] = Math.max(row[i] as number, v);
}
