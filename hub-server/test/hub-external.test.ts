// The hub on an external broker. Needs Mosquitto: MQTT_URL for the shared-subscription test (CI sets
// it), and the mosquitto binary for the ACL and kill -9 tests, which start their own broker on a free port with the
// password and ACL files the hub generates. Without them (a bare `npm test`), these tests are skipped.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatMsgId } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { pino } from 'pino';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetSessions } from '../src/broker/forget-sessions.js';
import { hubConfigSchema } from '../src/config.js';
import { Hub } from '../src/hub.js';
import { HubRepository } from '../src/storage/repository.js';
import { backends } from './backends.js';
import { hubCli, startHubProcess } from './hub-process.js';

const MOSQUITTO = '/usr/sbin/mosquitto';
const logger = pino({ level: 'silent' });
const run = Date.now().toString(36);

function heatmap(storeId: string, gatewayId: string, seq: number): string {
  return JSON.stringify({
    v: 1,
    msgId: formatMsgId(gatewayId, seq),
    storeId,
    gatewayId,
    windowStart: 1_800_000_000_000 + seq,
    windowEnd: 1_800_000_060_000 + seq,
    layoutVersion: 1,
    cellSize: 0.5,
    k: 5,
    cells: [{ col: 1, row: 1, shoppers: 5, dwellSeconds: 9 }],
    suppressedCells: 0,
  });
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Mosquitto on a free port with these config lines; stopped with the returned function. */
async function startMosquitto(dir: string, lines: string[]): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const conf = path.join(dir, `mosquitto-${port}.conf`);
  await writeFile(conf, [`listener ${port} 127.0.0.1`, ...lines, 'user root', ''].join('\n'));
  const broker = spawn(MOSQUITTO, ['-c', conf], { stdio: 'ignore' });
  await waitFor(
    () =>
      new Promise<boolean>((r) =>
        net
          .connect(port, '127.0.0.1')
          .once('connect', function (this: net.Socket) {
            this.destroy();
            r(true);
          })
          .once('error', () => r(false)),
      ),
    (ok) => ok,
  );
  return { url: `mqtt://127.0.0.1:${port}`, stop: () => broker.kill('SIGTERM') };
}

const backend = backends().at(-1)!; // PostgreSQL when DATABASE_URL is set: the scale-out shape

describe.skipIf(!process.env.MQTT_URL)('two hub workers sharing one subscription', () => {
  afterAll(() => backend.cleanup());

  it('store each message once between them', async () => {
    const o = await backend.options();
    const workers = ['w1', 'w2'].map(
      (workerId) =>
        new Hub({
          config: hubConfigSchema.parse({
            http: { host: '127.0.0.1', port: 0 },
            mqtt: { url: process.env.MQTT_URL, shareGroup: `hub${run}` },
            dataDir: o.dataDir,
            workerId: `${workerId}-${run}`,
            ...(o.databaseUrl && { database: { url: o.databaseUrl } }),
          }),
          logger,
          hubKey: Buffer.alloc(32, 9),
          ...(o.schema && { databaseSchema: o.schema }),
        }),
    );
    for (const w of workers) await w.start();
    const gatewayId = `gw-share-${run}`;
    const pub = await mqtt.connectAsync(process.env.MQTT_URL!, { protocolVersion: 4 });
    const N = 400;
    const before = workers.map((w) => w.counters.stored);
    try {
      await Promise.all(
        Array.from({ length: N }, (_, i) =>
          pub.publishAsync(`retail/v1/s-share/${gatewayId}/heatmap`, heatmap('s-share', gatewayId, i), {
            qos: 1,
          }),
        ),
      );
      const repo = workers[0]!.repo;
      const stored = await waitFor(
        () => repo.queries.storedMsgIds(`${gatewayId}:`),
        (ids) => ids.length >= N,
        20_000,
      );
      expect(stored).toHaveLength(N);
      expect(new Set(stored).size).toBe(N);
      // Both took part. (Other test files may publish to the same broker meanwhile, so the
      // counters can only be bounded; the database check above is the exact one.)
      const [a, b] = workers.map((w, i) => w.counters.stored - before[i]!);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect(a! + b!).toBeGreaterThanOrEqual(N);
    } finally {
      await pub.endAsync();
      for (const w of workers) await w.stop();
      // Their sessions would stay on the shared broker, queuing every later test's messages.
      for (const w of workers) await forgetSessions(process.env.MQTT_URL!, w.ingestClientIds);
    }
  }, 60_000);
});

