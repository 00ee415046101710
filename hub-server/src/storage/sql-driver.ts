// The seam between the hub's repositories and a SQL database. Queries are written once, with `?`
// placeholders and SQL that SQLite and PostgreSQL both accept; each driver adapts the rest.
import type { ScriptStatement } from './sql-script.js';

export type SqlValue = string | number | boolean | null;
export type SqlParams = readonly SqlValue[];

/**
 * Statements issued without awaiting the one before run in the order they were issued: always on
 * SQLite (one connection), inside a transaction on PostgreSQL (outside one, the pool may run them at once).
 */
export interface SqlExecutor {
  /** Runs a statement; `changes` is the number of rows it inserted, updated or deleted. */
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Where the driver can: the statements as one transaction in a single unit of work (see
   * sql-script.ts), all or nothing. For writers that know every statement up front.
   */
  transactionScript?(statements: readonly ScriptStatement[]): Promise<void>;
  /** Several statements separated by `;` (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Largest number of bound parameters one statement may carry on both engines (SQLite's default is 32766). */
export const MAX_PARAMS = 30_000;

/** `(?, ?, ?), (?, ?, ?)` for a multi-row INSERT of `rows` rows of `columns` values. */
export function valuesPlaceholders(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/**
 * Inserts rows in as few statements as the parameter limit allows. `sql` is the statement up to and
 * including `VALUES`; `tail` follows the value lists (e.g. `ON CONFLICT DO NOTHING`).
 */
export async function insertMany(
  db: SqlExecutor,
  sql: string,
  rows: readonly SqlValue[][],
  tail = '',
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = rows[0]!.length;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns));
  let changes = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const r = await db.run(`${sql} ${valuesPlaceholders(chunk.length, columns)} ${tail}`, chunk.flat());
    changes += r.changes;
  }
  return changes;
}
