// Who may call what: every store route for every role, a store manager of store A refused store B
// on every one of them, nobody in without signing in, and listings cut to the caller's stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken } from '../src/auth/bootstrap-users.js';
import { apiHarness, type Harness, problemOf, type RoleName, range } from './api-harness.js';
import { backends } from './backends.js';

const ALL: RoleName[] = ['admin', 'merchandiser', 'store-manager'];
const ANALYSTS: RoleName[] = ['admin', 'merchandiser'];
const IT: RoleName[] = ['admin'];

interface StoreRoute {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  allowed: RoleName[];
  body?: (h: Harness, storeId: string) => string;
  contentType?: string;
}

const scenario = JSON.stringify({
  changes: [{ kind: 'move-fixture', fixtureId: 'bakery-table', toZoneId: 'promo' }],
});

/** Every route under /api/v1/stores/{storeId}; `{s}` is the store. */
const STORE_ROUTES: StoreRoute[] = [
  { method: 'GET', path: '', allowed: ALL },
  { method: 'GET', path: '/layout', allowed: ALL },
  {
    method: 'PUT',
    path: '/layout',
    allowed: IT,
    body: (h, s) => JSON.stringify({ ...h.layouts[0], storeId: s }),
  },
  { method: 'GET', path: `/heatmap?${range()}`, allowed: ALL },
  { method: 'GET', path: `/zones?${range()}`, allowed: ALL },
  { method: 'GET', path: `/entrances?${range()}`, allowed: ALL },
  { method: 'GET', path: `/flows?${range()}`, allowed: ANALYSTS },
  { method: 'GET', path: '/rules', allowed: ANALYSTS },
  { method: 'GET', path: '/recommendations', allowed: ANALYSTS },
  { method: 'POST', path: '/scenarios', allowed: ANALYSTS, body: () => scenario },
  { method: 'GET', path: '/experiments', allowed: ANALYSTS },
  { method: 'GET', path: '/gateways', allowed: ALL },
  { method: 'POST', path: '/gateways/gw-front/credentials', allowed: IT },
  { method: 'PUT', path: '/gateways/gw-front/config', allowed: IT, body: () => '{}' },
  {
    method: 'POST',
    path: '/imports/transactions',
    allowed: ANALYSTS,
    body: () => 'transaction_id,sku\nt-1,BAK-101\n',
    contentType: 'text/csv',
  },
  { method: 'GET', path: `/exports/zones.csv?${range()}`, allowed: ALL },
  { method: 'GET', path: `/exports/entrances.csv?${range()}`, allowed: ALL },
  { method: 'GET', path: `/exports/heatmap.csv?${range()}`, allowed: ALL },
  { method: 'GET', path: `/exports/heatmap.png?${range()}&ppm=8`, allowed: ALL },
  { method: 'GET', path: '/exports/rules.csv', allowed: ANALYSTS },
  { method: 'GET', path: '/live', allowed: ALL },
];

for (const backend of backends()) {
  describe(`API access on ${backend.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await apiHarness({ backend });
    });
    afterAll(async () => {
      await h.close();
      await backend.cleanup();
    });

    const send = async (role: RoleName | undefined, storeId: string, r: StoreRoute) => {
      const res = await h.call(role, `/api/v1/stores/${storeId}${r.path}`, {
        method: r.method,
        ...(r.body && { body: r.body(h, storeId) }),
        ...(r.contentType && { headers: { 'content-type': r.contentType } }),
      });
      await res.body?.cancel(); // the live stream never ends by itself
      return res.status;
    };

    it('refuses every store route without a sign-in (401)', async () => {
      for (const r of STORE_ROUTES)
        expect([r.path, await send(undefined, 'store-a', r)]).toEqual([r.path, 401]);
    });

    it('gives a store manager of store A a 403 for store B on every store route', async () => {
      for (const r of STORE_ROUTES)
        expect([r.path, await send('store-manager', 'store-b', r)]).toEqual([r.path, 403]);
    });

    for (const role of ALL) {
      it(`lets ${role} call exactly the routes of its role in its store`, async () => {
        for (const r of STORE_ROUTES) {
          const status = await send(role, 'store-a', r);
          const expected = r.allowed.includes(role) ? 'allowed' : 'forbidden';
          expect([r.method, r.path, status === 403 ? 'forbidden' : 'allowed']).toEqual([
            r.method,
            r.path,
            expected,
          ]);
          expect(status).not.toBe(401);
        }
      });
    }

    it('answers the analytics routes with 503 problem JSON when no analytics service is configured', async () => {
      for (const path of [
        '/rules',
        '/exports/rules.csv',
        '/recommendations',
        '/experiments',
        `/flows?${range()}`,
      ]) {
        const res = await h.call('merchandiser', `/api/v1/stores/store-a${path}`);
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect((await problemOf(res)).title).toBe('analytics not available');
      }
    });

    it('lists only the caller’s stores and gateways', async () => {
      const stores = async (role: RoleName) =>
        (
          (await (await h.call(role, '/api/v1/stores')).json()) as { stores: { storeId: string }[] }
        ).stores.map((s) => s.storeId);
      expect(await stores('store-manager')).toEqual(['store-a']);
      expect(await stores('merchandiser')).toEqual(['store-a', 'store-b']);
      const fleet = async (role: RoleName, q = '') =>
        (await (await h.call(role, `/api/v1/gateways${q}`)).json()) as { gateways: { storeId: string }[] };
      expect(new Set((await fleet('store-manager')).gateways.map((g) => g.storeId))).toEqual(
        new Set(['store-a']),
      );
      expect(new Set((await fleet('admin')).gateways.map((g) => g.storeId))).toEqual(
        new Set(['store-a', 'store-b']),
      );
      expect((await h.call('store-manager', '/api/v1/gateways?storeId=store-b')).status).toBe(403);
      expect((await h.call(undefined, '/api/v1/gateways')).status).toBe(401);
    });

    it('serves /metrics to admins only, by session or API token', async () => {
      expect((await h.call(undefined, '/metrics')).status).toBe(401);
      expect((await h.call('merchandiser', '/metrics')).status).toBe(403);
      expect(await (await h.call('admin', '/metrics')).text()).toContain('hub_messages_stored_total');
      const { token } = await createAdminToken(h.repo.users, 'prometheus', {
        now: Date.UTC(2030, 0, 15, 14),
      });
      const scrape = await h.app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
      expect(scrape.status).toBe(200);
    });

    it('refuses a cookie-authenticated write without the dashboard’s header (CSRF)', async () => {
      const res = await h.app.request('/api/v1/stores/store-a/scenarios', {
        method: 'POST',
        headers: { cookie: h.cookie('merchandiser'), 'content-type': 'application/json' },
        body: scenario,
      });
      expect(res.status).toBe(403);
    });
  });
}
