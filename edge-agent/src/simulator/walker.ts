// Turns a plan (walk this polyline at this speed, stand here this long) into ground-truth samples at a
// fixed rate. A smooth random offset (a 2-D Ornstein–Uhlenbeck process) rides on the plan: a small sway
// while walking, a wider, slower browse drift while standing, so turns and stops stay continuous. A noisy point that would leave the walkable grid
// falls back to the plan's point, which never does, so every sample is on a walkable cell.
import type { Vec2, WalkableGrid } from '@retail/contracts';
import { segmentClearXY } from './path-smoothing.js';
import { normal, type Random } from './random-streams.js';

export type SampleSink = (ts: number, x: number, y: number) => void;

export interface WalkerOptions {
  grid: WalkableGrid;
  random: Random;
  /** Sample spacing, ms; samples fall on whole multiples of it (UTC), so walkers line up. */
  intervalMs: number;
  startMs: number;
  start: Vec2;
  onSample: SampleSink;
  /** Sway while walking, metres (standard deviation per axis). */
  swayM?: number;
  /** Drift while standing at a stop, metres (standard deviation per axis). */
  browseM?: number;
}

const SWAY_TAU_MS = 3000;
const BROWSE_TAU_MS = 6000;

export class Walker {
  #now: number;
  #next: number;
  #at: Vec2;
  /** The offset of the last sample from the plan's point. */
  #ox = 0;
  #oy = 0;
  #lastX = Number.NaN;
  #lastY = Number.NaN;
  readonly #o: Required<WalkerOptions>;

  constructor(options: WalkerOptions) {
    this.#o = { swayM: 0.1, browseM: 0.2, ...options };
    this.#now = options.startMs;
    this.#next = Math.ceil(options.startMs / options.intervalMs) * options.intervalMs;
    this.#at = options.start;
  }

  /** The current time, UTC ms. */
  get now(): number {
    return this.#now;
  }

  /** Where the plan has the walker now (no noise). */
  get at(): Vec2 {
    return this.#at;
  }

  /** Walks the polyline (starting where the walker stands) at `speed` m/s. */
  walk(points: readonly Vec2[], speed: number): void {
    if (points.length < 2) return;
    const end = this.#now + (lengthOf(points) / speed) * 1000;
    let seg = 0;
    let segStart = 0;
    let segLen = dist(points[0]!, points[1]!);
    const rho = Math.exp(-this.#o.intervalMs / SWAY_TAU_MS);
    const k = this.#o.swayM * Math.sqrt(1 - rho * rho);
    for (; this.#next < end; this.#next += this.#o.intervalMs) {
      const along = ((this.#next - this.#now) / 1000) * speed;
      while (along > segStart + segLen && seg < points.length - 2) {
        segStart += segLen;
        seg++;
        segLen = dist(points[seg]!, points[seg + 1]!);
      }
      const a = points[seg]!;
      const b = points[seg + 1]!;
      const f = segLen === 0 ? 0 : Math.min(1, (along - segStart) / segLen);
      const x = a[0] + (b[0] - a[0]) * f;
      const y = a[1] + (b[1] - a[1]) * f;
      this.#step(x, y, rho, k, false);
    }
    this.#now = end;
    this.#at = points[points.length - 1]!;
  }

  /**
   * Waits for the next sample time and records the plan's point exactly there (no noise): where a
   * trajectory must provably begin or end, e.g. on the outer side of a door's counting line.
   */
  mark(): void {
    this.#now = Math.max(this.#now, this.#next);
    this.#emit(this.#at[0], this.#at[1], 0, 0, false);
    this.#next += this.#o.intervalMs;
  }

  /** Stands at the current point for `ms`, browsing. */
  dwell(ms: number): void {
    const end = this.#now + Math.max(0, ms);
    const rho = Math.exp(-this.#o.intervalMs / BROWSE_TAU_MS);
    const k = this.#o.browseM * Math.sqrt(1 - rho * rho);
    for (; this.#next < end; this.#next += this.#o.intervalMs)
      this.#step(this.#at[0], this.#at[1], rho, k, true);
    this.#now = end;
  }

  /** One OU step of the offset, from where the last sample really was (it may have been held back). */
  #step(x: number, y: number, rho: number, k: number, standing: boolean): void {
    const random = this.#o.random;
    // Setting off from a stop, the wider browse drift fades within a few steps rather than the sway's time.
    const fade = !standing && Math.hypot(this.#ox, this.#oy) > 2 * this.#o.swayM ? 0.6 : 1;
    const ox = fade * this.#ox;
    const oy = fade * this.#oy;
    this.#emit(x, y, rho * ox + k * normal(random), rho * oy + k * normal(random), standing);
  }

  /**
   * Records a sample at the plan's point (bx, by) moved by the noise offset (dx, dy): the whole offset if
   * the step there from the previous sample is clear (no hop through a shelf corner or a pillar), else
   * half of it, else none. Failing all three a standing shopper stays where they were; a walking one
   * takes the plan's point, which keeps up with the plan at the cost of a rare short hop round a
   * shelf corner (only a plan point within half a millimetre of a blocked cell is refused, by rounding).
   */
  #emit(bx: number, by: number, dx: number, dy: number, standing: boolean): void {
    const grid = this.#o.grid;
    const first = Number.isNaN(this.#lastX);
    let px = this.#lastX;
    let py = this.#lastY;
    let found = false;
    for (const share of SHARES) {
      const x = mm(bx + dx * share);
      const y = mm(by + dy * share);
      if (segmentClearXY(grid, first ? x : this.#lastX, first ? y : this.#lastY, x, y)) {
        px = x;
        py = y;
        found = true;
        break;
      }
    }
    if (!found && (first || !standing)) {
      const x = mm(bx);
      const y = mm(by);
      if (first || segmentClearXY(grid, x, y, x, y)) {
        px = x;
        py = y;
      }
    }
    this.#lastX = px;
    this.#lastY = py;
    this.#ox = px - bx;
    this.#oy = py - by;
    this.#o.onSample(this.#next, px, py);
  }
}

const SHARES = [1, 0.5, 0] as const;

function mm(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function dist(a: Vec2, b: Vec2): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

function lengthOf(points: readonly Vec2[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += dist(points[i - 1]!, points[i]!);
  return sum;
}
