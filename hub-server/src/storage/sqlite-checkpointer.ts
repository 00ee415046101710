// Copies the SQLite write-ahead log back into the database from a connection of its own.
//
// By default the connection that commits also checkpoints, inside whichever commit crosses 1,000 WAL
// pages: during ingest one batch in ten or twenty then took 25–45 ms instead of 5, and every
// gateway's acknowledgements waited behind it. A PASSIVE checkpoint on a second connection runs on
// another thread while commits go on (it never blocks a writer), so the ingest connection keeps only
// a far-off automatic checkpoint as a backstop should this one stop.
import sqlite3 from 'sqlite3';

export interface Checkpointer {
  /** Checkpoints done, and WAL frames copied back, so far. */
  readonly stats: { checkpoints: number; frames: number; failures: number };
  close(): Promise<void>;
}

/** WAL pages after which the writing connection checkpoints by itself (≈80 MB at 4 KiB pages). */
export const BACKSTOP_PAGES = 20_000;

export async function startCheckpointer(file: string, everyMs = 200): Promise<Checkpointer> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  await new Promise<void>((resolve, reject) =>
    db.exec('PRAGMA busy_timeout = 5000;', (err) => (err ? reject(err) : resolve())),
  );
  const stats = { checkpoints: 0, frames: 0, failures: 0 };
  let running: Promise<void> | undefined;
  const checkpoint = () =>
    new Promise<void>((resolve) => {
      db.get<{ busy: number; log: number; checkpointed: number }>(
        'PRAGMA wal_checkpoint(PASSIVE)',
        (err, row) => {
          if (err) stats.failures++;
          else if (row && row.checkpointed > 0) {
            stats.checkpoints++;
            stats.frames += row.checkpointed;
          }
          resolve();
        },
      );
    });
  const timer = setInterval(() => {
    if (running) return;
    running = checkpoint().finally(() => {
      running = undefined;
    });
  }, everyMs);
  timer.unref();
  return {
    stats,
    async close() {
      clearInterval(timer);
      await running;
      await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
