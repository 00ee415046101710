// The plane-to-plane map from a camera's image (px) to the store floor (m), solved from calibration
// point pairs by the normalised DLT (Hartley & Zisserman, Algorithm 4.2), with its inverse and the
// reprojection error that tells an installer whether the calibration is any good.
import type { Vec2 } from '../geometry.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** A 3×3 matrix, row-major: [x', y', w'] = H · [x, y, 1]. Defined up to scale. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

/** One calibration point: where it is in the image (px) and on the floor (m). */
export interface PointPair {
  image: Vec2;
  floor: Vec2;
}

export type HomographyProblem =
  | 'too-few-points'
  | 'invalid-point'
  | 'duplicate-points'
  | 'collinear'
  | 'degenerate';

/** Calibration input that cannot determine a homography; `message` says which points and why. */
export class HomographyError extends Error {
  override readonly name = 'HomographyError';
  constructor(
    readonly problem: HomographyProblem,
    message: string,
  ) {
    super(message);
  }
}

/** sin of the angle below which three points count as on one line, in normalised coordinates. */
const COLLINEAR_SIN = 1e-6;
/** Second-smallest / largest eigenvalue of AᵀA below which the solution is not unique. */
const NULL_SPACE_GAP = 1e-10;
/** |det| of the unit-norm normalised solution below which it maps the plane onto a line. */
const SINGULAR_DET = 1e-10;

/**
 * Solves H mapping image → floor from ≥ 4 pairs, least squares in the algebraic error when there
 * are more. Throws HomographyError on fewer than 4 pairs, repeated or collinear points, or any
 * other configuration that does not pin H down.
 */
export function solveHomography(pairs: readonly PointPair[]): Homography {
  if (pairs.length < 4) {
    throw new HomographyError(
      'too-few-points',
      `a homography needs at least 4 point pairs, got ${pairs.length}`,
    );
  }
  pairs.forEach((p, i) => {
    if (![...p.image, ...p.floor].every(Number.isFinite)) {
      throw new HomographyError('invalid-point', `point pair ${i} has a non-finite coordinate`);
    }
  });
  const img = normalise(
    pairs.map((p) => p.image),
    'image',
  );
  const flr = normalise(
    pairs.map((p) => p.floor),
    'floor',
  );
  const ata = Array.from({ length: 9 }, () => new Array<number>(9).fill(0));
  img.points.forEach(([x, y], i) => {
    const [u, v] = flr.points[i]!;
    addOuter(ata, [-x, -y, -1, 0, 0, 0, u * x, u * y, u]);
    addOuter(ata, [0, 0, 0, -x, -y, -1, v * x, v * y, v]);
  });
  const { values, vectors } = symmetricEigen(ata);
  if (values[1]! <= NULL_SPACE_GAP * values[8]!) {
    throw new HomographyError(
      'degenerate',
      'the points do not determine a homography (too many on one line?)',
    );
  }
  // A unit vector, so its determinant is comparable across units and image sizes.
  const hn = vectors[0]! as unknown as Homography;
  if (Math.abs(determinant(hn)) <= SINGULAR_DET) {
    throw new HomographyError(
      'degenerate',
      'the solved homography is singular (three calibration points on a line?)',
    );
  }
  // Undo the normalisations: H = T_floor⁻¹ · Hn · T_image.
  return scaled(multiply(multiply(invertSimilarity(flr.t), hn), img.t));
}

/** Maps a point through H. A point on H's vanishing line (w = 0) gives non-finite coordinates. */
export function project(h: Homography, p: Vec2): Vec2 {
  const [x, y] = p;
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

/** The inverse map (floor → image for a solved H). Throws on a singular matrix. */
export function invert(h: Homography): Homography {
  const [a, b, c, d, e, f, g, i, k] = h;
  const det = determinant(h);
  if (!Number.isFinite(det) || det === 0) {
    throw new HomographyError('degenerate', 'a singular homography has no inverse');
  }
  const adj: Homography = [
    e * k - f * i,
    c * i - b * k,
    b * f - c * e,
    f * g - d * k,
    a * k - c * g,
    c * d - a * f,
    d * i - e * g,
    b * g - a * i,
    a * e - b * d,
  ];
  return scaled(adj.map((x) => x / det) as unknown as Homography);
}

export interface PointError {
  /** Distance on the floor between the projected image point and the surveyed floor point, m. */
  floorM: number;
  /** Distance in the image between the back-projected floor point and the clicked image point, px. */
  imagePx: number;
}

export interface ReprojectionReport {
  points: PointError[];
  rmsFloorM: number;
  rmsImagePx: number;
  maxFloorM: number;
  maxImagePx: number;
}

/** How well H (image → floor) reproduces each calibration pair, both ways. */
export function reprojectionErrors(h: Homography, pairs: readonly PointPair[]): ReprojectionReport {
  const back = invert(h);
  const points = pairs.map((p) => ({
    floorM: dist(project(h, p.image), p.floor),
    imagePx: dist(project(back, p.floor), p.image),
  }));
  const rms = (xs: number[]) => (xs.length ? Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length) : 0);
  const floor = points.map((p) => p.floorM);
  const image = points.map((p) => p.imagePx);
  return {
    points,
    rmsFloorM: rms(floor),
    rmsImagePx: rms(image),
    maxFloorM: Math.max(0, ...floor),
    maxImagePx: Math.max(0, ...image),
  };
}

