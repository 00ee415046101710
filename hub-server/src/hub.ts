// Composes the hub's long-lived components, starts them in order and stops them in reverse:
// storage → ingest (worker thread or here, with roll-ups) → broker (embedded) or broker subscription (external) →
// HTTP API → upkeep.
import { randomBytes } from 'node:crypto';
import type net from 'node:net';
import path from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import type { StatusMessage } from '@retail/contracts';
import { attachBrokerGuard, HUB_USERNAME } from './broker/broker-guard.js';
import { EmbeddedBroker } from './broker/embedded-broker.js';
import type { HubConfig } from './config.js';
import { publishDesiredVersion } from './fleet/desired-version.js';
import { MqttGatewayCommands } from './fleet/gateway-commands.js';
import type { AnalyticsService } from './http/analytics-port.js';
import { createApp } from './http/app.js';
import { type DemoLogin, ensureDemoLogins } from './http/demo-logins.js';
import { listenOnFreePort } from './http/listen.js';
import { LiveBus, liveEventsOf } from './http/live-feed.js';
import { MqttGatewayControl } from './http/mqtt-gateway-control.js';
import { IngestCounters } from './ingest/ingest-counters.js';
import { IngestPipeline, type IngestSink } from './ingest/ingest-pipeline.js';
import { liveAfterRollups } from './ingest/live-after-rollups.js';
import { RollupLoop, rollupPauseMs } from './ingest/rollup-loop.js';
import { ingestClientIds, SubscriberIngest } from './ingest/subscriber-ingest.js';
import { ThreadedIngest } from './ingest/threaded-ingest.js';
import type { Logger } from './logger.js';
import { loadHubKey } from './privacy/hub-key.js';
import { createPseudonymizer, type Pseudonymize } from './privacy/pseudonym.js';
import { BrokerSessions } from './provisioning/broker-sessions.js';
import { brokerUrlFor } from './provisioning/gateway-urls.js';
import { HubRepository } from './storage/repository.js';
import { HUB_VERSION } from './version.js';

interface Component {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface HubOptions {
  config: HubConfig;
  logger: Logger;
  now?: () => number;
  /** PostgreSQL schema to use (tests); the URL's default otherwise. */
  databaseSchema?: string;
  /** The hub key; read from HUB_KEY or the data directory when absent. */
  hubKey?: Buffer;
  /** Analytics behind the API (rules, recommendations, scenarios…); those routes answer 503 without. */
  /** The analytics behind the API, built over the hub's repository and on the hub's clock. */
  analytics?: (repo: HubRepository, now: () => number) => AnalyticsService;
}

export class Hub {
  readonly counters = new IngestCounters();
  /** Password of the hub's own MQTT clients on the embedded broker, new every run. */
  readonly hubMqttPassword = randomBytes(18).toString('base64url');
  /** Ingest publishes stored windows here; the dashboard's live streams read it. */
  readonly live = new LiveBus();
  readonly #now: () => number;
  #started: Component[] = [];
  #repo: HubRepository | undefined;
  #pseudonymize: Pseudonymize | undefined;
  #hubKey: Buffer | undefined;
  #sink: IngestSink | undefined;
  #brokerUrl = '';
  #httpUrl = '';
  /** Live gateway sessions on the embedded broker, so revoking credentials closes them. */
  readonly #sessions = new BrokerSessions();

  constructor(private readonly o: HubOptions) {
    this.#now = o.now ?? Date.now;
  }

  get brokerUrl(): string {
    return this.#brokerUrl;
  }

  /**
   * The client ids of this hub's ingest sessions on an external broker (none on its own broker).
   * mqtt.js acknowledges one message at a time per connection, and the PUBACK waits for the commit;
   * several sessions in the share group let one commit cover many messages. Without a share group,
   * a second session would receive every message again, so there is one.
   */
  get ingestClientIds(): string[] {
    const { mqtt, workerId } = this.o.config;
    if (!mqtt.url) return [];
    return ingestClientIds(workerId, mqtt.shareGroup ? mqtt.ingestConnections : 1);
  }

  get httpUrl(): string {
    return this.#httpUrl;
  }

