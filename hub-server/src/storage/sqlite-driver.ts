// SQLite through `sqlite3`: one connection, WAL, synchronous=FULL (a commit the hub acknowledged
// survives power loss), and transactions serialised because a connection has only one at a time.
// Checkpoints run from a second connection (sqlite-checkpointer.ts), off the commits' path.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import type { SqlDriver, SqlExecutor, SqlParams } from './sql-driver.js';
import { type RenderedStatement, sqlScript } from './sql-script.js';
import { BACKSTOP_PAGES, type Checkpointer, startCheckpointer } from './sqlite-checkpointer.js';

const BEGIN: RenderedStatement = { pieces: ['BEGIN IMMEDIATE'] };
const COMMIT: RenderedStatement = { pieces: ['COMMIT'] };

export async function openSqlite(file: string): Promise<SqlDriver> {
  if (file !== ':memory:') await mkdir(path.dirname(file), { recursive: true });
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  // Statements run one after another in the order they were issued (the SqlExecutor contract), so
  // a caller may issue several before awaiting any: one round trip through the thread pool.
  db.serialize();
  const exec: SqlExecutor = {
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        db.run(sql, params as unknown[], function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(withSql(err, sql));
          else resolve({ changes: this.changes });
        });
      }),
    all: <T>(sql: string, params: SqlParams = []) =>
      new Promise<T[]>((resolve, reject) => {
        db.all(sql, params as unknown[], (err, rows) =>
          err ? reject(withSql(err, sql)) : resolve(rows as T[]),
        );
      }),
  };
  const execScript = (sql: string) =>
    new Promise<void>((resolve, reject) =>
      db.exec(sql, (err) => (err ? reject(withSql(err, sql)) : resolve())),
    );

  await execScript(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
  );
  let checkpointer: Checkpointer | undefined;
  if (file !== ':memory:') {
    checkpointer = await startCheckpointer(file);
    await execScript(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES};`);
  }

  // One transaction at a time, in the order asked for; a failed one is rolled back.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(transaction: () => Promise<T>): Promise<T> => {
    const run = async () => {
      try {
        return await transaction();
      } catch (err) {
        await exec.run('ROLLBACK').catch(() => {});
        throw err;
      }
    };
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };
  return {
    dialect: 'sqlite',
    ...exec,
    exec: execScript,
    transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return inTurn(async () => {
        await exec.run('BEGIN IMMEDIATE');
        const result = await work(exec);
        await exec.run('COMMIT');
        return result;
      });
    },
    transactionScript(statements): Promise<void> {
      // Built now, while an earlier transaction may still be committing; run as one exec, so the
      // database thread never waits for the event loop between BEGIN and COMMIT.
      const script = sqlScript([BEGIN, ...statements, COMMIT]);
      return inTurn(() => runScript(db, script, statements.length));
    },
    close: async () => {
      await checkpointer?.close();
      await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** A script holds values as literals: its error names the statement count, not the SQL. */
function runScript(db: sqlite3.Database, script: string, statements: number): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    db.exec(script, (err) => {
      if (!err) return resolve();
      err.message = `${err.message} (in a script of ${statements} statements)`;
      reject(err);
    }),
  );
}

function withSql(err: Error, sql: string): Error {
  err.message = `${err.message} (in: ${sql.slice(0, 120)})`;
  return err;
}
