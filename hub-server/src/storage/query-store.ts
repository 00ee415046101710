// Reads for the API and analytics: heatmaps and zone/entrance figures over a time range, from the
// day roll-ups where whole days are asked for, the hour roll-ups otherwise.
import type { HeatmapMessage } from '@retail/contracts';
import type { SqlExecutor } from './sql-driver.js';

export interface HeatmapCellTotal {
  cellSize: number;
  col: number;
  row: number;
  scale: number;
  /** Sum over windows of the distinct shoppers seen in the cell in each window. */
  shopperWindows: number;
  dwellSeconds: number;
}

export interface ZoneTotal {
  zoneId: string;
  visits: number;
  stops: number;
  dwellTotalS: number;
  dwellMaxS: number;
  peakOccupancy: number;
  /** Visits that were the shopper's first into the zone, in the windows that counted them. */
  firstVisits: number;
  /** Windows with zone figures, and how many of them counted first visits (gateways older than that do not). */
  windows: number;
  firstVisitWindows: number;
}

export interface EntranceTotal {
  entranceId: string;
  in: number;
  out: number;
}

export type RollupPeriod = 'hour' | 'day';

export class QueryStore {
  constructor(private readonly db: SqlExecutor) {}

  /** Cells summed over the periods starting in [from, to). */
  async heatmap(
    storeId: string,
    period: RollupPeriod,
    from: number,
    to: number,
  ): Promise<HeatmapCellTotal[]> {
    return this.db.all<HeatmapCellTotal>(
      `SELECT cell_size AS "cellSize", cell_col AS "col", cell_row AS "row", scale,
         SUM(shoppers) AS "shopperWindows", SUM(dwell_s) AS "dwellSeconds"
       FROM heatmap_rollup WHERE store_id = ? AND period = ? AND period_start >= ? AND period_start < ?
       GROUP BY cell_size, cell_col, cell_row, scale ORDER BY cell_row, cell_col`,
      [storeId, period, from, to],
    );
  }

  /** Cells of the raw windows starting in [from, to), summed: for ranges finer than an hour. */
  async heatmapWindows(storeId: string, from: number, to: number): Promise<HeatmapCellTotal[]> {
    const rows = await this.db.all<{ payload: string }>(
      "SELECT payload FROM messages WHERE store_id = ? AND kind = 'heatmap' AND window_start >= ? AND window_start < ?",
      [storeId, from, to],
    );
    const cells = new Map<string, HeatmapCellTotal>();
    for (const { payload } of rows) {
      const m = JSON.parse(payload) as HeatmapMessage;
      for (const c of m.cells) {
        const key = `${m.cellSize}|${c.col}|${c.row}|${c.scale}`;
        const t = cells.get(key) ?? {
          cellSize: m.cellSize,
          col: c.col,
          row: c.row,
          scale: c.scale,
          shopperWindows: 0,
          dwellSeconds: 0,
        };
        t.shopperWindows += c.shoppers;
        t.dwellSeconds += c.dwellSeconds;
        cells.set(key, t);
      }
    }
    return [...cells.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  }

  async zones(storeId: string, period: RollupPeriod, from: number, to: number): Promise<ZoneTotal[]> {
    return this.db.all<ZoneTotal>(
      `SELECT zone_id AS "zoneId", SUM(visits) AS visits, SUM(stops) AS stops, SUM(dwell_total_s) AS "dwellTotalS",
         MAX(dwell_max_s) AS "dwellMaxS", MAX(peak_occupancy) AS "peakOccupancy",
         SUM(first_visits) AS "firstVisits", SUM(windows) AS windows, SUM(first_visit_windows) AS "firstVisitWindows"
       FROM zone_rollup WHERE store_id = ? AND period = ? AND period_start >= ? AND period_start < ?
       GROUP BY zone_id ORDER BY zone_id`,
      [storeId, period, from, to],
    );
  }

  async entrances(storeId: string, period: RollupPeriod, from: number, to: number): Promise<EntranceTotal[]> {
    return this.db.all<EntranceTotal>(
      `SELECT entrance_id AS "entranceId", SUM(in_count) AS "in", SUM(out_count) AS "out"
       FROM entrance_rollup WHERE store_id = ? AND period = ? AND period_start >= ? AND period_start < ?
       GROUP BY entrance_id ORDER BY entrance_id`,
      [storeId, period, from, to],
    );
  }

  async messageCount(storeId?: string): Promise<number> {
    const rows = await this.db.all<{ n: number }>(
      storeId === undefined
        ? 'SELECT COUNT(*) AS n FROM messages'
        : 'SELECT COUNT(*) AS n FROM messages WHERE store_id = ?',
      storeId === undefined ? [] : [storeId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async storedMsgIds(prefix: string): Promise<string[]> {
    const rows = await this.db.all<{ msg_id: string }>('SELECT msg_id FROM messages WHERE msg_id LIKE ?', [
      `${prefix}%`,
    ]);
    return rows.map((r) => r.msg_id);
  }

  /** Messages stored whose msgId starts with `prefix` (a benchmark round's), counted in the database. */
  async countStored(prefix: string): Promise<number> {
    const rows = await this.db.all<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM messages WHERE msg_id LIKE ?',
      [`${prefix}%`],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
