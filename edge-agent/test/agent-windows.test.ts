// Observations → window → contract-valid, k-anonymous messages in the durable outbox → broker.
// The agent is stopped mid-window (the open window is closed into the outbox, not lost) and
// started again, and the backlog arrives.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DecodedMessage, decodeMessage, storeLayoutSchema } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { EdgeAgent } from '../src/agent.js';
import { edgeConfigSchema } from '../src/config.js';
import { cleanupsAfterAll } from './gateway-watch.js';
import { startTestBroker } from './test-broker.js';

const layoutFile = fileURLToPath(
  new URL('../../fixtures/stores/demo-supermarket/layout.json', import.meta.url),
);

describe('edge agent windows', () => {
  const cleanups = cleanupsAfterAll();

  it('turns observations into k-anonymous window messages that survive a restart', async () => {
    const broker = await startTestBroker();
    cleanups.push(() => broker.stop());
    const layout = storeLayoutSchema.parse(JSON.parse(await readFile(layoutFile, 'utf8')));
    const gatewayId = `gw-win-${Date.now().toString(36)}`;
    const withGateway = {
      ...layout,
      gateways: [...layout.gateways, { id: gatewayId, name: 'Test gateway' }],
    };
    const config = edgeConfigSchema.parse({
      storeId: layout.storeId,
      gatewayId,
      mqtt: { url: broker.url },
      dataDir: await mkdtemp(path.join(tmpdir(), 'edge-win-')),
      settings: { windowSeconds: 60, kAnonymity: 5 },
    });

    const received: DecodedMessage[] = [];
    const sub = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    cleanups.push(() => sub.endAsync());
    sub.on('message', (topic, payload) => {
      const d = decodeMessage(topic, payload);
      if (!d.ok) throw new Error(`invalid message from the agent: ${d.reason}`);
      received.push(d);
    });
    await sub.subscribeAsync(`retail/v1/${layout.storeId}/${gatewayId}/+`, { qos: 1 });

    const logger = pino({ level: 'silent' });
    // A clock that stands 30 s into a minute window, so the observations below (20 s back to 4 s
    // back) all fall into the open window whatever second of the minute the test starts at.
    const offset = Math.floor(Date.now() / 60_000) * 60_000 + 30_000 - Date.now();
    const now = () => Date.now() + offset;
    const first = new EdgeAgent({ config, layout: withGateway, logger, now });
    await first.start();
    // Eight shoppers walk down the produce aisle together (x 2 m, y 8 → 16 m), one alone elsewhere.
    const t0 = now() - 20_000;
    for (let step = 0; step <= 16; step++) {
      for (let s = 0; s < 8; s++)
        first.observe({ trackId: `t${s}`, ts: t0 + step * 1000, x: 2.1 + (s % 2) * 0.1, y: 8 + step * 0.5 });
      first.observe({ trackId: 'loner', ts: t0 + step * 1000, x: 30.2, y: 3.2 });
    }
    await first.stop(); // closes the open window into the outbox; may or may not have sent it yet

    const second = new EdgeAgent({ config, layout: withGateway, logger, now });
    await second.start();
    cleanups.push(() => second.stop());
    const kinds = () => new Set(received.map((d) => d.kind));
    await waitFor(kinds, (k) => k.has('heatmap') && k.has('zones') && k.has('counts') && k.has('metrics'));

    const heatmaps = received.flatMap((d) => (d.kind === 'heatmap' ? [d.message] : []));
    const cells = heatmaps.flatMap((h) => h.cells);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.shoppers).toBeGreaterThanOrEqual(5);
    // The loner never shows up alone: the only shopper in that part of the store is suppressed.
    expect(heatmaps.some((h) => h.suppressedCells > 0)).toBe(true);
    const metrics = received.find((d) => d.kind === 'metrics');
    expect(metrics?.message).toMatchObject({ cameras: [], scanners: [] });
    // Sequence numbers never repeat across the restart.
    const ids = received.map((d) => d.message.msgId);
    expect(new Set(ids).size).toBe(ids.length);
  }, 30_000);
});
