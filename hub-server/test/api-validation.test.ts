// Bad input anywhere in the API is a 400 problem whose `errors` name the offending field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsService } from '../src/http/analytics-port.js';
import { apiHarness, type Harness, problemOf, type RoleName, range, T0 } from './api-harness.js';
import { backends } from './backends.js';

/** Never reached: validation answers first. */
const unreachable = new Proxy({} as AnalyticsService, {
  get: () => () => Promise.reject(new Error('analytics called with invalid input')),
});

interface BadCase {
  what: string;
  role: RoleName;
  method?: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: string;
  contentType?: string;
  field: string;
  /** Sent with the till's token instead of a sign-in. */
  till?: boolean;
}

const S = '/api/v1/stores/store-a';
const CASES: BadCase[] = [
  { what: 'store id', role: 'admin', path: '/api/v1/stores/Not%20A%20Store/zones', field: 'storeId' },
  { what: 'range order', role: 'store-manager', path: `${S}/heatmap?from=10&to=5`, field: 'to' },
  { what: 'missing from', role: 'store-manager', path: `${S}/heatmap?to=5`, field: 'from' },
  {
    what: 'unknown query field',
    role: 'store-manager',
    path: `${S}/heatmap?${range()}&colour=red`,
    field: 'colour',
  },
  {
    what: 'heatmap resolution',
    role: 'store-manager',
    path: `${S}/heatmap?${range()}&resolution=0`,
    field: 'resolution',
  },
  {
    what: 'raw windows over a day',
    role: 'store-manager',
    path: `${S}/heatmap?from=${T0}&to=${T0 + 2 * 86_400_000}&period=window`,
    field: 'to',
  },
  {
    what: 'zones period',
    role: 'store-manager',
    path: `${S}/zones?${range()}&period=window`,
    field: 'period',
  },
  {
    what: 'entrance bucket',
    role: 'store-manager',
    path: `${S}/entrances?${range()}&bucket=week`,
    field: 'bucket',
  },
  { what: 'range length', role: 'store-manager', path: `${S}/zones?from=0&to=${T0}`, field: 'to' },
  { what: 'rule support', role: 'merchandiser', path: `${S}/rules?minSupport=2`, field: 'minSupport' },
  { what: 'rule level', role: 'merchandiser', path: `${S}/rules?level=aisle`, field: 'level' },
  { what: 'recommendation count', role: 'merchandiser', path: `${S}/recommendations?top=0`, field: 'top' },
  { what: 'flows range', role: 'merchandiser', path: `${S}/flows?from=x&to=1`, field: 'from' },
  { what: 'missing range start', role: 'store-manager', path: `${S}/heatmap?to=${T0}`, field: 'from' },
  {
    what: 'bare date (whose midnight?)',
    role: 'store-manager',
    path: `${S}/zones?from=2030-01-15&to=${T0}`,
    field: 'from',
  },
  {
    what: 'scenario without changes',
    role: 'merchandiser',
    method: 'POST',
    path: `${S}/scenarios`,
    body: '{"changes":[]}',
    field: 'changes',
  },
  {
    what: 'scenario naming an unknown fixture',
    role: 'merchandiser',
    method: 'POST',
    path: `${S}/scenarios`,
    body: JSON.stringify({
      changes: [{ kind: 'move-fixture', fixtureId: 'no-such-shelf', toZoneId: 'promo' }],
    }),
    field: 'changes[0].fixtureId',
  },
  {
    what: 'scenario change kind',
    role: 'merchandiser',
    method: 'POST',
    path: `${S}/scenarios`,
    body: JSON.stringify({ changes: [{ kind: 'teleport' }] }),
    field: 'changes[0].kind',
  },
  {
    what: 'body not JSON',
    role: 'merchandiser',
    method: 'POST',
    path: `${S}/scenarios`,
    body: '{',
    field: '(root)',
  },
  {
    what: 'layout for another store',
    role: 'admin',
    method: 'PUT',
    path: '/api/v1/stores/store-b/layout',
    body: 'LAYOUT_A',
    field: 'storeId',
  },
  {
    what: 'invalid layout',
    role: 'admin',
    method: 'PUT',
    path: `${S}/layout`,
    body: JSON.stringify({ schema: 'retail.layout/v1', storeId: 'store-a' }),
    field: 'name',
  },
  {
    what: 'CSV without the required columns',
    role: 'merchandiser',
    method: 'POST',
    path: `${S}/imports/transactions`,
    body: 'id,product\n1,a\n',
    contentType: 'text/csv',
    field: 'transaction_id',
  },
  {
    what: 'reserved gateway id',
    role: 'admin',
    method: 'POST',
    path: `${S}/gateways/pos/credentials`,
    field: 'gatewayId',
  },
  {
    what: 'config setting',
    role: 'admin',
    method: 'PUT',
    path: `${S}/gateways/gw-front/config`,
    body: JSON.stringify({ settings: { windowSeconds: 1 } }),
    field: 'settings.windowSeconds',
  },
  { what: 'fleet store filter', role: 'admin', path: '/api/v1/gateways?storeId=A%2FB', field: 'storeId' },
  {
    what: 'PNG scale',
    role: 'store-manager',
    path: `${S}/exports/heatmap.png?${range()}&ppm=1000`,
    field: 'ppm',
  },
  {
    what: 'till basket',
    role: 'admin',
    method: 'POST',
    path: `${S}/transactions`,
    body: JSON.stringify({ transactions: [{ transactionId: 'h2', items: [] }] }),
    field: 'transactions[0].timestamp',
    till: true,
  },
];

