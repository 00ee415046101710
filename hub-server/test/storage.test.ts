// The repository on every backend: idempotent batched ingest, roll-ups in the store's time zone,
// gateway status, dead letters, POS pseudonyms, retention and erasure.
import {
  decodeMessage,
  formatMsgId,
  type MessageKind,
  parsePosCsv,
  storeLayoutSchema,
} from '@retail/contracts';
import { messageArb } from '@retail/contracts/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { importTransactions } from '../src/imports/import-transactions.js';
import { createPseudonymizer } from '../src/privacy/pseudonym.js';
import type { GatewayMessage, IngestItem } from '../src/storage/ingest-store.js';
import { PID_ERASERS } from '../src/storage/maintenance-store.js';
import { HubRepository } from '../src/storage/repository.js';
import { backends, columnsNamed, dumpAllTables, openRepo } from './backends.js';

const src = { storeId: 'store-1', gatewayId: 'gw-1' };
const pseudonymize = createPseudonymizer(Buffer.alloc(32, 7));
const HOUR = 3_600_000;

function decoded(kind: MessageKind, message: unknown): GatewayMessage {
  const topic = `retail/v1/${src.storeId}/${src.gatewayId}/${kind}`;
  const d = decodeMessage(topic, JSON.stringify(message));
  if (!d.ok) throw new Error(d.reason);
  return d as GatewayMessage;
}

function sample<K extends MessageKind>(kind: K, seq: number): GatewayMessage {
  return decoded(kind, fc.sample(messageArb(kind, src, seq), { numRuns: 1, seed: seq })[0]);
}

function heatmap(seq: number, windowStart: number, cells: [number, number, number][]): GatewayMessage {
  return decoded('heatmap', {
    v: 1,
    msgId: formatMsgId('gw-1', seq),
    ...src,
    windowStart,
    windowEnd: windowStart + 60_000,
    layoutVersion: 1,
    cellSize: 0.5,
    k: 5,
    cells: cells.map(([col, row, shoppers]) => ({ col, row, shoppers, dwellSeconds: shoppers * 10 })),
    suppressedCells: 0,
  });
}

const item = (d: GatewayMessage): IngestItem => ({ decoded: d, receivedAt: 1_800_000_000_000 });

