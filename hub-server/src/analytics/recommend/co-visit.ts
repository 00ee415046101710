// What the joined paths say about a pair: of the shoppers who bought A (and whose path we have), how
// many walked through a zone holding B, and how often B ended up in the basket with and without that;
// and, for comparison, how often shoppers without A who walked past B bought it.
export interface JoinedPath {
  /** Zones the session passed through. */
  readonly zones: ReadonlySet<string>;
  /** The joined basket, at the analysis level (SKUs or categories). */
  readonly basket: ReadonlySet<string>;
}

export interface CoVisit {
  /** Joined sessions whose basket holds A. */
  readonly aBuyers: number;
  /** Share of them whose path passed one of B's zones; null without A-buyers. */
  readonly coVisitRate: number | null;
  /** A-buyers who passed B's zones, and how many of them bought B. */
  readonly exposed: { readonly sessions: number; readonly boughtB: number };
  /** A-buyers who did not, and how many of them bought B anyway. */
  readonly unexposed: { readonly sessions: number; readonly boughtB: number };
  /** Joined sessions without A that passed B's zones, and how many of them bought B. */
  readonly exposedWithoutA: { readonly sessions: number; readonly boughtB: number };
}

export function coVisit(
  paths: readonly JoinedPath[],
  a: string,
  b: string,
  zonesOfB: readonly string[],
): CoVisit {
  const exposed = { sessions: 0, boughtB: 0 };
  const unexposed = { sessions: 0, boughtB: 0 };
  const exposedWithoutA = { sessions: 0, boughtB: 0 };
  for (const p of paths) {
    const passedB = zonesOfB.some((z) => p.zones.has(z));
    const group = p.basket.has(a) ? (passedB ? exposed : unexposed) : passedB ? exposedWithoutA : undefined;
    if (!group) continue;
    group.sessions++;
    if (p.basket.has(b)) group.boughtB++;
  }
  const aBuyers = exposed.sessions + unexposed.sessions;
  return {
    aBuyers,
    coVisitRate: aBuyers > 0 ? exposed.sessions / aBuyers : null,
    exposed,
    unexposed,
    exposedWithoutA,
  };
}
