// The gateway's MQTT session: stable client id, retained birth `status` and an `offline` last will,
// subscription to its own `config` and `cmd`, and validated publishing. MQTT 3.1.1 (aedes and Mosquitto).
import { readFileSync } from 'node:fs';
import {
  type CmdMessage,
  type ConfigMessage,
  decodeMessage,
  encodeMessage,
  formatMsgId,
  type GatewayKind,
  gatewayTopic,
  type MessageInputOf,
  type StatusMessage,
  topicFilters,
} from '@retail/contracts';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { EdgeConfig } from '../config.js';
import { type GatewayCondition, HEALTHY, withCondition } from '../gateway-condition.js';
import type { Logger } from '../logger.js';
import type { SequenceStore } from '../storage/sequence-store.js';

type StatusFields = Pick<StatusMessage, 'state'> &
  Partial<Pick<StatusMessage, 'reason' | 'layoutVersion' | 'configVersion'>>;

export interface GatewaySessionOptions {
  storeId: string;
  gatewayId: string;
  mqtt: EdgeConfig['mqtt'];
  version: string;
  startedAt: number;
  sequence: SequenceStore;
  logger: Logger;
  now: () => number;
  /** What the gateway currently runs with, for its status messages. */
  describe: () => Pick<StatusMessage, 'layoutVersion' | 'configVersion'>;
  /** Whether the gateway is fully working, as of its latest metrics window; online when absent. */
  condition?: () => GatewayCondition;
  onConfig: (config: ConfigMessage) => Promise<void>;
  onCommand: (
    cmd: CmdMessage,
  ) => Promise<{ ok: boolean; detail?: string; data?: Record<string, number | string | boolean> }>;
  /** A config or command that failed validation; the session answers it, this only lets the agent count it. */
  onRejected?: (kind: string, reason: string) => void;
}

export class GatewaySession {
  #client: MqttClient | undefined;
  readonly #connectedListeners = new Set<() => void>();

  constructor(private readonly o: GatewaySessionOptions) {}

  get connected(): boolean {
    return this.#client?.connected ?? false;
  }

