// Zone-to-zone transitions: how often a shopper's next zone after `from` was `to`, with where sessions
// begin and end, so that every visit is accounted for exactly once on each side:
//   visits[z] = Σ_to counts[z][to] + exits[z] = Σ_from counts[from][z] + entries[z].
// Consecutive visits to the same zone (a shopper stepping out and back, or tracking flicker) count as
// a self-transition rather than being merged, which keeps that law exact.
import type { ShopperSession } from './sessions.js';

export interface TransitionMatrix {
  /** Zone ids, sorted; the row/column order of `counts`. */
  readonly zones: readonly string[];
  /** counts[i][j]: times a visit to zones[i] was followed by a visit to zones[j]. */
  readonly counts: readonly (readonly number[])[];
  /** Sessions whose first visit was to zones[i]. */
  readonly entries: readonly number[];
  /** Sessions whose last visit was to zones[i]. */
  readonly exits: readonly number[];
  /** Visits to zones[i]. */
  readonly visits: readonly number[];
}

/** The matrix over the zones seen, plus any in `zones` (so a cold zone still gets its empty row). */
export function zoneTransitionMatrix(
  sessions: readonly ShopperSession[],
  zones: readonly string[] = [],
): TransitionMatrix {
  const ids = new Set(zones);
  for (const s of sessions) for (const v of s.visits) ids.add(v.zoneId);
  const order = [...ids].sort();
  const index = new Map(order.map((z, i) => [z, i]));
  const n = order.length;
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const entries = new Array<number>(n).fill(0);
  const exits = new Array<number>(n).fill(0);
  const visits = new Array<number>(n).fill(0);
  for (const s of sessions) {
    if (s.visits.length === 0) continue;
    let previous = -1;
    for (const v of s.visits) {
      const i = index.get(v.zoneId)!;
      visits[i]!++;
      if (previous >= 0) counts[previous]![i]!++;
      else entries[i]!++;
      previous = i;
    }
    exits[previous]!++;
  }
  return { zones: order, counts, entries, exits, visits };
}

/**
 * Row shares: for each zone, the probability of each next zone and of leaving the path there
 * (`exit`), each row summing to 1; zones never visited get all zeros.
 */
export function transitionShares(m: TransitionMatrix): { next: number[][]; exit: number[] } {
  const next = m.counts.map((row, i) => row.map((c) => (m.visits[i]! > 0 ? c / m.visits[i]! : 0)));
  const exit = m.exits.map((c, i) => (m.visits[i]! > 0 ? c / m.visits[i]! : 0));
  return { next, exit };
}
