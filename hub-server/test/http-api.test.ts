// What the api-*.test.ts files do not pin down, through app.request() over a real SQLite repository:
// the exact Prometheus exposition of the ingest counters an admin token scrapes, and that a till's
// loyalty number becomes exactly the hub's pseudonym of it (the one CSV imports and erasure use).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken, ensureUsers } from '../src/auth/bootstrap-users.js';
import { createApp } from '../src/http/app.js';
import { IngestCounters } from '../src/ingest/ingest-counters.js';
import { createPseudonymizer } from '../src/privacy/pseudonym.js';
import type { HubRepository } from '../src/storage/repository.js';
import { backends, openRepo } from './backends.js';

const posToken = 'till-token-0123456789abcdef';
const pseudonymize = createPseudonymizer(Buffer.alloc(32, 1));

describe('hub HTTP API details', () => {
  let repo: HubRepository;
  let app: ReturnType<typeof createApp>;
  let adminToken: string;

  beforeAll(async () => {
    repo = await openRepo(backends()[0]!);
    const counters = new IngestCounters();
    counters.countReceived('status');
    counters.countRejected('bad-json');
    counters.commitLatency.observe(0.02);
    await ensureUsers(
      repo.users,
      [{ username: 'it', role: 'admin', stores: 'all', password: 'x'.repeat(16) }],
      {
        now: 5,
        scrypt: { N: 1024, r: 8, p: 1, keyLength: 32 },
      },
    );
    adminToken = (await createAdminToken(repo.users, 'prometheus', { now: 5 })).token;
    app = createApp({
      repo,
      counters,
      pseudonymize,
      logger: pino({ level: 'silent' }),
      version: '0.1.0',
      now: () => 5,
      posToken,
      dashboard: false,
    });
  });
  afterAll(() => repo.close());

  it('stores a till’s loyalty number as exactly the hub’s pseudonym of it', async () => {
    const res = await app.request('/api/v1/stores/s1/transactions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${posToken}` },
      body: JSON.stringify({
        transactions: [
          {
            transactionId: 'h1',
            timestamp: 1_800_000_000_000,
            loyaltyId: '6345000011112222',
            items: [{ sku: 'a', quantity: 1 }],
          },
        ],
      }),
    });
    expect(await res.json()).toEqual({ received: 1, stored: 1, duplicates: 0 });
    const rows = await repo.db.all<{ pid: string }>(
      "SELECT pid FROM pos_transactions WHERE transaction_id = 'h1'",
    );
    expect(rows[0]?.pid).toBe(pseudonymize('6345000011112222'));
  });

  it('exposes ingest counters in Prometheus text format to an admin token', async () => {
    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${adminToken}` } });
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toContain('hub_messages_received_total{kind="status"} 1');
    expect(text).toContain('hub_messages_rejected_total{reason="bad-json"} 1');
    // Reasons and kinds not seen yet are there at 0, so rates and alerts over them work from the start.
    expect(text).toContain('hub_messages_rejected_total{reason="too-large"} 0');
    expect(text).toContain('hub_messages_rejected_total{reason="not-authorized"} 0');
    expect(text).toContain('hub_messages_received_total{kind="heatmap"} 0');
    expect(text.match(/^hub_messages_rejected_total\{reason="bad-json"\}/gm)).toHaveLength(1);
    expect(text).toContain('hub_ingest_lag_seconds_bucket{le="0.025"} 1');
    expect(text).toContain('hub_ingest_lag_seconds_bucket{le="+Inf"} 1');
    expect(text).toContain('hub_ingest_lag_seconds_count 1');
  });
});
