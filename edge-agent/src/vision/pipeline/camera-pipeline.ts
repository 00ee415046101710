// One camera, frame by frame: take the newest frame → decode → detect → track → foot point → floor.
// The source keeps only the newest frame, so when detection is slower than the camera, frames are
// dropped (and counted) instead of queued. Stage times are kept for metrics and `bench detect`.
import { type Homography, project, type Vec2 } from '@retail/contracts';
import type { Logger } from '../../logger.js';
import { footPoint } from '../floor/foot-point.js';
import type { Detection, Detector, Mounting, SourceFrame } from '../frame.js';
import type { FrameSource } from '../sources/frame-source.js';
import type { ByteTracker, TrackedBox } from '../track/byte-tracker.js';
import { CameraHealth, type CameraHealthSnapshot } from './camera-health.js';
import { decodeFrame, type FrameSize } from './decode-frame.js';
import { StageTimer, type StageTotals } from './stage-timer.js';

/** A confirmed camera track on the floor in one frame. */
export interface FloorTrack {
  trackId: string;
  box: TrackedBox['box'];
  floor: Vec2;
  /** Only in the frame that confirms the track: where it was in the frames before (TrackedBox.earlier). */
  earlier?: readonly { ts: number; box: TrackedBox['box']; floor: Vec2 }[];
}

export interface CameraFrameResult {
  cameraId: string;
  seq: number;
  ts: number;
  tracks: FloorTrack[];
  /** Camera track ids that ended in this frame. */
  ended: string[];
  /** The detector's boxes before tracking (evaluation). */
  detections: readonly Detection[];
}

export interface CameraPipelineOptions {
  cameraId: string;
  mounting: Mounting;
  /** The calibrated resolution: frames are brought to it before detection (as they come when absent). */
  resolution?: FrameSize;
  source: FrameSource;
  /** Unused by sources that deliver detections (the emulator's simulated cameras). */
  detector: Detector;
  tracker: ByteTracker;
  homography: Homography;
  onFrame: (result: CameraFrameResult) => void;
  /**
   * Whether a floor point lies off the store's floor plan (beyond projection error): each track
   * position is checked and the window's counts go out with the camera's health. Unchecked without it.
   */
  offFloor?: (x: number, y: number) => boolean;
  now: () => number;
  logger: Logger;
}

export class CameraPipeline {
  readonly #health: CameraHealth;
  readonly #timer = new StageTimer();
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;

  constructor(private readonly o: CameraPipelineOptions) {
    this.#health = new CameraHealth(o.cameraId, o.now(), o.offFloor !== undefined);
  }

  get cameraId(): string {
    return this.o.cameraId;
  }

  async start(): Promise<void> {
    await this.o.source.start();
    this.#abort = new AbortController();
    this.#loop = this.#run(this.#abort.signal);
  }

  async stop(): Promise<void> {
    this.#abort?.abort(new Error('camera pipeline stopped'));
    await this.o.source.stop();
    await this.#loop;
    this.#loop = undefined;
    await this.o.detector.close();
  }

  /** Resolves when the source has ended (a replayed folder or file) and every frame is processed. */
  get finished(): Promise<void> {
    return this.#loop ?? Promise.resolve();
  }

  /** Closes the metrics window at `now`. */
  health(now: number): CameraHealthSnapshot {
    const s = this.o.source.stats();
    return this.#health.take(now, s.dropped, s.state === 'running' || s.state === 'starting');
  }

  /** Total time per stage since start (bench, eval). */
  stageTotals(): StageTotals {
    return this.#timer.totals();
  }

  async processFrame(frame: SourceFrame): Promise<CameraFrameResult> {
    const t = this.#timer;
    let detections: readonly Detection[];
    if (frame.kind === 'detections') {
      detections = frame.detections;
      this.#health.frame(0);
    } else {
      const image = await t.time('decode', () => decodeFrame(frame, this.o.resolution));
      const found = await this.o.detector.detect(image);
      const { timings } = found;
      detections = found.detections;
      t.add('preprocess', timings.preprocessMs);
      t.add('inference', timings.inferenceMs);
      t.add('postprocess', timings.postprocessMs);
      this.#health.frame(timings.preprocessMs + timings.inferenceMs + timings.postprocessMs);
    }
    const tracked = t.timeSync('track', () => this.o.tracker.update(detections, frame.ts));
    const toFloor = (box: TrackedBox['box']) => project(this.o.homography, footPoint(box, this.o.mounting));
    const tracks = t.timeSync('project', () =>
      tracked.tracks.map((tr): FloorTrack => {
        const track = { trackId: tr.id, box: tr.box, floor: toFloor(tr.box) };
        return tr.earlier
          ? { ...track, earlier: tr.earlier.map((e) => ({ ...e, floor: toFloor(e.box) })) }
          : track;
      }),
    );
    t.frame();
    const offFloor = this.o.offFloor;
    if (offFloor)
      for (const { floor, earlier } of tracks)
        for (const [x, y] of [...(earlier ?? []).map((e) => e.floor), floor])
          this.#health.placed(offFloor(x, y));
    return {
      cameraId: this.o.cameraId,
      seq: frame.seq,
      ts: frame.ts,
      tracks,
      ended: tracked.ended,
      detections,
    };
  }

  async #run(signal: AbortSignal): Promise<void> {
    const log = this.o.logger;
    for (;;) {
      let frame: SourceFrame | null;
      try {
        frame = await this.o.source.next(signal);
      } catch (err) {
        if (signal.aborted) return;
        throw err;
      }
      if (!frame) {
        const s = this.o.source.stats();
        if (s.state === 'dead') log.error({ lastError: s.lastError }, 'camera is dead; giving up');
        else log.info({ frames: s.delivered }, 'camera source ended');
        const ended = this.o.tracker.endAll();
        if (ended.length > 0)
          this.o.onFrame({
            cameraId: this.o.cameraId,
            seq: -1,
            ts: this.o.now(),
            tracks: [],
            ended,
            detections: [],
          });
        return;
      }
      try {
        this.o.onFrame(await this.processFrame(frame));
      } catch (err) {
        // A corrupt frame is skipped, never fatal for the camera.
        log.warn({ seq: frame.seq, err: (err as Error).message }, 'frame skipped');
      }
      if (signal.aborted) return;
    }
  }
}
