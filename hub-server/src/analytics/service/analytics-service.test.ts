// The analytics service behind the real HTTP app (app.request(), no server) over a real repository
// (SQLite, and PostgreSQL when DATABASE_URL is set) holding the demo supermarket: its layout and
// catalogue, and 1,200 simulated shoppers imported as a POS CSV and a visits CSV. The simulator
// plants paint and brushes, bought together yet 30 m apart (must come first), and pasta with sauce,
// bought together and shelved side by side (must never be proposed).

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, dumpAllTables, openRepo } from '../../../test/backends.js';
import { createAdminToken, ensureUsers } from '../../auth/bootstrap-users.js';
import {
  experimentsResultSchema,
  flowsResultSchema,
  recommendationsResultSchema,
  rulesResultSchema,
  scenarioResultSchema,
} from '../../http/analytics-port.js';
import { createApp } from '../../http/app.js';
import { IngestCounters } from '../../ingest/ingest-counters.js';
import { createPseudonymizer } from '../../privacy/pseudonym.js';
import type { HubRepository } from '../../storage/repository.js';
import { PLANTED } from '../reports/simulated-store.js';
import { createAnalyticsService, type HubAnalyticsService } from './analytics-service.js';
import { DEMO_SESSIONS, seedDemoStore } from './demo-store-seed.js';

const STORE = 'demo-supermarket';
/** The simulated weeks: 2026-03-02 … 03-29. */
const FROM = Date.UTC(2026, 2, 2);
const TO = Date.UTC(2026, 2, 30);
const NOW = Date.UTC(2026, 4, 1);
const FAST_SCRYPT = { N: 1024, r: 8, p: 1, keyLength: 32 };

