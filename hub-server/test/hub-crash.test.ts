// kill -9 during ingest: every message a gateway saw acknowledged is stored, each exactly once,
// and the gateway's unacknowledged messages arrive after the restart.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatMsgId } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { HubRepository } from '../src/storage/repository.js';
import { type HubProcess, hubCli, startHubProcess } from './hub-process.js';

const N = 1500;

describe('hub killed with -9 during ingest', () => {
  const started: HubProcess[] = [];
  afterAll(() => {
    for (const h of started) if (h.child.exitCode === null) h.child.kill('SIGKILL');
  });

  it('stores every accepted message exactly once after a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-crash-'));
    const pgSchema = `crash_${randomBytes(4).toString('hex')}`;
    const env: NodeJS.ProcessEnv = process.env.DATABASE_URL
      ? { HUB_DATABASE_URL: process.env.DATABASE_URL, HUB_DATABASE_SCHEMA: pgSchema }
      : {};
    const credsFile = path.join(dataDir, 'gw.json');
    hubCli(
      [
        'provision',
        'gateway',
        '--store',
        's1',
        '--gateway',
        'gw-crash',
        '--data-dir',
        dataDir,
        '--out',
        credsFile,
      ],
      env,
    );
    const creds = JSON.parse(await readFile(credsFile, 'utf8')) as { username: string; password: string };

    const first = await startHubProcess(['--port', '0', '--mqtt-port', '0'], env, dataDir);
    started.push(first);
    const port = new URL(first.brokerUrl).port;
    const gw = await mqtt.connectAsync(first.brokerUrl, {
      ...creds,
      protocolVersion: 4,
      reconnectPeriod: 100,
      clean: true,
    });

    const acked = new Set<string>();
    const sends = Array.from({ length: N }, (_, i) => {
      const msgId = formatMsgId('gw-crash', i);
      const payload = JSON.stringify({
        v: 1,
        msgId,
        storeId: 's1',
        gatewayId: 'gw-crash',
        windowStart: 1_800_000_000_000 + i * 60_000,
        windowEnd: 1_800_000_060_000 + i * 60_000,
        layoutVersion: 1,
        cellSize: 0.5,
        k: 5,
        cells: [{ col: i % 80, row: 3, shoppers: 5, dwellSeconds: 12 }],
        suppressedCells: 0,
      });
      return gw
        .publishAsync('retail/v1/s1/gw-crash/heatmap', payload, { qos: 1 })
        .then(() => acked.add(msgId));
    });

    // Kill the hub while it is ingesting: some messages acknowledged, others in flight.
    await waitFor(
      () => acked.size,
      (n) => n >= N / 5,
      30_000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const ackedAtCrash = new Set(acked);
    expect(ackedAtCrash.size).toBeLessThan(N);

    const second = await startHubProcess(['--port', '0', '--mqtt-port', port], env, dataDir);
    started.push(second);
    await Promise.all(sends); // the client resends what was never acknowledged
    await gw.endAsync();
    second.child.kill('SIGTERM');
    await second.exited;

    const repo = await HubRepository.open({
      dataDir,
      now: Date.now,
      ...(process.env.DATABASE_URL && { databaseUrl: process.env.DATABASE_URL, schema: pgSchema }),
    });
    try {
      const stored = await repo.queries.storedMsgIds('gw-crash:');
      expect(new Set(stored).size).toBe(stored.length);
      expect(stored.length).toBe(N);
      for (const id of ackedAtCrash) expect(stored).toContain(id);
      // Roll-ups counted each window once: one cell per message, so N windows in all.
      const windows = await repo.db.all<{ n: number }>(
        "SELECT SUM(windows) AS n FROM heatmap_rollup WHERE store_id = 's1' AND period = 'day'",
      );
      expect(Number(windows[0]?.n)).toBe(N);
      if (repo.db.dialect === 'postgres') await repo.db.exec(`DROP SCHEMA ${pgSchema} CASCADE`);
    } finally {
      await repo.close();
    }
  }, 90_000);
});
