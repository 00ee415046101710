// The few plane-geometry helpers the simulator needs beyond the contracts' (which side of a line, where
// a walk crosses a counting line), on floor metres.
import type { Vec2 } from '@retail/contracts';

/** Which side of the directed line a→b the point lies: > 0 left, < 0 right (y-up convention). */
export function sideOf(a: Vec2, b: Vec2, p: Vec2): number {
  return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
}

/**
 * Metres along the polyline to where it first crosses the segment line[0]–line[1], or undefined when it
 * does not cross it.
 */
export function distanceToCrossing(
  polyline: readonly Vec2[],
  line: readonly [Vec2, Vec2],
): number | undefined {
  const [a, b] = line;
  let along = 0;
  for (let i = 1; i < polyline.length; i++) {
    const p = polyline[i - 1]!;
    const q = polyline[i]!;
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
    const sp = sideOf(a, b, p);
    const sq = sideOf(a, b, q);
    if (sp !== sq && (sp === 0 || sq === 0 || sp > 0 !== sq > 0)) {
      const t = sp === sq ? 0 : sp / (sp - sq);
      const x = p[0] + t * (q[0] - p[0]);
      const y = p[1] + t * (q[1] - p[1]);
      // On the infinite line; count it only within the segment (with a little tolerance for rounding).
      const u =
        ((x - a[0]) * (b[0] - a[0]) + (y - a[1]) * (b[1] - a[1])) / ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2);
      if (u >= -1e-6 && u <= 1 + 1e-6) return along + t * len;
    }
    along += len;
  }
  return undefined;
}
