// A constant-velocity Kalman filter over one person's box, as in SORT/ByteTrack: state (cx, cy, a, h)
// — centre, aspect w/h, height — and their velocities, with noise proportional to the box height.
//
// F, H, Q and R are all diagonal per coordinate, so the 8-state filter is exactly four independent
// (position, velocity) filters; the covariance never couples coordinates and 2×2 algebra suffices.
import type { Box } from '../frame.js';

export interface KalmanBoxOptions {
  /** Position noise as a fraction of the box height per reference frame (ByteTrack: 1/20). */
  stdWeightPosition?: number;
  /** Velocity noise as a fraction of the box height per reference frame (ByteTrack: 1/160). */
  stdWeightVelocity?: number;
  /** The frame interval the weights were tuned for, seconds (ByteTrack: 30 fps on MOT17). Process
   * noise grows with dt / this, so a 5 fps camera gets six frames' worth per step. */
  referenceFrameS?: number;
}

/** One coordinate: position, velocity (per second) and the 2×2 covariance [[pp, pv], [pv, vv]]. */
interface Axis {
  p: number;
  v: number;
  pp: number;
  pv: number;
  vv: number;
}

const CX = 0;
const CY = 1;
const ASPECT = 2;
const HEIGHT = 3;
/** Aspect ratio noise is not scaled by height: the ratio is dimensionless (ByteTrack's constants). */
const ASPECT_STD = {
  init: 1e-2,
  initVelocity: 1e-5,
  process: 1e-2,
  processVelocity: 1e-5,
  measurement: 1e-1,
};
const MIN_SIZE = 1e-3;

export class KalmanBox {
  readonly #axes: [Axis, Axis, Axis, Axis];
  readonly #wp: number;
  readonly #wv: number;
  readonly #frameS: number;

  constructor(box: Box, options: KalmanBoxOptions = {}) {
    this.#wp = options.stdWeightPosition ?? 1 / 20;
    this.#wv = options.stdWeightVelocity ?? 1 / 160;
    this.#frameS = options.referenceFrameS ?? 1 / 30;
    const z = measure(box);
    const h = z[HEIGHT];
    const pos = 2 * this.#wp * h;
    const vel = (10 * this.#wv * h) / this.#frameS;
    this.#axes = z.map((p, i) => {
      const sp = i === ASPECT ? ASPECT_STD.init : pos;
      const sv = i === ASPECT ? ASPECT_STD.initVelocity : vel;
      return { p, v: 0, pp: sp * sp, pv: 0, vv: sv * sv };
    }) as [Axis, Axis, Axis, Axis];
  }

  /** Moves the state `dtS` seconds ahead (dt ≥ 0; 0 leaves it unchanged). */
  predict(dtS: number): void {
    if (!(dtS > 0)) return;
    const frames = dtS / this.#frameS;
    const h = this.#axes[HEIGHT].p;
    this.#axes.forEach((a, i) => {
      const sp = i === ASPECT ? ASPECT_STD.process : this.#wp * h;
      const sv = i === ASPECT ? ASPECT_STD.processVelocity : (this.#wv * h) / this.#frameS;
      a.p += a.v * dtS;
      a.pp += 2 * dtS * a.pv + dtS * dtS * a.vv + frames * sp * sp;
      a.pv += dtS * a.vv;
      a.vv += frames * sv * sv;
    });
    this.#clamp();
  }

  /** Corrects the state with a measured box. */
  update(box: Box): void {
    const z = measure(box);
    const h = this.#axes[HEIGHT].p;
    this.#axes.forEach((a, i) => {
      const sr = i === ASPECT ? ASPECT_STD.measurement : this.#wp * h;
      const s = a.pp + sr * sr;
      const kp = a.pp / s;
      const kv = a.pv / s;
      const innovation = z[i]! - a.p;
      a.p += kp * innovation;
      a.v += kv * innovation;
      a.vv -= kv * a.pv;
      a.pv *= 1 - kp;
      a.pp *= 1 - kp;
    });
    this.#clamp();
  }

  /** Stops the height changing while the box is not measured (ByteTrack does this for lost tracks,
   * whose predicted size would otherwise drift). */
  holdSize(): void {
    this.#axes[HEIGHT].v = 0;
    this.#axes[ASPECT].v = 0;
  }

  /** The estimated box, top-left corner and size in pixels. */
  get box(): Box {
    const cx = this.#axes[CX].p;
    const cy = this.#axes[CY].p;
    const h = this.#axes[HEIGHT].p;
    const w = this.#axes[ASPECT].p * h;
    return { x: cx - w / 2, y: cy - h / 2, w, h };
  }

  /** The centre's estimated velocity, pixels per second. */
  get velocity(): { vx: number; vy: number } {
    return { vx: this.#axes[CX].v, vy: this.#axes[CY].v };
  }

  #clamp(): void {
    const h = this.#axes[HEIGHT];
    const a = this.#axes[ASPECT];
    h.p = Math.max(h.p, MIN_SIZE);
    a.p = Math.max(a.p, MIN_SIZE);
  }
}

function measure(box: Box): [number, number, number, number] {
  const h = Math.max(box.h, MIN_SIZE);
  return [box.x + box.w / 2, box.y + box.h / 2, Math.max(box.w, MIN_SIZE) / h, h];
}
