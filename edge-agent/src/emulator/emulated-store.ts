// A store's gateways in one process, on one sim clock: each an ordinary EdgeAgent (outbox, MQTT
// session, windows, vision pipeline) whose cameras without a configured source film the simulated
// day. Started together, logged together, stopped together with their last windows delivered.
// Given somewhere to save it, the day's progress is kept ahead of what they publish (ProgressRecorder)
// and, at a stop, set to where each gateway's next window begins, so a later run resumes from there.
import type { Camera, StoreLayout } from '@retail/contracts';
import { EdgeAgent } from '../agent.js';
import type { BeaconRole, ReceptionSource } from '../ble/ble-types.js';
import { anchorsOfLayout } from '../ble/layout-anchors.js';
import { emittersOfDay, nodeRotatingIdFor, SimulatedReceptionSource } from '../ble/simulated/index.js';
import type { EdgeConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { isoUtc } from '../simulator/scenario-time.js';
import type { DayTruth } from '../simulator/truth.js';
import type { Sleep } from '../vision/sources/frame-source.js';
import { systemSleep } from '../vision/sources/frame-source.js';
import { cameraView, type DetectionModel } from './camera-model.js';
import type { SavedProgress } from './day-progress.js';
import type { Population } from './population.js';
import { ProgressRecorder } from './progress-recorder.js';
import type { SimClock } from './sim-clock.js';
import { SimulatedCameraSource } from './simulated-camera-source.js';

export interface EmulatedGateway {
  config: EdgeConfig;
  /** Relative paths in the config (recorded frame folders) resolve from here. */
  baseDir: string;
}

export interface EmulatedStoreOptions {
  layout: StoreLayout;
  population: Population;
  /**
   * The simulated day, for the BLE radio: app users' phones, staff tags and some strangers' phones
   * advertise, and every scanner of the store hears them (ESPresense-style nodes publish to the store's
   * broker, so each gateway hears them all). Absent: no BLE.
   */
  day?: Pick<DayTruth, 'shoppers' | 'staff'>;
  /** Shoppers without the app whose phones advertise anyway (dropped at the gateway); default 20. */
  bleStrangers?: number;
  gateways: readonly EmulatedGateway[];
  clock: SimClock;
  /** The simulated day: cameras film from `startTs` and stop at `endTs`. */
  startTs: number;
  endTs: number;
  /** Where this run picks the day up (a resumed day; the clock must start here too); default `startTs`. */
  fromTs?: number;
  /** Makes the day's progress durable (DayProgressFile.save); absent, nothing is remembered. */
  saveProgress?: (progress: SavedProgress) => Promise<void>;
  fps: number;
  seed: number;
  model?: DetectionModel;
  logger: Logger;
  /** Real ms between progress lines (10 000). */
  progressEveryMs?: number;
  /** Real ms each gateway may take to deliver its queued windows when stopping (15 000). */
  drainMs?: number;
  sleep?: Sleep;
}

export interface CameraProgress {
  cameraId: string;
  gatewayId: string;
  delivered: number;
  dropped: number;
}

/** How long after its end a window stays open when BLE runs; the agent's own figure, asked for explicitly
 * so that where each gateway stopped is known (resume-point.ts). */
const BLE_WINDOW_GRACE_MS = 60_000;
/** Real ms for window closes already due when the clock is frozen to happen before the stop. */
const SETTLE_MS = 50;

export class EmulatedStore {
  readonly #agents: { gatewayId: string; agent: EdgeAgent }[] = [];
  readonly #sources: { gatewayId: string; source: SimulatedCameraSource; cameraId: string }[] = [];
  readonly #log: Logger;
  #progress: NodeJS.Timeout | undefined;
  #recorder: ProgressRecorder | undefined;

  constructor(private readonly o: EmulatedStoreOptions) {
    this.#log = o.logger.child({ module: 'edge.emulator' });
  }

  /** Starts every gateway, then the clock (so no camera starts behind it). */
  async start(): Promise<void> {
    const { clock } = this.o;
    for (const g of this.o.gateways) {
      const gatewayId = g.config.gatewayId;
      const windowGraceMs = this.#windowGraceMs(g.config);
      const agent = new EdgeAgent({
        config: g.config,
        layout: this.o.layout,
        logger: this.o.logger.child({ gatewayId }),
        now: clock.now,
        timeScale: clock.speed,
        windowGraceMs,
        baseDir: g.baseDir,
        sourceFor: (camera) => this.#simulatedSource(g.config, camera),
        ...(this.o.day && g.config.ble.sources.length === 0 && { receptionSources: this.#simulatedRadio }),
      });
      this.#agents.push({ gatewayId, agent });
    }
    await Promise.all(this.#agents.map(({ agent }) => agent.start()));
    if (this.o.saveProgress) {
      this.#recorder = new ProgressRecorder({
        clock,
        gateways: this.#agents.map(({ gatewayId, agent }) => ({
          gatewayId,
          windowSeconds: () => agent.settings.windowSeconds,
        })),
        runStartTs: this.#fromTs,
        endTs: this.o.endTs,
        save: this.o.saveProgress,
        logger: this.#log,
      });
      await this.#recorder.start();
    }
    clock.start();
    this.#progress = setInterval(() => this.#logProgress(), this.o.progressEveryMs ?? 10_000);
    this.#progress.unref();
    this.#log.info(
      {
        gateways: this.#agents.map((a) => a.gatewayId),
        simulatedCameras: this.#sources.map((s) => s.cameraId),
        speed: clock.speed,
        from: isoUtc(this.#fromTs),
        to: isoUtc(this.o.endTs),
      },
      this.#fromTs > this.o.startTs ? 'emulation resumed' : 'emulation started',
    );
  }

  /** Resolves when the simulated day is over (plus the window grace), or when `signal` aborts. */
  async untilEnd(signal?: AbortSignal): Promise<void> {
    const sleep = this.o.sleep ?? systemSleep;
    const end = this.o.endTs + this.#graceMs(); // so the last full window closes by itself
    while (!signal?.aborted && this.o.clock.now() < end) {
      await sleep(Math.min(1000, this.o.clock.realDelayUntil(end) + 1), signal);
    }
  }

  /**
   * Stops every gateway: cameras, then the open window is closed and its messages delivered. The clock
   * stops first, so where each gateway's next window begins is known and saved before it publishes.
   * Returns the progress saved (undefined without `saveProgress`, or when it could not be saved).
   */
  async stop(): Promise<SavedProgress | undefined> {
    clearInterval(this.#progress);
    this.#progress = undefined;
    this.o.clock.freeze();
    let saved: SavedProgress | undefined;
    const recorder = this.#recorder;
    this.#recorder = undefined;
    if (recorder) {
      // Windows whose close is already due close now, as they would have had the clock run on.
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      try {
        saved = await recorder.finish();
      } catch (err) {
        // The point saved last is still ahead of anything published.
        this.#log.error({ err: (err as Error).message }, 'could not save where the day stopped');
      }
    }
    const agents = [...this.#agents];
    await Promise.all(agents.map(({ agent }) => agent.stop({ drainMs: this.o.drainMs ?? 15_000 })));
    this.#logProgress('emulation stopped');
    this.#agents.length = 0;
    return saved;
  }

  /** Frames delivered and skipped per simulated camera so far. */
  cameras(): CameraProgress[] {
    return this.#sources.map(({ gatewayId, cameraId, source }) => {
      const s = source.stats();
      return { gatewayId, cameraId, delivered: s.delivered, dropped: s.dropped };
    });
  }

  /** Shoppers on the floor now (staff not counted). */
  shoppersInStore(): number {
    const { population } = this.o;
    return population.at(this.o.clock.now()).filter((p) => population.people[p.person]!.kind === 'shopper')
      .length;
  }

  /** Late frames still make their window: the clock runs at most maxLeadMs ahead of any camera. */
  #graceMs(): number {
    return Math.max(2000, 2 * this.o.clock.maxLeadMs);
  }

  /** The window loop's grace: with BLE (simulated, or configured) long enough for fusion to name staff. */
  #windowGraceMs(config: EdgeConfig): number {
    const ble = this.o.day !== undefined || config.ble.sources.length > 0;
    return ble ? Math.max(this.#graceMs(), BLE_WINDOW_GRACE_MS) : this.#graceMs();
  }

  get #fromTs(): number {
    return this.o.fromTs ?? this.o.startTs;
  }

  /** The simulated radio of the store as one gateway hears it (a gateway with BLE sources configured keeps them). */
  readonly #simulatedRadio = (classify: (id: string) => BeaconRole | undefined): ReceptionSource[] => {
    const day = this.o.day;
    if (!day) return [];
    const emitters = emittersOfDay(day, {
      rotatingIdFor: nodeRotatingIdFor,
      strangers: this.o.bleStrangers ?? 20,
      seed: this.o.seed,
    });
    return [
      new SimulatedReceptionSource({
        model: { emitters, anchors: anchorsOfLayout(this.o.layout), seed: this.o.seed },
        classify,
        now: this.o.clock.now,
        timeScale: this.o.clock.speed,
        fromTs: this.#fromTs,
        toTs: this.o.endTs,
      }),
    ];
  };

  /** A camera with a configured source (recorded frames, a real camera) keeps it. */
  #simulatedSource(config: EdgeConfig, camera: Camera): SimulatedCameraSource | undefined {
    if (config.vision.sources[camera.id] || camera.source) return undefined;
    const source = new SimulatedCameraSource({
      view: cameraView(camera),
      population: this.o.population,
      now: this.o.clock.now,
      speed: this.o.clock.speed,
      startTs: this.o.startTs,
      fromTs: this.#fromTs,
      endTs: this.o.endTs,
      fps: this.o.fps,
      seed: this.o.seed,
      progress: (ts) => this.o.clock.progress(source, ts),
      maxLagMs: this.#graceMs(),
      ...(this.o.model && { model: this.o.model }),
      ...(this.o.sleep && { sleep: this.o.sleep }),
    });
    // A vision restart (a new layout from the hub) makes a new source for the camera.
    const i = this.#sources.findIndex((s) => s.cameraId === camera.id);
    if (i >= 0) this.#sources.splice(i, 1);
    this.#sources.push({ gatewayId: config.gatewayId, cameraId: camera.id, source });
    return source;
  }

  #logProgress(msg = 'progress'): void {
    const cameras = this.cameras();
    this.#log.info(
      {
        simTime: isoUtc(this.o.clock.now()),
        shoppersInStore: this.shoppersInStore(),
        frames: cameras.reduce((n, c) => n + c.delivered, 0),
        framesSkipped: cameras.reduce((n, c) => n + c.dropped, 0),
        windowsQueued: this.#agents.reduce((n, a) => n + a.agent.counters.windowsQueued, 0),
        connected: this.#agents.filter((a) => a.agent.connected).map((a) => a.gatewayId),
      },
      msg,
    );
  }
}
