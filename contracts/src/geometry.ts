// Plane geometry on floor-plan metres (and image pixels): the few predicates the contracts need to
// check layouts. Pure and allocation-light; points are [x, y] tuples as written in layout JSON.

export type Vec2 = readonly [number, number];
export type Polygon = readonly Vec2[];

const EPS = 1e-9;

/** Shoelace area, positive when counter-clockwise in a y-up frame. */
export function signedArea(poly: Polygon): number {
  let a = 0;
  for (let i = 0; i < poly.length; i++) {
    const [x1, y1] = poly[i]!;
    const [x2, y2] = poly[(i + 1) % poly.length]!;
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

export function centroid(poly: Polygon): Vec2 {
  const a = signedArea(poly);
  if (Math.abs(a) < EPS) {
    const n = poly.length || 1;
    return [poly.reduce((s, p) => s + p[0], 0) / n, poly.reduce((s, p) => s + p[1], 0) / n];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < poly.length; i++) {
    const [x1, y1] = poly[i]!;
    const [x2, y2] = poly[(i + 1) % poly.length]!;
    const f = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

function orientation(a: Vec2, b: Vec2, c: Vec2): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return Math.abs(v) < EPS ? 0 : Math.sign(v);
}

function onSegment(a: Vec2, b: Vec2, p: Vec2): boolean {
  return (
    Math.min(a[0], b[0]) - EPS <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) + EPS &&
    Math.min(a[1], b[1]) - EPS <= p[1] &&
    p[1] <= Math.max(a[1], b[1]) + EPS
  );
}

export function segmentsIntersect(p1: Vec2, p2: Vec2, q1: Vec2, q2: Vec2): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(p1, p2, q1)) ||
    (o2 === 0 && onSegment(p1, p2, q2)) ||
    (o3 === 0 && onSegment(q1, q2, p1)) ||
    (o4 === 0 && onSegment(q1, q2, p2))
  );
}

/** Why a ring is not a usable polygon, or undefined when it is (≥3 vertices, non-zero area, no self-crossing). */
export function polygonProblem(poly: Polygon): string | undefined {
  if (poly.length < 3) return `a polygon needs at least 3 points, got ${poly.length}`;
  const n = poly.length;
  for (let i = 0; i < n; i++) {
    const a1 = poly[i]!;
    const a2 = poly[(i + 1) % n]!;
    if (a1[0] === a2[0] && a1[1] === a2[1]) return `points ${i} and ${(i + 1) % n} are the same`;
    for (let j = i + 1; j < n; j++) {
      // Adjacent edges share a vertex by construction; skip them.
      if (j === i || (j + 1) % n === i || (i + 1) % n === j) continue;
      if (segmentsIntersect(a1, a2, poly[j]!, poly[(j + 1) % n]!)) {
        return `edges ${i} and ${j} cross (the polygon intersects itself)`;
      }
    }
  }
  // After the crossing test, so a bow-tie (whose signed halves cancel) is reported as crossing.
  if (Math.abs(signedArea(poly)) < 1e-6) return 'polygon has zero area (its points are collinear)';
  return undefined;
}

/** Even-odd rule; points on the boundary count as inside. */
export function pointInPolygon(p: Vec2, poly: Polygon): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (orientation(a, b, p) === 0 && onSegment(a, b, p)) return true;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside;
}

export function pointInRect(p: Vec2, width: number, height: number, tolerance = 1e-6): boolean {
  return p[0] >= -tolerance && p[1] >= -tolerance && p[0] <= width + tolerance && p[1] <= height + tolerance;
}

/** Distance from p to the segment a–b. */
export function pointSegmentDistance(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** 0 inside the polygon (or on its outline), else the distance to its outline. */
export function pointPolygonDistance(p: Vec2, poly: Polygon): number {
  if (pointInPolygon(p, poly)) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    best = Math.min(best, pointSegmentDistance(p, poly[j]!, poly[i]!));
  }
  return best;
}

/** True when the points do not all lie on one line (a homography needs them spread in 2-D). */
export function spansPlane(points: readonly Vec2[]): boolean {
  if (points.length < 3) return false;
  const a = points[0]!;
  const b = points.find((p) => Math.hypot(p[0] - a[0], p[1] - a[1]) > EPS);
  if (!b) return false;
  return points.some((c) => orientation(a, b, c) !== 0);
}

export function distance(a: Vec2, b: Vec2): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Axis-aligned bounds [minX, minY, maxX, maxY] of a polygon. */
export function boundsOf(poly: Polygon): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of poly) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}
