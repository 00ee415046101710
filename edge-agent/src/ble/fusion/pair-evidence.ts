// The evidence that one beacon is carried by the person one camera track follows, accumulated over the
// whole time they coexist: per-fix costs (normalised squared distance, robustly clipped; fix-cost.ts)
// summed in fixed time buckets, kept as running totals so any two pairs can be compared over exactly
// the buckets they share — a beacon's rival tracks, or a track's rival beacons — in O(1).

export class PairEvidence {
  /** Running totals of cost and fix count, one entry per bucket from firstBucket on. */
  readonly #cumS: number[] = [];
  readonly #cumN: number[] = [];
  /** Sequential test against the pair: grows with costs above the break level, never below 0. */
  cusum = 0;

  constructor(readonly firstBucket: number) {}

  /**
   * The evidence of a track that continues `prior`'s (the same person's next camera fragment): prior's
   * buckets before `own` began, costs and fix counts weighted by `weight` (≤ 1, the doubt that the
   * fragments are one person: mean costs stay, the log-likelihood ratios shrink), then `own`'s. The
   * sequential test carries on from prior's. `maxFixes` caps what is inherited: prior's weighted fix
   * count is scaled down to it, so a link carried over (right or wrong) weighs no more than that many
   * fresh fixes, and new evidence can overturn it in bounded time.
   */
  static continuing(
    prior: PairEvidence,
    discount: number,
    own?: PairEvidence,
    maxFixes = Number.POSITIVE_INFINITY,
  ): PairEvidence {
    const ownFromBucket = own?.firstBucket ?? Number.POSITIVE_INFINITY;
    // Only prior's buckets before own began are inherited.
    const inherited = prior.between(prior.firstBucket, Math.min(prior.lastBucket, ownFromBucket - 1)).n;
    const weight = inherited * discount > maxFixes ? maxFixes / inherited : discount;
    const first = Math.min(prior.firstBucket, own?.firstBucket ?? prior.firstBucket);
    const ownFrom = ownFromBucket;
    const last = own ? Math.max(own.lastBucket, Math.min(prior.lastBucket, ownFrom - 1)) : prior.lastBucket;
    const e = new PairEvidence(first);
    let s = 0;
    let n = 0;
    for (let k = first; k <= last; k++) {
      if (k < ownFrom) {
        const b = prior.between(k, k);
        s += weight * b.s;
        n += weight * b.n;
      } else if (own) {
        const b = own.between(k, k);
        s += b.s;
        n += b.n;
      }
      e.#cumS.push(s);
      e.#cumN.push(n);
    }
    e.cusum = prior.cusum;
    return e;
  }

  /** Adds one fix's cost in `bucket` (not older than the last bucket added). */
  add(bucket: number, cost: number): void {
    const idx = bucket - this.firstBucket;
    if (idx < 0) return;
    const n = this.#cumS.length;
    if (idx < n - 1) return;
    const lastS = n > 0 ? (this.#cumS[n - 1] as number) : 0;
    const lastN = n > 0 ? (this.#cumN[n - 1] as number) : 0;
    for (let k = n; k <= idx; k++) {
      this.#cumS.push(lastS);
      this.#cumN.push(lastN);
    }
    this.#cumS[idx] = (this.#cumS[idx] as number) + cost;
    this.#cumN[idx] = (this.#cumN[idx] as number) + 1;
  }

  get lastBucket(): number {
    return this.firstBucket + this.#cumS.length - 1;
  }

  /** Fixes scored so far. */
  get n(): number {
    return this.#cumN.at(-1) ?? 0;
  }

  get sum(): number {
    return this.#cumS.at(-1) ?? 0;
  }

  /** Total cost and fixes in buckets [from, to] (clamped to what the pair has). */
  between(from: number, to: number): { s: number; n: number } {
    const a = Math.max(from, this.firstBucket) - this.firstBucket;
    const b = Math.min(to, this.lastBucket) - this.firstBucket;
    if (b < a || b < 0) return { s: 0, n: 0 };
    const s0 = a > 0 ? (this.#cumS[a - 1] as number) : 0;
    const n0 = a > 0 ? (this.#cumN[a - 1] as number) : 0;
    return { s: (this.#cumS[b] as number) - s0, n: (this.#cumN[b] as number) - n0 };
  }
}

/**
 * How much better `a` fits than `b` over the buckets both have (a log-likelihood ratio in cost units):
 * the difference of their mean costs times the fewer fixes. 0 without common fixes.
 */
export function advantage(a: PairEvidence, b: PairEvidence): { llr: number; n: number } {
  const from = Math.max(a.firstBucket, b.firstBucket);
  const to = Math.min(a.lastBucket, b.lastBucket);
  const ea = a.between(from, to);
  const eb = b.between(from, to);
  const n = Math.min(ea.n, eb.n);
  if (n === 0) return { llr: 0, n: 0 };
  return { llr: (eb.s / eb.n - ea.s / ea.n) * n, n };
}

/**
 * `advantage` plus what `a` earned while `b` did not exist yet or any more: before b's first bucket and
 * after its last, b's person was not tracked, so the fixes `a` explains there are, under b, explained
 * by nobody tracked at `absentCost` a fix. A track that has just appeared near a long-linked pair is
 * then no equal rival of it. `n` stays the common fix count.
 */
export function advantageOverSpan(
  a: PairEvidence,
  b: PairEvidence,
  absentCost: number,
): { llr: number; n: number } {
  const common = advantage(a, b);
  const before = a.between(a.firstBucket, b.firstBucket - 1);
  const after = a.between(b.lastBucket + 1, a.lastBucket);
  const outside = absentCost * (before.n + after.n) - before.s - after.s;
  return { llr: common.llr + outside, n: common.n };
}

/**
 * How clearly `a` fits better than `b`, beyond chance: the common buckets are grouped in blocks of
 * `blockBuckets`, the mean-cost difference taken per block, and their mean divided by its standard
 * error (a prior spread of `priorSd` counts as one extra block, so a few similar blocks cannot make a
 * large score). Two beacons' fixes wander around two people walking together by the same errors; a
 * fixed log-likelihood margin is crossed by chance once such a pair has been together long enough,
 * a z-score is not. Blocks are the unit because the positioner's errors are correlated over seconds.
 */
export function separation(
  a: PairEvidence,
  b: PairEvidence,
  blockBuckets: number,
  priorSd: number,
): { z: number; blocks: number } {
  const from = Math.max(a.firstBucket, b.firstBucket);
  const to = Math.min(a.lastBucket, b.lastBucket);
  let m = 0;
  let sum = 0;
  let sum2 = 0;
  for (let k = from; k <= to; k += blockBuckets) {
    const ea = a.between(k, k + blockBuckets - 1);
    const eb = b.between(k, k + blockBuckets - 1);
    if (ea.n === 0 || eb.n === 0) continue;
    const d = eb.s / eb.n - ea.s / ea.n;
    m++;
    sum += d;
    sum2 += d * d;
  }
  if (m === 0) return { z: 0, blocks: 0 };
  const mean = sum / m;
  const variance = (Math.max(0, sum2 - m * mean * mean) + priorSd * priorSd) / m;
  return { z: mean / Math.sqrt(variance / m), blocks: m };
}
