// Roll-ups off the acknowledgement path. Ingest stores a window and queues its id in
// `rollup_pending` in the same transaction (a few bytes); a background pass later adds thousands of
// queued windows to the hour and day totals and dequeues them, again in one transaction. So a
// window is counted exactly once even through a crash, and the commit a gateway's PUBACK waits for
// stays small. On PostgreSQL, workers sharing one subscription skip each other's locked rows.
import type { MessageOf } from '@retail/contracts';
import { RollupBatch } from './rollups.js';
import { MAX_PARAMS, type SqlDriver, type SqlExecutor, type SqlValue } from './sql-driver.js';

export const ROLLUP_KINDS = ['heatmap', 'zones', 'counts'] as const;
export type RollupKind = (typeof ROLLUP_KINDS)[number];

export function isRollupKind(kind: string): kind is RollupKind {
  return (ROLLUP_KINDS as readonly string[]).includes(kind);
}

export class RollupStore {
  constructor(
    private readonly db: SqlDriver,
    private readonly timeZoneOf: (storeId: string) => Promise<string>,
  ) {}

  /** Queues stored windows for the next pass; inside the ingest transaction. Rows: msgId, storeId, kind, receivedAt. */
  async enqueue(tx: SqlExecutor, rows: readonly SqlValue[][]): Promise<void> {
    for (let i = 0; i < rows.length; i += Math.floor(MAX_PARAMS / 4)) {
      const chunk = rows.slice(i, i + Math.floor(MAX_PARAMS / 4));
      await tx.run(
        `INSERT INTO rollup_pending (msg_id, store_id, kind, received_at) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
         ON CONFLICT (msg_id) DO NOTHING`,
        chunk.flat(),
      );
    }
  }

  /** Adds up to `limit` queued windows, oldest first, to the roll-ups; returns how many it took. */
  async rollUpPending(limit = 5000): Promise<number> {
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE OF p SKIP LOCKED' : '';
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<{ msg_id: string; kind: string; store_id: string; payload: string | null }>(
        `SELECT p.msg_id, p.kind, p.store_id, m.payload FROM rollup_pending p
         LEFT JOIN messages m ON m.msg_id = p.msg_id ORDER BY p.received_at, p.msg_id LIMIT ?${lock}`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const batch = new RollupBatch();
      for (const r of rows) {
        // The payload was validated at ingest; a window already removed by retention adds nothing.
        if (r.payload === null) continue;
        const tz = await this.timeZoneOf(r.store_id);
        const message = JSON.parse(r.payload);
        if (r.kind === 'heatmap') batch.heatmap(message as MessageOf<'heatmap'>, tz);
        else if (r.kind === 'zones') batch.zones(message as MessageOf<'zones'>, tz);
        else if (r.kind === 'counts') batch.counts(message as MessageOf<'counts'>, tz);
      }
      await batch.write(tx);
      for (let i = 0; i < rows.length; i += MAX_PARAMS) {
        const ids = rows.slice(i, i + MAX_PARAMS).map((r) => r.msg_id);
        await tx.run(`DELETE FROM rollup_pending WHERE msg_id IN (${ids.map(() => '?').join(', ')})`, ids);
      }
      return rows.length;
    });
  }

  /** Windows stored but not yet in the roll-ups. */
  async backlog(): Promise<number> {
    const rows = await this.db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM rollup_pending');
    return Number(rows[0]?.n ?? 0);
  }
}
