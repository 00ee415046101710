import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vec2 } from '../geometry.js';
import {
  type Homography,
  HomographyError,
  invert,
  type PointPair,
  project,
  reprojectionErrors,
  solveHomography,
} from './homography.js';

const W = 1920;
const H = 1080;

/**
 * A ceiling camera as installed in a store: at (cx, cy, height) m, looking down by `pitch` (deep
 * enough that the whole image sees floor), turned by `yaw`, focal length f px. Returns image → floor.
 */
function cameraHomography(c: {
  x: number;
  y: number;
  height: number;
  pitch: number;
  yaw: number;
  f: number;
}): Homography {
  const d = [Math.cos(c.pitch) * Math.cos(c.yaw), Math.cos(c.pitch) * Math.sin(c.yaw), -Math.sin(c.pitch)];
  const right = [Math.sin(c.yaw), -Math.cos(c.yaw), 0];
  const down = [
    d[1]! * right[2]! - d[2]! * right[1]!,
    d[2]! * right[0]! - d[0]! * right[2]!,
    d[0]! * right[1]! - d[1]! * right[0]!,
  ];
  const rows = [right, down, d];
  const centre = [c.x, c.y, c.height];
  const t = rows.map((r) => -r.reduce((s, x, i) => s + x * centre[i]!, 0));
  // floor → camera: [r1 r2 t]; then K.
  const m = rows.map((r, i) => [r[0]!, r[1]!, t[i]!]);
  const k = [
    [c.f, 0, W / 2],
    [0, c.f, H / 2],
    [0, 0, 1],
  ];
  const floorToImage = k.flatMap((kr) =>
    [0, 1, 2].map((col) => kr.reduce((s, x, i) => s + x * m[i]![col]!, 0)),
  );
  return invert(floorToImage as unknown as Homography);
}

const camera = fc.record({
  x: fc.double({ min: -5, max: 25, noNaN: true }),
  y: fc.double({ min: -5, max: 25, noNaN: true }),
  height: fc.double({ min: 2.4, max: 5, noNaN: true }),
  pitch: fc.double({ min: (40 * Math.PI) / 180, max: (90 * Math.PI) / 180, noNaN: true }),
  yaw: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
  f: fc.double({ min: 700, max: 1400, noNaN: true }),
});

const imagePoint = fc.tuple(
  fc.double({ min: 0, max: W, noNaN: true }),
  fc.double({ min: 0, max: H, noNaN: true }),
) as fc.Arbitrary<Vec2>;

/** One point inside each image quadrant, so the four are spread out. */
const spreadQuad = fc
  .array(
    fc.tuple(fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.double({ min: 0.1, max: 0.9, noNaN: true })),
    {
      minLength: 4,
      maxLength: 4,
    },
  )
  .map((fs) => fs.map(([fx, fy], q): Vec2 => [((q % 2) + fx) * (W / 2), (Math.floor(q / 2) + fy) * (H / 2)]));

function minTriangleSin(ps: readonly Vec2[]): number {
  let min = 1;
  for (let a = 0; a < ps.length; a++) {
    for (let b = 0; b < ps.length; b++) {
      for (let c = b + 1; c < ps.length; c++) {
        if (a === b || a === c) continue;
        const [u, v] = [ps[b]!, ps[c]!].map((p) => [p[0] - ps[a]![0], p[1] - ps[a]![1]]) as [
          number[],
          number[],
        ];
        min = Math.min(
          min,
          Math.abs(u[0]! * v[1]! - u[1]! * v[0]!) / (Math.hypot(u[0]!, u[1]!) * Math.hypot(v[0]!, v[1]!)),
        );
      }
    }
  }
  return min;
}

const unit = (h: Homography) => {
  const n = Math.hypot(...h) * Math.sign(h[8] || 1);
  return h.map((x) => x / n);
};

const dist = (a: Vec2, b: Vec2) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Exact pairs from a known H: image points, their floor positions. */
const pairsFor = (h: Homography, image: readonly Vec2[]): PointPair[] =>
  image.map((p) => ({ image: p, floor: project(h, p) }));

function problemOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof HomographyError) return e.problem;
    throw e;
  }
  return undefined;
}

