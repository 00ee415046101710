// The checkpointer copies another connection's WAL back into the database file. The writer here is a
// bare sqlite3 connection (openSqlite would bring a checkpointer of its own).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { openSqlite } from './sqlite-driver.js';

describe('startCheckpointer', () => {
  it('checkpoints what another connection committed', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'hub-ckpt-')), 'hub.db');
    const db = new sqlite3.Database(file);
    const exec = (sql: string) =>
      new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
    await exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (v TEXT);');
    const checkpointer = await startCheckpointer(file, 10);
    try {
      for (let i = 0; i < 200; i++) await exec(`INSERT INTO t (v) VALUES ('${'x'.repeat(2000)}')`);
      const deadline = Date.now() + 10_000;
      while (checkpointer.stats.frames === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(checkpointer.stats.frames).toBeGreaterThan(0);
      expect(checkpointer.stats.failures).toBe(0);
    } finally {
      await checkpointer.close();
      await new Promise<void>((resolve) => db.close(() => resolve()));
    }
    // Everything is in the database file itself: a fresh connection sees it all.
    const again = await openSqlite(file);
    const rows = await again.all<{ n: number }>('SELECT COUNT(*) AS n FROM t');
    expect(rows[0]!.n).toBe(200);
    await again.close();
  });
});
