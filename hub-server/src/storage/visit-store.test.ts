// Zone visits in storage on SQLite (and PostgreSQL when DATABASE_URL is set): the CSV import keeps
// only pseudonyms, stores nothing twice and reports bad rows by line; erasure removes a member's
// visits; gateway paths read back as anonymous sessions.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseVisitsCsv } from '@retail/contracts';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { backends, dumpAllTables, openRepo } from '../../test/backends.js';
import { importVisits, importVisitsCommand } from '../commands/import.js';
import { createPseudonymizer } from '../privacy/pseudonym.js';

const pseudonymize = createPseudonymizer(Buffer.alloc(32, 7));
const LOYALTY = ['6345000000000011', '6345000000000022'];
const CSV = [
  'session_id,loyalty_id,zone_id,enter_ts,exit_ts',
  `s1,${LOYALTY[0]},entrance-lobby,2026-03-02T09:00:00Z,2026-03-02T09:00:20Z`,
  `s1,${LOYALTY[0]},diy,2026-03-02T09:01:00Z,2026-03-02T09:03:00Z`,
  `s2,${LOYALTY[1]},entrance-lobby,2026-03-02T10:00:00Z,2026-03-02T10:00:10Z`,
  's3,,produce,2026-03-02T11:00:00Z,2026-03-02T11:02:00Z',
  's3,,bakery,2026-03-02T10:59:00Z,2026-03-02T11:05:00Z', // before the session's previous visit
  's4,,dairy-chilled,2026-03-02T12:00:00Z,not-a-time',
].join('\n');

for (const backend of backends()) {
  describe(`zone visits on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('imports visits with pseudonyms only, idempotently, reporting bad rows by line', async () => {
      const repo = await openRepo(backend, () => 5);
      try {
        const o = { repo, pseudonymize, storeId: 'store-1', now: () => 5 };
        const first = await importVisits(parseVisitsCsv([CSV]), o);
        expect(first).toMatchObject({ rows: 4, stored: 4, duplicates: 0, moreIssues: 0 });
        expect(first.issues.map((i) => [i.line, i.field])).toEqual([
          [6, 'enter_ts'],
          [7, 'exit_ts'],
        ]);
        expect(await importVisits(parseVisitsCsv([CSV]), o)).toMatchObject({ stored: 0, duplicates: 4 });
        expect(await repo.visits.count('store-1')).toBe(4);

        for (const [table, rows] of await dumpAllTables(repo))
          for (const n of LOYALTY) expect(rows, `${table} holds a raw loyalty number`).not.toContain(n);
        const visits = await repo.visits.imported('store-1');
        expect(visits.map((v) => [v.sessionId, v.zoneId, v.pid])).toEqual([
          ['s1', 'entrance-lobby', pseudonymize(LOYALTY[0]!)],
          ['s1', 'diy', pseudonymize(LOYALTY[0]!)],
          ['s2', 'entrance-lobby', pseudonymize(LOYALTY[1]!)],
          ['s3', 'produce', undefined],
        ]);
        const from = Date.parse('2026-03-02T09:30:00Z');
        expect((await repo.visits.imported('store-1', { from })).map((v) => v.sessionId)).toEqual([
          's2',
          's3',
        ]);
        expect(await repo.visits.imported('store-1', { to: from - 3_600_000 })).toEqual([]);

        const erased = await repo.maintenance.erasePseudonym(pseudonymize(LOYALTY[0]!));
        expect(erased.zone_visits).toBe(2);
        expect((await repo.visits.imported('store-1')).map((v) => v.sessionId)).toEqual(['s2', 's3']);
      } finally {
        await repo.close();
      }
    });

    it('reads gateway paths back as anonymous sessions, one per gateway and path', async () => {
      const repo = await openRepo(backend);
      try {
        await repo.db.run(
          `INSERT INTO path_visits (msg_id, store_id, gateway_id, path_id, zone_id, enter_ts, exit_ts) VALUES
           ('m1', 'store-1', 'gw-a', 'p1', 'produce', 200, 300), ('m1', 'store-1', 'gw-a', 'p1', 'entrance-lobby', 100, 150),
           ('m2', 'store-1', 'gw-b', 'p1', 'bakery', 120, 180), ('m3', 'store-2', 'gw-a', 'p9', 'bakery', 100, 110)`,
        );
        const paths = await repo.visits.gatewayPaths('store-1');
        expect(paths).toEqual([
          { sessionId: 'gw-a/p1', zoneId: 'entrance-lobby', enterTs: 100, exitTs: 150 },
          { sessionId: 'gw-a/p1', zoneId: 'produce', enterTs: 200, exitTs: 300 },
          { sessionId: 'gw-b/p1', zoneId: 'bakery', enterTs: 120, exitTs: 180 },
        ]);
        expect(await repo.visits.gatewayPaths('store-1', { from: 110, to: 200 })).toHaveLength(1);
      } finally {
        await repo.close();
      }
    });
  });
}

describe('hub-server import visits', () => {
  it('imports a file into the data directory, exits 1 on refused rows, and needs --store', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-visits-'));
    const file = path.join(dir, 'visits.csv');
    await writeFile(file, CSV);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await importVisitsCommand.run([file, '--store', 'store-1', '--data-dir', dir])).toBe(1);
      expect(log.mock.calls.flat().join('\n')).toContain('4 visits (4 new, 0 already there)');
      expect(error.mock.calls.flat().join('\n')).toContain('line 7, field "exit_ts"');
      await writeFile(file, CSV.split('\n').slice(0, 5).join('\n'));
      expect(await importVisitsCommand.run([file, '--store', 'store-1', '--data-dir', dir])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toContain('4 visits (0 new, 4 already there)');
      await expect(importVisitsCommand.run([file, '--data-dir', dir])).rejects.toThrow(/missing --store/);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
