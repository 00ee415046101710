// The analytics reads on SQLite (and PostgreSQL when DATABASE_URL is set): baskets with their
// pseudonym and time, the catalogue, transition totals, experiments, and a fingerprint that moves
// whenever the data a cached result was computed from does.
import { afterAll, describe, expect, it } from 'vitest';
import { backends, openRepo } from '../../test/backends.js';

const H = 3_600_000;

for (const backend of backends()) {
  describe(`analytics store on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('reads baskets, catalogue, transitions and experiments; the fingerprint follows every change', async () => {
      const repo = await openRepo(backend, () => 1);
      try {
        const a = repo.analytics;
        const prints = [await a.fingerprint('s1')];
        const changed = async () => {
          const p = await a.fingerprint('s1');
          expect(prints, 'fingerprint did not change').not.toContain(p);
          prints.push(p);
        };
        await repo.db.transaction((tx) =>
          repo.pos.insert(
            tx,
            [
              {
                storeId: 's1',
                transactionId: 't1',
                ts: 10 * H,
                pid: 'p'.repeat(64),
                source: 'csv',
                items: [
                  { line: 2, sku: 'B', quantity: 2 },
                  { line: 1, sku: 'A', quantity: 1.5 },
                ],
              },
              {
                storeId: 's1',
                transactionId: 't2',
                source: 'csv',
                items: [{ line: 3, sku: 'A', quantity: 1 }],
              },
              {
                storeId: 's2',
                transactionId: 't3',
                source: 'csv',
                items: [{ line: 4, sku: 'C', quantity: 1 }],
              },
            ],
            2,
          ),
        );
        await changed();
        expect(await a.basketLines('s1')).toEqual([
          { transactionId: 't1', ts: 10 * H, pid: 'p'.repeat(64), sku: 'A', quantity: 1.5 },
          { transactionId: 't1', ts: 10 * H, pid: 'p'.repeat(64), sku: 'B', quantity: 2 },
          { transactionId: 't2', ts: null, pid: null, sku: 'A', quantity: 1 },
        ]);
        expect((await a.basketLines('s1', { from: 11 * H })).length).toBe(0);
        expect((await a.basketLines('s1', { from: 9 * H, to: 11 * H })).length).toBe(2);

        await repo.db.transaction((tx) =>
          repo.visits.insert(tx, [{ storeId: 's1', sessionId: 'x', zoneId: 'z', enterTs: 1, exitTs: 2 }], 3),
        );
        await changed();
        await repo.reference.upsertCatalogue(
          [{ sku: 'A', name: 'Apple', category: 'Fruit', margin: 0.3 }],
          4,
        );
        await changed();
        expect(await a.catalogue()).toEqual([{ sku: 'A', name: 'Apple', category: 'Fruit', margin: 0.3 }]);
        await repo.db.run(
          `INSERT INTO path_visits (msg_id, store_id, gateway_id, path_id, zone_id, enter_ts, exit_ts)
           VALUES ('m', 's1', 'g', 'p', 'z', 5, 6)`,
        );
        await changed();
        expect(await a.saveExperiment('e1', { id: 'e1' }, 5)).toBe(true);
        expect(await a.saveExperiment('e1', { id: 'other' }, 6)).toBe(false);
        await changed();
        expect(await a.experimentDocuments()).toEqual([{ id: 'e1' }]);
        // Another store's data leaves this one's cache alone.
        await repo.db.transaction((tx) =>
          repo.pos.insert(tx, [{ storeId: 's2', transactionId: 't9', source: 'csv', items: [] }], 7),
        );
        expect(await a.fingerprint('s1')).toBe(prints.at(-1));

        await repo.db.run(
          `INSERT INTO transition_rollup (store_id, period, period_start, from_zone, to_zone, transitions) VALUES
           ('s1', 'hour', ?, 'a', 'b', 2), ('s1', 'hour', ?, 'a', 'b', 3), ('s1', 'day', ?, 'a', 'b', 5),
           ('s1', 'hour', ?, 'b', 'a', 1)`,
          [0, H, 0, 5 * H],
        );
        expect(await a.transitions('s1', 0, 2 * H)).toEqual([{ from: 'a', to: 'b', count: 5 }]);
      } finally {
        await repo.close();
      }
    });
  });
}