  /** Starts connecting and returns at once: a gateway that boots while the broker is down keeps working and queueing. */
  async start(): Promise<void> {
    const { o } = this;
    const client = mqtt.connect(o.mqtt.url, await this.#clientOptions());
    this.#client = client;
    client.on('connect', () => void this.#onConnect());
    client.on('message', (topic, payload) => void this.#onMessage(topic, payload));
    client.on('error', (err) => o.logger.warn({ err: err.message }, 'MQTT error'));
    client.on('offline', () => o.logger.warn('broker unreachable; will reconnect'));
  }

  /** Called after each (re)connection, once the birth status is out; returns an unsubscribe function. */
  onConnected(listener: () => void): () => void {
    this.#connectedListeners.add(listener);
    return () => this.#connectedListeners.delete(listener);
  }

  /** Validates an outgoing message against its contract and returns its topic and payload. */
  encode<K extends GatewayKind>(kind: K, message: MessageInputOf<K>): { topic: string; payload: string } {
    const enc = encodeMessage(kind, message);
    if (!enc.ok)
      throw new Error(
        `refusing to publish an invalid ${kind}: ${enc.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    return { topic: gatewayTopic(this.o.storeId, this.o.gatewayId, kind), payload: enc.payload };
  }

  /** QoS 1; resolves on PUBACK. For payloads already validated by `encode` (the outbox's). */
  async publishRaw(topic: string, payload: string): Promise<void> {
    const client = this.#client;
    if (!client?.connected) throw new Error('not connected');
    await client.publishAsync(topic, payload, { qos: 1 });
  }

  /** Publishes a clean `offline` status (the will is for unclean ends) and disconnects. */
  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    if (client.connected) {
      try {
        await this.publishStatus({ state: 'offline', reason: 'stopped' }, client);
      } catch (err) {
        this.o.logger.warn({ err: (err as Error).message }, 'could not publish offline status');
      }
    }
    await client.endAsync();
  }

  /** An `online` status goes out `degraded` while the gateway's condition says so (see gateway-condition.ts). */
  async publishStatus(fields: StatusFields, client = this.#client): Promise<void> {
    const message = await this.#status(withCondition(fields, this.o.condition?.() ?? HEALTHY));
    await this.publish('status', message, { retain: true }, client);
  }

  /** Validates against the contract before anything leaves the gateway. */
  async publish<K extends GatewayKind>(
    kind: K,
    message: MessageInputOf<K>,
    opts: { retain?: boolean } = {},
    client = this.#client,
  ): Promise<void> {
    const { topic, payload } = this.encode(kind, message);
    if (!client) throw new Error('not connected');
    await client.publishAsync(topic, payload, { qos: 1, retain: opts.retain ?? false });
  }

  async nextMsgId(): Promise<string> {
    return formatMsgId(this.o.gatewayId, await this.o.sequence.next());
  }

  async #status(fields: StatusFields): Promise<MessageInputOf<'status'>> {
    const { o } = this;
    return {
      v: 1,
      msgId: await this.nextMsgId(),
      storeId: o.storeId,
      gatewayId: o.gatewayId,
      ts: o.now(),
      version: o.version,
      startedAt: o.startedAt,
      ...o.describe(),
      ...fields,
    };
  }

  async #will(): Promise<NonNullable<IClientOptions['will']>> {
    const enc = encodeMessage('status', await this.#status({ state: 'offline', reason: 'connection lost' }));
    if (!enc.ok) throw new Error('invalid last-will status');
    return {
      topic: gatewayTopic(this.o.storeId, this.o.gatewayId, 'status'),
      payload: Buffer.from(enc.payload),
      qos: 1,
      retain: true,
    };
  }

  async #clientOptions(): Promise<IClientOptions> {
    const { mqtt: m, storeId, gatewayId } = this.o;
    return {
      clientId: m.clientId ?? `edge-${storeId}-${gatewayId}`,
      protocolVersion: 4,
      clean: false,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
      will: await this.#will(),
      ...(m.username !== undefined && { username: m.username }),
      ...(m.password !== undefined && { password: m.password }),
      ...(m.tls?.cert !== undefined && { cert: readFileSync(m.tls.cert) }),
      ...(m.tls?.key !== undefined && { key: readFileSync(m.tls.key) }),
      ...(m.tls?.ca !== undefined && { ca: readFileSync(m.tls.ca) }),
    };
  }

  async #onConnect(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const log = this.o.logger;
    try {
      // The next unclean end needs a will with a fresh msgId, or the hub would drop it as a duplicate.
      client.options.will = await this.#will();
      await client.subscribeAsync(topicFilters.gatewayInbox(this.o.storeId, this.o.gatewayId), { qos: 1 });
      await this.publishStatus({ state: 'online' });
      log.info({ url: this.o.mqtt.url }, 'connected to broker');
      for (const listener of this.#connectedListeners) listener();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'could not complete the connect handshake');
    }
  }

  async #onMessage(topic: string, payload: Buffer): Promise<void> {
    const { o } = this;
    const decoded = decodeMessage(topic, payload);
    try {
      if (!decoded.ok) {
        o.onRejected?.('message', decoded.reason);
        o.logger.warn({ topic, code: decoded.code, reason: decoded.reason }, 'rejected message');
        if (topic.endsWith('/config'))
          await this.publishStatus({ state: 'online', reason: `config rejected: ${decoded.reason}` });
        return;
      }
      if (decoded.kind === 'config') await o.onConfig(decoded.message);
      else if (decoded.kind === 'cmd') await this.#answer(decoded.message);
    } catch (err) {
      o.logger.error({ err: (err as Error).message, topic }, 'failed to handle message');
    }
  }

  async #answer(cmd: CmdMessage): Promise<void> {
    const { o } = this;
    const expired = cmd.expiresAt !== undefined && cmd.expiresAt < o.now();
    const outcome = expired ? { ok: false, detail: 'command expired' } : await o.onCommand(cmd);
    await this.publish('reply', {
      v: 1,
      msgId: await this.nextMsgId(),
      storeId: o.storeId,
      gatewayId: o.gatewayId,
      ts: o.now(),
      inReplyTo: cmd.msgId,
      ...outcome,
    });
  }
}
