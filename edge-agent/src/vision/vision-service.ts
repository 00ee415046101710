// The gateway's cameras: one pipeline per camera of this gateway in the layout, each camera's tracks
// on the floor fused across overlapping cameras, and every fused position handed to the aggregator.
// Fused ids are random and never leave the gateway; metrics report each camera's health, including how
// many of its positions fell off the floor plan (which camera's calibration slipped).
import { statSync } from 'node:fs';
import path from 'node:path';
import { type Camera, type StoreLayout, solveHomography } from '@retail/contracts';
import { distanceOffFloor } from '../core/aggregation/track-observation.js';
import { OFF_FLOOR_TOLERANCE_M } from '../core/aggregation/window-aggregator.js';
import type { Logger } from '../logger.js';
import { cryptoRandom } from '../system/crypto-random.js';
import { createDetector, type DetectorRegistry } from './detect/create-detector.js';
import { FloorMerge } from './floor/floor-merge.js';
import type { Detector, Mounting } from './frame.js';
import { resolveMounting } from './mounting.js';
import { DEFAULT_KEEP_RULE } from './overhead/background-trust.js';
import type { BackgroundReference } from './overhead/reference-background.js';
import { BackgroundKeeper } from './pipeline/background-keeper.js';
import type { CameraHealthSnapshot } from './pipeline/camera-health.js';
import { type CameraFrameResult, CameraPipeline } from './pipeline/camera-pipeline.js';
import { cameraReference } from './pipeline/camera-reference.js';
import { type CameraSource, createFrameSource, type FrameSource } from './sources/index.js';
import { ByteTracker } from './track/byte-tracker.js';
import { OVERHEAD_TRACKER } from './track/overhead-tracking.js';
import type { VisionConfig } from './vision-config.js';
import { visionDetectors } from './vision-detectors.js';

export interface FloorObservation {
  trackId: string;
  ts: number;
  x: number;
  y: number;
}

export interface VisionServiceOptions {
  layout: StoreLayout;
  gatewayId: string;
  config: VisionConfig;
  /** Relative folder sources resolve from here (the config file's folder). */
  baseDir: string;
  observe: (o: FloorObservation) => void;
  endTrack: (trackId: string, ts: number) => void;
  now: () => number;
  logger: Logger;
  detectors?: DetectorRegistry;
  /**
   * A source made by the caller for a camera (the emulator's simulated cameras), tried before the
   * config's and the layout's; undefined leaves the camera to those. Its detector is built only if
   * it delivers a frame that needs one.
   */
  sourceFor?: (camera: Camera) => FrameSource | undefined;
  /**
   * Where overhead cameras keep pictures of the empty scene they learned (one folder per camera id), to
   * start from them after a restart (see pipeline/background-keeper.ts); without it nothing is kept.
   */
  stateDir?: string;
}

