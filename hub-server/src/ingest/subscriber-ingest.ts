// Ingest from an external broker (Mosquitto, a cluster): a persistent MQTT session that acknowledges
// each message only after the pipeline committed it, so the broker redelivers whatever a crashed or
// restarted worker had not stored. Several workers share one subscription ($share/hub/…) and split the stream.
import { topicFilters } from '@retail/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../logger.js';
import type { IngestSink } from './ingest-pipeline.js';

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
    // mqtt.js sends the PUBACK when handleMessage calls back (on MQTT 3.1.1 and 5 alike), so the
    // broker keeps a message until it is committed here. mqtt.js handles one message at a time, so
    // this path commits per message; more workers in the share group add throughput.
    client.handleMessage = (packet, callback) => {
      if (packet.cmd !== 'publish' || packet.payload.length === 0) return callback();
      const topic = packet.topic;
      o.pipeline.submit({ topic, payload: packet.payload as Buffer, receivedAt: o.now() }).then(
        () => callback(),
        (err: Error) => {
          o.logger.error({ err: err.message, topic }, 'not stored; reconnecting so the broker redelivers');
          client.end(true, () => client.reconnect());
        },
      );
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
