// The hub against a real broker: its embedded aedes on a free port, or Mosquitto when MQTT_URL is set.
import net from 'node:net';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBroker } from '../src/broker/embedded-broker.js';
import { hubConfigSchema } from '../src/config.js';
import { Hub } from '../src/hub.js';

const logger = pino({ level: 'silent' });
// A store id of its own, so retained messages from other runs on a shared broker cannot interfere.
const storeId = `test-${process.pid}-${Date.now().toString(36)}`;

describe('hub with a real broker', () => {
  let hub: Hub;
  let client: mqtt.MqttClient;

  beforeAll(async () => {
    const external = process.env.MQTT_URL;
    const config = hubConfigSchema.parse({
      http: { host: '127.0.0.1', port: 0 },
      mqtt: external ? { url: external } : { host: '127.0.0.1', port: 0 },
    });
    hub = new Hub(config, logger);
    await hub.start();
    client = await mqtt.connectAsync(hub.brokerUrl, { protocolVersion: 4 });
  });

  afterAll(async () => {
    // Clear the retained statuses this test left on a shared broker.
    for (const gw of ['gw-1'])
      await client.publishAsync(`retail/v1/${storeId}/${gw}/status`, '', { retain: true, qos: 1 });
    await client.endAsync();
    await hub.stop();
  });

  const gateways = async () => {
    const res = await fetch(`${hub.httpUrl}/api/v1/gateways?storeId=${storeId}`);
    return (await res.json()) as { gateways: { gatewayId: string; state: string }[] };
  };

  it('shows a gateway online from its retained status, and offline from its will', async () => {
    const status = (seq: number, state: string) =>
      JSON.stringify({
        v: 1,
        msgId: `gw-1:${seq}`,
        storeId,
        gatewayId: 'gw-1',
        ts: Date.now(),
        state,
        version: '0.1.0',
      });
    await client.publishAsync(`retail/v1/${storeId}/gw-1/status`, status(1, 'online'), {
      qos: 1,
      retain: true,
    });
    const online = await waitFor(gateways, (b) => b.gateways[0]?.state === 'online');
    expect(online.gateways).toHaveLength(1);
    await client.publishAsync(`retail/v1/${storeId}/gw-1/status`, status(2, 'offline'), {
      qos: 1,
      retain: true,
    });
    await waitFor(gateways, (b) => b.gateways[0]?.state === 'offline');
  });

  it('counts malformed and mismatched messages and keeps running', async () => {
    const rejected = async () => {
      const text = await (await fetch(`${hub.httpUrl}/metrics`)).text();
      const count = (reason: string) => Number(new RegExp(`reason="${reason}"} (\\d+)`).exec(text)?.[1] ?? 0);
      return { badJson: count('bad-json'), mismatch: count('topic-mismatch') };
    };
    await client.publishAsync(`retail/v1/${storeId}/gw-2/status`, '{not json', { qos: 1 });
    const spoof = {
      v: 1,
      msgId: 'gw-9:1',
      storeId,
      gatewayId: 'gw-9',
      ts: 1,
      state: 'online',
      version: '0.1.0',
    };
    await client.publishAsync(`retail/v1/${storeId}/gw-2/status`, JSON.stringify(spoof), { qos: 1 });
    const counts = await waitFor(rejected, (c) => c.badJson >= 1 && c.mismatch >= 1);
    expect(counts.badJson).toBeGreaterThanOrEqual(1);
    expect((await gateways()).gateways.map((g) => g.gatewayId)).not.toContain('gw-9');
    expect((await fetch(`${hub.httpUrl}/healthz`)).status).toBe(200);
  });
});

describe('embedded broker', () => {
  it('says the port is taken and falls back to a free one', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    const broker = new EmbeddedBroker({
      host: '127.0.0.1',
      port: taken,
      fallbackToFreePort: true,
      logger: log,
    });
    try {
      await broker.start();
      expect(broker.port).not.toBe(taken);
      expect(warnings.join('')).toContain(`MQTT port ${taken} is already in use`);
      const c = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
      await c.endAsync();
    } finally {
      await broker.stop();
    }
    const strict = new EmbeddedBroker({
      host: '127.0.0.1',
      port: taken,
      fallbackToFreePort: false,
      logger: log,
    });
    await expect(strict.start()).rejects.toThrow(`MQTT port ${taken}`);
    await strict.stop();
    blocker.close();
  });
});
