// Co-purchase statistics over baskets, to state a planted effect in the numbers analytics report:
// support, confidence and lift of "some A and some B in one basket".
import type { PosLineItem } from '@retail/contracts';

export interface PairStats {
  baskets: number;
  withA: number;
  withB: number;
  both: number;
  /** both / baskets */
  support: number;
  /** P(B | A) */
  confidence: number;
  /** P(A ∧ B) / (P(A) · P(B)); 0 when either side never occurs. */
  lift: number;
}

/** The SKU set of each transaction, in first-seen order. */
export function basketsFromPos(lines: Iterable<PosLineItem>): Set<string>[] {
  const byTx = new Map<string, Set<string>>();
  for (const l of lines) {
    const set = byTx.get(l.transactionId) ?? new Set<string>();
    byTx.set(l.transactionId, set);
    set.add(l.sku);
  }
  return [...byTx.values()];
}

export function pairStats(
  baskets: readonly ReadonlySet<string>[],
  a: Iterable<string>,
  b: Iterable<string>,
): PairStats {
  const sideA = [...a];
  const sideB = [...b];
  let withA = 0;
  let withB = 0;
  let both = 0;
  for (const basket of baskets) {
    const hasA = sideA.some((s) => basket.has(s));
    const hasB = sideB.some((s) => basket.has(s));
    if (hasA) withA++;
    if (hasB) withB++;
    if (hasA && hasB) both++;
  }
  const n = baskets.length;
  return {
    baskets: n,
    withA,
    withB,
    both,
    support: n > 0 ? both / n : 0,
    confidence: withA > 0 ? both / withA : 0,
    lift: withA > 0 && withB > 0 ? (both * n) / (withA * withB) : 0,
  };
}
