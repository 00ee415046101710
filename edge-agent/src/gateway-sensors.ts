// The gateway's sensors for one layout: BLE scanners with fusion, and the cameras of this gateway.
// BLE starts first, so the cameras' first tracks already meet fusion; camera tracks go through fusion
// (staff out, opted-in ids linked) into the caller's windows. A broken setup of either is logged and
// leaves the rest of the gateway (its outbox above all) running.
import path from 'node:path';
import type { StoreLayout } from '@retail/contracts';
import { BleService, type BleServiceOptions } from './ble/ble-service.js';
import type { EdgeConfig } from './config.js';
import type { ResolvedIdentity, TrackObservation } from './core/aggregation/index.js';
import type { Logger } from './logger.js';
import { VisionService, type VisionServiceOptions } from './vision/vision-service.js';

export interface GatewaySensorsOptions {
  config: EdgeConfig;
  /** Relative paths in the config resolve from here. */
  baseDir: string;
  now: () => number;
  timeScale?: number;
  /** Sources made by the caller for some cameras (the emulator's simulated cameras). */
  sourceFor?: VisionServiceOptions['sourceFor'];
  /** BLE reception sources made by the caller instead of the config's (the emulator's radio). */
  receptionSources?: BleServiceOptions['sources'];
  logger: Logger;
  /** Where fused floor positions go (the window loop). */
  observe(obs: TrackObservation): void;
  endTrack(trackId: string, ts: number): void;
}

export class GatewaySensors {
  #vision: VisionService | undefined;
  #ble: BleService | undefined;

  constructor(private readonly o: GatewaySensorsOptions) {}

  async start(layout: StoreLayout | undefined): Promise<void> {
    if (!layout) return;
    await this.#startBle(layout);
    await this.#startCameras(layout);
  }

  /** Cameras first, radio last: the reverse of start. */
  async stop(): Promise<void> {
    await this.stopCameras();
    await this.stopRadio();
  }

  async stopCameras(): Promise<void> {
    const vision = this.#vision;
    this.#vision = undefined;
    await vision?.stop();
  }

  async stopRadio(): Promise<void> {
    const ble = this.#ble;
    this.#ble = undefined;
    await ble?.stop();
  }

  /** Fusion's word on a track now (ids linked, staff flagged); undefined without BLE. */
  identityOf(trackId: string): ResolvedIdentity | undefined {
    return this.#ble?.identityOf(trackId);
  }

  /** Until when windows should stay open while fusion warms up; undefined without BLE. */
  get warmUntil(): number | undefined {
    return this.#ble?.warmUntil;
  }

  cameraMetrics(now: number) {
    return this.#vision?.cameraMetrics(now) ?? [];
  }

  scannerMetrics(now: number) {
    return this.#ble?.scannerMetrics(now) ?? [];
  }

  /** The cameras of this gateway in the layout. */
  async #startCameras(layout: StoreLayout): Promise<void> {
    const { config } = this.o;
    if (!config.vision.enabled) return;
    if (!layout.cameras.some((c) => c.gatewayId === config.gatewayId)) return;
    const vision = new VisionService({
      layout,
      gatewayId: config.gatewayId,
      config: config.vision,
      baseDir: this.o.baseDir,
      observe: (obs) => this.#observeTrack(obs),
      endTrack: (trackId, ts) => this.#endTrack(trackId, ts),
      now: this.o.now,
      ...(this.o.sourceFor && { sourceFor: this.o.sourceFor }),
      // Overhead cameras' learned empty scenes, next to the gateway's other state files.
      stateDir: path.join(config.dataDir, `${config.storeId}.${config.gatewayId}.vision`),
      logger: this.o.logger.child({ module: 'edge.vision' }),
    });
    this.#vision = vision;
    try {
      await vision.start();
    } catch (err) {
      this.o.logger.error({ err: (err as Error).message }, 'cameras could not start');
      await vision.stop().catch(() => {});
      this.#vision = undefined;
    }
  }

  /** The layout's scanners, fused with this gateway's camera tracks. */
  async #startBle(layout: StoreLayout): Promise<void> {
    const config = this.o.config.ble;
    const sources = this.o.receptionSources;
    if (!BleService.wanted({ layout, config, ...(sources && { sources }) })) return;
    const ble = new BleService({
      layout,
      gatewayId: this.o.config.gatewayId,
      config,
      mqttUrl: this.o.config.mqtt.url,
      baseDir: this.o.baseDir,
      now: this.o.now,
      ...(this.o.timeScale !== undefined && { timeScale: this.o.timeScale }),
      ...(sources && { sources }),
      logger: this.o.logger.child({ module: 'edge.ble' }),
    });
    try {
      await ble.start();
      this.#ble = ble;
    } catch (err) {
      // A bad calibration file leaves the cameras and the outbox running.
      this.o.logger.error({ err: (err as Error).message }, 'BLE could not start');
      await ble.stop().catch(() => {});
    }
  }

  /** A camera track's floor position, through fusion when BLE runs. */
  #observeTrack(obs: TrackObservation): void {
    const ble = this.#ble;
    if (ble) {
      ble.observeTrack(obs);
      this.o.observe(ble.annotate(obs));
    } else this.o.observe(obs);
  }

  #endTrack(trackId: string, ts: number): void {
    this.#ble?.endTrack(trackId);
    this.o.endTrack(trackId, ts);
  }
}
