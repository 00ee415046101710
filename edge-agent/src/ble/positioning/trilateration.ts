// Weighted, robust non-linear least squares on ranges (Levenberg–Marquardt with Huber reweighting):
// minimise Σ ρ((‖p − aᵢ‖₃ − dᵢ)/σᵢ) over floor points p, each step kept inside the floor box, the answer
// moved onto the walkable area. σ of the result from the Gauss–Newton covariance scaled by the residuals.
import { clampToBounds, constrainToFloor, type FloorConstraint } from './floor-constraint.js';

export interface RangeObservation {
  /** Anchor position, metres. */
  ax: number;
  ay: number;
  /** Anchor height minus the beacon's height, metres. */
  dz: number;
  /** 3-D range from the path-loss model, metres. */
  range: number;
  /** 1-sigma of the range, metres. */
  sigma: number;
}

export interface TrilaterationOptions {
  floor: FloorConstraint;
  /** Residuals beyond this many sigmas are down-weighted (Huber). */
  huberK: number;
  maxIterations: number;
  /** Where to start besides the weighted centroid, e.g. the previous fix. */
  initial?: { x: number; y: number };
}

export interface TrilaterationResult {
  x: number;
  y: number;
  /** Per-axis 1-sigma, metres. */
  sigmaM: number;
  /** Weighted RMS of normalised residuals. */
  rms: number;
  iterations: number;
}

interface Solve {
  x: number;
  y: number;
  cost: number;
  /** Normal matrix JᵀWJ (symmetric 2×2). */
  nxx: number;
  nxy: number;
  nyy: number;
  iterations: number;
}

/** Robust cost and normal equations at (x, y). */
function evaluate(obs: readonly RangeObservation[], x: number, y: number, k: number) {
  let cost = 0;
  let nxx = 0;
  let nxy = 0;
  let nyy = 0;
  let gx = 0;
  let gy = 0;
  for (const o of obs) {
    const ex = x - o.ax;
    const ey = y - o.ay;
    const d = Math.sqrt(ex * ex + ey * ey + o.dz * o.dz) || 1e-9;
    const r = (d - o.range) / o.sigma;
    const abs = Math.abs(r);
    // Huber: quadratic inside k, linear outside; IRLS weight k/|r| outside.
    const w = abs <= k ? 1 : k / abs;
    cost += abs <= k ? r * r : 2 * k * abs - k * k;
    const jx = ex / d / o.sigma;
    const jy = ey / d / o.sigma;
    nxx += w * jx * jx;
    nxy += w * jx * jy;
    nyy += w * jy * jy;
    gx += w * jx * r;
    gy += w * jy * r;
  }
  return { cost, nxx, nxy, nyy, gx, gy };
}

function levenbergMarquardt(
  obs: readonly RangeObservation[],
  x0: number,
  y0: number,
  o: TrilaterationOptions,
): Solve {
  let [x, y] = clampToBounds(x0, y0, o.floor.bounds);
  let e = evaluate(obs, x, y, o.huberK);
  let lambda = 1e-2;
  let it = 0;
  for (; it < o.maxIterations; it++) {
    const axx = e.nxx * (1 + lambda) + 1e-9;
    const ayy = e.nyy * (1 + lambda) + 1e-9;
    const det = axx * ayy - e.nxy * e.nxy;
    if (!(Math.abs(det) > 1e-18)) break;
    const dx = -(ayy * e.gx - e.nxy * e.gy) / det;
    const dy = -(axx * e.gy - e.nxy * e.gx) / det;
    const [nx, ny] = clampToBounds(x + dx, y + dy, o.floor.bounds);
    const next = evaluate(obs, nx, ny, o.huberK);
    if (next.cost < e.cost) {
      const moved = Math.hypot(nx - x, ny - y);
      x = nx;
      y = ny;
      e = next;
      lambda = Math.max(lambda / 10, 1e-7);
      if (moved < 1e-5) break;
    } else {
      lambda *= 10;
      if (lambda > 1e7) break;
    }
  }
  return { x, y, cost: e.cost, nxx: e.nxx, nxy: e.nxy, nyy: e.nyy, iterations: it };
}

/** The anchors' centroid weighted by 1/range² (near anchors pull hardest). */
export function weightedCentroid(obs: readonly RangeObservation[]): { x: number; y: number } {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (const o of obs) {
    const w = 1 / Math.max(o.range * o.range, 0.01);
    sw += w;
    sx += w * o.ax;
    sy += w * o.ay;
  }
  return { x: sx / sw, y: sy / sw };
}

/** A fix from three or more ranges; undefined with fewer. */
export function trilaterate(
  obs: readonly RangeObservation[],
  options: TrilaterationOptions,
): TrilaterationResult | undefined {
  if (obs.length < 3) return undefined;
  const c = weightedCentroid(obs);
  let best = levenbergMarquardt(obs, c.x, c.y, options);
  if (options.initial) {
    const alt = levenbergMarquardt(obs, options.initial.x, options.initial.y, options);
    if (alt.cost < best.cost) best = alt;
  }
  const dof = obs.length - 2;
  const scale = dof > 0 ? Math.max(1, best.cost / dof) : 1;
  const det = best.nxx * best.nyy - best.nxy * best.nxy;
  // Covariance = scale·(JᵀWJ)⁻¹; its trace is (nxx + nyy)/det.
  const trace = det > 1e-12 ? (scale * (best.nxx + best.nyy)) / det : Infinity;
  const sigmaM = Math.min(Math.sqrt(trace / 2), 50);
  const [x, y] = constrainToFloor(best.x, best.y, options.floor);
  const moved = Math.hypot(x - best.x, y - best.y);
  return {
    x,
    y,
    sigmaM: Math.hypot(sigmaM, moved),
    rms: Math.sqrt(best.cost / obs.length),
    iterations: best.iterations,
  };
}
