// The radio half of a running gateway: reception sources → positioner → camera–beacon fusion. Camera
// tracks pass through `observeTrack` and come back from `annotate` marked staff, or carrying the loyalty
// app's rotating ids they were linked to; `identityOf` tells the window aggregator the same about a track
// when its window closes. Everything else stays anonymous. Sources that cannot start are
// reported and left out; the cameras keep running without them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type BeaconTruth,
  buildWalkableGrid,
  collect,
  formatIssue,
  parseRssiCsv,
  parseTruthCsv,
  type RssiSample,
  type StoreLayout,
} from '@retail/contracts';
import type { TrackObservation } from '../core/aggregation/index.js';
import type { Logger } from '../logger.js';
import { createBeaconClassifier } from './advertising/index.js';
import type { BleConfig, BleSourceConfig } from './ble-config.js';
import type { BeaconRole, PositioningMethod, ReceptionSource } from './ble-types.js';
import { siteOfLayout, TrackFusion } from './fusion/index.js';
import { anchorsOfLayout } from './layout-anchors.js';
import {
  type CalibrationData,
  chooseMethod,
  createPositioner,
  type Positioner,
  preparePositioning,
  walkableFromGrid,
} from './positioning/index.js';
import { BluezSource, EspresenseSource, ReplayRssiSource } from './sources/index.js';

export interface BleServiceOptions {
  layout: StoreLayout;
  gatewayId: string;
  config: BleConfig;
  /** The gateway's broker, for ESPresense sources that name none. */
  mqttUrl: string;
  /** Relative files (replay logs, calibration walk) resolve from here. */
  baseDir: string;
  now: () => number;
  /** Clock ms per real ms (the emulator's accelerated clock). */
  timeScale?: number;
  /** Sources made by the caller instead of the config's (the emulator's simulated radio). */
  sources?: (classify: (id: string) => BeaconRole | undefined) => ReceptionSource[];
  logger: Logger;
}

/** A scanner counts as online while it delivered a reception this recently (clock ms). */
const SCANNER_ONLINE_MS = 30_000;
/**
 * After BLE starts, windows wait this long before closing (clock ms): staff already on the floor, a
 * cashier among a queue, take fusion minutes to link (up to ~7 in the simulated days); later, their
 * tags are linked by the time they matter. See `eval link` and fusion-replay.ts.
 */
export const FUSION_WARM_UP_MS = 10 * 60_000;

export class BleService {
  readonly #o: BleServiceOptions;
  readonly #classify: (id: string) => BeaconRole | undefined;
  readonly #fusion: TrackFusion;
  readonly #heard = new Map<string, { count: number; last: number }>();
  #positioner: Positioner | undefined;
  #method: PositioningMethod | undefined;
  #sources: ReceptionSource[] = [];
  #timer: NodeJS.Timeout | undefined;
  #windowStart: number;
  #warmUntil: number | undefined;