describe('homography', () => {
  it('round-trips image → floor → image and floor → image → floor', () => {
    fc.assert(
      fc.property(camera, fc.array(imagePoint, { minLength: 1, maxLength: 10 }), (c, points) => {
        const h = cameraHomography(c);
        const back = invert(h);
        for (const p of points) {
          const q = project(h, p);
          expect(dist(project(back, q), p)).toBeLessThan(1e-6);
          expect(dist(project(h, project(back, q)), q)).toBeLessThan(1e-6);
        }
      }),
    );
  });

  it('recovers H up to scale from exact pairs', () => {
    fc.assert(
      fc.property(
        camera,
        spreadQuad,
        fc.array(imagePoint, { maxLength: 8 }),
        fc.array(imagePoint, { minLength: 5, maxLength: 5 }),
        (c, quad, extra, probes) => {
          fc.pre(minTriangleSin(quad) > 0.05);
          const image = [...quad, ...extra];
          fc.pre(image.every((p, i) => image.every((q, j) => i === j || dist(p, q) > 1)));
          const truth = cameraHomography(c);
          const solved = solveHomography(pairsFor(truth, image));
          const [a, b] = [unit(solved), unit(truth)];
          for (const [i, x] of a.entries()) expect(Math.abs(x - b[i]!)).toBeLessThan(1e-8);
          for (const p of probes) expect(dist(project(solved, p), project(truth, p))).toBeLessThan(1e-6);
          const report = reprojectionErrors(solved, pairsFor(truth, quad));
          expect(report.rmsFloorM).toBeLessThan(1e-8);
          expect(report.rmsImagePx).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('solves a hand-made plan: a 4 × 3 m rectangle seen as a trapezoid', () => {
    const pairs: PointPair[] = [
      { image: [400, 900], floor: [0, 0] },
      { image: [1500, 900], floor: [4, 0] },
      { image: [1200, 300], floor: [4, 3] },
      { image: [700, 300], floor: [0, 3] },
    ];
    const h = solveHomography(pairs);
    for (const p of pairs) expect(dist(project(h, p.image), p.floor)).toBeLessThan(1e-9);
    expect(h[8]).toBe(1);
    // The image centre line maps to the floor centre line (x = 2 m) by symmetry.
    expect(project(h, [950, 600])[0]).toBeCloseTo(2, 9);
  });

  it('reports reprojection error in metres and pixels on noisy clicks', () => {
    const truth = cameraHomography({ x: 5, y: 2, height: 3, pitch: 1, yaw: 0.3, f: 1000 });
    const image: Vec2[] = [
      [100, 100],
      [1800, 120],
      [1850, 1000],
      [90, 980],
      [960, 540],
      [500, 700],
      [1400, 300],
      [1000, 900],
    ];
    const pairs = pairsFor(truth, image).map((p, i) => ({
      ...p,
      image: [p.image[0] + (i % 2 ? 1.5 : -1.5), p.image[1] + (i % 3 ? 1 : -1)] as Vec2,
    }));
    const report = reprojectionErrors(solveHomography(pairs), pairs);
    expect(report.points).toHaveLength(8);
    expect(report.rmsImagePx).toBeGreaterThan(0.3);
    expect(report.rmsImagePx).toBeLessThan(3);
    expect(report.rmsFloorM).toBeLessThan(0.05);
    expect(report.maxImagePx).toBeGreaterThanOrEqual(report.rmsImagePx);
    expect(report.maxFloorM).toBeGreaterThanOrEqual(report.rmsFloorM);
  });

  it('refuses input that cannot determine a homography, saying why', () => {
    const truth = cameraHomography({ x: 5, y: 2, height: 3, pitch: 1, yaw: 0.3, f: 1000 });
    const square: Vec2[] = [
      [100, 100],
      [1800, 100],
      [1800, 1000],
      [100, 1000],
    ];
    expect(problemOf(() => solveHomography(pairsFor(truth, square.slice(0, 3))))).toBe('too-few-points');
    const line: Vec2[] = [0, 1, 2, 3, 4, 5].map((i) => [100 + 300 * i, 200 + 100 * i]);
    expect(problemOf(() => solveHomography(pairsFor(truth, line)))).toBe('collinear');
    const threeOnALine: Vec2[] = [
      [100, 100],
      [900, 100],
      [1800, 100],
      [900, 1000],
    ];
    expect(problemOf(() => solveHomography(pairsFor(truth, threeOnALine)))).toBe('collinear');
    const fourOnALinePlusOne: Vec2[] = [...line.slice(0, 4), [900, 1000]];
    expect(problemOf(() => solveHomography(pairsFor(truth, fourOnALinePlusOne)))).toBe('degenerate');
    const repeated: Vec2[] = [...square.slice(0, 3), [100, 100]];
    expect(problemOf(() => solveHomography(pairsFor(truth, repeated)))).toBe('duplicate-points');
    const broken = pairsFor(truth, square);
    broken[2] = { image: [Number.NaN, 1], floor: [0, 0] };
    expect(problemOf(() => solveHomography(broken))).toBe('invalid-point');
    // Floor points surveyed along one wall only.
    const wall = square.map((p, i) => ({ image: p, floor: [i, 0] as Vec2 }));
    expect(problemOf(() => solveHomography(wall))).toBe('collinear');
    expect(() => solveHomography([])).toThrow(/at least 4 point pairs, got 0/);
  });

  it('refuses to invert a singular matrix', () => {
    expect(() => invert([1, 2, 3, 2, 4, 6, 0, 0, 1])).toThrow(HomographyError);
  });
});
