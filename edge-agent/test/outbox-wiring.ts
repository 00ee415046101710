// Test support: the MQTT side of a gateway's output path, as GatewaySession provides it in the agent
// (stable client id, persistent session, QoS 1 publish resolving on PUBACK), wired to an outbox.
// Shared by the in-process outbox tests and the kill -9 child (which imports it from dist/test/).
import mqtt, { type MqttClient } from 'mqtt';
import { type Outbox, OutboxPublisher } from '../src/outbox/index.js';

export function connectOutbox(o: { url: string; storeId: string; gatewayId: string; outbox: Outbox }): {
  client: MqttClient;
  publisher: OutboxPublisher;
} {
  const client = mqtt.connect(o.url, {
    clientId: `edge-${o.storeId}-${o.gatewayId}`,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 250,
    connectTimeout: 2000,
  });
  client.on('error', () => {});
  const publisher = new OutboxPublisher({
    outbox: o.outbox,
    publish: async (topic, payload) => {
      await client.publishAsync(topic, payload, { qos: 1 });
    },
    isConnected: () => client.connected,
    onConnected: (listener) => {
      client.on('connect', listener);
      return () => client.off('connect', listener);
    },
    now: Date.now,
    random: Math.random,
  });
  publisher.start();
  return { client, publisher };
}
