// The hub with its embedded broker, as gateways meet it: authentication, topic ACLs, ingest into
// storage (SQLite, and PostgreSQL when DATABASE_URL is set) in the ingest worker thread, dead
// letters for bad payloads, and the live feed a dashboard reads.
import { formatMsgId } from '@retail/contracts';
import { cameraMetricsSample, waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken, ensureUsers } from '../src/auth/bootstrap-users.js';
import { hashPassword } from '../src/broker/credentials.js';
import { hubConfigSchema } from '../src/config.js';
import { Hub } from '../src/hub.js';
import { backends } from './backends.js';

const logger = pino({ level: 'silent' });

function heatmap(storeId: string, gatewayId: string, seq: number, extra: object = {}) {
  return JSON.stringify({
    v: 1,
    msgId: formatMsgId(gatewayId, seq),
    storeId,
    gatewayId,
    windowStart: 1_800_000_000_000 + seq * 60_000,
    windowEnd: 1_800_000_060_000 + seq * 60_000,
    layoutVersion: 1,
    cellSize: 0.5,
    k: 5,
    cells: [{ col: 1, row: 2, shoppers: 5, dwellSeconds: 30 }],
    suppressedCells: 0,
    ...extra,
  });
}

for (const backend of backends()) {
  describe(`hub with embedded broker on ${backend.name}`, () => {
    let hub: Hub;
    let token: string;
    const clients: mqtt.MqttClient[] = [];
    /** The HTTP API as a script calls it, with an admin API token. */
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${hub.httpUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });

    const connect = async (username: string, password: string) => {
      const c = await mqtt.connectAsync(hub.brokerUrl, {
        username,
        password,
        protocolVersion: 4,
        reconnectPeriod: 0,
      });
      clients.push(c);
      return c;
    };
    const stored = (prefix: string) => hub.repo.queries.storedMsgIds(prefix);
    const deadLetters = () =>
      hub.repo.db.all<{ code: string; topic: string; reason: string }>(
        'SELECT code, topic, reason FROM dead_letters',
      );

    beforeAll(async () => {
      const o = await backend.options();
      const config = hubConfigSchema.parse({
        http: { host: '127.0.0.1', port: 0 },
        mqtt: { host: '127.0.0.1', port: 0 },
        dataDir: o.dataDir,
        ...(o.databaseUrl && { database: { url: o.databaseUrl } }),
        // The worker-thread ingest runs here; every other hub test runs the default main-thread one.
        ingest: { thread: 'worker' },
      });
      hub = new Hub({
        config,
        logger,
        hubKey: Buffer.alloc(32, 3),
        ...(o.schema && { databaseSchema: o.schema }),
      });
      await hub.start();
      for (const [s, g] of [
        ['s1', 'gw-1'],
        ['s1', 'gw-2'],
        ['s2', 'gw-1'],
      ] as const) {
        await hub.repo.registry.setCredentials(s, g, await hashPassword(`pw-${s}-${g}`, 1000), 1);
      }
      await ensureUsers(
        hub.repo.users,
        [{ username: 'it', role: 'admin', stores: 'all', password: 'x'.repeat(16) }],
        {
          now: Date.now(),
          scrypt: { N: 1024, r: 8, p: 1, keyLength: 32 },
        },
      );
      token = (await createAdminToken(hub.repo.users, 'test', { now: Date.now() })).token;
    });

    afterAll(async () => {
      for (const c of clients) await c.endAsync(true);
      await hub.stop();
      await backend.cleanup();
    });

    it('stores what a gateway publishes under its own prefix, and shows its status', async () => {
      const gw = await connect('s1.gw-1', 'pw-s1-gw-1');
      await gw.publishAsync('retail/v1/s1/gw-1/heatmap', heatmap('s1', 'gw-1', 1), { qos: 1 });
      // PUBACK came after the commit: the row is there now, no waiting.
      expect(await stored('gw-1:1')).toEqual(['gw-1:1']);
      const status = {
        v: 1,
        msgId: 'gw-1:2',
        storeId: 's1',
        gatewayId: 'gw-1',
        ts: 5,
        state: 'online',
        version: '0.1.0',
      };
      await gw.publishAsync('retail/v1/s1/gw-1/status', JSON.stringify(status), { qos: 1, retain: true });
      expect((await fetch(`${hub.httpUrl}/api/v1/gateways?storeId=s1`)).status).toBe(401);
      const metrics = {
        v: 1,
        msgId: 'gw-1:3',
        storeId: 's1',
        gatewayId: 'gw-1',
        windowStart: 60_000,
        windowEnd: 120_000,
        layoutVersion: 1,
        cameras: [cameraMetricsSample('cam-1', { positions: 150, offFloor: 45 })],
        scanners: [],
        outboxDepth: 4,
        outboxDropped: 0,
        bytesSent: 100,
        uptimeS: 60,
        observations: { received: 200, staff: 20, offFloor: 45, ignored: 1 },
      };
      await gw.publishAsync('retail/v1/s1/gw-1/metrics', JSON.stringify(metrics), { qos: 1 });
      const res = await api('/api/v1/gateways?storeId=s1');
      const body = (await res.json()) as {
        gateways: { gatewayId: string; state: string | null; metrics: Record<string, unknown> | null }[];
      };
      const gateway = body.gateways.find((g) => g.gatewayId === 'gw-1');
      expect(gateway?.state).toBe('online');
      // IT sees how many of the window's positions fell off the floor plan (a camera out of calibration).
      expect(gateway?.metrics).toMatchObject({
        outboxDepth: 4,
        cameras: [
          {
            cameraId: 'cam-1',
            fps: 5,
            detectorLatencyMs: { p50: 20, p95: 30 },
            floor: { positions: 150, offFloor: 45 },
          },
        ],
        observations: { received: 200, staff: 20, offFloor: 45, ignored: 1 },
      });
    });

    it('refuses a wrong password and an unknown gateway', async () => {
      await expect(connect('s1.gw-1', 'wrong')).rejects.toThrow(/Bad username or password|Not authorized/i);
      await expect(connect('s9.gw-9', 'pw')).rejects.toThrow(/Bad username or password|Not authorized/i);
      await expect(connect('', '')).rejects.toThrow();
    });

    it('refuses a publish outside the gateway’s prefix, and nothing of it is stored', async () => {
      for (const topic of [
        'retail/v1/s1/gw-2/heatmap',
        'retail/v1/s2/gw-1/heatmap',
        'retail/v1/s1/gw-1/config',
      ]) {
        const gw = await connect('s1.gw-1', 'pw-s1-gw-1');
        const closed = new Promise<void>((r) => gw.once('close', () => r()));
        gw.publish(topic, heatmap(topic.split('/')[2]!, topic.split('/')[3]!, 900), { qos: 1 });
        await closed; // the broker drops a client that breaks its ACL
      }
      expect(await stored('gw-2:900')).toEqual([]);
      expect(await stored('gw-1:900')).toEqual([]);
      const metrics = await (await api('/metrics')).text();
      expect(metrics).toMatch(/hub_messages_rejected_total\{reason="not-authorized"\} 3/);
    });

    it('lets a gateway read only its own config', async () => {
      const gw = await connect('s1.gw-1', 'pw-s1-gw-1');
      const own = await gw.subscribeAsync('retail/v1/s1/gw-1/config', { qos: 1 });
      expect(own.map((g) => g.qos)).toEqual([1]);
      await expect(gw.subscribeAsync('retail/v1/s1/gw-2/config', { qos: 1 })).rejects.toThrow(
        /Subscribe error/,
      );
      await expect(gw.subscribeAsync('retail/v1/#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
      // Refused with 0x80, not disconnected: the session goes on.
      expect(gw.connected).toBe(true);
    });

    it('sends malformed, oversized and wrong-version payloads to dead letters and keeps ingesting', async () => {
      const gw = await connect('s1.gw-2', 'pw-s1-gw-2');
      const topic = 'retail/v1/s1/gw-2/heatmap';
      await gw.publishAsync(topic, '{"v":1, not json', { qos: 1 });
      await gw.publishAsync(
        topic,
        heatmap('s1', 'gw-2', 3, {
          cells: Array.from({ length: 20_000 }, () => ({
            col: 123456,
            row: 123456,
            shoppers: 123456,
            dwellSeconds: 123456.789,
          })),
        }),
        { qos: 1 },
      );
      await gw.publishAsync(topic, heatmap('s1', 'gw-2', 4, { v: 2 }), { qos: 1 });
      await gw.publishAsync(topic, heatmap('s1', 'gw-2', 5, { cellSize: -1 }), { qos: 1 });
      await gw.publishAsync(topic, heatmap('s1', 'gw-2', 6), { qos: 1 });
      const letters = await waitFor(deadLetters, (l) => l.length >= 4);
      expect(letters.map((l) => l.code).sort()).toEqual([
        'bad-json',
        'invalid',
        'too-large',
        'unsupported-version',
      ]);
      expect(letters.find((l) => l.code === 'invalid')?.reason).toContain('cellSize');
      expect(await stored('gw-2:6')).toEqual(['gw-2:6']);
    });

    it('takes baskets from a store’s tills over MQTT, keeping only pseudonyms', async () => {
      await hub.repo.registry.setCredentials('s1', 'pos', await hashPassword('pw-s1-pos', 1000), 1);
      const till = await connect('s1.pos', 'pw-s1-pos');
      const basket = {
        v: 1,
        msgId: 'till-1:1',
        storeId: 's1',
        ts: 1_800_000_000_000,
        transactions: [
          {
            transactionId: 'mq-1',
            timestamp: 1_800_000_000_000,
            loyaltyId: '6345111122223333',
            items: [{ sku: 'paint-1', quantity: 1, price: 12 }],
          },
        ],
      };
      await till.publishAsync('retail/v1/s1/pos/transactions', JSON.stringify(basket), { qos: 1 });
      const rows = await hub.repo.db.all<{ pid: string }>(
        "SELECT pid FROM pos_transactions WHERE transaction_id = 'mq-1'",
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.pid).toMatch(/^[0-9a-f]{64}$/);
      const all =
        JSON.stringify(await hub.repo.db.all('SELECT * FROM pos_transactions')) +
        JSON.stringify(await hub.repo.db.all('SELECT * FROM messages'));
      expect(all).not.toContain('6345111122223333');
      // A till cannot write another store's baskets, nor gateway data.
      const other = await connect('s1.pos', 'pw-s1-pos');
      const closed = new Promise<void>((r) => other.once('close', () => r()));
      other.publish('retail/v1/s2/pos/transactions', JSON.stringify({ ...basket, storeId: 's2' }), {
        qos: 1,
      });
      await closed;
    });

    it('tells a live dashboard about a window stored through the broker', async () => {
      const abort = new AbortController();
      const res = await fetch(`${hub.httpUrl}/api/v1/stores/s1/live`, {
        headers: { authorization: `Bearer ${token}` },
        signal: abort.signal,
      });
      expect(res.status).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      /** The SSE events received so far, as [event name, data]. */
      const events = () =>
        text.split('\n\n').map((block) => {
          const field = (name: string) =>
            block
              .split('\n')
              .find((l) => l.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          return [field('event'), field('data')] as const;
        });
      const until = async (found: () => boolean) => {
        while (!found()) {
          const { value, done } = await reader.read();
          if (done) throw new Error('the live stream ended');
          text += value;
        }
      };
      try {
        await until(() => events().some(([e]) => e === 'ready'));
        const gw = await connect('s1.gw-1', 'pw-s1-gw-1');
        await gw.publishAsync('retail/v1/s1/gw-1/heatmap', heatmap('s1', 'gw-1', 77), { qos: 1 });
        const windowStart = 1_800_000_000_000 + 77 * 60_000;
        const ours = () =>
          events().find(
            ([e, data]) => e === 'window' && data && JSON.parse(data).windowStart === windowStart,
          );
        await until(() => ours() !== undefined);
        expect(JSON.parse(ours()![1]!)).toEqual({
          storeId: 's1',
          gatewayId: 'gw-1',
          kind: 'heatmap',
          windowStart,
          windowEnd: windowStart + 60_000,
        });
      } finally {
        await reader.cancel().catch(() => {});
        abort.abort();
      }
    });

    it('stores a message published twice only once', async () => {
      const gw = await connect('s1.gw-1', 'pw-s1-gw-1');
      for (let i = 0; i < 3; i++)
        await gw.publishAsync('retail/v1/s1/gw-1/heatmap', heatmap('s1', 'gw-1', 50), { qos: 1 });
      expect(await stored('gw-1:50')).toEqual(['gw-1:50']);
      expect(hub.counters.duplicates).toBeGreaterThanOrEqual(2);
    });
  });
}
