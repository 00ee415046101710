// Composes the gateway and owns its lifecycle: durable sequence numbers and accepted config, the
// durable outbox and its publisher, the MQTT session, the window loop that turns observations into
// privacy-safe messages, and the sensors feeding it (gateway-sensors.ts). Started in that order,
// stopped in reverse.
import path from 'node:path';
import {
  type CmdMessage,
  type ConfigMessage,
  formatMsgId,
  type GatewaySettings,
  type StoreLayout,
} from '@retail/contracts';
import type { BleServiceOptions } from './ble/ble-service.js';
import type { EdgeConfig } from './config.js';
import type { TrackObservation } from './core/aggregation/index.js';
import { reviewConfig } from './core/config-review.js';
import type { UpdateManager } from './fleet/update/index.js';
import { type GatewayCondition, gatewayCondition, HEALTHY, sameCondition } from './gateway-condition.js';
import { GatewaySensors } from './gateway-sensors.js';
import type { Logger } from './logger.js';
import { GatewaySession } from './mqtt/gateway-session.js';
import { Outbox, OutboxPublisher } from './outbox/index.js';
import { AppliedConfigStore } from './storage/applied-config-store.js';
import { SequenceStore } from './storage/sequence-store.js';
import { readCpuTemperature } from './system/cpu-temperature.js';
import { cryptoRandom } from './system/crypto-random.js';
import { AGENT_VERSION } from './version.js';
import type { VisionServiceOptions } from './vision/vision-service.js';
import { type WindowKind, WindowLoop } from './windows/window-loop.js';

export interface AgentOptions {
  config: EdgeConfig;
  layout?: StoreLayout;
  logger: Logger;
  now?: () => number;
  /** `now` ms per real ms when `now` is an accelerated clock (the emulator); timers shrink by it. Default 1. */
  timeScale?: number;
  /** How long after a window ends late observations still count, in `now` ms (2000; 60 000 with BLE). */
  windowGraceMs?: number;
  /** Sources made by the caller for some cameras (the emulator's simulated cameras); see VisionService. */
  sourceFor?: VisionServiceOptions['sourceFor'];
  /** BLE reception sources made by the caller instead of the config's (the emulator's simulated radio). */
  receptionSources?: BleServiceOptions['sources'];
  /** Relative paths in the config (camera folders, models) resolve from here: the config file's folder. */
  baseDir?: string;
  /** Signed A/B updates, when the update launcher runs the agent (`UpdateManager.fromEnv`). */
  updates?: UpdateManager;
  /** An update was installed: the process should stop cleanly so the launcher starts the new version. */
  onRestartRequested?: () => void;
}

/** How long after its end a window stays open when BLE runs (see the linking evaluation's staff figures). */
const BLE_WINDOW_GRACE_MS = 60_000;

type CommandOutcome = { ok: boolean; detail?: string; data?: Record<string, number | string | boolean> };

export class EdgeAgent {
  readonly #now: () => number;
  readonly #sequence: SequenceStore;
  readonly #appliedConfig: AppliedConfigStore;
  readonly #outbox: Outbox;
  readonly #publisher: OutboxPublisher;
  readonly #session: GatewaySession;
  readonly #windows: WindowLoop;
  readonly #startedAt: number;
  #settings: GatewaySettings;
  #layout: StoreLayout | undefined;
  readonly #sensors: GatewaySensors;
  #configVersion = 0;
  #lastSent = { bytes: 0, dropped: 0 };
  /** As of the latest metrics window; every `online` status goes out with it (see gateway-condition.ts). */
  #condition: GatewayCondition = HEALTHY;
  /** Set by stop(): the last window's metrics come after the cameras stopped and say nothing of them. */
  #stopping = false;
  readonly counters = {
    configsApplied: 0,
    configsRejected: 0,
    messagesRejected: 0,
    windowsQueued: 0,
    invalidOutput: 0,
  };

