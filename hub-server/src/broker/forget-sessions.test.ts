// Against a real broker: the embedded aedes always, Mosquitto when MQTT_URL is set.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetSessions } from './forget-sessions.js';
import { listenPlainAedes } from './plain-aedes.js';

/** Whether the broker still holds a session for this client id (CONNACK's session-present flag). */
async function sessionPresent(url: string, clientId: string): Promise<boolean> {
  const client = mqtt.connect(url, { clientId, clean: false, protocolVersion: 4, reconnectPeriod: 0 });
  const present = await new Promise<boolean>((resolve, reject) => {
    client.once('connect', (connack) => resolve(connack.sessionPresent));
    client.once('error', reject);
  });
  await client.endAsync();
  return present;
}

const brokers = [
  { name: 'embedded aedes', url: undefined as string | undefined },
  ...(process.env.MQTT_URL ? [{ name: 'MQTT_URL', url: process.env.MQTT_URL }] : []),
];

describe.each(brokers)('forgetSessions on $name', ({ url: external }) => {
  let url: string;
  let close = async () => {};
  beforeAll(async () => {
    if (external) url = external;
    else ({ url, close } = await listenPlainAedes());
  });
  afterAll(() => close());

  it('ends persistent sessions and their subscriptions, leaving other sessions alone', async () => {
    const ids = [`forget-${Date.now().toString(36)}-a`, `forget-${Date.now().toString(36)}-b`];
    const other = `keep-${Date.now().toString(36)}`;
    for (const clientId of [...ids, other]) {
      const c = await mqtt.connectAsync(url, {
        clientId,
        clean: false,
        protocolVersion: 4,
        reconnectPeriod: 0,
      });
      await c.subscribeAsync('retail/v1/forget-test/#', { qos: 1 });
      await c.endAsync();
    }
    expect(await sessionPresent(url, ids[0]!)).toBe(true);

    await forgetSessions(url, ids);

    for (const clientId of ids) expect(await sessionPresent(url, clientId)).toBe(false);
    expect(await sessionPresent(url, other)).toBe(true);
    await forgetSessions(url, [...ids, other]);
  });
});
