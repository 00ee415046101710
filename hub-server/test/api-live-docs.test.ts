// Live updates over Server-Sent Events, the session probe, the OpenAPI document generated from the
// routes' schemas, and the dashboard's static files.
import { waitFor } from '@retail/contracts/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, ROUTE_DOCS } from '../src/http/app.js';
import { IngestCounters } from '../src/ingest/ingest-counters.js';
import { createPseudonymizer } from '../src/privacy/pseudonym.js';
import { apiHarness, type Harness } from './api-harness.js';
import { backends } from './backends.js';

describe('live updates, session, OpenAPI', () => {
  const backend = backends()[0]!;
  let h: Harness;
  beforeAll(async () => {
    h = await apiHarness({ backend });
  });
  afterAll(async () => {
    await h.close();
    await backend.cleanup();
  });

  it('streams the store’s stored windows as SSE events, and only that store’s', async () => {
    const res = await h.call('store-manager', '/api/v1/stores/store-a/live');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before "${needle}"`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil('event: ready');
    expect(h.live.listenerCount('store-a')).toBe(1);
    h.live.publish(
      { storeId: 'store-b', gatewayId: 'gw-front', kind: 'counts', windowStart: 1, windowEnd: 2 },
      { storeId: 'store-a', gatewayId: 'gw-front', kind: 'counts', windowStart: 3, windowEnd: 4 },
    );
    await readUntil('event: window');
    await readUntil('\n\n');
    expect(text).toContain('"storeId":"store-a"');
    expect(text).not.toContain('store-b');
    await reader.cancel();
    await waitFor(
      () => h.live.listenerCount('store-a'),
      (n) => n === 0,
    );
  });

  it('ends open streams when the feed closes (the hub stopping)', async () => {
    const res = await h.call('admin', '/api/v1/stores/store-b/live');
    const reader = res.body!.getReader();
    await reader.read(); // ready
    h.live.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(h.live.listenerCount()).toBe(0);
  });

  it('tells the dashboard who is signed in without a 401, and which services exist', async () => {
    const anonymous = await h.call(undefined, '/api/v1/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('www-authenticate')).toBeNull();
    expect(await anonymous.json()).toMatchObject({ user: null });
    const signedIn = (await (await h.call('store-manager', '/api/v1/session')).json()) as object;
    expect(signedIn).toMatchObject({
      user: { username: 'manager-a', role: 'store-manager', stores: ['store-a'] },
      services: { analytics: false, live: true, configPush: false },
    });
  });

  it('publishes an OpenAPI 3.1 document covering every route, generated from the schemas', async () => {
    const doc = (await (await h.call(undefined, '/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { parameters: { name: string; in: string }[]; requestBody?: unknown }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ROUTE_DOCS) expect(doc.paths[r.path]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
    const heatmap = doc.paths['/api/v1/stores/{storeId}/heatmap']!.get!;
    expect(heatmap.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:storeId', 'query:from', 'query:to', 'query:period', 'query:resolution']),
    );
    expect(JSON.stringify(doc.paths['/api/v1/stores/{storeId}/scenarios']!.post!.requestBody)).toContain(
      'move-fixture',
    );
  });
});

describe('dashboard files', () => {
  it('serves the page with a strict CSP, its modules and the local ECharts build', async () => {
    const backend = backends()[0]!;
    const { openRepo } = await import('./backends.js');
    const repo = await openRepo(backend);
    try {
      const app = createApp({
        repo,
        counters: new IngestCounters(),
        pseudonymize: createPseudonymizer(Buffer.alloc(32, 1)),
        logger: pino({ level: 'silent' }),
        version: 't',
        now: () => 1,
      });
      const page = await app.request('/');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('<script type="module" src="/app/main.js"></script>');
      expect((await app.request('/app/main.js')).headers.get('content-type')).toContain('text/javascript');
      const echarts = await app.request('/vendor/echarts.js');
      expect(echarts.status).toBe(200);
      expect((await echarts.text()).length).toBeGreaterThan(500_000);
      expect((await app.request('/app/../hub.ts')).status).toBe(404);
      expect((await app.request('/app/.secret.js')).status).toBe(404);
    } finally {
      await repo.close();
    }
  });
});
