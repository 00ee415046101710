// Roll-ups off the acknowledgement path. Ingest stores a window and queues its id in
// `rollup_pending` in the same transaction (a few bytes); a background pass later adds the queued
// windows to the hour and day totals and dequeues them, again in one transaction. So a window is
// counted exactly once even through a crash, and the commit a gateway's PUBACK waits for stays
// small. Windows this process just stored are summed in memory as they commit (see
// rollup-accumulator.ts), so a pass normally writes those sums without reading payloads back; the
// queue-reading pass picks up the rest (a crash, another worker's windows). On PostgreSQL, workers
// sharing one subscription skip each other's locked rows.
import type { MessageOf } from '@retail/contracts';
import type { GatewayMessage } from './ingest-store.js';
import { RollupAccumulator } from './rollup-accumulator.js';
import { RollupBatch } from './rollups.js';
import { MAX_PARAMS, type SqlDriver, type SqlExecutor, type SqlValue } from './sql-driver.js';

export const ROLLUP_KINDS = ['heatmap', 'zones', 'counts'] as const;
export type RollupKind = (typeof ROLLUP_KINDS)[number];

export function isRollupKind(kind: string): kind is RollupKind {
  return (ROLLUP_KINDS as readonly string[]).includes(kind);
}

export class RollupStore {
  readonly #accumulated = new RollupAccumulator();

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

  /** Windows just committed by this process, for the next pass to take without reading them back. */
  async accumulate(messages: readonly GatewayMessage[]): Promise<void> {
    const windows = messages.filter((m) => isRollupKind(m.kind));
    if (windows.length === 0) return;
    const zones = new Map<string, string>();
    for (const m of windows)
      if (!zones.has(m.storeId)) zones.set(m.storeId, await this.timeZoneOf(m.storeId));
    for (const m of windows)
      this.#accumulated.add({
        msgId: m.message.msgId,
        kind: m.kind as RollupKind,
        message: m.message as MessageOf<RollupKind>,
        timeZone: zones.get(m.storeId)!,
      });
  }

  /**
   * One pass: the windows summed in memory if there are any, else up to `limit` queued windows,
   * oldest first, read back from the database. Resolves with how many queued windows it took or
   * found held in memory (0 only when the queue was empty).
   */
  async rollUpPending(limit = 5000): Promise<number> {
    const sums = this.#accumulated.take();
    if (sums) {
      const taken = await this.#writeAccumulated(sums.ids, sums.batch);
      // Taken by someone else first: the queue-reading pass below gets what is left.
      if (taken > 0) return taken;
      this.accumulatorFallbacks++;
    }
    return this.#rollUpQueued(limit);
  }

  /** Times in-memory sums were given up because some of their windows were already rolled up. */
  accumulatorFallbacks = 0;

  async #writeAccumulated(ids: readonly string[], batch: RollupBatch): Promise<number> {
    const stale = new Error('accumulated windows already taken');
    try {
      return await this.db.transaction(async (tx) => {
        let deleted = 0;
        for (let i = 0; i < ids.length; i += MAX_PARAMS) {
          const chunk = ids.slice(i, i + MAX_PARAMS);
          const r = await tx.run(
            `DELETE FROM rollup_pending WHERE msg_id IN (${chunk.map(() => '?').join(', ')})`,
            chunk,
          );
          deleted += r.changes;
        }
        if (deleted !== ids.length) throw stale; // roll back: nothing of these sums is written
        await batch.write(tx);
        return ids.length;
      });
    } catch (err) {
      if (err === stale) return 0;
      throw err;
    }
  }

  async #rollUpQueued(limit: number): Promise<number> {
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE OF p SKIP LOCKED' : '';
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<{ msg_id: string; kind: string; store_id: string; payload: string | null }>(
        `SELECT p.msg_id, p.kind, p.store_id, m.payload FROM rollup_pending p
         LEFT JOIN messages m ON m.msg_id = p.msg_id ORDER BY p.received_at, p.msg_id LIMIT ?${lock}`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const batch = new RollupBatch();
      const taken: string[] = [];
      for (const r of rows) {
        // Committed meanwhile and already summed in memory: the next pass takes it from there.
        if (this.#accumulated.has(r.msg_id)) continue;
        taken.push(r.msg_id);
        // The payload was validated at ingest; a window already removed by retention adds nothing.
        if (r.payload === null) continue;
        const tz = await this.timeZoneOf(r.store_id);
        const message = JSON.parse(r.payload);
        if (r.kind === 'heatmap') batch.heatmap(message as MessageOf<'heatmap'>, tz);
        else if (r.kind === 'zones') batch.zones(message as MessageOf<'zones'>, tz);
        else if (r.kind === 'counts') batch.counts(message as MessageOf<'counts'>, tz);
      }
      await batch.write(tx);
      for (let i = 0; i < taken.length; i += MAX_PARAMS) {
        const ids = taken.slice(i, i + MAX_PARAMS);
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