describe.skipIf(!existsSync(MOSQUITTO))('Mosquitto with the password and ACL files the hub generates', () => {
  let stopBroker: (() => void) | undefined;
  afterAll(() => stopBroker?.());

  it('refuses wrong passwords and foreign topics; stores what a gateway may send', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-mosq-'));
    const gwCreds = path.join(dir, 'gw.json');
    hubCli([
      'provision',
      'gateway',
      '--store',
      's1',
      '--gateway',
      'gw-1',
      '--data-dir',
      dir,
      '--out',
      gwCreds,
    ]);
    hubCli(['provision', 'gateway', '--store', 's1', '--gateway', 'gw-2', '--data-dir', dir]);
    const hubPassword = 'hub-secret-for-test';
    hubCli(['broker-files', '--out', dir, '--data-dir', dir, '--hub-password', hubPassword]);
    expect(await readFile(path.join(dir, 'acl'), 'utf8')).toContain('topic write retail/v1/s1/gw-1/heatmap');
    expect(await readFile(path.join(dir, 'mosquitto-retail.conf'), 'utf8')).toContain(
      'max_queued_messages 0',
    );

    const mosquitto = await startMosquitto(dir, [
      'allow_anonymous false',
      `password_file ${dir}/passwd`,
      `acl_file ${dir}/acl`,
      'persistence false',
    ]);
    stopBroker = mosquitto.stop;
    const url = mosquitto.url;

    const hub = new Hub({
      config: hubConfigSchema.parse({
        http: { host: '127.0.0.1', port: 0 },
        mqtt: { url, username: 'hub', password: hubPassword, shareGroup: '' },
        dataDir: dir,
      }),
      logger,
      hubKey: Buffer.alloc(32, 9),
    });
    await hub.start();
    try {
      await expect(
        mqtt.connectAsync(url, {
          username: 's1.gw-1',
          password: 'wrong',
          protocolVersion: 4,
          reconnectPeriod: 0,
        }),
      ).rejects.toThrow();
      await expect(mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 })).rejects.toThrow();

      const creds = JSON.parse(await readFile(gwCreds, 'utf8')) as { username: string; password: string };
      const gw = await mqtt.connectAsync(url, { ...creds, protocolVersion: 4 });
      // Mosquitto acknowledges but drops what the ACL forbids: nothing of it may reach storage.
      await gw.publishAsync('retail/v1/s1/gw-2/heatmap', heatmap('s1', 'gw-2', 1), { qos: 1 });
      await gw.publishAsync('retail/v1/s2/gw-1/heatmap', heatmap('s2', 'gw-1', 2), { qos: 1 });
      await gw.publishAsync('retail/v1/s1/gw-1/heatmap', heatmap('s1', 'gw-1', 3), { qos: 1 });
      await waitFor(
        () => hub.repo.queries.storedMsgIds('gw-1:3'),
        (ids) => ids.length === 1,
      );
      expect(await hub.repo.queries.storedMsgIds('gw-2:')).toEqual([]);
      expect(await hub.repo.queries.storedMsgIds('gw-1:2')).toEqual([]);
      await gw.endAsync();
    } finally {
      await hub.stop();
    }
  }, 60_000);
});

describe.skipIf(!existsSync(MOSQUITTO))('hub on Mosquitto killed with -9 during ingest', () => {
  const stops: (() => void)[] = [];
  afterAll(() => {
    for (const stop of stops) stop();
  });

  it('stores every message the broker took exactly once after a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-mosq-crash-'));
    // As `hub-server broker-files` configures it: nothing dropped, 100 unacknowledged per session.
    const mosquitto = await startMosquitto(dir, [
      'allow_anonymous true',
      'persistence false',
      'max_queued_messages 0',
      'max_inflight_messages 100',
    ]);
    stops.push(mosquitto.stop);
    const hubArgs = ['--port', '0', '--mqtt-url', mosquitto.url];
    const first = await startHubProcess(hubArgs, {}, dir);
    stops.push(() => first.child.kill('SIGKILL'));

    const N = 3000;
    const gw = await mqtt.connectAsync(mosquitto.url, { protocolVersion: 4 });
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        gw.publishAsync('retail/v1/s1/gw-crash/heatmap', heatmap('s1', 'gw-crash', i), { qos: 1 }),
      ),
    );
    await gw.endAsync();

    // Read from the side while the hub writes (SQLite in WAL lets a reader in).
    const db = new sqlite3.Database(path.join(dir, 'hub.sqlite'));
    const storedCount = () =>
      new Promise<number>((resolve, reject) =>
        db.get<{ n: number }>(
          "SELECT count(*) AS n FROM messages WHERE msg_id LIKE 'gw-crash:%'",
          (err, row) => (err ? reject(err) : resolve(row?.n ?? 0)),
        ),
      );
    try {
      // Kill the hub while it is ingesting: some messages committed and acknowledged, others not.
      await waitFor(storedCount, (n) => n >= N / 5, 30_000);
      first.child.kill('SIGKILL');
      await first.exited;
      expect(await storedCount()).toBeLessThan(N);

      // The same worker id resumes the same sessions: the broker sends again what was never acknowledged.
      const second = await startHubProcess(hubArgs, {}, dir);
      stops.push(() => second.child.kill('SIGKILL'));
      await waitFor(storedCount, (n) => n >= N, 30_000);
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      await new Promise<void>((r) => db.close(() => r()));
    }

    const repo = await HubRepository.open({ dataDir: dir, now: Date.now });
    try {
      const stored = await repo.queries.storedMsgIds('gw-crash:');
      expect(stored).toHaveLength(N);
      // Roll-ups counted each window once: one cell per message, so N windows in all.
      const windows = await repo.db.all<{ n: number }>(
        "SELECT SUM(windows) AS n FROM heatmap_rollup WHERE store_id = 's1' AND period = 'day'",
      );
      expect(Number(windows[0]?.n)).toBe(N);
    } finally {
      await repo.close();
    }
  }, 90_000);
});
