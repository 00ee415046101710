// Constant-velocity Kalman filter on the floor (x, y, vx, vy) for one beacon: white-noise acceleration
// sized for people walking. The axes are independent (diagonal noise), so it runs as two 2-state
// filters. A fix far outside its predicted spread is down-weighted, not trusted outright.

export interface MotionOptions {
  /** Acceleration noise spectral density, m²/s³: how briskly walkers change speed and direction. */
  accelerationNoise: number;
  /** Speeds are capped here, m/s (nobody runs in a shop). */
  maxSpeed: number;
  /** Normalised innovations above this (in sigmas) inflate the measurement noise. */
  gateSigmas: number;
}

export const DEFAULT_MOTION: MotionOptions = { accelerationNoise: 0.3, maxSpeed: 2, gateSigmas: 3 };

class Axis {
  p = 0;
  v = 0;
  /** Covariance [[a, b], [b, c]]. */
  a = 0;
  b = 0;
  c = 0;

  reset(p: number, varP: number, varV: number): void {
    this.p = p;
    this.v = 0;
    this.a = varP;
    this.b = 0;
    this.c = varV;
  }

  predict(dt: number, q: number): void {
    this.p += this.v * dt;
    this.a += 2 * dt * this.b + dt * dt * this.c + (q * dt * dt * dt) / 3;
    this.b += dt * this.c + (q * dt * dt) / 2;
    this.c += q * dt;
  }

  update(z: number, r: number, maxSpeed: number): void {
    const s = this.a + r;
    const ka = this.a / s;
    const kb = this.b / s;
    const innovation = z - this.p;
    this.p += ka * innovation;
    this.v = Math.max(-maxSpeed, Math.min(maxSpeed, this.v + kb * innovation));
    const a = this.a;
    const b = this.b;
    this.a = a * (1 - ka);
    this.b = b * (1 - ka);
    this.c -= (b * b) / s;
  }
}

export class MotionFilter {
  private readonly ax = new Axis();
  private readonly ay = new Axis();
  private ts = Number.NaN;

  constructor(private readonly options: MotionOptions = DEFAULT_MOTION) {}

  get initialised(): boolean {
    return !Number.isNaN(this.ts);
  }

  /** Advances the state to `ts` (never backwards). */
  predict(ts: number): void {
    if (Number.isNaN(this.ts) || ts <= this.ts) return;
    const dt = (ts - this.ts) / 1000;
    this.ax.predict(dt, this.options.accelerationNoise);
    this.ay.predict(dt, this.options.accelerationNoise);
    this.ts = ts;
  }

  /** Folds in a position fix with 1-sigma `sigmaM` per axis, taken at `ts`. */
  update(ts: number, x: number, y: number, sigmaM: number): void {
    const r = Math.max(sigmaM * sigmaM, 1e-4);
    if (Number.isNaN(this.ts)) {
      this.ax.reset(x, r, 0.5);
      this.ay.reset(y, r, 0.5);
      this.ts = ts;
      return;
    }
    this.predict(ts);
    const d2 = (x - this.ax.p) ** 2 / (this.ax.a + r) + (y - this.ay.p) ** 2 / (this.ay.a + r);
    const gate = this.options.gateSigmas ** 2 * 2;
    const inflate = d2 > gate ? d2 / gate : 1;
    this.ax.update(x, r * inflate, this.options.maxSpeed);
    this.ay.update(y, r * inflate, this.options.maxSpeed);
  }

  /** Position at the filter's time and its per-axis 1-sigma. */
  get state(): { ts: number; x: number; y: number; vx: number; vy: number; sigmaM: number } {
    return {
      ts: this.ts,
      x: this.ax.p,
      y: this.ay.p,
      vx: this.ax.v,
      vy: this.ay.v,
      sigmaM: Math.sqrt((this.ax.a + this.ay.a) / 2),
    };
  }
}
