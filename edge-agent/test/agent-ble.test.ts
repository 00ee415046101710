// The gateway's radio half in the real agent: a recorded RSSI log (replay source) of a staff tag, an app
// phone and a stranger's phone, heard by the layout's scanners. The agent positions what it keeps,
// reports its scanners in `metrics`, and publishes nothing of the stranger; a broken calibration walk is
// reported and the gateway keeps running without BLE.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRssiCsv, storeLayoutSchema } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { EdgeAgent } from '../src/agent.js';
import { edgeConfigSchema } from '../src/config.js';
import { cleanupsAfterAll, demoLayoutAs, watchGateway } from './gateway-watch.js';
import { startTestBroker } from './test-broker.js';

const layoutFile = fileURLToPath(
  new URL('../../fixtures/stores/demo-supermarket/layout.json', import.meta.url),
);
const STRANGER = 'mac:3c:22:fb:01:02:03';
const APP_ID = 'eid:0123456789abcdef';

describe('edge agent BLE', () => {
  const cleanups = cleanupsAfterAll();

  it('keeps staff tags and app ids, drops strangers, and reports its scanners', async () => {
    const broker = await startTestBroker();
    cleanups.push(() => broker.stop());
    const layout = await demoLayoutAs('ble');
    const dir = await mkdtemp(path.join(tmpdir(), 'edge-ble-'));
    // The clock stands 40 s into a minute window; the log covers the 30 s before it.
    const offset = Math.floor(Date.now() / 60_000) * 60_000 + 40_000 - Date.now();
    const now = () => Date.now() + offset;
    const t0 = now() - 30_000;
    const samples = [];
    for (let s = 0; s < 30; s++)
      for (const scanner of layout.scanners) {
        const d = Math.hypot(scanner.position.x - 10, scanner.position.y - 15, scanner.position.z - 1.2);
        const rssi = scanner.calibration.rssiAt1m - 10 * scanner.calibration.pathLossExponent * Math.log10(d);
        for (const beacon of ['staff-0001', APP_ID, STRANGER])
          samples.push({ ts: t0 + s * 1000, anchor: scanner.id, beacon, rssi: Math.round(rssi) });
      }
    await writeFile(path.join(dir, 'rssi.csv'), [...formatRssiCsv(samples)].join(''));

    const watch = await watchGateway(broker.url, layout.storeId, 'gw-front', (payload) =>
      expect(payload.toString()).not.toContain('3c:22:fb'),
    );
    cleanups.push(() => watch.stop());
    const { received } = watch;

    const config = edgeConfigSchema.parse({
      storeId: layout.storeId,
      gatewayId: 'gw-front',
      mqtt: { url: broker.url },
      dataDir: path.join(dir, 'state'),
      vision: { enabled: false },
      ble: { sources: [{ kind: 'replay', file: 'rssi.csv' }] },
    });
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
    const agent = new EdgeAgent({ config, layout, logger, now, baseDir: dir });
    await agent.start();
    await waitFor(
      () => lines.some((l) => l.includes('BLE positioning started')),
      (ok) => ok,
    );
    await new Promise((r) => setTimeout(r, 200)); // the replay runs as fast as it reads
    await agent.stop();
    await waitFor(
      () => received.find((d) => d.kind === 'metrics'),
      (m) => m !== undefined,
    );
    const metrics = received.find((d) => d.kind === 'metrics');
    const scanners = metrics?.kind === 'metrics' ? metrics.message.scanners : [];
    expect(scanners.map((s) => s.scannerId).sort()).toEqual(['ble-05', 'ble-06', 'ble-07', 'ble-08']);
    for (const s of scanners) {
      expect(s.online).toBe(true);
      expect(s.advertisementsPerS).toBeGreaterThan(0);
    }
    const stopped = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'BLE stopped');
    // 30 s × 8 scanners for each of the two kept beacons; the stranger's 240 only counted.
    expect(stopped.sources[0]).toMatchObject({ delivered: 480, strangers: 240, malformed: 0 });
    expect(stopped.positioner.receptions).toBe(480);
    expect(lines.join('\n')).not.toContain('3c:22:fb');
  }, 30_000);

  it('reports a broken calibration walk and keeps the gateway running without BLE', async () => {
    const broker = await startTestBroker();
    cleanups.push(() => broker.stop());
    const layout = storeLayoutSchema.parse(JSON.parse(await readFile(layoutFile, 'utf8')));
    const dir = await mkdtemp(path.join(tmpdir(), 'edge-ble-bad-'));
    await writeFile(
      path.join(dir, 'walk.csv'),
      'ts,anchor,beacon,rssi\n1,ble-01,cal,-60\n2,ble-01,cal,loud\n',
    );
    await writeFile(path.join(dir, 'truth.csv'), 'ts,beacon,x,y\n1,cal,1,1\n');
    const config = edgeConfigSchema.parse({
      storeId: layout.storeId,
      gatewayId: 'gw-back',
      mqtt: { url: broker.url },
      dataDir: path.join(dir, 'state'),
      vision: { enabled: false },
      ble: {
        sources: [{ kind: 'replay', file: 'missing.csv' }],
        calibration: { rssi: 'walk.csv', truth: 'truth.csv' },
      },
    });
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
    const agent = new EdgeAgent({ config, layout, logger, baseDir: dir });
    await agent.start();
    const error = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'BLE could not start');
    expect(error?.err).toMatch(/walk\.csv: line 3.*rssi/);
    await waitFor(
      () => agent.connected,
      (c) => c,
    );
    await agent.stop();
  }, 30_000);
});
