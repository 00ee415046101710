// Composes the hub's long-lived components and starts them in order, stopping them in reverse.
import type net from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { EmbeddedBroker } from './broker/embedded-broker.js';
import type { HubConfig } from './config.js';
import { FleetState } from './fleet/fleet-state.js';
import { createApp } from './http/app.js';
import { listenOnFreePort } from './http/listen.js';
import { IngestCounters } from './ingest/ingest-counters.js';
import { StatusListener } from './ingest/status-listener.js';
import type { Logger } from './logger.js';
import { HUB_VERSION } from './version.js';

interface Component {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class Hub {
  readonly fleet = new FleetState();
  readonly counters = new IngestCounters();
  #started: Component[] = [];
  #brokerUrl = '';
  #httpUrl = '';

  constructor(
    private readonly config: HubConfig,
    private readonly logger: Logger,
  ) {}

  /** Where gateways and tools reach the MQTT broker. */
  get brokerUrl(): string {
    return this.#brokerUrl;
  }

  get httpUrl(): string {
    return this.#httpUrl;
  }

  async start(): Promise<void> {
    const { config, logger } = this;
    try {
      if (config.mqtt.url) {
        this.#brokerUrl = config.mqtt.url;
      } else {
        const broker = new EmbeddedBroker({ ...config.mqtt, logger: logger.child({ module: 'hub.broker' }) });
        await this.#startComponent(broker);
        this.#brokerUrl = broker.url;
      }
      const statusLog = logger.child({ module: 'hub.fleet' });
      await this.#startComponent(
        new StatusListener({
          brokerUrl: this.#brokerUrl,
          ...(config.mqtt.username !== undefined && { username: config.mqtt.username }),
          ...(config.mqtt.password !== undefined && { password: config.mqtt.password }),
          fleet: this.fleet,
          counters: this.counters,
          logger: statusLog,
          onChange: (g) =>
            statusLog.info(
              {
                storeId: g.storeId,
                gatewayId: g.gatewayId,
                state: g.state,
                version: g.version,
                reason: g.reason,
              },
              `gateway ${g.storeId}/${g.gatewayId} is ${g.state}`,
            ),
        }),
      );
      await this.#startComponent(this.#httpComponent());
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
        this.logger.error({ err }, 'error while stopping a component');
      }
    }
  }

  async #startComponent(c: Component): Promise<void> {
    await c.start();
    this.#started.push(c);
  }

  #httpComponent(): Component {
    const { http } = this.config;
    const log = this.logger.child({ module: 'hub.http' });
    const app = createApp({ fleet: this.fleet, counters: this.counters, logger: log, version: HUB_VERSION });
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
        const s = server;
        server = undefined;
        if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
      },
    };
  }
}
