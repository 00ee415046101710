// PostgreSQL through `pg`: a pool, `?` placeholders turned into `$n`, BIGINT read as numbers
// (epoch milliseconds fit in 2^53), and an optional schema so tests can work in isolation.
import pg from 'pg';
import type { SqlDriver, SqlExecutor, SqlParams } from './sql-driver.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export interface PostgresOptions {
  url: string;
  /** Work in this schema (created if missing); the default is the database's search_path. */
  schema?: string;
  maxConnections?: number;
}

/**
 * A transaction's statements, each sent once the one before it has finished, so statements issued
 * together run in the order they were issued (pg's own queueing of them on a busy client is deprecated).
 */
function inOrder(ex: SqlExecutor): SqlExecutor {
  let tail: Promise<unknown> = Promise.resolve();
  const next = <T>(query: () => Promise<T>): Promise<T> => {
    const result = tail.then(query, query);
    tail = result.catch(() => {});
    return result;
  };
  return {
    run: (sql, params) => next(() => ex.run(sql, params)),
    all: <T>(sql: string, params?: SqlParams) => next(() => ex.all<T>(sql, params)),
  };
}

/** `?` → `$1, $2, …`. Our SQL never has `?` inside string literals. */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function openPostgres(o: PostgresOptions): Promise<SqlDriver> {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === INT8_OID || oid === NUMERIC_OID
        ? (v: string) => Number(v)
        : pg.types.getTypeParser(oid, format as 'text'),
  };
  if (o.schema && !/^[a-z_][a-z0-9_]*$/.test(o.schema)) throw new Error(`invalid schema name "${o.schema}"`);
  const pool = new pg.Pool({
    connectionString: o.url,
    max: o.maxConnections ?? 8,
    types,
    ...(o.schema && { options: `-c search_path=${o.schema}` }),
  });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing the hub
  if (o.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${o.schema}`);

  const on = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    run: async (sql, params: SqlParams = []) => {
      const r = await client.query(toPgPlaceholders(sql), params as unknown[]);
      return { changes: r.rowCount ?? 0 };
    },
    all: async <T>(sql: string, params: SqlParams = []) =>
      (await client.query(toPgPlaceholders(sql), params as unknown[])).rows as T[],
  });

  return {
    dialect: 'postgres',
    ...on(pool),
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // COMMIT and ROLLBACK go through the same queue: after any statement `work` left running.
      const tx = inOrder(on(client));
      try {
        await tx.run('BEGIN');
        const result = await work(tx);
        await tx.run('COMMIT');
        return result;
      } catch (err) {
        await tx.run('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
