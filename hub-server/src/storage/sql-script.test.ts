// Values written into a script as literals must come back from SQLite exactly as bound parameters do.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqlDriver, SqlValue } from './sql-driver.js';
import { inlineParams, sqlLiteral, sqlScript, statementRecorder } from './sql-script.js';
import { openSqlite } from './sqlite-driver.js';

/** `work` on a new SQLite database in a temporary folder, closed after it. */
async function withScratchDb(work: (db: SqlDriver) => Promise<void>): Promise<void> {
  const db = await openSqlite(path.join(await mkdtemp(path.join(tmpdir(), 'hub-script-')), 'hub.db'));
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

describe('sqlLiteral / inlineParams', () => {
  it('writes each kind of value as SQL', () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(true)).toBe('1');
    expect(sqlLiteral(-2.5)).toBe('-2.5');
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(() => sqlLiteral(Number.NaN)).toThrow(/no SQL literal/);
    expect(() => sqlLiteral('a\0b')).toThrow(/NUL/);
  });

  it('replaces placeholders outside quotes only, and counts them', () => {
    expect(inlineParams({ sql: 'SELECT ?, \'?\', "?", ?', params: [1, 'x'] })).toBe(
      "SELECT 1, '?', \"?\", 'x'",
    );
    expect(() => inlineParams({ sql: 'SELECT ?', params: [] })).toThrow(/placeholders/);
    expect(() => inlineParams({ sql: 'SELECT 1', params: [2] })).toThrow(/parameters/);
  });

  it('stores what bound parameters store, for awkward strings and numbers', async () => {
    await withScratchDb(async (db) => {
      await db.exec('CREATE TABLE t (k INTEGER, v TEXT, n REAL, i INTEGER)');
      const values: SqlValue[][] = [
        [1, 'O\'Brien said "hi"; DROP TABLE t; --', 0.1, 9007199254740991],
        [2, '{"a":"\\u0000 \\" \\\\ é 漢 🛒"}', -0, -42],
        [3, '', 1e21, 0],
        [4, "''''", 5e-324, null],
        [5, 'line\nbreak\ttab\r', Number.MAX_VALUE, 123456789],
      ];
      const half = values.length >> 1;
      for (const row of values.slice(0, half)) await db.run('INSERT INTO t VALUES (?, ?, ?, ?)', row);
      await db.transactionScript!(
        values.slice(half).map((row) => ({ sql: 'INSERT INTO t VALUES (?, ?, ?, ?)', params: row })),
      );
      const script = await db.all<{ k: number; v: string; n: number; i: number | null }>(
        'SELECT * FROM t ORDER BY k',
      );
      expect(script.map((r) => [r.k, r.v, r.n, r.i])).toEqual(
        values.map(([k, v, n, i]) => [k, v, n === 0 ? 0 : n, i]),
      );
    });
  });

  it('takes statements already written out in pieces, as a batch insert renders them', async () => {
    await withScratchDb(async (db) => {
      await db.exec('CREATE TABLE bound (k INTEGER, v TEXT); CREATE TABLE rendered (k INTEGER, v TEXT)');
      const rows: SqlValue[][] = [
        [1, 'it\'s {"a":1}'],
        [2, 'x'.repeat(200_000)],
        [3, null],
      ];
      for (const row of rows) await db.run('INSERT INTO bound VALUES (?, ?)', row);
      const pieces = ['INSERT INTO rendered VALUES '];
      rows.forEach((row, i) => {
        pieces.push(i ? ', (' : '(', row.map(sqlLiteral).join(', '), ')');
      });
      expect(sqlScript([{ pieces }, { sql: 'DELETE FROM rendered WHERE k = ?', params: [9] }])).toBe(
        `${pieces.join('')};\nDELETE FROM rendered WHERE k = 9;`,
      );
      await db.transactionScript!([{ pieces }]);
      const read = (table: string) =>
        db.all<{ k: number; v: string | null }>(`SELECT * FROM ${table} ORDER BY k`);
      expect(await read('rendered')).toEqual(await read('bound'));
    });
  });

  it('runs a transaction script all or nothing, in turn with ordinary transactions', async () => {
    await withScratchDb(async (db) => {
      await db.exec('CREATE TABLE u (k INTEGER PRIMARY KEY)');
      const insert = (k: number) => ({ sql: 'INSERT INTO u VALUES (?)', params: [k] });
      const order: string[] = [];
      await Promise.all([
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO u VALUES (1)');
          order.push('first');
        }),
        db.transactionScript!([insert(2), insert(3)]).then(() => order.push('script')),
        db.transactionScript!([insert(4), insert(2), insert(5)]).catch((err: Error) => {
          order.push('failed');
          expect(err.message).toMatch(/UNIQUE.*script of 3 statements/);
        }),
      ]);
      expect(order).toEqual(['first', 'script', 'failed']);
      expect((await db.all<{ k: number }>('SELECT k FROM u ORDER BY k')).map((r) => r.k)).toEqual([1, 2, 3]);
      // The connection is usable after the rollback.
      await db.transaction((tx) => tx.run('INSERT INTO u VALUES (6)'));
    });
  });

  it('records statements without running them', async () => {
    const { executor, statements } = statementRecorder();
    expect(await executor.run('INSERT INTO x VALUES (?)', [1])).toEqual({ changes: 0 });
    await expect(executor.all('SELECT 1')).rejects.toThrow(/no rows/);
    expect(sqlScript(statements)).toBe('INSERT INTO x VALUES (1);');
  });
});
