// Retention (raw windows for N days, roll-ups longer) and GDPR erasure of a member pseudonym.
import type { SqlDriver } from './sql-driver.js';

/** Tables of raw per-window rows, with the column that dates them. */
const RAW_TABLES: [table: string, timeColumn: string][] = [
  ['path_rotating_ids', 'window_start'],
  ['gateway_metrics', 'window_start'],
  ['gateway_replies', 'ts'],
  ['dead_letters', 'received_at'],
];

/**
 * Every table holding a member pseudonym, and how to delete a member's rows from it. Erasure and its
 * test both read this list; the test also checks that no other table has a `pid` column.
 */
export const PID_ERASERS: { table: string; sql: string }[] = [
  {
    table: 'pos_items',
    sql: `DELETE FROM pos_items WHERE EXISTS (SELECT 1 FROM pos_transactions t
            WHERE t.store_id = pos_items.store_id AND t.transaction_id = pos_items.transaction_id AND t.pid = ?)`,
  },
  { table: 'pos_transactions', sql: 'DELETE FROM pos_transactions WHERE pid = ?' },
  { table: 'zone_visits', sql: 'DELETE FROM zone_visits WHERE pid = ?' },
  { table: 'app_members', sql: 'DELETE FROM app_members WHERE pid = ?' },
  { table: 'path_members', sql: 'DELETE FROM path_members WHERE pid = ?' },
];

export interface RetentionPolicy {
  rawDays: number;
  hourRollupDays: number;
  dayRollupDays: number;
}

export class MaintenanceStore {
  constructor(private readonly db: SqlDriver) {}

  /** Deletes what the policy no longer keeps; returns rows deleted per table. */
  async applyRetention(policy: RetentionPolicy, now: number): Promise<Record<string, number>> {
    const day = 86_400_000;
    const deleted: Record<string, number> = {};
    await this.db.transaction(async (tx) => {
      const rawBefore = now - policy.rawDays * day;
      for (const [table, column] of RAW_TABLES) {
        deleted[table] = (await tx.run(`DELETE FROM ${table} WHERE ${column} < ?`, [rawBefore])).changes;
      }
      // Path visits are kept as long as their window's message.
      deleted.path_visits = (
        await tx.run(
          'DELETE FROM path_visits WHERE msg_id IN (SELECT msg_id FROM messages WHERE received_at < ?)',
          [rawBefore],
        )
      ).changes;
      deleted.messages = (await tx.run('DELETE FROM messages WHERE received_at < ?', [rawBefore])).changes;
      for (const [period, days] of [
        ['hour', policy.hourRollupDays],
        ['day', policy.dayRollupDays],
      ] as const) {
        for (const table of ['heatmap_rollup', 'zone_rollup', 'transition_rollup', 'entrance_rollup']) {
          const n = (
            await tx.run(`DELETE FROM ${table} WHERE period = ? AND period_start < ?`, [
              period,
              now - days * day,
            ])
          ).changes;
          deleted[`${table}.${period}`] = n;
        }
      }
    });
    return deleted;
  }

  /** Removes every row of one member pseudonym, in one transaction. */
  async erasePseudonym(pid: string): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    await this.db.transaction(async (tx) => {
      for (const e of PID_ERASERS) deleted[e.table] = (await tx.run(e.sql, [pid])).changes;
    });
    return deleted;
  }
}