  constructor(o: BleServiceOptions) {
    this.#o = o;
    this.#windowStart = o.now();
    this.#fusion = new TrackFusion({}, siteOfLayout(o.layout));
    this.#classify = createBeaconClassifier({
      staffTags: o.layout.staffTags,
      calibrationBeaconIds: o.config.calibrationBeacons,
      acceptLoyalty: o.config.acceptLoyalty,
    }).classify;
  }

  /** True when there is anything to run: sources configured or given, and scanners in the layout. */
  static wanted(o: Pick<BleServiceOptions, 'layout' | 'config' | 'sources'>): boolean {
    return (o.config.sources.length > 0 || o.sources !== undefined) && o.layout.scanners.length > 0;
  }

  get method(): PositioningMethod | undefined {
    return this.#method;
  }

  /** Until when windows should stay open after BLE started (FUSION_WARM_UP_MS); undefined before start. */
  get warmUntil(): number | undefined {
    return this.#warmUntil;
  }

  get fusionCounters(): TrackFusion['counters'] {
    return this.#fusion.counters;
  }

  async start(): Promise<void> {
    const log = this.#o.logger;
    const anchors = anchorsOfLayout(this.#o.layout);
    const calibration = await this.#loadCalibration();
    const setup = preparePositioning(anchors, calibration);
    const method = this.#chooseMethod(calibration);
    const { width, depth } = this.#o.layout.floor;
    this.#positioner = createPositioner(setup, method, {
      floor: {
        bounds: { minX: 0, minY: 0, maxX: width, maxY: depth },
        walkable: walkableFromGrid(buildWalkableGrid(this.#o.layout)),
      },
    });
    this.#method = method;
    const sources = this.#o.sources?.(this.#classify) ?? this.#o.config.sources.map((s) => this.#sourceOf(s));
    for (const source of sources) {
      try {
        await source.start((r) => this.#onReception(r));
        this.#sources.push(source);
      } catch (err) {
        log.error({ source: source.name, err: (err as Error).message }, 'a BLE source could not start');
      }
    }
    this.#warmUntil = this.#o.now() + FUSION_WARM_UP_MS;
    log.info(
      { method, anchors: anchors.length, sources: this.#sources.map((s) => s.name) },
      'BLE positioning started',
    );
    this.#schedule();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const sources = this.#sources;
    this.#sources = [];
    await Promise.all(sources.map((s) => s.stop().catch(() => {})));
    this.#o.logger.info(
      {
        fusion: this.#fusion.counters,
        positioner: this.#positioner?.counters,
        sources: sources.map((s) => ({ name: s.name, ...s.counters })),
      },
      'BLE stopped',
    );
  }

  observeTrack(obs: TrackObservation): void {
    this.#fusion.observeTrack(obs);
  }

  annotate(obs: TrackObservation): TrackObservation {
    return this.#fusion.annotate(obs);
  }

  endTrack(trackId: string): void {
    this.#fusion.endTrack(trackId);
  }

  /**
   * What fusion knows about a track now (staff, rotating ids linked so far), for a caller that applies it
   * to observations it still holds: the window aggregator, at each window close (agent.ts wires it).
   */
  identityOf(trackId: string): ReturnType<TrackFusion['identityOf']> {
    return this.#fusion.identityOf(trackId);
  }

  /** Per scanner of this gateway: advertisements a second since the last call, and whether it is heard. */
  scannerMetrics(now: number): { scannerId: string; advertisementsPerS: number; online: boolean }[] {
    const seconds = Math.max(1, (now - this.#windowStart) / 1000);
    this.#windowStart = now;
    const out = this.#o.layout.scanners
      .filter((s) => s.gatewayId === this.#o.gatewayId)
      .map((s) => {
        const heard = this.#heard.get(s.id);
        return {
          scannerId: s.id,
          advertisementsPerS: Math.round(((heard?.count ?? 0) / seconds) * 100) / 100,
          online: heard !== undefined && now - heard.last <= SCANNER_ONLINE_MS,
        };
      });
    for (const h of this.#heard.values()) h.count = 0;
    return out;
  }

  #onReception(r: RssiSample): void {
    const role = this.#classify(r.beacon);
    if (role === undefined || !this.#positioner) return;
    this.#positioner.push({ ...r, role });
    const heard = this.#heard.get(r.anchor);
    if (heard) {
      heard.count++;
      heard.last = Math.max(heard.last, r.ts);
    } else this.#heard.set(r.anchor, { count: 1, last: r.ts });
  }

  /** Beacon fixes every `fixIntervalMs` of clock time, into fusion. */
  #schedule(): void {
    const interval = this.#o.config.fixIntervalMs / (this.#o.timeScale ?? 1);
    this.#timer = setTimeout(() => {
      const now = this.#o.now();
      for (const fix of this.#positioner?.fixes(now) ?? []) this.#fusion.observeFix(fix);
      this.#fusion.advanceTo(now);
      this.#schedule();
    }, interval);
  }

  #chooseMethod(calibration: CalibrationData | undefined): PositioningMethod {
    const wanted = this.#o.config.method;
    if (wanted !== 'auto') {
      if (wanted === 'fingerprint' && !calibration)
        throw new Error('ble.method "fingerprint" needs ble.calibration (a calibration walk)');
      return wanted;
    }
    return calibration ? chooseMethod(anchorsOfLayout(this.#o.layout), calibration).method : 'trilateration';
  }

  async #loadCalibration(): Promise<CalibrationData | undefined> {
    const c = this.#o.config.calibration;
    if (!c) return undefined;
    const rssiFile = path.resolve(this.#o.baseDir, c.rssi);
    const truthFile = path.resolve(this.#o.baseDir, c.truth);
    const rssi = await collect(parseRssiCsv([await readFile(rssiFile)]));
    const truth = await collect(parseTruthCsv([await readFile(truthFile)]));
    const problems = [
      ...rssi.issues.map((i) => `${rssiFile}: ${formatIssue(i)}`),
      ...truth.issues.map((i) => `${truthFile}: ${formatIssue(i)}`),
    ];
    if (problems.length > 0)
      throw new Error(`the BLE calibration walk has bad rows:\n  ${problems.slice(0, 10).join('\n  ')}`);
    return { receptions: rssi.rows, truths: truth.rows as BeaconTruth[] };
  }

  #sourceOf(s: BleSourceConfig): ReceptionSource {
    const logger = this.#o.logger;
    const classify = this.#classify;
    switch (s.kind) {
      case 'bluez':
        return new BluezSource({
          classify,
          anchorId: s.scannerId,
          adapter: s.adapter,
          ...(s.busAddress !== undefined && { busAddress: s.busAddress }),
          now: this.#o.now,
          logger,
        });
      case 'espresense':
        return new EspresenseSource({
          url: s.url ?? this.#o.mqttUrl,
          prefix: s.prefix,
          rooms: s.rooms,
          classify,
          now: this.#o.now,
          logger,
        });
      case 'replay':
        return new ReplayRssiSource({
          file: path.resolve(this.#o.baseDir, s.file),
          classify,
          ...(s.speed !== undefined && { speed: s.speed }),
          logger,
          now: this.#o.now,
        });
    }
  }
}
