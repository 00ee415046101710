// Seeded synthetic baskets with supermarket-like statistics, for benchmarks: item popularity follows a
// power law (Zipf), basket sizes are 1 + geometric (mean ~10, long tail), and items come in "missions"
// (clusters of related SKUs) so that pairs co-occur more than independence predicts, as in real tills.
import { seededRandom } from '@retail/contracts';

export interface SyntheticBasketOptions {
  transactions: number;
  items: number;
  seed: number;
  /** Mean basket size, default 10. */
  meanSize?: number;
  /** Zipf exponent of item popularity, default 1. */
  zipf?: number;
  /** SKUs per mission cluster, default 8. */
  clusterSize?: number;
  /** Chance that the next item is drawn from the previous item's cluster, default 0.35. */
  stayInCluster?: number;
  /** Largest basket, default 60. */
  maxSize?: number;
}

/** All baskets in one buffer: basket t is items[offsets[t] .. offsets[t + 1]), distinct ids, unsorted. */
export interface FlatBaskets {
  readonly items: Uint32Array;
  readonly offsets: Uint32Array;
}

export function syntheticBaskets(o: SyntheticBasketOptions): FlatBaskets {
  const random = seededRandom(o.seed);
  const meanSize = o.meanSize ?? 10;
  const clusterSize = o.clusterSize ?? 8;
  const stay = o.stayInCluster ?? 0.35;
  const maxSize = o.maxSize ?? 60;
  const cdf = zipfCdf(o.items, o.zipf ?? 1);
  // Popularity rank r is item ids[r]: a seeded shuffle, so popular items are not all in cluster 0.
  const ids = shuffledIds(o.items, random);
  const p = 1 / meanSize; // geometric on {1, 2, …} with mean 1 / p
  let buffer: Uint32Array = new Uint32Array(Math.ceil(o.transactions * meanSize * 1.2) + maxSize);
  const offsets = new Uint32Array(o.transactions + 1);
  let end = 0;
  for (let t = 0; t < o.transactions; t++) {
    const size = Math.min(maxSize, o.items, 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - p)));
    if (end + size > buffer.length) buffer = grow(buffer, end + size);
    const start = end;
    let previous = -1;
    let tries = 0;
    while (end - start < size && tries++ < size * 20) {
      const id =
        previous >= 0 && random() < stay
          ? Math.min(o.items - 1, previous - (previous % clusterSize) + Math.floor(random() * clusterSize))
          : ids[pick(cdf, random())]!;
      if (contains(buffer, start, end, id)) continue;
      buffer[end++] = id;
      previous = id;
    }
    offsets[t + 1] = end;
  }
  return { items: buffer.subarray(0, end), offsets };
}

/** Views (no copies) of each basket, the shape the miners take. */
export function basketViews(flat: FlatBaskets): Uint32Array[] {
  const out = new Array<Uint32Array>(flat.offsets.length - 1);
  for (let t = 0; t < out.length; t++) out[t] = flat.items.subarray(flat.offsets[t]!, flat.offsets[t + 1]!);
  return out;
}

function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) {
    sum += 1 / (r + 1) ** s;
    cdf[r] = sum;
  }
  for (let r = 0; r < n; r++) cdf[r]! /= sum;
  return cdf;
}

/** The first rank whose cumulative probability exceeds u (binary search). */
function pick(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function shuffledIds(n: number, random: () => number): Uint32Array {
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const x = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = x;
  }
  return ids;
}

function contains(a: Uint32Array, start: number, end: number, id: number): boolean {
  for (let k = start; k < end; k++) if (a[k] === id) return true;
  return false;
}

function grow(a: Uint32Array, atLeast: number): Uint32Array {
  const next = new Uint32Array(Math.max(atLeast, Math.ceil(a.length * 1.5)));
  next.set(a);
  return next;
}
