// Repeatable randomness for the simulator: independent streams keyed by name (day, shopper, purpose),
// so that changing one part of a scenario does not reshuffle every draw after it, and the few
// distributions the model needs. Built on the contracts' seeded PRNG; never for privacy or identifiers
// that must be unguessable.
import { seededRandom } from '@retail/contracts';

export type Random = () => number;

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a state after absorbing the parts (a prefix can be absorbed once and extended many times). */
function absorb(h: number, parts: readonly (string | number)[]): number {
  for (const part of parts) {
    const text = `${typeof part}:${part}\u0000`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h;
}

/** A 32-bit seed from a tuple of parts (FNV-1a over the parts, then a murmur3 finaliser). */
export function streamSeed(...parts: readonly (string | number)[]): number {
  return finalise(absorb(FNV_OFFSET, parts));
}

function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A generator of its own for the given key. */
export function streamOf(...parts: readonly (string | number)[]): Random {
  return seededRandom(streamSeed(...parts));
}

/**
 * One uniform in [0, 1) fixed by its key. Impulse decisions use it so that the same shopper meeting the
 * same product draws the same number under two layouts: a before/after comparison then differs only
 * where the layout changed the outcome (common random numbers).
 */
export function keyedUniform(...parts: readonly (string | number)[]): number {
  return seededRandom(streamSeed(...parts))();
}

/** keyedUniform with a fixed key prefix, absorbed once: `keyedDraws(...p)(...q) === keyedUniform(...p, ...q)`. */
export function keyedDraws(
  ...prefix: readonly (string | number)[]
): (...parts: readonly (string | number)[]) => number {
  const h = absorb(FNV_OFFSET, prefix);
  return (...parts) => seededRandom(finalise(absorb(h, parts)))();
}

export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/** Standard normal (Box–Muller; one of the pair is dropped to keep the stream simple). */
export function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal with the given median and shape σ, clamped to [min, max]. */
export function logNormal(random: Random, median: number, sigma: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, median * Math.exp(sigma * normal(random))));
}

/** Poisson count: the number of unit-rate exponential gaps that fit in `mean` (exact, O(mean)). */
export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  let n = 0;
  let sum = -Math.log(1 - random());
  while (sum <= mean) {
    n++;
    sum -= Math.log(1 - random());
  }
  return n;
}

/** Index i with probability weight[i] / total, given the running sums of the weights. */
export function pickWeighted(cumulative: Float64Array, random: Random): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulativeOf(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += Math.max(0, weights[i]!);
    out[i] = sum;
  }
  return out;
}
