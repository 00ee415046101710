// The whole gateway process through a 30 s broker outage: `edge-agent run` with the demo layout and
// 10 s windows reaches the broker through a proxy the test cuts. Windows keep closing into the
// durable outbox meanwhile; after the broker comes back every message arrives, each seq once after
// de-duplication, and the hub saw the gateway go offline (last will) and come back online.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { decodeMessage, parseMsgId } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy } from './tcp-proxy.js';
import { startTestBroker, type TestBroker } from './test-broker.js';

const OUTAGE_MS = 30_000;
const bin = fileURLToPath(new URL('../bin/edge-agent.js', import.meta.url));
const demoLayout = fileURLToPath(
  new URL('../../fixtures/stores/demo-supermarket/layout.json', import.meta.url),
);

describe('edge-agent process across a 30 s broker outage', () => {
  let broker: TestBroker;
  let hub: mqtt.MqttClient;
  let dir = '';
  let child: ChildProcess | undefined;
  const seqs: number[] = [];
  const states: string[] = [];
  const storeId = 'demo-supermarket';
  const gatewayId = `gw-outage-${process.pid}`;

  beforeAll(async () => {
    broker = await startTestBroker();
    dir = await mkdtemp(path.join(tmpdir(), 'edge-outage-'));
    hub = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    hub.on('message', (topic, payload) => {
      if (payload.length === 0) return;
      const d = decodeMessage(topic, payload);
      if (!d.ok) return;
      if (d.kind === 'status') states.push(d.message.state);
      else seqs.push(parseMsgId(d.message.msgId)!.seq);
    });
    await hub.subscribeAsync(`retail/v1/${storeId}/${gatewayId}/+`, { qos: 1 });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await hub.publishAsync(`retail/v1/${storeId}/${gatewayId}/status`, '', { retain: true, qos: 1 });
    await hub.endAsync();
    await broker.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('queues windows durably while cut off and delivers each exactly once after', {
    timeout: OUTAGE_MS + 90_000,
  }, async () => {
    const proxy = await startProxy(broker.url);
    // The demo store, with this test's gateway added to it.
    const layout = JSON.parse(await readFile(demoLayout, 'utf8'));
    layout.gateways.push({ id: gatewayId, name: 'Outage test gateway' });
    const layoutFile = path.join(dir, 'layout.json');
    await writeFile(layoutFile, JSON.stringify(layout));
    const config = path.join(dir, 'gateway.json');
    await writeFile(
      config,
      JSON.stringify({
        storeId,
        gatewayId,
        mqtt: { url: proxy.url },
        layoutFile,
        dataDir: path.join(dir, 'data'),
        settings: { windowSeconds: 10 },
      }),
    );
    child = spawn(process.execPath, [bin, 'run', '--config', config], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    try {
      await waitFor(
        () => states,
        (s) => s.includes('online'),
        20_000,
      );
      await waitFor(
        () => seqs.length,
        (n) => n > 0,
        30_000,
      ); // the first window arrived
      proxy.cut();
      await waitFor(
        () => states,
        (s) => s.includes('offline'),
        20_000,
      ); // the broker sent the will
      const before = new Set(seqs).size;
      // The scenario itself: the broker is out of reach for 30 s while windows keep closing.
      await delay(OUTAGE_MS);
      expect(new Set(seqs).size).toBe(before);
      proxy.restore();
      await waitFor(
        () => states.at(-1),
        (s) => s === 'online',
        30_000,
      );
      // At least the three windows closed during the outage, plus the one open at restore.
      await waitFor(
        () => new Set(seqs).size,
        (n) => n >= before + 3 * 4,
        40_000,
      );
      const unique = [...new Set(seqs)].sort((a, b) => a - b);
      // Contiguous: nothing lost between the first and the last seq received.
      expect(unique.at(-1)! - unique[0]! + 1).toBe(unique.length);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
      await proxy.close();
    }
  });
});
