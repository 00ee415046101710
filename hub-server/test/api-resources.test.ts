// What each store resource returns over windows ingested through the real pipeline: heatmap cells
// at a resolution, zone KPIs with a cold zone, entrance series, layouts, exports (CSV and a PNG
// drawn with sharp), CSV imports, fleet status with metrics, provisioning and config push.
import { type ConfigMessage, configMessageSchema } from '@retail/contracts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/broker/credentials.js';
import { apiHarness, type Harness, HOUR, POS_TOKEN, problemOf, range, T0 } from './api-harness.js';
import { backends } from './backends.js';

interface HeatBody {
  cells: { x: number; y: number; size: number; shopperWindows: number }[];
  maxDensity: number;
}
interface ZonesBody {
  entries: number;
  zones: {
    zoneId: string;
    visits: number;
    temperature: string | null;
    reached: number | null;
    exposure: number | null;
    exposureBasis: string | null;
    coverage: { level: string; seen: number; cameras: string[] } | null;
  }[];
}

for (const backend of backends()) {
  describe(`store resources on ${backend.name}`, () => {
    let h: Harness;
    const pushed: ConfigMessage[] = [];
    beforeAll(async () => {
      h = await apiHarness({ backend, gatewayControl: { pushConfig: async (m) => void pushed.push(m) } });
    });
    afterAll(async () => {
      await h.close();
      await backend.cleanup();
    });
    const get = async <T>(path: string, role: 'admin' | 'store-manager' = 'store-manager') => {
      const res = await h.call(role, path);
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as T;
    };

    it('serves heatmap cells in metres, the same totals at any resolution and from raw windows', async () => {
      const fine = await get<HeatBody>(`/api/v1/stores/store-a/heatmap?${range()}`);
      const coarse = await get<HeatBody>(`/api/v1/stores/store-a/heatmap?${range()}&resolution=2`);
      const raw = await get<HeatBody>(`/api/v1/stores/store-a/heatmap?${range()}&period=window`);
      const total = (b: HeatBody) => b.cells.reduce((a, c) => a + c.shopperWindows, 0);
      expect(fine.cells.length).toBeGreaterThan(50);
      expect(coarse.cells.length).toBeLessThan(fine.cells.length);
      expect(coarse.cells.every((c) => c.size === 2)).toBe(true);
      expect(total(coarse)).toBe(total(fine));
      expect(total(raw)).toBe(total(fine));
      expect(fine.maxDensity).toBeGreaterThan(0);
      const empty = await get<HeatBody>(`/api/v1/stores/store-b/heatmap?${range()}`, 'admin');
      expect(empty.cells).toEqual([]);
    });

    it('computes zone KPIs with exposure, and finds the cold zone', async () => {
      const body = await get<ZonesBody>(`/api/v1/stores/store-a/zones?${range()}`);
      expect(body.entries).toBeGreaterThan(0);
      const byId = new Map(body.zones.map((z) => [z.zoneId, z]));
      expect(byId.get('baby-health')?.temperature).toBe('cold');
      expect(byId.get('pantry')?.temperature).toBe('hot');
      // No camera of the demo layout sees the frozen aisle: no figures, so never cold.
      expect(byId.get('frozen')).toMatchObject({
        visits: 0,
        temperature: null,
        coverage: { level: 'none', seen: 0, cameras: [] },
      });
      expect(byId.get('pantry')?.coverage).toMatchObject({
        level: 'partial',
        cameras: ['cam-checkout', 'cam-pantry'],
      });
      expect(byId.get('back-room')).toMatchObject({ visits: 0, temperature: null });
      for (const z of body.zones) if (z.exposure !== null) expect(z.exposure).toBeLessThanOrEqual(1);
      // The gateways count first visits: exposure is the share of shoppers reached, not visits per shopper.
      const pantry = byId.get('pantry')!;
      expect(pantry.exposureBasis).toBe('first-visits');
      expect(pantry.reached).toBeGreaterThan(0);
      expect(pantry.reached).toBeLessThan(pantry.visits);
      expect(pantry.exposure).toBeCloseTo(Math.min(1, pantry.reached! / body.entries), 6);
    });

    it('counts people in and out per entrance and per hour', async () => {
      const body = await get<{ totals: { in: number }[]; series: { start: number; in: number }[] }>(
        `/api/v1/stores/store-a/entrances?${range()}`,
      );
      expect(body.series.map((p) => p.start)).toEqual([0, 1, 2, 3, 4, 5].map((i) => T0 + i * HOUR));
      const sum = (xs: { in: number }[]) => xs.reduce((a, p) => a + p.in, 0);
      expect(sum(body.series)).toBe(sum(body.totals));
      const days = await get<{ series: unknown[] }>(
        `/api/v1/stores/store-a/entrances?from=${T0 - 8 * HOUR}&to=${T0 + 16 * HOUR}&bucket=day`,
      );
      expect(days.series).toHaveLength(1);
    });

    it('says which entrances the cameras cannot count', async () => {
      const body = await get<{ coverage: unknown[] }>(`/api/v1/stores/store-a/entrances?${range()}`);
      expect(body.coverage).toEqual([
        {
          entranceId: 'main-entrance',
          name: 'Main entrance',
          seen: 1,
          level: 'full',
          cameras: ['cam-entrance'],
        },
        { entranceId: 'side-entrance', name: 'DIY side entrance', seen: 0, level: 'none', cameras: [] },
      ]);
    });

    it('serves the layout and imports a new version for IT', async () => {
      const layout = await get<{ storeId: string; zones: unknown[] }>('/api/v1/stores/store-a/layout');
      expect(layout.zones.length).toBeGreaterThan(5);
      const next = { ...h.layouts[1], layoutVersion: 2 };
      const res = await h.call('admin', '/api/v1/stores/store-b/layout', {
        method: 'PUT',
        body: JSON.stringify(next),
      });
      expect(await res.json()).toEqual({
        storeId: 'store-b',
        layoutVersion: 2,
        inserted: true,
        warnings: [
          'entrance "side-entrance" (DIY side entrance): no camera sees its counting line, so it will count nobody',
          'zones "bakery", "dairy-chilled", "frozen", "produce": no camera sees them, so they will have no traffic figures',
          expect.stringMatching(
            /^zones "household" 2% \(gw-front, gw-back\), "pantry" 19% .*: cameras of several gateways see this floor/,
          ),
        ],
      });
      expect(
        (await get<{ store: { layoutVersion: number } }>('/api/v1/stores/store-b', 'admin')).store
          .layoutVersion,
      ).toBe(2);
      expect((await h.call('admin', '/api/v1/stores/nowhere/layout')).status).toBe(404);
    });

    it('exports CSV files and the heatmap drawn over the floor plan', async () => {
      const zones = await h.call('store-manager', `/api/v1/stores/store-a/exports/zones.csv?${range()}`);
      expect(zones.headers.get('content-disposition')).toContain('store-a-zones.csv');
      const lines = (await zones.text()).trim().split('\r\n');
      expect(lines[0]).toMatch(/^zone_id,name,kind,visits/);
      expect(lines.some((l) => l.startsWith('frozen,Frozen,department,'))).toBe(true);
      const heat = await (
        await h.call('store-manager', `/api/v1/stores/store-a/exports/heatmap.csv?${range()}`)
      ).text();
      expect(heat.split('\r\n')[0]).toBe('x_m,y_m,size_m,shopper_windows,dwell_s');
      const entrances = await (
        await h.call('store-manager', `/api/v1/stores/store-a/exports/entrances.csv?${range()}`)
      ).text();
      expect(entrances.split('\r\n')[1]).toMatch(/^2030-01-15T08:00:00.000Z,\d+,\d+$/);
      const png = await h.call(
        'store-manager',
        `/api/v1/stores/store-a/exports/heatmap.png?${range()}&ppm=10`,
      );
      expect(png.headers.get('content-type')).toBe('image/png');
      const image = sharp(Buffer.from(await png.arrayBuffer()));
      const meta = await image.metadata();
      expect(meta.format).toBe('png');
      expect(meta.width).toBeGreaterThan(400);
      // Some pixels are the heat colours' red, which the plain plan does not use.
      const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
      let reddish = 0;
      for (let i = 0; i < data.length; i += info.channels)
        if (data[i]! > 200 && data[i + 1]! < 120) reddish++;
      expect(reddish).toBeGreaterThan(20);
    });

    it('imports POS line items from CSV, refusing rows of another store', async () => {
      const csv =
        'transaction_id,sku,store_id,loyalty_id\nx-1,BAK-101,,6345000011112222\nx-1,MLK-101,,6345000011112222\nx-2,BAK-102,store-b,\n';
      const res = await h.call('merchandiser', '/api/v1/stores/store-a/imports/transactions', {
        method: 'POST',
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      const body = (await res.json()) as { stored: number; issues: { line: number; field: string }[] };
      expect(body.stored).toBe(1);
      expect(body.issues).toEqual([expect.objectContaining({ line: 4, field: 'store_id' })]);
      const rows = await h.repo.db.all<{ pid: string }>(
        "SELECT pid FROM pos_transactions WHERE transaction_id = 'x-1'",
      );
      expect(rows[0]?.pid).toMatch(/^[0-9a-f]{64}$/);
    });

    it('takes baskets from a till with its token, storing pseudonyms only', async () => {
      const basket = {
        transactions: [
          {
            transactionId: 'h1',
            timestamp: T0,
            loyaltyId: '6345000011112222',
            items: [{ sku: 'BAK-101', quantity: 1 }],
          },
        ],
      };
      const post = (token?: string) =>
        h.app.request('/api/v1/stores/store-a/transactions', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
          body: JSON.stringify(basket),
        });
      expect((await post()).status).toBe(401);
      expect((await post('wrong')).status).toBe(401);
      expect(await (await post(POS_TOKEN)).json()).toEqual({ received: 1, stored: 1, duplicates: 0 });
      expect(await (await post(POS_TOKEN)).json()).toEqual({ received: 1, stored: 0, duplicates: 1 });
      const all = JSON.stringify(await h.repo.db.all('SELECT * FROM pos_transactions'));
      expect(all).not.toContain('6345000011112222');
    });

    it('answers unknown routes with a 404 problem', async () => {
      const res = await h.call('admin', '/api/v1/nothing');
      expect(res.status).toBe(404);
      expect((await problemOf(res)).title).toBe('Not Found');
    });

    it('shows the fleet with status, version, fps per camera and outbox depth', async () => {
      const body = await get<{
        gateways: {
          gatewayId: string;
          state: string;
          version: string;
          metrics: { cameras: { fps: number }[]; outboxDepth: number };
        }[];
        summary: { online: number };
      }>('/api/v1/stores/store-a/gateways');
      expect(body.gateways.map((g) => g.gatewayId).sort()).toEqual(['gw-back', 'gw-front']);
      for (const g of body.gateways) {
        expect(g).toMatchObject({ state: 'online', version: '0.1.0' });
        expect(g.metrics.cameras.length).toBeGreaterThan(0);
        expect(g.metrics.cameras[0]!.fps).toBeGreaterThan(5);
        expect(g.metrics.outboxDepth).toBeGreaterThanOrEqual(0);
      }
      expect(body.summary.online).toBe(2);
      expect(JSON.stringify(body)).not.toContain('$7$');
    });

    it('provisions a gateway with a password shown once and kept only as a hash', async () => {
      const res = await h.call('admin', '/api/v1/stores/store-a/gateways/gw-new/credentials', {
        method: 'POST',
      });
      expect(res.status).toBe(201);
      const { username, password } = (await res.json()) as { username: string; password: string };
      expect(username).toBe('store-a.gw-new');
      const row = await h.repo.registry.get('store-a', 'gw-new');
      expect(row?.passwordHash).not.toContain(password);
      expect(await verifyPassword(password, row!.passwordHash!)).toBe(true);
    });

    it('pushes a validated config with a rising version and the store’s layout', async () => {
      const push = () =>
        h.call('admin', '/api/v1/stores/store-a/gateways/gw-front/config', {
          method: 'PUT',
          body: JSON.stringify({ settings: { windowSeconds: 30, kAnonymity: 8 } }),
        });
      expect((await (await push()).json()) as object).toEqual({
        storeId: 'store-a',
        gatewayId: 'gw-front',
        configVersion: 1,
      });
      expect(((await (await push()).json()) as { configVersion: number }).configVersion).toBe(2);
      expect(pushed).toHaveLength(2);
      expect(configMessageSchema.safeParse(pushed[0]).success).toBe(true);
      expect(pushed[0]).toMatchObject({
        gatewayId: 'gw-front',
        settings: { windowSeconds: 30, kAnonymity: 8, heatmapCellSize: 0.5 },
      });
      expect(pushed[0]!.layout?.storeId).toBe('store-a');
      const missing = await h.call('admin', '/api/v1/stores/store-a/gateways/gw-none/config', {
        method: 'PUT',
        body: '{}',
      });
      expect((await problemOf(missing)).status).toBe(404);
    });

    it('pushes one config to every provisioned gateway of a store', async () => {
      const before = pushed.length;
      const provisioned = (await h.repo.registry.list('store-a')).filter((g) => g.passwordHash);
      expect(provisioned.length).toBeGreaterThan(1);
      const res = await h.call('admin', '/api/v1/stores/store-a/gateways/config', {
        method: 'PUT',
        body: JSON.stringify({ settings: { kAnonymity: 6 }, includeLayout: false }),
      });
      expect(res.status).toBe(202);
      const body = (await res.json()) as { gateways: { gatewayId: string }[] };
      expect(body.gateways.map((g) => g.gatewayId).sort()).toEqual(
        provisioned.map((g) => g.gatewayId).sort(),
      );
      expect(pushed.slice(before).map((m) => m.settings.kAnonymity)).toEqual(provisioned.map(() => 6));
      const denied = await h.call('merchandiser', '/api/v1/stores/store-a/gateways/config', {
        method: 'PUT',
        body: '{}',
      });
      expect(denied.status).toBe(403);
    });
  });
}