  get repo(): HubRepository {
    if (!this.#repo) throw new Error('the hub is not started');
    return this.#repo;
  }

  get pseudonymize(): Pseudonymize {
    if (!this.#pseudonymize) throw new Error('the hub is not started');
    return this.#pseudonymize;
  }

  async start(): Promise<void> {
    const { config } = this.o;
    try {
      const hubKey =
        this.o.hubKey ?? (await loadHubKey({ envValue: process.env.HUB_KEY, dataDir: config.dataDir }));
      this.#hubKey = hubKey;
      this.#pseudonymize = createPseudonymizer(hubKey);
      await this.#startComponent(this.#storage());
      await this.#startComponent(
        config.ingest.thread === 'worker' ? this.#ingestWorker() : this.#ingestHere(),
      );
      await this.#startComponent(this.#ingest());
      await this.#startComponent(this.#http());
      await this.#startComponent(this.#upkeep());
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    const started = this.#started.reverse();
    this.#started = [];
    for (const c of started) {
      try {
        await c.stop();
      } catch (err) {
        this.o.logger.error({ err }, 'error while stopping a component');
      }
    }
  }

  async #startComponent(c: Component): Promise<void> {
    await c.start();
    this.#started.push(c);
  }

  #storage(): Component {
    const { config, logger } = this.o;
    return {
      start: async () => {
        const options = {
          dataDir: config.dataDir,
          now: this.#now,
          ...(config.database.url !== undefined && { databaseUrl: config.database.url }),
          ...((this.o.databaseSchema ?? config.database.schema) !== undefined && {
            schema: this.o.databaseSchema ?? config.database.schema,
          }),
        };
        this.#repo = await HubRepository.open(options);
        logger
          .child({ module: 'hub.storage' })
          .info({ database: HubRepository.describe(options) }, 'storage ready');
      },
      stop: async () => {
        await this.#repo?.close();
        this.#repo = undefined;
      },
    };
  }

  /** Makes sure the demo accounts exist with fresh passwords, and returns them for printing. */
  ensureDemoUsers(): Promise<DemoLogin[]> {
    return ensureDemoLogins(this.repo, this.#now());
  }

  /** Everything stored so far is in the hour/day roll-ups (tests, benchmarks, shutdown). */
  async drainIngest(): Promise<void> {
    await this.#sink?.drain();
  }

  #logStatuses(statuses: readonly StatusMessage[]): void {
    const fleetLog = this.o.logger.child({ module: 'hub.fleet' });
    for (const s of statuses)
      fleetLog.info(
        { storeId: s.storeId, gatewayId: s.gatewayId, state: s.state, version: s.version, reason: s.reason },
        `gateway ${s.storeId}/${s.gatewayId} is ${s.state}`,
      );
  }

  /** Decoding, writes and roll-ups in a worker thread, with its own database connection. */
  #ingestWorker(): Component {
    const { config } = this.o;
    const schema = this.o.databaseSchema ?? config.database.schema;
    const sink = new ThreadedIngest({
      data: {
        dataDir: config.dataDir,
        hubKey: new Uint8Array(this.#hubKey!),
        logLevel: config.logLevel,
        ...(config.database.url !== undefined && { databaseUrl: config.database.url }),
        ...(schema !== undefined && { schema }),
      },
      counters: this.counters,
      logger: this.o.logger.child({ module: 'hub.ingest' }),
      onStatus: (statuses) => this.#logStatuses(statuses),
      onStored: (events) => this.live.publish(...events),
    });
    this.#sink = sink;
    return sink;
  }