/** A random 16-hex id from the CSPRNG (track ids must not be guessable or reused). */
export function randomTrackId(): string {
  let s = '';
  for (let i = 0; i < 2; i++)
    s += Math.floor(cryptoRandom() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  return s;
}

export class VisionService {
  readonly #pipelines: CameraPipeline[] = [];
  readonly #merge = new FloorMerge({ randomId: randomTrackId });
  readonly #keepers = new Map<string, BackgroundKeeper>();
  #lastTs = 0;

  constructor(private readonly o: VisionServiceOptions) {}

  /** Resolves when every camera's source has ended (replayed folders and files) and its frames are processed. */
  async finished(): Promise<void> {
    await Promise.all(this.#pipelines.map((p) => p.finished));
  }

  get cameraIds(): string[] {
    return this.#pipelines.map((p) => p.cameraId);
  }

  async start(): Promise<void> {
    const { layout, gatewayId, config, logger } = this.o;
    if (!config.enabled) return;
    for (const camera of layout.cameras.filter((c) => c.gatewayId === gatewayId)) {
      const log = logger.child({ module: 'edge.camera', cameraId: camera.id });
      const injected = this.o.sourceFor?.(camera);
      const source: CameraSource | undefined = config.sources[camera.id] ?? camera.source;
      if (!injected && !source) {
        log.warn('camera has no source (vision.sources or the layout camera `source`); skipped');
        continue;
      }
      const homography = solveHomography(camera.calibration);
      const mounting = resolveMounting(camera.mounting, homography, camera.resolution);
      const makeDetector = () => this.#detector(camera, mounting, log);
      const detector = injected ? lazyDetector(makeDetector) : await makeDetector();
      const frames =
        injected ??
        createFrameSource(this.#resolvePaths(source!), {
          now: this.o.now,
          logger: log,
          resolution: camera.resolution,
        });
      const pipeline = new CameraPipeline({
        cameraId: camera.id,
        mounting,
        resolution: camera.resolution,
        source: frames,
        detector,
        tracker: new ByteTracker({
          randomId: randomTrackId,
          highScore: config.tracker.highScore,
          minHits: config.tracker.minHits,
          maxLostMs: config.tracker.maxLostMs,
          // The background-subtraction detector's scores are a blob's share of a person, not a network's
          // confidence: its own thresholds, as `eval track --mounting overhead` measures them.
          ...(mounting === 'overhead' && config.detector.overhead === 'overhead' && OVERHEAD_TRACKER),
        }),
        homography,
        onFrame: (r) => this.#onFrame(r),
        // The aggregator's own test and tolerance, applied before fusion so the count names the camera.
        offFloor: (x, y) => distanceOffFloor(x, y, layout.floor) > OFF_FLOOR_TOLERANCE_M,
        now: this.o.now,
        logger: log,
      });
      await pipeline.start();
      this.#pipelines.push(pipeline);
      log.info({ mounting, detector: detector.name, source: frames.description }, 'camera started');
    }
  }

  async stop(): Promise<void> {
    // Stopping a pipeline closes its detector, which keeps an overhead camera's scene first.
    for (const p of this.#pipelines.splice(0)) await p.stop();
    this.#keepers.clear();
    const ts = Math.max(this.#lastTs, this.o.now());
    for (const id of this.#merge.endAll()) this.o.endTrack(id, ts);
  }

  /** Closes every camera's metrics window. */
  cameraMetrics(now: number): CameraHealthSnapshot[] {
    return this.#pipelines.map((p) => p.health(now));
  }

  #onFrame(r: CameraFrameResult): void {
    // Cameras run independently; the fused stream must not go back in time.
    const before = this.#lastTs;
    const ts = Math.max(before, r.ts);
    this.#lastTs = ts;
    if (r.seq >= 0) this.#keepers.get(r.cameraId)?.frame(r.ts);
    for (const trackId of r.ended) this.#merge.endCameraTrack(r.cameraId, trackId);
    const step = this.#merge.update(
      ts,
      r.tracks.map((t) => ({ cameraId: r.cameraId, trackId: t.trackId, x: t.floor[0], y: t.floor[1] })),
    );
    const earlierOf = new Map(r.tracks.flatMap((t) => (t.earlier ? [[t.trackId, t.earlier]] : [])));
    for (const t of step.tracks) {
      // A person new to the floor starts where the camera first saw them, while its tracker did not
      // trust them yet: a shopper confirmed just inside a door was seen outside it, and is counted in.
      // Those positions are a frame or two old; their times are kept, but never before what the
      // stream has already said.
      const earlier = t.born && t.members.length === 1 ? earlierOf.get(t.members[0]!.trackId) : undefined;
      let at = before;
      for (const e of earlier ?? []) {
        at = Math.min(ts, Math.max(at, e.ts));
        this.o.observe({ trackId: t.fusedId, ts: at, x: e.floor[0], y: e.floor[1] });
      }
      this.o.observe({ trackId: t.fusedId, ts, x: t.x, y: t.y });
    }
    for (const id of step.ended) this.o.endTrack(id, ts);
  }

  async #detector(camera: Camera, mounting: Mounting, log: Logger): Promise<Detector> {
    const { detector: d, references, background } = this.o.config;
    const backend = mounting === 'overhead' ? d.overhead : d.oblique;
    const modelDir = d.modelDir && path.resolve(this.o.baseDir, d.modelDir);
    let registry = this.o.detectors ?? visionDetectors;
    let reference: BackgroundReference | undefined;
    if (backend === 'overhead') {
      const keptDir =
        this.o.stateDir !== undefined && background.keep > 0
          ? path.join(this.o.stateDir, camera.id)
          : undefined;
      reference = await cameraReference({
        configured: (references[camera.id] ?? []).map((p) => path.resolve(this.o.baseDir, p)),
        ...(keptDir !== undefined && { keptDir }),
        keep: background.keep,
        size: camera.resolution,
        logger: log,
      });
      if (keptDir !== undefined) registry = this.#keeping(registry, camera.id, keptDir, log);
    }
    return createDetector(
      backend,
      {
        scoreThreshold: d.scoreThreshold,
        threads: d.threads,
        inputSize: d.inputSize,
        ...(modelDir && {
          modelPath: path.join(modelDir, 'nanodet-g.onnx'),
          tfjsModelDir: path.join(modelDir, 'nanodet-g.tfjs'),
        }),
        ...(d.cocoSsdDir && { cocoSsdDir: path.resolve(this.o.baseDir, d.cocoSsdDir) }),
        ...(camera.privacyMasks && { privacyMasks: camera.privacyMasks }),
        ...(reference && { reference }),
      },
      registry,
    );
  }

  /** `registry` with its overhead backend's detectors handed to a keeper of their learned scene. */
  #keeping(registry: DetectorRegistry, cameraId: string, dir: string, log: Logger): DetectorRegistry {
    const make = Object.hasOwn(registry, 'overhead') ? registry.overhead : undefined;
    if (make === undefined) return registry;
    const { saveMinutes, minFrames, keep } = this.o.config.background;
    const keeper = new BackgroundKeeper({
      dir,
      rule: { ...DEFAULT_KEEP_RULE, everyMs: saveMinutes * 60_000, minFrames },
      keep,
      logger: log,
    });
    this.#keepers.set(cameraId, keeper);
    return { ...registry, overhead: async (o) => keeper.attach(await make(o)) };
  }

  /** Folder paths and file inputs relative to the config file. */
  #resolvePaths(source: CameraSource): CameraSource {
    const base = this.o.baseDir;
    if (typeof source === 'string') {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || path.isAbsolute(source)) return source;
      const resolved = path.resolve(base, source);
      return exists(resolved) ? resolved : source;
    }
    if (source.type === 'folder') return { ...source, path: path.resolve(base, source.path) };
    if (source.type === 'ffmpeg' && !/^[a-z][a-z0-9+.-]*:/i.test(source.input))
      return { ...source, input: path.resolve(base, source.input) };
    return source;
  }
}

/** A detector built on its first use: sources that deliver detections never load a model. */
function lazyDetector(make: () => Promise<Detector>): Detector {
  let made: Promise<Detector> | undefined;
  return {
    name: 'lazy',
    detect: async (image) => {
      made ??= make();
      return (await made).detect(image);
    },
    close: async () => {
      if (made) await (await made.catch(() => undefined))?.close();
    },
  };
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
