// Loyalty-app enrolments and path resolution on SQLite (and PostgreSQL when DATABASE_URL is set): the
// import keeps pseudonyms only; gateway paths carrying an enrolled member's rotating ids read back with
// the member's pseudonym; a path naming two members stays anonymous; erasure removes both tables' rows.
import { formatAppMembersCsv, parseAppMembersCsv, ROTATION_SLOT_MS } from '@retail/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, dumpAllTables, openRepo } from '../../test/backends.js';
import { PathResolver } from '../analytics/service/path-resolver.js';
import { importAppMembers } from '../commands/import-app-members.js';
import { nodeRotatingIdFor } from '../privacy/node-rotating-id.js';
import { createPseudonymizer } from '../privacy/pseudonym.js';

const pseudonymize = createPseudonymizer(Buffer.alloc(32, 9));
const MEMBERS = [
  { loyaltyId: '6345000000000111', appSecret: '1a'.repeat(16) },
  { loyaltyId: '6345000000000222', appSecret: '2b'.repeat(16) },
];
const T = Date.parse('2026-03-02T10:00:00Z');
const idOf = (i: number, ts = T) =>
  nodeRotatingIdFor(MEMBERS[i]!.appSecret, Math.floor(ts / ROTATION_SLOT_MS));

for (const backend of backends()) {
  describe(`app members and path resolution on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('resolves gateway paths to pseudonyms from rotating ids, and erases them with the member', async () => {
      const repo = await openRepo(backend);
      try {
        const text = [...formatAppMembersCsv(MEMBERS)].join('');
        const imported = await importAppMembers(parseAppMembersCsv([text]), {
          repo,
          pseudonymize,
          now: () => 1,
        });
        expect(imported).toMatchObject({ rows: 2, stored: 2, issues: [] });

        await repo.db.run(
          `INSERT INTO path_visits (msg_id, store_id, gateway_id, path_id, zone_id, enter_ts, exit_ts) VALUES
           ('m1', 'store-1', 'gw-a', 'pa', 'produce', ?, ?), ('m1', 'store-1', 'gw-a', 'pb', 'bakery', ?, ?),
           ('m1', 'store-1', 'gw-a', 'pc', 'diy', ?, ?), ('m1', 'store-1', 'gw-a', 'pd', 'diy', ?, ?)`,
          [T, T + 60_000, T, T + 60_000, T, T + 60_000, T, T + 60_000],
        );
        const later = T + ROTATION_SLOT_MS;
        await repo.db.run(
          `INSERT INTO path_rotating_ids (msg_id, store_id, path_id, rotating_id, window_start) VALUES
           ('m1', 'store-1', 'pa', ?, ?), ('m2', 'store-1', 'pa', ?, ?), ('m1', 'store-1', 'pb', ?, ?),
           ('m1', 'store-1', 'pc', ?, ?), ('m1', 'store-1', 'pc', ?, ?), ('m1', 'store-1', 'pd', 'ffffffffffffffff', ?)`,
          [idOf(0), T, idOf(0, later), later, idOf(1), T, idOf(0), T, idOf(1), T, T],
        );
        const resolver = new PathResolver(repo, { rotatingIdFor: nodeRotatingIdFor, now: () => 2 });
        expect(await resolver.resolve('store-1')).toBe(2);
        expect(resolver.counters).toEqual({ resolved: 2, conflicting: 1 });
        expect(await resolver.resolve('store-1')).toBe(0);

        const pidOf = new Map((await repo.visits.gatewayPaths('store-1')).map((v) => [v.sessionId, v.pid]));
        const [alice, bob] = MEMBERS.map((m) => pseudonymize(m.loyaltyId));
        expect(Object.fromEntries(pidOf)).toEqual({
          'gw-a/pa': alice,
          'gw-a/pb': bob,
          'gw-a/pc': undefined,
          'gw-a/pd': undefined,
        });
        for (const [table, rows] of await dumpAllTables(repo))
          for (const m of MEMBERS) expect(rows, `${table} holds a loyalty number`).not.toContain(m.loyaltyId);

        const erased = await repo.maintenance.erasePseudonym(alice!);
        expect(erased).toMatchObject({ app_members: 1, path_members: 1 });
        const after = await repo.visits.gatewayPaths('store-1');
        expect(after.find((v) => v.sessionId === 'gw-a/pa')?.pid).toBeUndefined();
        expect(await repo.members.enrolled()).toEqual([{ pid: bob, appSecret: MEMBERS[1]!.appSecret }]);
      } finally {
        await repo.close();
      }
    });
  });
}
