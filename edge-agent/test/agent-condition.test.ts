// A gateway whose camera is down says so: the window's metrics report the camera offline and the
// retained status turns `degraded`, naming it, so the Fleet page counts the gateway as degraded.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@retail/contracts/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { EdgeAgent } from '../src/agent.js';
import { edgeConfigSchema } from '../src/config.js';
import { cameraSourceConfigSchema, createFrameSource } from '../src/vision/sources/index.js';
import { cleanupsAfterAll, demoLayoutAs, watchGateway } from './gateway-watch.js';
import { startTestBroker } from './test-broker.js';

describe('edge agent condition', () => {
  const cleanups = cleanupsAfterAll();

  it('turns its status degraded, naming the camera, while a camera is down', async () => {
    const broker = await startTestBroker();
    cleanups.push(() => broker.stop());
    const layout = await demoLayoutAs('cond');
    const dir = await mkdtemp(path.join(tmpdir(), 'edge-cond-'));
    const watch = await watchGateway(broker.url, layout.storeId, 'gw-front');
    cleanups.push(() => watch.stop());
    const { received } = watch;

    const config = edgeConfigSchema.parse({
      storeId: layout.storeId,
      gatewayId: 'gw-front',
      mqtt: { url: broker.url },
      dataDir: path.join(dir, 'state'),
      settings: { windowSeconds: 10 },
    });
    // A clock that stands 8.5 s into a 10 s window: the first window closes (2 s grace) within seconds.
    const offset = Math.floor(Date.now() / 10_000) * 10_000 + 8_500 - Date.now();
    const now = () => Date.now() + offset;
    const logger = pino({ level: 'silent' });
    // Nothing answers at the entrance camera's address: the camera is down (and retried). Its detector
    // is built only once a frame arrives, so none is loaded here.
    const deadCamera = cameraSourceConfigSchema.parse({ type: 'mjpeg', url: 'http://127.0.0.1:9/stream' });
    const agent = new EdgeAgent({
      config,
      layout,
      logger,
      now,
      baseDir: dir,
      sourceFor: (camera) =>
        camera.id === 'cam-entrance' ? createFrameSource(deadCamera, { now, logger }) : undefined,
    });
    await agent.start();
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await agent.stop();
    });
    const degraded = await waitFor(
      () => received.find((d) => d.kind === 'status' && d.message.state === 'degraded'),
      (d) => d !== undefined,
      15_000,
    );
    expect(degraded.kind === 'status' && degraded.message.reason).toBe('camera cam-entrance is down');
    // The window that said so reports the camera offline (its metrics go through the outbox, the status
    // straight out, so either may arrive first).
    const metrics = await waitFor(
      () => received.find((d) => d.kind === 'metrics'),
      (d) => d !== undefined,
    );
    expect(metrics.kind === 'metrics' && metrics.message.cameras).toMatchObject([
      { cameraId: 'cam-entrance', online: false },
    ]);

    // Stopping closes a last window after the cameras stopped: it neither clears nor restates the
    // condition, and the last word is `offline`.
    await agent.stop();
    stopped = true;
    const states = () => received.flatMap((d) => (d.kind === 'status' ? [d.message.state] : []));
    await waitFor(states, (s) => s.at(-1) === 'offline');
    expect(states().slice(states().indexOf('degraded'))).toEqual(['degraded', 'offline']);
  }, 30_000);
});