for (const backend of backends()) {
  describe(`analytics service over ${backend.name}`, () => {
    let repo: HubRepository;
    let service: HubAnalyticsService;
    let app: ReturnType<typeof createApp>;
    let token: string;
    let baskets: number;
    const pseudonymize = createPseudonymizer(Buffer.alloc(32, 4));

    beforeAll(async () => {
      repo = await openRepo(backend, () => NOW);
      const seeded = await seedDemoStore({ repo, pseudonymize, now: () => NOW, seed: 1 });
      expect(seeded.pos.issues).toEqual([]);
      expect(seeded.visits.issues).toEqual([]);
      baskets = seeded.pos.transactions;
      await seedDemoStore({ repo, pseudonymize, now: () => NOW, seed: 2, storeId: 'control-store' });
      await ensureUsers(
        repo.users,
        [{ username: 'it', role: 'admin', stores: 'all', password: 'x'.repeat(12) }],
        {
          now: NOW,
          scrypt: FAST_SCRYPT,
        },
      );
      token = (await createAdminToken(repo.users, 'test', { now: NOW })).token;
      service = createAnalyticsService(repo, { now: () => NOW, recheckMs: 0, resamples: 300 });
      app = createApp({
        repo,
        counters: new IngestCounters(),
        pseudonymize,
        logger: pino({ level: 'silent' }),
        version: 'test',
        now: () => NOW,
        analytics: service,
        dashboard: false,
      });
    }, 60_000);

    afterAll(async () => {
      await repo?.close();
      await backend.cleanup();
    });

    const call = (path: string, init: RequestInit = {}) =>
      app.request(`/api/v1/stores/${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    const get = async (path: string) => {
      const res = await call(path);
      expect(res.status, await res.clone().text()).toBe(200);
      return res.json();
    };
    const fieldOf = async (res: Response) =>
      ((await res.json()) as { errors: { path: string }[] }).errors[0]?.path;

    it('keeps no raw loyalty number in any table', async () => {
      for (const [table, rows] of await dumpAllTables(repo))
        expect(rows, `${table} holds a loyalty number`).not.toMatch(/6345\d{12}/);
    });

    it('recommends brushes beside the paint first and never moves pasta and sauce (SKU level)', async () => {
      const body = recommendationsResultSchema.parse(await get(`${STORE}/recommendations?level=sku&top=10`));
      const top = body.recommendations[0]!;
      expect([top.anchor.item, top.moved.item]).toEqual([PLANTED.paint, PLANTED.brush]);
      expect(top.moved.label).toBe('Paint brush set, 3 pieces');
      expect(top.anchor.fixtureIds).toContain('diy-paint-wall');
      expect(top.distanceMetres).toBeGreaterThan(25);
      expect(top.coVisitRate).toBeLessThan(0.3);
      expect(top.action.kind).toBe('add-facing');
      expect(top.action.text).toContain('Paint brush set');
      const pairs = body.recommendations.map((r) => [r.anchor.item, r.moved.item].sort().join('+'));
      expect(pairs).not.toContain([PLANTED.pasta, PLANTED.sauce].sort().join('+'));
    });

    it('recommends at category level, and refuses subcategory naming `level`', async () => {
      const body = recommendationsResultSchema.parse(await get(`${STORE}/recommendations?top=5`));
      const top = body.recommendations[0]!;
      expect([top.anchor.item, top.moved.item].sort()).toEqual(['Paint', 'Paint brushes & rollers']);
      const pairs = body.recommendations.map((r) => [r.anchor.item, r.moved.item].sort().join('+'));
      expect(pairs).not.toContain('Pasta+Pasta sauces');
      const sub = await call(`${STORE}/recommendations?level=subcategory`);
      expect(sub.status).toBe(400);
      expect(await fieldOf(sub)).toBe('level');
    });

    it('mines basket rules at each level, filtered, sorted and cut as asked', async () => {
      const cat = rulesResultSchema.parse(await get(`${STORE}/rules?item=paint&minLift=1.5`));
      expect(cat.baskets).toBe(baskets);
      expect(cat.rules.length).toBeGreaterThan(0);
      for (const r of cat.rules) {
        expect([...r.antecedent, ...r.consequent]).toContain('Paint');
        expect(r.lift).toBeGreaterThanOrEqual(1.5);
      }
      expect(cat.rules.map((r) => [r.antecedent, r.consequent])).toContainEqual([
        ['Paint brushes & rollers'],
        ['Paint'],
      ]);
      // By default only rules that neither chance nor a shorter rule explains.
      expect(cat.rules.every((r) => r.pValue <= 0.05 && r.improvement >= 0)).toBe(true);
      const all = rulesResultSchema.parse(await get(`${STORE}/rules?item=paint&minLift=1.5&maxPValue=1`));
      expect(all.rules.length).toBeGreaterThan(cat.rules.length);
      const byConfidence = rulesResultSchema.parse(
        await get(`${STORE}/rules?level=sku&sort=confidence&limit=5&maxPValue=1`),
      );
      expect(byConfidence.rules).toHaveLength(5);
      // SKUs come with their product names (category rules need none).
      const skus = new Set(byConfidence.rules.flatMap((r) => [...r.antecedent, ...r.consequent]));
      expect(Object.keys(byConfidence.names ?? {}).sort()).toEqual([...skus].sort());
      expect(Object.values(byConfidence.names ?? {}).every((n) => n.length > 0 && !skus.has(n))).toBe(true);
      expect(cat.names).toBeUndefined();
      const confidences = byConfidence.rules.map((r) => r.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      const sub = rulesResultSchema.parse(await get(`${STORE}/rules?level=subcategory&minSupport=0.02`));
      expect(sub.rules.flatMap((r) => r.antecedent).every((i) => i.includes(' › '))).toBe(true);
      const none = rulesResultSchema.parse(await get(`${STORE}/rules?from=${TO}&to=${TO + 1000}`));
      expect(none).toEqual({ baskets: 0, rules: [] });
    });

    it('replays a layout change on the observed sessions', async () => {
      const post = (body: unknown) =>
        call(`${STORE}/scenarios`, { method: 'POST', body: JSON.stringify(body) });
      const res = await post({
        level: 'sku',
        changes: [{ kind: 'move-sku', item: PLANTED.brush, toFixtureId: 'diy-paint-wall', keep: true }],
      });
      const body = scenarioResultSchema.parse(await res.json());
      expect(body.sessions).toBe(DEMO_SESSIONS);
      expect(body.items.map((i) => i.item)).toEqual([PLANTED.brush]);
      const brush = body.items[0]!;
      expect(brush.label).toBe('Paint brush set, 3 pieces');
      expect(brush.after).toBeGreaterThan(brush.before);
      expect(brush.change).toBeCloseTo(brush.after - brush.before);

      const swap = scenarioResultSchema.parse(
        await (
          await post({ changes: [{ kind: 'swap-fixtures', fixtureIds: ['hh-endcap-brushes', 'diy-tools'] }] })
        ).json(),
      );
      const moved = new Map(swap.items.map((i) => [i.item, i.change]));
      expect(moved.get('Paint brushes & rollers')).toBeGreaterThan(0);
      expect(moved.get('Tools')).toBeLessThan(0);
      expect(moved.has('Bakery')).toBe(false);
    });

    it('lists and evaluates registered experiments of the store, treated or control', async () => {
      expect(experimentsResultSchema.parse(await get(`${STORE}/experiments`))).toEqual({ experiments: [] });
      const experiment = {
        id: 'brushes-by-paint',
        date: '2026-03-16',
        stores: [STORE],
        movedSkus: [PLANTED.brush],
        pairs: [[PLANTED.paint, PLANTED.brush]],
        control: { stores: ['control-store'] },
      };
      expect((await service.registerExperiment(experiment)).ok).toBe(true);
      const again = await service.registerExperiment(experiment);
      expect(again.ok === false && again.issues[0]?.path).toBe('id');
      expect((await service.registerExperiment({ ...experiment, id: 'later', date: '2027-01-01' })).ok).toBe(
        true,
      );

      const body = experimentsResultSchema.parse(await get(`${STORE}/experiments`));
      expect(body.experiments.map((e) => [e.id, e.status])).toEqual([
        ['brushes-by-paint', 'running'],
        ['later', 'planned'],
      ]);
      const metrics = body.experiments[0]!.metrics;
      expect(metrics).toHaveLength(2);
      for (const m of metrics) {
        expect(m.ciLow).toBeLessThanOrEqual(m.estimate);
        expect(m.ciHigh).toBeGreaterThanOrEqual(m.estimate);
      }
      expect(body.experiments[1]!.metrics).toEqual([]);
      const control = experimentsResultSchema.parse(await get('control-store/experiments'));
      expect(control.experiments.map((e) => e.id)).toEqual(['brushes-by-paint', 'later']);
    });

    it('counts flows between zones from sessions, or from the gateways’ roll-ups when they have some', async () => {
      const body = flowsResultSchema.parse(await get(`${STORE}/flows?from=${FROM}&to=${TO}`));
      expect(body.sessions).toBe(DEMO_SESSIONS);
      expect(body.links.every((l) => l.from !== l.to)).toBe(true);
      const fromLobby = body.links
        .filter((l) => l.from === 'entrance-lobby')
        .reduce((n, l) => n + l.count, 0);
      expect(fromLobby).toBe(DEMO_SESSIONS);
      const week = flowsResultSchema.parse(
        await get(`${STORE}/flows?from=${FROM}&to=${FROM + 7 * 86_400_000}`),
      );
      expect(week.sessions).toBeGreaterThan(200);
      expect(week.sessions).toBeLessThan(body.sessions);

      const hour = Date.UTC(2030, 0, 1, 9);
      await repo.db.run(
        `INSERT INTO transition_rollup (store_id, period, period_start, from_zone, to_zone, transitions) VALUES
         (?, 'hour', ?, 'produce', 'bakery', 7), (?, 'hour', ?, 'bakery', 'bakery', 3)`,
        [STORE, hour, STORE, hour],
      );
      const rolled = flowsResultSchema.parse(await get(`${STORE}/flows?from=${hour}&to=${hour + 3_600_000}`));
      expect(rolled.links).toEqual([{ from: 'produce', to: 'bakery', count: 7 }]);
    });

    it('adds conversion per zone to the zone KPIs', async () => {
      const res = await call(`${STORE}/zones?from=${FROM}&to=${TO}&period=day`);
      const body = (await res.json()) as {
        conversionAvailable: boolean;
        zones: { zoneId: string; conversion: number | null }[];
      };
      expect(body.conversionAvailable).toBe(true);
      const diy = body.zones.find((z) => z.zoneId === 'diy')!.conversion!;
      expect(diy).toBeGreaterThan(0.5); // most who walk into DIY are painters buying paint
      expect(diy).toBeLessThanOrEqual(1);
      expect(body.zones.find((z) => z.zoneId === 'back-room')?.conversion).toBeNull();
    });

    it('serves repeated requests from its cache until new baskets arrive', async () => {
      const first = rulesResultSchema.parse(await get(`${STORE}/rules?level=sku`));
      const params = { level: 'sku', top: 10 } as const;
      const cached = await service.recommendations(STORE, params);
      expect(await service.recommendations(STORE, params)).toBe(cached);
      await repo.db.transaction((tx) =>
        repo.pos.insert(
          tx,
          [
            {
              storeId: STORE,
              transactionId: 'late-1',
              ts: TO,
              source: 'http',
              items: [{ line: 0, sku: 'PNT-101', quantity: 1 }],
            },
          ],
          NOW,
        ),
      );
      const after = rulesResultSchema.parse(await get(`${STORE}/rules?level=sku`));
      expect(after.baskets).toBe(first.baskets + 1);
      expect(await service.recommendations(STORE, params)).not.toBe(cached);
    });

    it('answers a store without a layout with a 400 naming the store', async () => {
      const res = await call('nowhere/recommendations');
      expect(res.status).toBe(400);
      expect(await fieldOf(res)).toBe('storeId');
      expect(rulesResultSchema.parse(await get('nowhere/rules?level=sku'))).toEqual({
        baskets: 0,
        rules: [],
        names: {},
      });
    });
  });
}
