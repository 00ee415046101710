// Composes the gateway: durable sequence numbers, the MQTT session, and the running configuration,
// which the hub may replace at any time through the retained `config` topic.
import path from 'node:path';
import type { CmdMessage, ConfigMessage, GatewaySettings, StoreLayout } from '@retail/contracts';
import type { EdgeConfig } from './config.js';
import { reviewConfig } from './core/config-review.js';
import type { Logger } from './logger.js';
import { GatewaySession } from './mqtt/gateway-session.js';
import { AppliedConfigStore } from './storage/applied-config-store.js';
import { SequenceStore } from './storage/sequence-store.js';
import { AGENT_VERSION } from './version.js';

export interface AgentOptions {
  config: EdgeConfig;
  layout?: StoreLayout;
  logger: Logger;
  now?: () => number;
}

export class EdgeAgent {
  readonly #now: () => number;
  readonly #sequence: SequenceStore;
  readonly #appliedConfig: AppliedConfigStore;
  readonly #session: GatewaySession;
  readonly #startedAt: number;
  #settings: GatewaySettings;
  #layout: StoreLayout | undefined;
  #configVersion = 0;
  readonly counters = { configsApplied: 0, configsRejected: 0, messagesRejected: 0 };

  constructor(private readonly o: AgentOptions) {
    this.#now = o.now ?? Date.now;
    this.#startedAt = this.#now();
    this.#settings = o.config.settings;
    this.#layout = o.layout;
    const { storeId, gatewayId, dataDir } = o.config;
    const stateFile = (name: string) => path.join(dataDir, `${storeId}.${gatewayId}.${name}`);
    this.#sequence = new SequenceStore({ file: stateFile('sequence') });
    this.#appliedConfig = new AppliedConfigStore(stateFile('config.json'));
    this.#session = new GatewaySession({
      storeId,
      gatewayId,
      mqtt: o.config.mqtt,
      version: AGENT_VERSION,
      startedAt: this.#startedAt,
      sequence: this.#sequence,
      logger: o.logger.child({ module: 'edge.session' }),
      now: this.#now,
      describe: () => ({
        configVersion: this.#configVersion,
        ...(this.#layout && { layoutVersion: this.#layout.layoutVersion }),
      }),
      onConfig: (c) => this.#onConfig(c),
      onCommand: (c) => this.#onCommand(c),
      onRejected: () => {
        this.counters.messagesRejected++;
      },
    });
  }

  get settings(): GatewaySettings {
    return this.#settings;
  }

  get configVersion(): number {
    return this.#configVersion;
  }

  get connected(): boolean {
    return this.#session.connected;
  }

  async start(): Promise<void> {
    const saved = await this.#appliedConfig.load();
    if (saved) this.#adopt(saved);
    await this.#sequence.start();
    await this.#session.start();
  }

  async stop(): Promise<void> {
    await this.#session.stop();
    await this.#sequence.stop();
  }

  async #onConfig(config: ConfigMessage): Promise<void> {
    const log = this.o.logger.child({ module: 'edge.config' });
    const verdict = reviewConfig(
      {
        storeId: this.o.config.storeId,
        gatewayId: this.o.config.gatewayId,
        configVersion: this.#configVersion,
      },
      config,
    );
    if (verdict.action === 'ignore') return;
    if (verdict.action === 'reject') {
      this.counters.configsRejected++;
      log.warn(
        { configVersion: config.configVersion, reason: verdict.reason },
        'config rejected; keeping the running one',
      );
      await this.#session.publishStatus({
        state: 'online',
        reason: `config ${config.configVersion} rejected: ${verdict.reason}`,
      });
      return;
    }
    await this.#appliedConfig.save(config);
    this.#adopt(config);
    this.counters.configsApplied++;
    log.info({ configVersion: config.configVersion }, 'config applied');
    await this.#session.publishStatus({ state: 'online' });
  }

  #adopt(config: ConfigMessage): void {
    this.#settings = config.settings;
    if (config.layout) this.#layout = config.layout;
    this.#configVersion = config.configVersion;
  }

  async #onCommand(
    cmd: CmdMessage,
  ): Promise<{ ok: boolean; detail?: string; data?: Record<string, number | string | boolean> }> {
    switch (cmd.command.name) {
      case 'ping':
        return { ok: true, detail: 'pong' };
      case 'diagnostics':
        return {
          ok: true,
          data: {
            version: AGENT_VERSION,
            uptimeS: Math.round((this.#now() - this.#startedAt) / 1000),
            configVersion: this.#configVersion,
            layoutVersion: this.#layout?.layoutVersion ?? 0,
            configsApplied: this.counters.configsApplied,
            configsRejected: this.counters.configsRejected,
            messagesRejected: this.counters.messagesRejected,
          },
        };
      default:
        return {
          ok: false,
          detail: `command "${cmd.command.name}" is not supported by agent ${AGENT_VERSION}`,
        };
    }
  }
}