/** Composition: `multiply(a, b)` applies b first. */
export function multiply(a: readonly number[], b: readonly number[]): Homography {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      out[3 * r + c] = a[3 * r]! * b[c]! + a[3 * r + 1]! * b[3 + c]! + a[3 * r + 2]! * b[6 + c]!;
    }
  }
  return out as unknown as Homography;
}

interface Normalised {
  points: Vec2[];
  /** The similarity applied: centroid to the origin, mean distance √2. */
  t: Homography;
}

/** Hartley's normalisation; also where repeated and collinear points are caught, with names. */
function normalise(points: readonly Vec2[], what: 'image' | 'floor'): Normalised {
  const n = points.length;
  const cx = points.reduce((s, p) => s + p[0], 0) / n;
  const cy = points.reduce((s, p) => s + p[1], 0) / n;
  const meanDist = points.reduce((s, p) => s + Math.hypot(p[0] - cx, p[1] - cy), 0) / n;
  if (!(meanDist > 0)) throw new HomographyError('duplicate-points', `all ${what} points are the same point`);
  const s = Math.SQRT2 / meanDist;
  const norm = points.map((p): Vec2 => [s * (p[0] - cx), s * (p[1] - cy)]);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.hypot(norm[i]![0] - norm[j]![0], norm[i]![1] - norm[j]![1]) < 1e-9) {
        throw new HomographyError('duplicate-points', `${what} points ${i} and ${j} are the same point`);
      }
    }
  }
  if (spread(norm) < COLLINEAR_SIN)
    throw new HomographyError('collinear', `all ${what} points lie on one line`);
  if (n === 4) {
    for (const [a, b, c] of [
      [0, 1, 2],
      [0, 1, 3],
      [0, 2, 3],
      [1, 2, 3],
    ] as const) {
      if (sinAt(norm[a]!, norm[b]!, norm[c]!) < COLLINEAR_SIN) {
        throw new HomographyError(
          'collinear',
          `${what} points ${a}, ${b} and ${c} lie on one line; with 4 points no 3 may`,
        );
      }
    }
  }
  return { points: norm, t: [s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1] };
}

/** √(λmin/λmax) of the points' scatter: 0 when they lie on one line. */
function spread(points: readonly Vec2[]): number {
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (const [x, y] of points) {
    xx += x * x;
    xy += x * y;
    yy += y * y;
  }
  const mean = (xx + yy) / 2;
  const dev = Math.hypot((xx - yy) / 2, xy);
  return Math.sqrt(Math.max(0, mean - dev) / (mean + dev));
}

/** |sin| of the angle at a between b and c (triangle flatness). */
function sinAt(a: Vec2, b: Vec2, c: Vec2): number {
  const ux = b[0] - a[0];
  const uy = b[1] - a[1];
  const vx = c[0] - a[0];
  const vy = c[1] - a[1];
  return Math.abs(ux * vy - uy * vx) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
}

function addOuter(m: number[][], r: readonly number[]): void {
  for (let i = 0; i < 9; i++) {
    for (let j = i; j < 9; j++) m[i]![j]! += r[i]! * r[j]!;
  }
}

function invertSimilarity(t: Homography): Homography {
  const s = t[0];
  return [1 / s, 0, -t[2] / s, 0, 1 / s, -t[5] / s, 0, 0, 1];
}

function determinant(h: readonly number[]): number {
  const [a, b, c, d, e, f, g, i, k] = h as Homography;
  return a * (e * k - f * i) - b * (d * k - f * g) + c * (d * i - e * g);
}

function frobenius(h: readonly number[]): number {
  return Math.hypot(...h);
}

/** Scales H so that h33 = 1 when it can, else to unit norm; the map is the same either way. */
function scaled(h: readonly number[]): Homography {
  const norm = frobenius(h);
  const k = Math.abs(h[8]!) > 1e-9 * norm ? h[8]! : norm;
  return h.map((x) => x / k) as unknown as Homography;
}

function dist(a: Vec2, b: Vec2): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