  constructor(private readonly o: AgentOptions) {
    this.#now = o.now ?? Date.now;
    this.#startedAt = this.#now();
    this.#settings = o.config.settings;
    this.#layout = o.layout;
    const { storeId, gatewayId, dataDir } = o.config;
    const stateFile = (name: string) => path.join(dataDir, `${storeId}.${gatewayId}.${name}`);
    this.#sequence = new SequenceStore({ file: stateFile('sequence') });
    this.#appliedConfig = new AppliedConfigStore(stateFile('config.json'));
    this.#outbox = new Outbox({
      dir: stateFile('outbox'),
      config: o.config.outbox,
      now: this.#now,
      logger: o.logger.child({ module: 'edge.outbox' }),
    });
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
      condition: () => this.#condition,
      onConfig: (c) => this.#onConfig(c),
      onCommand: (c) => this.#onCommand(c),
      onRejected: () => {
        this.counters.messagesRejected++;
      },
    });
    this.#publisher = new OutboxPublisher({
      outbox: this.#outbox,
      publish: (topic, payload) => this.#session.publishRaw(topic, payload),
      isConnected: () => this.#session.connected,
      onConnected: (listener) => this.#session.onConnected(listener),
      now: this.#now,
      random: Math.random, // jitter only
      logger: o.logger.child({ module: 'edge.publisher' }),
    });
    this.#sensors = new GatewaySensors({
      config: o.config,
      baseDir: o.baseDir ?? process.cwd(),
      now: this.#now,
      ...(o.timeScale !== undefined && { timeScale: o.timeScale }),
      ...(o.sourceFor && { sourceFor: o.sourceFor }),
      ...(o.receptionSources && { receptionSources: o.receptionSources }),
      logger: o.logger,
      observe: (obs) => this.#windows.observe(obs),
      endTrack: (trackId, ts) => this.#windows.endTrack(trackId, ts),
    });
    this.#windows = new WindowLoop({
      now: this.#now,
      ...(o.timeScale !== undefined && { timeScale: o.timeScale }),
      graceMs: Math.max(
        o.windowGraceMs ?? 2000,
        // Fusion recognises a staff tag's track some seconds after it appears; the aggregator purges
        // the track from windows not yet closed, so with BLE windows wait that long before closing.
        o.config.ble.sources.length > 0 || o.receptionSources ? BLE_WINDOW_GRACE_MS : 0,
      ),
      random: cryptoRandom,
      // Fusion's word on a track when its window closes (ids linked, staff flagged within the grace).
      identityOf: (trackId) => this.#sensors.identityOf(trackId),
      closeNotBefore: () => this.#sensors.warmUntil,
      logger: o.logger.child({ module: 'edge.windows' }),
      emit: (kind, body) => this.#enqueue(kind, body),
      metrics: () => this.#metrics(),
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

  /** Where camera and BLE pipelines deliver fused floor positions. */
  observe(obs: TrackObservation): void {
    this.#windows.observe(obs);
  }

  async start(): Promise<void> {
    this.#stopping = false;
    const saved = await this.#appliedConfig.load();
    if (saved) this.#adopt(saved);
    await this.#sequence.start();
    await this.#outbox.open();
    // Acks are keyed by seq: never hand out a number the outbox already holds.
    await this.#sequence.ensureAbove(this.#outbox.highestSeq);
    // A new version proves itself healthy by reaching the broker; until then the launcher may roll it back.
    const updates = this.o.updates;
    if (updates)
      this.#session.onConnected(() => {
        updates.confirmHealthy().catch((err) => {
          this.o.logger.error({ err: (err as Error).message }, 'could not confirm the update');
        });
      });
    await this.#session.start();
    this.#publisher.start();
    await this.#windows.configure(this.#layout, this.#settings);
    await this.#sensors.start(this.#layout);
  }

  /**
   * Stops in reverse order; the open window is closed and queued first. `drainMs`: then wait up to
   * that many real ms for the outbox to empty while connected, so the last windows reach the hub now
   * rather than at the next start (the emulator's end of day).
   */
  async stop(options: { drainMs?: number } = {}): Promise<void> {
    this.#stopping = true;
    await this.#sensors.stopCameras();
    await this.#windows.stop(); // its metrics still report the scanners
    await this.#sensors.stopRadio();
    if (options.drainMs) await this.#drain(options.drainMs);
    this.#publisher.stop();
    await this.#session.stop();
    await this.#outbox.close();
    await this.#sequence.stop();
  }

  async #drain(ms: number): Promise<void> {
    const pollMs = 20;
    for (let waited = 0; waited < ms; waited += pollMs) {
      if (this.#outbox.stats().depth === 0 || !this.#session.connected) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Validates against the contract, then makes it durable; the publisher sends it when it can. */
  async #enqueue(kind: WindowKind, body: Record<string, unknown>): Promise<void> {
    const { storeId, gatewayId } = this.o.config;
    const seq = await this.#sequence.next();
    let encoded: { topic: string; payload: string };
    try {
      encoded = this.#session.encode(kind, {
        v: 1,
        msgId: formatMsgId(gatewayId, seq),
        storeId,
        gatewayId,
        ...body,
      } as never);
    } catch (err) {
      this.counters.invalidOutput++;
      this.o.logger.error(
        { kind, err: (err as Error).message },
        'an outgoing message failed validation and was not queued',
      );
      return;
    }
    await this.#outbox.enqueue({ seq, kind, ...encoded });
    this.counters.windowsQueued++;
  }

  async #metrics(): Promise<Record<string, unknown>> {
    const stats = this.#outbox.stats();
    const bytes = this.#publisher.bytesSent;
    const dropped = stats.droppedTotal;
    const delta = { bytes: bytes - this.#lastSent.bytes, dropped: dropped - this.#lastSent.dropped };
    this.#lastSent = { bytes, dropped };
    const cpuTempC = await readCpuTemperature();
    const cameras = this.#sensors.cameraMetrics(this.#now());
    if (!this.#stopping) this.#updateCondition(gatewayCondition({ cameras, outboxDropped: delta.dropped }));
    return {
      cameras,
      scanners: this.#sensors.scannerMetrics(this.#now()),
      outboxDepth: stats.depth,
      outboxDropped: delta.dropped,
      bytesSent: delta.bytes,
      uptimeS: Math.round((this.#now() - this.#startedAt) / 1000),
      ...(cpuTempC !== undefined && { cpuTempC }),
    };
  }

  /**
   * A changed condition goes out at once as the retained status when connected (not awaited: a slow
   * broker must not hold the window); otherwise the next connect's status carries it.
   */
  #updateCondition(next: GatewayCondition): void {
    if (sameCondition(next, this.#condition)) return;
    this.#condition = next;
    const log = this.o.logger.child({ module: 'edge.session' });
    if (next.state === 'degraded') log.warn({ reason: next.reason }, 'gateway degraded');
    else log.info('gateway fully working again');
    if (!this.#session.connected) return;
    this.#session
      .publishStatus({ state: 'online' })
      .catch((err: Error) => log.debug({ err: err.message }, 'status not sent; the next connect sends it'));
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
    const layoutBefore = this.#layout;
    this.#adopt(config);
    this.counters.configsApplied++;
    // New calibration or cameras: the cameras restart with the layout they are counted against.
    if (this.#layout !== layoutBefore) await this.#sensors.stop();
    await this.#windows.configure(this.#layout, this.#settings);
    if (this.#layout !== layoutBefore) await this.#sensors.start(this.#layout);
    log.info({ configVersion: config.configVersion }, 'config applied');
    await this.#session.publishStatus({ state: 'online' });
  }

  #adopt(config: ConfigMessage): void {
    this.#settings = config.settings;
    if (config.layout) this.#layout = config.layout;
    this.#configVersion = config.configVersion;
  }

  async #onCommand(cmd: CmdMessage): Promise<CommandOutcome> {
    switch (cmd.command.name) {
      case 'ping':
        return { ok: true, detail: 'pong' };
      case 'diagnostics': {
        const outbox = this.#outbox.stats();
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
            windowsQueued: this.counters.windowsQueued,
            outboxDepth: outbox.depth,
            outboxDropped: outbox.droppedTotal,
            bytesSent: this.#publisher.bytesSent,
          },
        };
      }
      case 'update': {
        const updates = this.o.updates;
        if (!updates) return { ok: false, detail: 'not run by the update launcher; updates are off' };
        const r = await updates.apply(cmd.command);
        // After the reply is out; the launcher starts the new version and rolls back if it is not healthy.
        if (r.ok && r.restart) setTimeout(() => this.o.onRestartRequested?.(), 500);
        return { ok: r.ok, detail: r.detail };
      }
      case 'flush-outbox': {
        const cutShort = this.#publisher.retryNow();
        const depth = this.#outbox.stats().depth;
        return {
          ok: true,
          detail: `${cutShort ? 'retry backoff ended; ' : ''}sending ${depth} queued message(s)`,
          data: { outboxDepth: depth, backoffCutShort: cutShort },
        };
      }
      default:
        return {
          ok: false,
          detail: `command "${cmd.command.name}" is not supported by agent ${AGENT_VERSION}`,
        };
    }
  }
}
