// Splitting one blob of pixels into k people: k-means on the pixel coordinates.

/** Pixel coordinates of one region, as parallel arrays. */
export interface Pixels {
  xs: number[];
  ys: number[];
}

/**
 * How long and how thick a region is: the range of its pixels along its principal axis and across it,
 * leaving out the lowest and highest `trim` share of each (a stray arm, a speck of shadow).
 */
export function principalExtents(pixels: Pixels, trim: number): { major: number; minor: number } {
  const { xs, ys } = pixels;
  const n = xs.length;
  if (n === 0) return { major: 0, minor: 0 };
  const [ux, uy] = principalAxis(pixels);
  const mx = xs.reduce((sum, x) => sum + x, 0) / n;
  const my = ys.reduce((sum, y) => sum + y, 0) / n;
  const along = Float64Array.from(xs, (x, p) => (x - mx) * ux + (ys[p]! - my) * uy).sort();
  const across = Float64Array.from(xs, (x, p) => -(x - mx) * uy + (ys[p]! - my) * ux).sort();
  const cut = Math.floor(trim * (n - 1));
  return {
    major: along[n - 1 - cut]! - along[cut]! + 1,
    minor: across[n - 1 - cut]! - across[cut]! + 1,
  };
}

/**
 * Pixel count over the area of the pixels' convex hull (with Pick's correction for the hull's own
 * boundary pixels, so a filled convex shape scores about 1 however small). Two people standing close
 * together make a blob with a waist, about 0.75; one person's blob is mostly convex.
 */
export function solidity(pixels: Pixels): number {
  const { xs, ys } = pixels;
  if (xs.length < 3) return 1;
  const order = Array.from(xs.keys()).sort((a, b) => xs[a]! - xs[b]! || ys[a]! - ys[b]!);
  const cross = (o: number, a: number, b: number): number =>
    (xs[a]! - xs[o]!) * (ys[b]! - ys[o]!) - (ys[a]! - ys[o]!) * (xs[b]! - xs[o]!);
  const chain = (indices: number[]): number[] => {
    const hull: number[] = [];
    for (const p of indices) {
      while (hull.length >= 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, p) <= 0) hull.pop();
      hull.push(p);
    }
    hull.pop();
    return hull;
  };
  const hull = [...chain(order), ...chain(order.reverse())];
  let twiceArea = 0;
  let boundary = 0;
  for (let k = 0; k < hull.length; k++) {
    const p = hull[k]!;
    const q = hull[(k + 1) % hull.length]!;
    twiceArea += xs[p]! * ys[q]! - xs[q]! * ys[p]!;
    boundary += Math.max(Math.abs(xs[q]! - xs[p]!), Math.abs(ys[q]! - ys[p]!));
  }
  return xs.length / (Math.abs(twiceArea) / 2 + boundary / 2 + 1);
}

