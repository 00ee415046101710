// Test kit for agent tests on a real broker: the demo store's layout under a store id of the test's own
// (so tests sharing one broker, as on Mosquitto in CI, never see each other's messages), a subscriber
// that decodes everything a gateway publishes, and cleanups run after the tests.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type DecodedMessage, decodeMessage, type StoreLayout, storeLayoutSchema } from '@retail/contracts';
import mqtt from 'mqtt';
import { afterAll } from 'vitest';

const demoLayoutFile = fileURLToPath(
  new URL('../../fixtures/stores/demo-supermarket/layout.json', import.meta.url),
);

/** The demo store's layout, as store `<prefix>-<time>`. */
export async function demoLayoutAs(prefix: string): Promise<StoreLayout> {
  const base = storeLayoutSchema.parse(JSON.parse(await readFile(demoLayoutFile, 'utf8')));
  return { ...base, storeId: `${prefix}-${Date.now().toString(36)}` };
}

export interface GatewayWatch {
  /** Every message the gateway published that decodes, in arrival order. */
  received: DecodedMessage[];
  stop(): Promise<void>;
}

/** Subscribes to all the gateway publishes; `onPayload` sees every raw payload (leak checks). */
export async function watchGateway(
  url: string,
  storeId: string,
  gatewayId: string,
  onPayload?: (payload: Buffer) => void,
): Promise<GatewayWatch> {
  const received: DecodedMessage[] = [];
  const sub = await mqtt.connectAsync(url, { protocolVersion: 4 });
  sub.on('message', (topic, payload) => {
    const d = decodeMessage(topic, payload);
    if (d.ok) received.push(d);
    onPayload?.(payload);
  });
  await sub.subscribeAsync(`retail/v1/${storeId}/${gatewayId}/+`, { qos: 1 });
  return { received, stop: () => sub.endAsync() };
}

/** Call inside a describe: what is pushed runs after its tests, the last pushed first. */
export function cleanupsAfterAll(): { push(cleanup: () => unknown): void } {
  const cleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  return { push: (cleanup) => void cleanups.push(cleanup) };
}