for (const backend of backends()) {
  describe(`storage on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('stores each msgId once, across and within batches', async () => {
      const repo = await openRepo(backend);
      try {
        const kinds: MessageKind[] = ['heatmap', 'zones', 'counts', 'paths', 'metrics', 'reply', 'status'];
        const messages = kinds.flatMap((k, i) => [sample(k, i * 10), sample(k, i * 10 + 1)]);
        const first = await repo.db.transaction((tx) => repo.ingest.storeBatch(tx, messages.map(item), 1));
        expect(first.stored).toHaveLength(messages.length);
        expect(first.duplicates).toEqual([]);
        const derivedRows = async () => {
          const counts: Record<string, number> = {};
          for (const t of [
            'path_visits',
            'path_rotating_ids',
            'gateway_metrics',
            'gateway_replies',
            'rollup_pending',
          ])
            counts[t] = Number((await repo.db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))[0]!.n);
          return counts;
        };
        const derived = await derivedRows();
        // The same messages again, plus one repeated inside the batch, plus one new one: the batch
        // takes the step-by-step path, and rows derived from the old ones are not written again.
        const fresh = sample('paths', 99);
        const again = await repo.db.transaction((tx) =>
          repo.ingest.storeBatch(tx, [...messages, messages[0]!, fresh].map(item), 2),
        );
        expect(again.stored).toEqual([fresh.message.msgId]);
        expect(again.duplicates).toHaveLength(messages.length + 1);
        expect(await repo.queries.messageCount('store-1')).toBe(messages.length + 1);
        const visitsOfFresh =
          fresh.kind === 'paths' ? fresh.message.paths.reduce((n, p) => n + p.visits.length, 0) : 0;
        expect(await derivedRows()).toEqual({
          ...derived,
          path_visits: derived.path_visits! + visitsOfFresh,
          path_rotating_ids:
            derived.path_rotating_ids! +
            (fresh.kind === 'paths' ? fresh.message.paths.reduce((n, p) => n + p.rotatingIds.length, 0) : 0),
        });
      } finally {
        await repo.close();
      }
    });

    it('runs statements issued together in a transaction in the order they were issued', async () => {
      const repo = await openRepo(backend);
      try {
        const seen = await repo.db.transaction(async (tx) => {
          const [, , , rows] = await Promise.all([
            tx.run('CREATE TABLE issue_order (n BIGINT NOT NULL)'),
            tx.run('INSERT INTO issue_order (n) VALUES (?)', [1]),
            tx.run('INSERT INTO issue_order (n) VALUES (?)', [2]),
            tx.all<{ n: number }>('SELECT n FROM issue_order ORDER BY n'),
          ]);
          return rows.map((r) => Number(r.n));
        });
        expect(seen).toEqual([1, 2]);
      } finally {
        await repo.close();
      }
    });

    it('rolls back a failed transaction after the statements it left running, keeping none of them', async () => {
      const repo = await openRepo(backend);
      try {
        await repo.db.exec('CREATE TABLE left_running (n BIGINT NOT NULL)');
        const failed = repo.db.transaction(async (tx) => {
          void tx.run('INSERT INTO left_running (n) VALUES (?)', [1]);
          throw new Error('work failed');
        });
        await expect(failed).rejects.toThrow('work failed');
        const rows = await repo.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM left_running');
        expect(Number(rows[0]!.n)).toBe(0);
      } finally {
        await repo.close();
      }
    });

    it('property: any interleaving of repeated messages stores each once', async () => {
      const repo = await openRepo(backend);
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 60 }),
            async (seqs) => {
              const batch = seqs.map((s) => item(heatmap(1000 + s, 1_800_000_000_000, [[1, 1, 5]])));
              await repo.db.transaction((tx) => repo.ingest.storeBatch(tx, batch, 1));
              const ids = await repo.queries.storedMsgIds('gw-1:10');
              expect(new Set(ids).size).toBe(ids.length);
            },
          ),
          { numRuns: 20 },
        );
        const stored = await repo.queries.storedMsgIds('gw-1:10');
        expect(stored.length).toBeLessThanOrEqual(31);
        expect(await repo.queries.countStored('gw-1:10')).toBe(stored.length);
        expect(await repo.queries.countStored('gw-2:')).toBe(0);
      } finally {
        await repo.close();
      }
    });

    it('rolls heatmaps up by hour and by day in the store’s time zone', async () => {
      const repo = await openRepo(backend);
      try {
        const layout = storeLayoutSchema.parse({
          schema: 'retail.layout/v1',
          storeId: 'store-1',
          name: 'Store 1',
          timezone: 'America/New_York',
          layoutVersion: 1,
          effectiveFrom: '2026-01-01T00:00:00Z',
          floor: { width: 10, depth: 10 },
          zones: [
            {
              id: 'z',
              name: 'Z',
              kind: 'aisle',
              polygon: [
                [0, 0],
                [10, 0],
                [10, 10],
                [0, 10],
              ],
            },
          ],
        });
        await repo.reference.saveLayout(layout, 1);
        // 03:30 UTC on 15 July is 23:30 on 14 July in New York: it belongs to the 14th there.
        const t0 = Date.UTC(2026, 6, 15, 3, 30);
        await repo.db.transaction((tx) =>
          repo.ingest.storeBatch(
            tx,
            [
              item(
                heatmap(1, t0, [
                  [2, 3, 5],
                  [4, 4, 6],
                ]),
              ),
              item(heatmap(2, t0 + 60_000, [[2, 3, 7]])),
            ],
            1,
          ),
        );
        // Roll-ups run behind ingest; one pass takes both windows, a second finds nothing left.
        expect(await repo.rollups.backlog()).toBe(2);
        expect(await repo.rollups.rollUpPending()).toBe(2);
        expect(await repo.rollups.rollUpPending()).toBe(0);
        const nyDay = Date.UTC(2026, 6, 14, 4);
        const day = await repo.queries.heatmap('store-1', 'day', nyDay, nyDay + 24 * HOUR);
        expect(day).toContainEqual({
          cellSize: 0.5,
          col: 2,
          row: 3,
          scale: 1,
          shopperWindows: 12,
          dwellSeconds: 120,
        });
        expect(day).toHaveLength(2);
        const hour = await repo.queries.heatmap(
          'store-1',
          'hour',
          Date.UTC(2026, 6, 15, 3),
          Date.UTC(2026, 6, 15, 4),
        );
        expect(hour.find((c) => c.col === 2)?.shopperWindows).toBe(12);
        expect(await repo.queries.heatmap('store-1', 'day', nyDay + 24 * HOUR, nyDay + 48 * HOUR)).toEqual(
          [],
        );
      } finally {
        await repo.close();
      }
    });

    it('rolls up windows summed in memory exactly as from the queue, and never twice', async () => {
      const t0 = Date.UTC(2026, 6, 15, 10, 0);
      const windows = [
        heatmap(11, t0, [
          [2, 3, 5],
          [4, 4, 6],
        ]),
        heatmap(12, t0 + 60_000, [[2, 3, 7]]),
        heatmap(13, t0 + 120_000, [[9, 9, 8]]),
      ];
      const day = async (repo: Awaited<ReturnType<typeof openRepo>>) =>
        repo.queries.heatmap('store-1', 'day', Date.UTC(2026, 6, 15), Date.UTC(2026, 6, 16));
      const store = async (repo: Awaited<ReturnType<typeof openRepo>>, ms: GatewayMessage[]) =>
        repo.db.transaction((tx) => repo.ingest.storeBatch(tx, ms.map(item), 1));

      // The queue-reading pass alone: the reference.
      const fromQueue = await openRepo(backend);
      let expected: unknown;
      try {
        await store(fromQueue, windows);
        expect(await fromQueue.rollups.rollUpPending()).toBe(3);
        expected = await day(fromQueue);
      } finally {
        await fromQueue.close();
      }

      // Two repositories on one database, like two hub workers.
      const options = await backend.options();
      const repo = await HubRepository.open({ ...options, now: Date.now });
      try {
        // Summed in memory as they commit: the pass takes them without reading the queue.
        await store(repo, windows.slice(0, 2));
        await repo.rollups.accumulate(windows.slice(0, 2));
        expect(await repo.rollups.rollUpPending()).toBe(2);
        expect(await repo.rollups.backlog()).toBe(0);
        // A window held in memory that a queue-reading pass already took (another worker, or a
        // pass that ran before the sums were kept): the sums are given up, nothing counts twice.
        await store(repo, windows.slice(2));
        const other = await HubRepository.open({ ...options, now: Date.now });
        try {
          expect(await other.rollups.rollUpPending()).toBe(1);
        } finally {
          await other.close();
        }
        await repo.rollups.accumulate(windows.slice(2));
        expect(await repo.rollups.rollUpPending()).toBe(0);
        expect(repo.rollups.accumulatorFallbacks).toBe(1);
        expect(await day(repo)).toEqual(expected);
      } finally {
        await repo.close();
      }
    });

    it('keeps the latest status of a gateway, and ignores a will from an earlier run', async () => {
      const repo = await openRepo(backend);
      try {
        const status = (seq: number, state: string, startedAt: number) =>
          decoded('status', {
            v: 1,
            msgId: `gw-1:${seq}`,
            ...src,
            ts: 1000 + seq,
            state,
            version: '0.1.0',
            startedAt,
          });
        await repo.db.transaction((tx) => repo.ingest.storeBatch(tx, [item(status(1, 'online', 500))], 1));
        await repo.db.transaction((tx) => repo.ingest.storeBatch(tx, [item(status(2, 'offline', 100))], 1));
        expect((await repo.registry.get('store-1', 'gw-1'))?.state).toBe('online');
        await repo.db.transaction((tx) => repo.ingest.storeBatch(tx, [item(status(3, 'offline', 500))], 1));
        expect((await repo.registry.get('store-1', 'gw-1'))?.state).toBe('offline');
      } finally {
        await repo.close();
      }
    });

    it('keeps no raw loyalty number anywhere after a CSV import, and erases a member completely', async () => {
      const repo = await openRepo(backend);
      try {
        const loyalty = ['4929000011112222', '4929000033334444', '4929000055556666'];
        const csv = [
          'transaction_id,sku,loyalty_id,timestamp,store_id,quantity,price',
          `t1,paint-1,${loyalty[0]},2026-07-15T10:00:00Z,store-1,1,12.5`,
          `t1,brush-2,${loyalty[0]},2026-07-15T10:00:00Z,store-1,2,3.2`,
          `t2,pasta-1,${loyalty[1]},2026-07-15T11:00:00Z,store-1,1,1.1`,
          `t3,milk-1,,2026-07-15T11:05:00Z,store-1,1,0.9`,
          `t4,nappies-1,${loyalty[2]},2026-07-15T12:00:00Z,store-1,1,9`,
        ].join('\n');
        const summary = await importTransactions(parsePosCsv([csv]), { repo, pseudonymize, now: () => 1 });
        expect(summary).toMatchObject({ rows: 5, transactions: 4, stored: 4, duplicates: 0, issues: [] });
        // Re-import: nothing new.
        const again = await importTransactions(parsePosCsv([csv]), { repo, pseudonymize, now: () => 2 });
        expect(again).toMatchObject({ stored: 0, duplicates: 4 });
        // A malformed POS message carrying a loyalty number goes to dead letters, redacted.
        await repo.db.transaction((tx) =>
          repo.deadLetters.add(tx, [
            {
              receivedAt: 1,
              topic: 'retail/v1/store-1/pos/transactions',
              code: 'invalid',
              reason: 'test',
              payload: Buffer.from(JSON.stringify({ v: 1, transactions: [{ loyaltyId: loyalty[2] }] })),
            },
          ]),
        );

        for (const [table, rows] of await dumpAllTables(repo)) {
          for (const number of loyalty)
            expect(rows, `${table} holds a raw loyalty number`).not.toContain(number);
        }

        const pid = pseudonymize(loyalty[0]!);
        const erased = await repo.maintenance.erasePseudonym(pid);
        expect(erased).toEqual({
          pos_items: 2,
          pos_transactions: 1,
          zone_visits: 0,
          app_members: 0,
          path_members: 0,
        });
        for (const [table, rows] of await dumpAllTables(repo)) expect(rows, table).not.toContain(pid);
        expect(await repo.db.all('SELECT * FROM pos_transactions')).toHaveLength(3);
      } finally {
        await repo.close();
      }
    });

    it('erasure covers every table that has a pid column', async () => {
      const repo = await openRepo(backend);
      try {
        const withPid = await columnsNamed(repo, 'pid');
        const covered = new Set(PID_ERASERS.map((e) => e.table));
        for (const t of withPid)
          expect(covered, `table ${t} has a pid column but erasure ignores it`).toContain(t);
      } finally {
        await repo.close();
      }
    });

    it('applies retention: raw windows go after N days, roll-ups stay', async () => {
      const now = Date.UTC(2026, 9, 1);
      const repo = await openRepo(backend, () => now);
      try {
        const old = now - 40 * 24 * HOUR;
        await repo.db.transaction(async (tx) => {
          await repo.ingest.storeBatch(tx, [{ decoded: heatmap(1, old, [[1, 1, 5]]), receivedAt: old }], old);
          await repo.ingest.storeBatch(
            tx,
            [{ decoded: heatmap(2, now - HOUR, [[1, 1, 6]]), receivedAt: now - HOUR }],
            now,
          );
        });
        await repo.rollups.rollUpPending();
        const deleted = await repo.maintenance.applyRetention(
          { rawDays: 35, hourRollupDays: 400, dayRollupDays: 3650 },
          now,
        );
        expect(deleted.messages).toBe(1);
        expect(await repo.queries.messageCount()).toBe(1);
        const rolled = await repo.queries.heatmap('store-1', 'day', old - 24 * HOUR, now);
        expect(rolled.reduce((s, c) => s + c.shopperWindows, 0)).toBe(11);
      } finally {
        await repo.close();
      }
    });
  });
}
