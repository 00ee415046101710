// Ingest from an external broker (Mosquitto, a cluster): a persistent MQTT session that acknowledges
// each message only after the pipeline committed it, so the broker redelivers whatever a crashed or
// restarted worker had not stored. Several workers share one subscription ($share/hub/…) and split the stream.
import { topicFilters } from '@retail/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../logger.js';
import { deferSubscriberAcks } from './deferred-subscriber-acks.js';
import type { IngestSink } from './ingest-pipeline.js';

/** The MQTT client ids of a hub worker's `sessions` ingest sessions: stable, so the broker keeps
 * each session (and what it has not acknowledged) across restarts. */
export function ingestClientIds(workerId: string, sessions: number): string[] {
  return Array.from({ length: sessions }, (_, i) => `hub-ingest-${workerId}-${i}`);
}

export interface SubscriberIngestOptions {
  brokerUrl: string;
  username?: string;
  password?: string;
  /** Stable per worker, so the broker keeps its session (and unacknowledged messages) across restarts. */
  clientId: string;
  /** Share the subscription with other workers of this group; a plain subscription when absent. */
  shareGroup?: string;
  pipeline: IngestSink;
  logger: Logger;
  now: () => number;
}

export class SubscriberIngest {
  #client: MqttClient | undefined;

  constructor(private readonly o: SubscriberIngestOptions) {}

  async start(): Promise<void> {
    const { o } = this;
    const client = mqtt.connect(o.brokerUrl, {
      clientId: o.clientId,
      protocolVersion: 4,
      clean: false,
      reconnectPeriod: 1000,
      ...(o.username !== undefined && { username: o.username }),
      ...(o.password !== undefined && { password: o.password }),
    });
    // The broker keeps a message until its PUBACK, which is sent only after the commit
    // (deferred-subscriber-acks.ts); meanwhile the session reads on, so a batch gathers from it.
    let reconnecting = false;
    const acks = deferSubscriberAcks(client, (err) => {
      if (reconnecting) return;
      reconnecting = true;
      o.logger.error({ err: err.message }, 'not stored; reconnecting so the broker redelivers');
      // Not forced: the PUBACKs of what was stored before it are written out first.
      client.end(false, () => {
        reconnecting = false;
        client.reconnect();
      });
    });
    client.handleMessage = (packet, callback) => {
      if (packet.cmd !== 'publish' || packet.payload.length === 0) return callback();
      const committed = o.pipeline.submit({
        topic: packet.topic,
        payload: packet.payload as Buffer,
        receivedAt: o.now(),
      });
      if (packet.qos > 0 && packet.messageId !== undefined) acks.hold(packet.messageId, committed);
      else committed.catch((err: Error) => o.logger.error({ err: err.message }, 'QoS 0 message not stored'));
      callback();
    };
    this.#client = client;
    client.on('error', (err) => o.logger.warn({ err: err.message }, 'MQTT ingest client error'));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    const filter = o.shareGroup
      ? topicFilters.shared(o.shareGroup, topicFilters.everything)
      : topicFilters.everything;
    await client.subscribeAsync(filter, { qos: 1 });
    o.logger.info({ brokerUrl: o.brokerUrl, filter, clientId: o.clientId }, 'ingesting from external broker');
  }

  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.endAsync();
  }
}