/** Unit vector of the direction in which the pixels spread most (the major axis of their second moments). */
function principalAxis(pixels: Pixels): [number, number] {
  const { xs, ys } = pixels;
  const n = xs.length;
  const mx = xs.reduce((sum, x) => sum + x, 0) / n;
  const my = ys.reduce((sum, y) => sum + y, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let p = 0; p < n; p++) {
    const dx = xs[p]! - mx;
    const dy = ys[p]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return [Math.cos(angle), Math.sin(angle)];
}

/**
 * A split across the principal axis is taken only when its cut is at most this share of the other's. On
 * the CAVIAR lobby, two people walking abreast give 0.14–0.5; two people grappling, where neither split
 * is right, 0.76–0.98, mostly above 0.9 (switching there cost precision from a cold start).
 */
const ACROSS_CUT_SHARE = 0.75;

/**
 * k-means on pixel coordinates, seeded at evenly spaced quantiles along the pixels' principal axis
 * (people who fuse into one blob stand side by side along its long direction). A blob of two that is
 * nearly as thick as it is long has no reliable long direction (two people walking abreast, seen from
 * above, make a square), so a split in two is also tried seeded across that axis, and wins when its cut
 * is clearly shorter: two people touch along a waist, and cutting one person in half crosses their whole
 * body (see ACROSS_CUT_SHARE). Empty clusters are left out, so fewer than k parts may come back.
 */
export function splitPixels(pixels: Pixels, k: number): Pixels[] {
  const { xs, ys } = pixels;
  const n = xs.length;
  if (n === 0 || k <= 1) return [pixels];
  const [ux, uy] = principalAxis(pixels);
  let assignment = kMeans(pixels, seedsAlong(pixels, k, ux, uy));
  if (k === 2) {
    const across = kMeans(pixels, seedsAlong(pixels, k, -uy, ux));
    if (cutLength(pixels, across) < ACROSS_CUT_SHARE * cutLength(pixels, assignment)) assignment = across;
  }
  const parts: Pixels[] = Array.from({ length: k }, () => ({ xs: [], ys: [] }));
  for (let p = 0; p < n; p++) {
    parts[assignment[p]!]!.xs.push(xs[p]!);
    parts[assignment[p]!]!.ys.push(ys[p]!);
  }
  return parts.filter((part) => part.xs.length > 0);
}

/** k centres at evenly spaced quantiles of the pixels' projections on the direction (ux, uy). */
function seedsAlong(pixels: Pixels, k: number, ux: number, uy: number): { x: number; y: number }[] {
  const { xs, ys } = pixels;
  const n = xs.length;
  const mx = xs.reduce((sum, x) => sum + x, 0) / n;
  const my = ys.reduce((sum, y) => sum + y, 0) / n;
  const projections = Float64Array.from(xs, (x, p) => (x - mx) * ux + (ys[p]! - my) * uy).sort();
  return Array.from({ length: k }, (_, index) => {
    const t = projections[Math.floor(((index + 0.5) / k) * n)]!;
    return { x: mx + t * ux, y: my + t * uy };
  });
}

/** Ten rounds of Lloyd's k-means from the given centres: each pixel's cluster index. */
function kMeans(pixels: Pixels, seeds: { x: number; y: number }[]): Int32Array {
  const { xs, ys } = pixels;
  const n = xs.length;
  const centres = [...seeds];
  const assignment = new Int32Array(n);
  for (let round = 0; round < 10; round++) {
    const sums = centres.map(() => ({ x: 0, y: 0, n: 0 }));
    for (let p = 0; p < n; p++) {
      let nearest = 0;
      let nearestDistance = Number.POSITIVE_INFINITY;
      centres.forEach((centre, index) => {
        const distance = (xs[p]! - centre.x) ** 2 + (ys[p]! - centre.y) ** 2;
        if (distance < nearestDistance) {
          nearest = index;
          nearestDistance = distance;
        }
      });
      assignment[p] = nearest;
      const sum = sums[nearest]!;
      sum.x += xs[p]!;
      sum.y += ys[p]!;
      sum.n++;
    }
    sums.forEach((sum, index) => {
      if (sum.n > 0) centres[index] = { x: sum.x / sum.n, y: sum.y / sum.n };
    });
  }
  return assignment;
}

/** How many pairs of 4-neighbouring pixels the assignment puts in different clusters. */
function cutLength(pixels: Pixels, assignment: Int32Array): number {
  const { xs, ys } = pixels;
  const cluster = new Map<number, number>();
  const key = (x: number, y: number): number => y * 65536 + x;
  for (let p = 0; p < xs.length; p++) cluster.set(key(xs[p]!, ys[p]!), assignment[p]!);
  let cut = 0;
  for (let p = 0; p < xs.length; p++) {
    const right = cluster.get(key(xs[p]! + 1, ys[p]!));
    const below = cluster.get(key(xs[p]!, ys[p]! + 1));
    if (right !== undefined && right !== assignment[p]) cut++;
    if (below !== undefined && below !== assignment[p]) cut++;
  }
  return cut;
}
