// The analytics routes against a hand-written fake of the AnalyticsService port: parameters reach
// the service validated and defaulted, its results are passed on, its input errors become 400s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyticsInputError,
  type AnalyticsService,
  experimentsResultSchema,
  flowsResultSchema,
  recommendationsResultSchema,
  rulesResultSchema,
  scenarioResultSchema,
} from '../src/http/analytics-port.js';
import { apiHarness, type Harness, problemOf, range, T0 } from './api-harness.js';
import { backends } from './backends.js';

class FakeAnalytics implements AnalyticsService {
  readonly calls: [string, string, unknown][] = [];

  async rules(storeId: string, params: unknown) {
    this.calls.push(['rules', storeId, params]);
    return {
      baskets: 120,
      rules: [
        {
          antecedent: ['Paint'],
          consequent: ['Brushes'],
          support: 0.1,
          confidence: 0.6,
          lift: 3.2,
          improvement: 0.5,
          pValue: 0.001,
          count: 12,
        },
      ],
    };
  }
  async recommendations(storeId: string, params: unknown) {
    this.calls.push(['recommendations', storeId, params]);
    return {
      pairsConsidered: 4,
      recommendations: [
        {
          rank: 1,
          anchor: { item: 'Paint', label: 'Paint', fixtureIds: ['diy-paint-wall'] },
          moved: { item: 'Brushes', label: 'Brushes', fixtureIds: ['diy-tools'] },
          distanceMetres: 14.5,
          coVisitRate: 0.18,
          lift: 3.2,
          confidence: 0.6,
          expectedExtraCoPurchasesPerWeek: 6.4,
          action: {
            kind: 'add-facing' as const,
            fixtureId: 'diy-paint-wall',
            text: 'Add a facing of Brushes on diy-paint-wall',
          },
        },
      ],
    };
  }
  async scenario(storeId: string, proposal: { changes: { kind: string }[] }) {
    this.calls.push(['scenario', storeId, proposal]);
    if (proposal.changes.some((c) => c.kind === 'swap-fixtures'))
      throw new AnalyticsInputError('changes[0].fixtureIds', 'cannot swap a fixture with itself');
    return { sessions: 300, items: [{ item: 'Bakery', before: 0.4, after: 0.55, change: 0.15 }] };
  }
  async experiments(storeId: string) {
    this.calls.push(['experiments', storeId, undefined]);
    const metric = {
      name: 'co-purchase rate',
      estimate: 0.03,
      ciLow: 0.01,
      ciHigh: 0.05,
      confidenceLevel: 0.95,
    };
    return {
      experiments: [
        {
          id: 'endcap-1',
          date: '2030-01-01',
          stores: [storeId],
          status: 'running' as const,
          metrics: [metric],
        },
      ],
    };
  }
  async flows(storeId: string, r: unknown) {
    this.calls.push(['flows', storeId, r]);
    return { sessions: 50, links: [{ from: 'entrance-lobby', to: 'produce', count: 30 }] };
  }
  async zoneConversion() {
    return { bakery: 0.3 };
  }
  readonly saved = new Set<string>();
  async saveExperiment(experiment: { id: string }) {
    this.calls.push(['saveExperiment', experiment.id, experiment]);
    if (this.saved.has(experiment.id)) return false;
    this.saved.add(experiment.id);
    return true;
  }
}

