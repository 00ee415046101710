// Splitting one blob of pixels into k people: k-means on the pixel coordinates.

/** Pixel coordinates of one region, as parallel arrays. */
export interface Pixels {
  xs: number[];
  ys: number[];
}

/**
 * k-means on pixel coordinates, seeded at evenly spaced quantiles along the pixels' principal axis
 * (people who fuse into one blob stand side by side along its long direction). Empty clusters are left
 * out, so fewer than k parts may come back.
 */
export function splitPixels(pixels: Pixels, k: number): Pixels[] {
  const { xs, ys } = pixels;
  const n = xs.length;
  if (n === 0 || k <= 1) return [pixels];
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
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const projections = Float64Array.from(xs, (x, p) => (x - mx) * ux + (ys[p]! - my) * uy).sort();
  const centres = Array.from({ length: k }, (_, index) => {
    const t = projections[Math.floor(((index + 0.5) / k) * n)]!;
    return { x: mx + t * ux, y: my + t * uy };
  });
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
  const parts: Pixels[] = centres.map(() => ({ xs: [], ys: [] }));
  for (let p = 0; p < n; p++) {
    parts[assignment[p]!]!.xs.push(xs[p]!);
    parts[assignment[p]!]!.ys.push(ys[p]!);
  }
  return parts.filter((part) => part.xs.length > 0);
}
