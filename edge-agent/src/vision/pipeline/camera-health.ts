// Per-camera health over one metrics window: frames processed (fps), frames the source dropped
// because detection was behind, detector latency percentiles and, given a floor plan, how many of the
// positions the camera placed fell off it. Pure; time comes in as arguments.
import type { CameraFloorFit } from '@retail/contracts';

export interface CameraHealthSnapshot {
  cameraId: string;
  fps: number;
  framesDropped: number;
  detectorLatencyMs: { p50: number; p95: number };
  online: boolean;
  /** Only when the camera's positions are checked against a floor plan. */
  floor?: CameraFloorFit;
}

/** Most latency samples kept per window; beyond it, every other one is kept (percentiles survive). */
const MAX_SAMPLES = 4096;

export class CameraHealth {
  #windowStart: number;
  #frames = 0;
  #latencies: number[] = [];
  #keepEvery = 1;
  #seen = 0;
  #droppedAtStart = 0;
  #positions = 0;
  #offFloor = 0;

  /** `checksFloor`: positions are reported (see `placed`), so snapshots carry `floor`. */
  constructor(
    readonly cameraId: string,
    now: number,
    private readonly checksFloor = false,
  ) {
    this.#windowStart = now;
  }

  /** One track position put on the floor; `offFloor` when it fell off the floor plan. */
  placed(offFloor: boolean): void {
    this.#positions++;
    if (offFloor) this.#offFloor++;
  }

  /** One frame went through detection in `detectMs`. */
  frame(detectMs: number): void {
    this.#frames++;
    if (this.#seen++ % this.#keepEvery !== 0) return;
    this.#latencies.push(detectMs);
    if (this.#latencies.length >= MAX_SAMPLES) {
      this.#latencies = this.#latencies.filter((_, i) => i % 2 === 0);
      this.#keepEvery *= 2;
    }
  }

  /** Closes the window at `now`: `droppedTotal` is the source's running drop count, `online` its state. */
  take(now: number, droppedTotal: number, online: boolean): CameraHealthSnapshot {
    const seconds = Math.max(1e-3, (now - this.#windowStart) / 1000);
    const sorted = [...this.#latencies].sort((a, b) => a - b);
    const snapshot: CameraHealthSnapshot = {
      cameraId: this.cameraId,
      fps: round(this.#frames / seconds, 2),
      framesDropped: Math.max(0, droppedTotal - this.#droppedAtStart),
      detectorLatencyMs: { p50: round(percentile(sorted, 0.5), 1), p95: round(percentile(sorted, 0.95), 1) },
      online,
      ...(this.checksFloor && { floor: { positions: this.#positions, offFloor: this.#offFloor } }),
    };
    this.#windowStart = now;
    this.#positions = 0;
    this.#offFloor = 0;
    this.#frames = 0;
    this.#latencies = [];
    this.#keepEvery = 1;
    this.#seen = 0;
    this.#droppedAtStart = droppedTotal;
    return snapshot;
  }
}

/** This share of a camera's positions off the floor plan means its calibration no longer fits (the Fleet page flags the same). */
const OFF_FLOOR_WARNING_SHARE = 0.1;
/** Fewer positions than this in a window are too few to judge a camera by. */
const MIN_POSITIONS_TO_JUDGE = 20;

/** The cameras whose positions fell off the floor plan this window often enough to say so. */
export function slippedCameras(snapshots: readonly CameraHealthSnapshot[]): CameraHealthSnapshot[] {
  return snapshots.filter(
    ({ floor }) =>
      floor !== undefined &&
      floor.positions >= MIN_POSITIONS_TO_JUDGE &&
      floor.offFloor >= OFF_FLOOR_WARNING_SHARE * floor.positions,
  );
}

/** Nearest-rank percentile of an ascending array; 0 when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
