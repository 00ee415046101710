// Subscribes to every gateway's `status` topic and keeps the fleet view current.
// Bad messages are counted and logged with the reason; they never stop the listener.
import { decodeMessage, topicFilters } from '@retail/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import type { FleetState, GatewayView } from '../fleet/fleet-state.js';
import type { Logger } from '../logger.js';
import type { IngestCounters } from './ingest-counters.js';

export interface StatusListenerOptions {
  brokerUrl: string;
  username?: string;
  password?: string;
  fleet: FleetState;
  counters: IngestCounters;
  logger: Logger;
  /** Called when a gateway's visible state changes. */
  onChange?: (gateway: GatewayView) => void;
  now?: () => number;
}

export class StatusListener {
  #client: MqttClient | undefined;

  constructor(private readonly options: StatusListenerOptions) {}

  async start(): Promise<void> {
    const { brokerUrl, username, password, logger } = this.options;
    const client = await mqtt.connectAsync(brokerUrl, {
      clientId: `hub-status-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 2000,
      ...(username !== undefined && { username }),
      ...(password !== undefined && { password }),
    });
    this.#client = client;
    client.on('message', (topic, payload) => this.#handle(topic, payload));
    client.on('error', (err) => logger.warn({ err: err.message }, 'MQTT client error'));
    client.on('reconnect', () => logger.info('reconnecting to MQTT broker'));
    await client.subscribeAsync(topicFilters.allOfKind('status'), { qos: 1 });
    logger.info({ brokerUrl }, 'listening for gateway status');
  }

  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.endAsync();
  }

  #handle(topic: string, payload: Buffer): void {
    const { fleet, counters, logger, onChange } = this.options;
    const decoded = decodeMessage(topic, payload);
    if (!decoded.ok) {
      counters.countRejected(decoded.code);
      logger.warn({ topic, code: decoded.code, reason: decoded.reason }, 'rejected message');
      return;
    }
    counters.countReceived(decoded.kind);
    if (decoded.kind !== 'status') return;
    const now = this.options.now?.() ?? Date.now();
    if (fleet.apply(decoded.message, now)) {
      const view = fleet.get(decoded.message.storeId, decoded.message.gatewayId);
      if (view) onChange?.(view);
    }
  }
}
