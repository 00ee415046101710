// ESPresense-compatible room scanners as a reception source: subscribes `<prefix>/devices/+/+` on an MQTT
// broker (3.1.1) and turns each report into a reception (room → anchor). Reading is in espresense-message.ts;
// this adapter only connects, counts and logs — never a device id, a MAC or a payload.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../../logger.js';
import type { ClassifyBeacon } from '../advertising/index.js';
import {
  newReceptionCounters,
  type Reception,
  type ReceptionCounters,
  type ReceptionSource,
} from '../ble-types.js';
import {
  type EspresenseRejectReason,
  espresenseTopicFilter,
  readEspresenseMessage,
} from './espresense-message.js';
import { createIssueLog, type IssueLog } from './issue-log.js';
import { createReceptionGate } from './reception-gate.js';

export interface EspresenseSourceOptions {
  /** Broker URL, e.g. `mqtt://127.0.0.1:1883`. */
  url: string;
  /** Topic prefix ESPresense publishes under; `espresense` by default. */
  prefix?: string;
  /** Room name (the last topic level) → anchor id; unlisted rooms are anchors by their own name. */
  rooms?: Readonly<Record<string, string>>;
  classify: ClassifyBeacon;
  /** Arrival clock for payloads without a timestamp; `Date.now` by default. */
  now?: () => number;
  logger?: Logger;
  /** Extra client options (clientId, username, password, TLS files…); protocol 3.1.1 is fixed. */
  mqtt?: Omit<IClientOptions, 'protocolVersion'>;
  /** How long `start()` waits for the first connection; 10 s by default. */
  connectTimeoutMs?: number;
}

export type EspresenseMalformedCounts = Record<EspresenseRejectReason, number>;

export class EspresenseSource implements ReceptionSource {
  readonly name: string;
  readonly counters: ReceptionCounters = newReceptionCounters();
  /** `counters.malformed` broken down by reason. */
  readonly malformedByReason: EspresenseMalformedCounts = {
    oversized: 0,
    'bad-topic': 0,
    'not-json': 0,
    'not-an-object': 0,
    'rssi-missing': 0,
    'rssi-out-of-range': 0,
    'bad-timestamp': 0,
    'id-mismatch': 0,
  };
  readonly #o: EspresenseSourceOptions;
  readonly #prefix: string;
  readonly #issues: IssueLog;
  readonly #logger: Logger | undefined;
  #client: MqttClient | undefined;

  constructor(options: EspresenseSourceOptions) {
    const prefix = options.prefix ?? 'espresense';
    if (!prefix || /[#+]/.test(prefix) || prefix.startsWith('/') || prefix.endsWith('/')) {
      throw new RangeError(
        `ESPresense: bad topic prefix "${prefix}" (no wildcards, no leading or trailing "/")`,
      );
    }
    this.#o = options;
    this.#prefix = prefix;
    this.name = `espresense ${redactUrl(options.url)} ${prefix}`;
    this.#logger = options.logger?.child({ module: 'edge.ble.espresense' });
    this.#issues = createIssueLog(this.#logger);
  }

  /** Connects and subscribes; rejects (and gives up) when the broker cannot be reached within the timeout. */
  async start(onReception: (r: Reception) => void): Promise<void> {
    if (this.#client) throw new Error(`${this.name}: already started`);
    const gate = createReceptionGate(this.#o.classify, this.counters, onReception);
    let client: MqttClient;
    try {
      client = mqtt.connect(this.#o.url, {
        reconnectPeriod: 2000,
        connectTimeout: 5000,
        ...this.#o.mqtt,
        protocolVersion: 4,
      });
    } catch (err) {
      throw new Error(`ESPresense: bad broker URL ${redactUrl(this.#o.url)}: ${(err as Error).message}`);
    }
    this.#client = client;
    client.on('error', (err) => this.#logger?.warn({ err: err.message }, 'MQTT error'));
    client.on('offline', () => this.#logger?.warn('broker unreachable; will reconnect'));
    client.on('message', (topic, payload) => this.#onMessage(topic, payload, gate));
    try {
      await firstConnection(client, this.#o.connectTimeoutMs ?? 10_000);
      await client.subscribeAsync(espresenseTopicFilter(this.#prefix), { qos: 0 });
    } catch (err) {
      this.#client = undefined;
      await client.endAsync(true).catch(() => {});
      throw new Error(`ESPresense: cannot subscribe at ${redactUrl(this.#o.url)}: ${(err as Error).message}`);
    }
    this.#logger?.info({ filter: espresenseTopicFilter(this.#prefix) }, 'listening for ESPresense reports');
  }

  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.endAsync().catch(() => {});
  }

  #onMessage(topic: string, payload: Buffer, gate: ReturnType<typeof createReceptionGate>): void {
    const rooms = this.#o.rooms;
    const outcome = readEspresenseMessage(topic, payload, {
      prefix: this.#prefix,
      classify: this.#o.classify,
      anchorOfRoom: (room) => (rooms && Object.hasOwn(rooms, room) ? (rooms[room] ?? room) : room),
      arrivalTs: (this.#o.now ?? Date.now)(),
    });
    if (outcome.kind === 'reception') gate.offer(outcome.reception);
    else if (outcome.kind === 'stranger') this.counters.strangers += 1;
    else {
      this.counters.malformed += 1;
      this.malformedByReason[outcome.reason] += 1;
      // The reason and detail name no device; the topic would, so it stays out.
      this.#issues.warn({ reason: outcome.reason }, `ESPresense report dropped: ${outcome.detail}`);
    }
  }
}

function firstConnection(client: MqttClient, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError = 'no answer';
    const onError = (err: Error) => {
      lastError = err.message;
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no connection within ${timeoutMs} ms (${lastError})`));
    }, timeoutMs);
    const onConnect = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.off('error', onError);
    };
    client.on('connect', onConnect);
    client.on('error', onError);
  });
}

/** The URL without credentials, for names and logs. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}