for (const backend of backends()) {
  describe(`analytics routes on ${backend.name}`, () => {
    let h: Harness;
    const fake = new FakeAnalytics();
    beforeAll(async () => {
      h = await apiHarness({ backend, analytics: fake });
    });
    afterAll(async () => {
      await h.close();
      await backend.cleanup();
    });
    const get = async (path: string) => {
      const res = await h.call('merchandiser', `/api/v1/stores/store-a${path}`);
      expect(res.status).toBe(200);
      return res.json();
    };

    it('passes validated rule filters with their defaults and returns the rules', async () => {
      const body = await get('/rules?minLift=2&item=Paint');
      expect(rulesResultSchema.parse(body).rules).toHaveLength(1);
      expect(fake.calls.at(-1)).toEqual([
        'rules',
        'store-a',
        {
          level: 'category',
          minSupport: 0.01,
          minConfidence: 0.1,
          minLift: 2,
          minImprovement: 0,
          maxPValue: 0.05,
          item: 'Paint',
          sort: 'lift',
          limit: 100,
        },
      ]);
    });

    it('exports the same filtered rules as CSV, for the spreadsheet', async () => {
      const res = await h.call(
        'merchandiser',
        '/api/v1/stores/store-a/exports/rules.csv?minLift=2&maxPValue=0.01',
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('store-a-rules.csv');
      expect(fake.calls.at(-1)).toEqual([
        'rules',
        'store-a',
        expect.objectContaining({ minLift: 2, maxPValue: 0.01 }),
      ]);
      expect((await res.text()).split('\r\n')).toEqual([
        'if_bought,also_bought,if_bought_names,also_bought_names,support,confidence,lift,improvement,p_value,baskets',
        'Paint,Brushes,,,0.1,0.6,3.2,0.5,0.001,12',
        '',
      ]);
      const bad = await h.call('merchandiser', '/api/v1/stores/store-a/exports/rules.csv?maxPValue=2');
      expect(bad.status).toBe(400);
    });

    it('returns recommendations, experiments and flows in their documented shapes', async () => {
      recommendationsResultSchema.parse(await get('/recommendations?top=3'));
      expect(fake.calls.at(-1)).toEqual(['recommendations', 'store-a', { level: 'category', top: 3 }]);
      experimentsResultSchema.parse(await get('/experiments'));
      flowsResultSchema.parse(await get(`/flows?${range()}`));
      expect(fake.calls.at(-1)).toEqual(['flows', 'store-a', { from: T0, to: T0 + 6 * 3_600_000 }]);
    });

    it('replays a scenario, and turns the service’s input error into a 400 naming the field', async () => {
      const post = (changes: unknown[]) =>
        h.call('merchandiser', '/api/v1/stores/store-a/scenarios', {
          method: 'POST',
          body: JSON.stringify({ changes }),
        });
      const ok = await post([
        { kind: 'move-sku', item: 'BAK-101', toFixtureId: 'promo-seasonal', keep: true },
      ]);
      expect(scenarioResultSchema.parse(await ok.json()).items[0]?.change).toBeCloseTo(0.15);
      const bad = await post([{ kind: 'swap-fixtures', fixtureIds: ['bakery-table', 'bakery-table'] }]);
      expect(bad.status).toBe(400);
      expect((await problemOf(bad)).errors?.[0]?.path).toBe('changes[0].fixtureIds');
    });

    it('registers a layout experiment once, validated, only for stores the caller may see', async () => {
      const experiment = {
        id: 'paint-near-brushes',
        date: '2030-02-01',
        stores: ['store-a'],
        movedSkus: ['DIY-201'],
        pairs: [['DIY-101', 'DIY-201']],
        control: { categories: ['Bakery'] },
      };
      const post = (role: 'merchandiser' | 'store-manager', body: unknown, store = 'store-a') =>
        h.call(role, `/api/v1/stores/${store}/experiments`, { method: 'POST', body: JSON.stringify(body) });
      const created = await post('merchandiser', experiment);
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual({ id: 'paint-near-brushes', registered: true });
      expect(fake.calls.at(-1)?.[2]).toMatchObject({ ...experiment, control: { pairs: [] } });
      const again = await post('merchandiser', experiment);
      expect(again.status).toBe(409);
      expect((await problemOf(again)).errors?.[0]?.path).toBe('id');
      const noDate = await post('merchandiser', { ...experiment, id: 'x', date: '1 Feb' });
      expect(noDate.status).toBe(400);
      expect((await problemOf(noDate)).errors?.[0]?.path).toBe('date');
      const elsewhere = await post('merchandiser', { ...experiment, id: 'y' }, 'store-b');
      expect(elsewhere.status).toBe(400);
      expect((await problemOf(elsewhere)).errors?.[0]?.path).toBe('stores');
      // Store managers read experiments but do not register them.
      expect((await post('store-manager', { ...experiment, id: 'z' })).status).toBe(403);
    });

    it('adds the service’s conversion to the zone KPIs', async () => {
      const res = await h.call('store-manager', `/api/v1/stores/store-a/zones?${range()}`);
      const body = (await res.json()) as {
        conversionAvailable: boolean;
        zones: { zoneId: string; conversion: number | null }[];
      };
      expect(body.conversionAvailable).toBe(true);
      expect(body.zones.find((z) => z.zoneId === 'bakery')?.conversion).toBe(0.3);
      expect(body.zones.find((z) => z.zoneId === 'produce')?.conversion).toBeNull();
    });
  });
}
