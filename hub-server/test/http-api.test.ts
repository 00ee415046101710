// Routes through app.request() (no server, no port) over a real SQLite repository.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.js';
import { IngestCounters } from '../src/ingest/ingest-counters.js';
import { createPseudonymizer } from '../src/privacy/pseudonym.js';
import type { HubRepository } from '../src/storage/repository.js';
import { backends, openRepo } from './backends.js';

const posToken = 'till-token-0123456789abcdef';
const pseudonymize = createPseudonymizer(Buffer.alloc(32, 1));

describe('hub HTTP API', () => {
  let repo: HubRepository;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    repo = await openRepo(backends()[0]!);
    await repo.registry.setCredentials('s1', 'gw-1', '$7$1$x$y', 1);
    const counters = new IngestCounters();
    counters.countReceived('status');
    counters.countRejected('bad-json');
    counters.commitLatency.observe(0.02);
    app = createApp({
      repo,
      counters,
      pseudonymize,
      logger: pino({ level: 'silent' }),
      version: '0.1.0',
      now: () => 5,
      posToken,
    });
  });
  afterAll(() => repo.close());

  it('lists gateways, filtered by store, without their password hashes', async () => {
    const res = await app.request('/api/v1/gateways?storeId=s1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      gateways: Record<string, unknown>[];
      summary: Record<string, number>;
    };
    expect(body.gateways).toHaveLength(1);
    expect(body.gateways[0]).toMatchObject({ gatewayId: 'gw-1', provisioned: true, state: null });
    expect(JSON.stringify(body)).not.toContain('$7$');
    expect(body.summary.unknown).toBe(1);
  });

  it('answers bad input with a 400 problem naming the field', async () => {
    const res = await app.request('/api/v1/gateways?storeId=Not%20A%20Slug');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('storeId');
    const range = await app.request('/api/v1/stores/s1/heatmap?from=10&to=5');
    expect(range.status).toBe(400);
    expect(((await range.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('to');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await app.request('/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { title: string }).title).toBe('Not Found');
  });

  it('takes POS transactions over HTTP with a till token, storing pseudonyms only', async () => {
    const body = {
      transactions: [
        {
          transactionId: 'h1',
          timestamp: 1_800_000_000_000,
          loyaltyId: '6345000011112222',
          items: [{ sku: 'a', quantity: 1 }],
        },
      ],
    };
    const post = (auth?: string) =>
      app.request('/api/v1/stores/s1/transactions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth && { authorization: auth }) },
        body: JSON.stringify(body),
      });
    expect((await post()).status).toBe(401);
    expect((await post('Bearer wrong')).status).toBe(401);
    const ok = await post(`Bearer ${posToken}`);
    expect(await ok.json()).toEqual({ received: 1, stored: 1, duplicates: 0 });
    expect(await (await post(`Bearer ${posToken}`)).json()).toEqual({
      received: 1,
      stored: 0,
      duplicates: 1,
    });
    const rows = await repo.db.all<{ pid: string }>(
      "SELECT pid FROM pos_transactions WHERE transaction_id = 'h1'",
    );
    expect(rows[0]?.pid).toBe(pseudonymize('6345000011112222'));
    const bad = await app.request('/api/v1/stores/s1/transactions', {
      method: 'POST',
      headers: { authorization: `Bearer ${posToken}` },
      body: JSON.stringify({ transactions: [{ transactionId: 'h2', items: [] }] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(
      'transactions[0].timestamp',
    );
  });

  it('exposes ingest counters in Prometheus text format', async () => {
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('hub_messages_received_total{kind="status"} 1');
    expect(text).toContain('hub_messages_rejected_total{reason="bad-json"} 1');
    expect(text).toContain('hub_ingest_lag_seconds_bucket{le="0.025"} 1');
    expect(text).toContain('hub_ingest_lag_seconds_count 1');
  });
});
