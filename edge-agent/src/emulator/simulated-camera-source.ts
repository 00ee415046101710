// A camera that films a simulated store: at `fps` frames per sim second it delivers the boxes the
// camera model says a detector would have found (`kind: 'detections'`), paced by the sim clock, so a
// frame interval is 1000 / (fps · speed) real ms. Frames go out in order while the consumer keeps
// within `maxLagMs` of the clock; one that falls further behind skips to the newest frame, like a live
// camera (the skipped ones counted as dropped), rather than falling ever further behind.
// It ends when the simulated day does. A resumed day starts filming at the first frame of the grid
// at or after its resume point, with the same frames (and noise) the whole day would have had there.
import { streamOf } from '../simulator/random-streams.js';
import type { SourceFrame } from '../vision/frame.js';
import type {
  Clock,
  FrameSource,
  FrameSourceStats,
  Sleep,
  SourceState,
} from '../vision/sources/frame-source.js';
import { systemSleep } from '../vision/sources/frame-source.js';
import {
  type CameraView,
  DEFAULT_DETECTION_MODEL,
  type DetectionModel,
  simulateDetections,
} from './camera-model.js';
import type { Population } from './population.js';

export interface SimulatedCameraSourceOptions {
  view: CameraView;
  population: Population;
  /** The sim clock. */
  now: Clock;
  /** Told each frame's time as it goes out, and undefined at the end: a clock that waits for slow
   * cameras (SimClock.progress) instead of leaving them to skip frames. */
  progress?: (ts: number | undefined) => void;
  /** Sim ms per real ms: sleeps are the sim wait divided by it. */
  speed: number;
  /** Frame 0 is at `startTs`; frames keep to that grid. */
  startTs: number;
  /** The first frame is the first at or after this (a resumed day); default `startTs`. */
  fromTs?: number;
  /** No frame after this (the end of the simulated day). */
  endTs: number;
  /** Frames per sim second (5). */
  fps?: number;
  /** Seeds the detection noise, with the camera id and the frame number. */
  seed: number;
  model?: DetectionModel;
  /** How far behind the clock (sim ms) frames are still delivered in order rather than skipped (1000).
   * Keep it under the window loop's grace, or late frames miss their window. */
  maxLagMs?: number;
  sleep?: Sleep;
}

export class SimulatedCameraSource implements FrameSource {
  readonly description: string;
  readonly #o: SimulatedCameraSourceOptions;
  readonly #intervalMs: number;
  readonly #lastFrame: number;
  readonly #maxLagMs: number;
  readonly #stopped = new AbortController();
  #state: SourceState = 'starting';
  #last: number;
  #delivered = 0;
  #dropped = 0;

  constructor(o: SimulatedCameraSourceOptions) {
    const fps = o.fps ?? 5;
    if (!(fps > 0 && fps <= 60)) throw new RangeError(`fps must be in (0, 60], got ${fps}`);
    this.#o = o;
    this.#intervalMs = 1000 / fps;
    this.#lastFrame = Math.floor((o.endTs - o.startTs) / this.#intervalMs);
    this.#maxLagMs = o.maxLagMs ?? 1000;
    this.#last = this.#firstFrameAtOrAfter(o.fromTs ?? o.startTs) - 1;
    this.description = `simulated ${o.view.mounting} camera ${o.view.cameraId} at ${fps} fps`;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.#end();
    this.#stopped.abort();
  }

  async next(signal?: AbortSignal): Promise<SourceFrame | null> {
    const { now, speed, startTs } = this.#o;
    const sleep = this.#o.sleep ?? systemSleep;
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      if (this.#state === 'ended') return null;
      const first = this.#last + 1;
      if (first > this.#lastFrame) {
        this.#end();
        return null;
      }
      const t = now();
      const wait = this.#frameTs(first) - t;
      if (wait > 0) {
        const both = signal ? AbortSignal.any([signal, this.#stopped.signal]) : this.#stopped.signal;
        await sleep(wait / speed, both);
        continue;
      }
      // In order while the consumer keeps up (timers are too coarse to wake for every frame at high
      // speed); further behind than maxLagMs, on to the newest due frame, the rest counted as dropped.
      let k = first;
      if (t - this.#frameTs(first) > this.#maxLagMs) {
        k = Math.min(this.#lastFrame, Math.floor((t - startTs) / this.#intervalMs));
        while (k > first && this.#frameTs(k) > t) k--;
      }
      this.#dropped += k - first;
      this.#delivered++;
      this.#last = k;
      this.#state = 'running';
      this.#o.progress?.(this.#frameTs(k));
      return { kind: 'detections', seq: k, ts: this.#frameTs(k), detections: this.#detect(k) };
    }
  }

  stats(): FrameSourceStats {
    return {
      received: this.#delivered + this.#dropped,
      delivered: this.#delivered,
      dropped: this.#dropped,
      restarts: 0,
      state: this.#state,
    };
  }

  #end(): void {
    this.#state = 'ended';
    this.#o.progress?.(undefined);
  }

  #firstFrameAtOrAfter(ts: number): number {
    let k = Math.max(0, Math.ceil((ts - this.#o.startTs) / this.#intervalMs));
    while (k > 0 && this.#frameTs(k - 1) >= ts) k--;
    while (this.#frameTs(k) < ts) k++;
    return k;
  }

  #frameTs(k: number): number {
    return this.#o.startTs + Math.round(k * this.#intervalMs);
  }

  #detect(k: number) {
    const { view, population, seed } = this.#o;
    const people = population.at(this.#frameTs(k)).map((p) => [p.x, p.y] as const);
    return simulateDetections(
      view,
      people,
      streamOf(seed, 'camera', view.cameraId, k),
      this.#o.model ?? DEFAULT_DETECTION_MODEL,
    );
  }
}