  /** Decoding, writes and roll-ups on the main thread. */
  #ingestHere(): Component {
    const { logger } = this.o;
    const loop = new RollupLoop({
      rollUp: (limit) => this.repo.rollups.rollUpPending(limit),
      logger: logger.child({ module: 'hub.rollups' }),
      pauseMs: rollupPauseMs,
    });
    const live = liveAfterRollups(loop, (events) => this.live.publish(...events));
    const pipeline = new IngestPipeline({
      repo: this.repo,
      pseudonymize: this.pseudonymize,
      counters: this.counters,
      logger: logger.child({ module: 'hub.ingest' }),
      now: this.#now,
      onStored: (messages) => {
        void this.repo.rollups.accumulate(messages).then(
          () => loop.nudge(),
          (err: Error) =>
            logger.warn({ err: err.message }, 'roll-up sums not kept in memory; the queue has them'),
        );
        this.#logStatuses(messages.flatMap((m) => (m.kind === 'status' ? [m.message] : [])));
        live.announce(liveEventsOf(messages));
      },
    });
    this.#sink = {
      submit: (s) => pipeline.submit(s),
      drain: async () => {
        await pipeline.drain();
        await loop.drain();
      },
    };
    return {
      start: () => loop.start(),
      stop: async () => {
        await pipeline.drain();
        await loop.stop();
        live.flush();
      },
    };
  }

  /** Where messages come from: the embedded broker, or a subscription on an external one. */
  #ingest(): Component {
    const { config, logger } = this.o;
    const pipeline = this.#sink!;
    if (config.mqtt.url) {
      const url = config.mqtt.url;
      this.#brokerUrl = url;
      const subscribers = this.ingestClientIds.map(
        (clientId) =>
          new SubscriberIngest({
            brokerUrl: url,
            clientId,
            ...(config.mqtt.shareGroup && { shareGroup: config.mqtt.shareGroup }),
            ...(config.mqtt.username !== undefined && { username: config.mqtt.username }),
            ...(config.mqtt.password !== undefined && { password: config.mqtt.password }),
            pipeline,
            logger: logger.child({ module: 'hub.ingest' }),
            now: this.#now,
          }),
      );
      return {
        start: async () => {
          await Promise.all(subscribers.map((s) => s.start()));
        },
        stop: async () => {
          await Promise.all(subscribers.map((s) => s.stop()));
        },
      };
    }
    const broker = new EmbeddedBroker({
      host: config.mqtt.host,
      port: config.mqtt.port,
      fallbackToFreePort: config.mqtt.fallbackToFreePort,
      logger: logger.child({ module: 'hub.broker' }),
      configure: (aedes) => {
        attachBrokerGuard(aedes, {
          lookupHash: async (storeId, principal) =>
            (await this.repo.registry.get(storeId, principal))?.passwordHash,
          hubPassword: this.hubMqttPassword,
          pipeline,
          counters: this.counters,
          logger: logger.child({ module: 'hub.broker' }),
          now: this.#now,
        });
        this.#sessions.attach(aedes);
      },
    });
    return {
      start: async () => {
        await broker.start();
        this.#brokerUrl = broker.url;
      },
      stop: () => broker.stop(),
    };
  }

  #http(): Component {
    const { http } = this.o.config;
    const log = this.o.logger.child({ module: 'hub.http' });
    const controlOptions = {
      brokerUrl: () => this.#brokerUrl,
      username: this.o.config.mqtt.url ? this.o.config.mqtt.username : HUB_USERNAME,
      password: this.o.config.mqtt.url ? this.o.config.mqtt.password : this.hubMqttPassword,
    };
    const bundlesDir = path.join(this.o.config.dataDir, 'bundles');
    const app = createApp({
      repo: this.repo,
      counters: this.counters,
      pseudonymize: this.pseudonymize,
      logger: log,
      version: HUB_VERSION,
      now: this.#now,
      ...(http.posToken !== undefined && { posToken: http.posToken }),
      auth: { secureCookie: http.secureCookie, trustedOrigins: http.trustedOrigins },
      live: this.live,
      gatewayControl: new MqttGatewayControl(controlOptions),
      provisioning: {
        gatewayMqttUrl: (req) => brokerUrlFor(this.#brokerUrl || 'mqtt://localhost:1883', req),
        ...(!this.o.config.mqtt.url && { disconnect: (s, g) => this.#sessions.disconnect(s, g) }),
      },
      bundlesDir,
      desiredVersion: (target, version) =>
        publishDesiredVersion(
          {
            commands: new MqttGatewayCommands(controlOptions),
            bundlesDir,
            publicUrl: this.o.config.http.publicUrl ?? this.#httpUrl,
            listGateways: async (storeId) =>
              (await this.repo.registry.list(storeId)).filter((g) => g.passwordHash).map((g) => g.gatewayId),
            now: this.#now,
          },
          target,
          version,
        ),
      ...(this.o.analytics && { analytics: this.o.analytics(this.repo, this.#now) }),
    });
    let server: ServerType | undefined;
    return {
      start: async () => {
        const port = await listenOnFreePort({
          host: http.host,
          port: http.port,
          attempts: http.fallbackToFreePort ? 20 : 1,
          listen: (p) => {
            server = serve({ fetch: app.fetch, hostname: http.host, port: p });
            return server as net.Server;
          },
        });
        const host = http.host === '0.0.0.0' || http.host === '::' ? 'localhost' : http.host;
        this.#httpUrl = `http://${host}:${port}`;
        if (port !== http.port && http.port !== 0)
          log.warn({ wanted: http.port, port }, 'HTTP port in use; using the next free one');
        log.info({ url: this.#httpUrl }, 'HTTP API listening');
      },
      stop: async () => {
        this.live.close(); // ends open live streams, which would otherwise hold the server open
        const s = server;
        server = undefined;
        if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
      },
    };
  }

  /** Retention, hourly: raw windows and roll-ups past their keep-time are deleted. */
  #upkeep(): Component {
    const log = this.o.logger.child({ module: 'hub.retention' });
    let timer: NodeJS.Timeout | undefined;
    const run = async () => {
      try {
        const deleted = await this.repo.maintenance.applyRetention(this.o.config.retention, this.#now());
        const total = Object.values(deleted).reduce((a, b) => a + b, 0);
        if (total > 0) log.info({ deleted }, 'retention applied');
      } catch (err) {
        log.error({ err: (err as Error).message }, 'retention failed');
      }
    };
    return {
      start: async () => {
        timer = setInterval(() => void run(), 3_600_000);
        timer.unref();
      },
      stop: async () => {
        clearInterval(timer);
      },
    };
  }
}