for (const backend of backends()) {
  describe(`API validation on ${backend.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await apiHarness({ backend, analytics: unreachable });
    });
    afterAll(async () => {
      await h.close();
      await backend.cleanup();
    });

    for (const c of CASES) {
      it(`answers a bad ${c.what} with 400 naming ${c.field}`, async () => {
        const body = c.body === 'LAYOUT_A' ? JSON.stringify(h.layouts[0]) : c.body;
        const headers: Record<string, string> = { ...(c.contentType && { 'content-type': c.contentType }) };
        if (c.till) headers.authorization = 'Bearer till-token-0123456789abcdef';
        const res = await h.call(c.till ? undefined : c.role, c.path, {
          method: c.method ?? 'GET',
          headers,
          ...(body !== undefined && { body }),
        });
        const p = await problemOf(res);
        expect(res.status).toBe(400);
        expect(p.errors?.map((e) => e.path)).toContain(c.field);
      });
    }

    it('says a missing range end is required, and what a range edge may be', async () => {
      const missing = await problemOf(await h.call('store-manager', `${S}/zones?from=${T0}`));
      expect(missing.errors).toContainEqual({ path: 'to', message: 'required (string)' });
      const bad = await problemOf(await h.call('store-manager', `${S}/zones?from=soon&to=${T0}`));
      expect(bad.errors?.find((e) => e.path === 'from')?.message).toMatch(
        /epoch milliseconds or an ISO 8601/,
      );
    });

    it('reads a range given as ISO 8601 date-times as the same instants in epoch ms', async () => {
      const iso = (ms: number) => new Date(ms).toISOString();
      const offset = (ms: number) => new Date(ms + 3_600_000).toISOString().replace('Z', '+01:00');
      const asEpoch = await h.call('store-manager', `${S}/zones?from=${T0}&to=${T0 + 86_400_000}`);
      const asIso = await h.call(
        'store-manager',
        `${S}/zones?from=${iso(T0)}&to=${encodeURIComponent(offset(T0 + 86_400_000))}`,
      );
      expect(asEpoch.status).toBe(200);
      expect(asIso.status).toBe(200);
      // The answer names its range, so equal answers mean equal instants.
      expect(await asIso.json()).toEqual(await asEpoch.json());
    });
  });
}
