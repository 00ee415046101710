// Path ⇄ purchase join: a linked shopper's session meets the basket of the same pseudonym bought during
// that store visit, i.e. the transaction timed within [first zone enter, last zone exit + grace]; the
// grace (default 15 min) covers the queue and the till, which zone tracking may not see to the end.
// When several sessions and transactions compete, pairs are matched greedily by the gap between the
// sale and the session's last exit (the checkout ends the visit), each used at most once.
// Anonymous sessions never join; they count in traffic statistics only.
import type { ShopperSession } from '../paths/sessions.js';
import type { Transaction } from './transactions.js';

export interface JoinOptions {
  /** Minutes after the last zone exit in which the sale may be timed; default 15. */
  graceMinutes?: number;
  /** Only transactions of this store (or with no store id) are candidates. */
  storeId?: string;
}

export interface JoinedSession {
  readonly session: ShopperSession;
  /** The store visit's basket; absent for anonymous or unmatched sessions. */
  readonly transaction?: Transaction;
}

export interface JoinStats {
  readonly sessions: number;
  readonly anonymousSessions: number;
  readonly linkedSessions: number;
  readonly joinedSessions: number;
  /** joinedSessions / linkedSessions; null when no session is linked. */
  readonly joinRate: number | null;
  /** Linked sessions with more than one candidate transaction in their window. */
  readonly ambiguousSessions: number;
  /** Transactions with a pseudonym and a time (the ones that could join). */
  readonly loyaltyTransactions: number;
  readonly joinedTransactions: number;
  /** joinedTransactions / loyaltyTransactions; null when there is none. */
  readonly transactionJoinRate: number | null;
}

export interface JoinResult {
  /** Every session, in input order. */
  readonly sessions: JoinedSession[];
  readonly stats: JoinStats;
}

export function joinPathsToPurchases(
  sessions: readonly ShopperSession[],
  transactions: readonly Transaction[],
  options: JoinOptions = {},
): JoinResult {
  const graceMs = (options.graceMinutes ?? 15) * 60_000;
  const byMember = new Map<string, Transaction[]>();
  let loyaltyTransactions = 0;
  for (const t of transactions) {
    if (t.loyaltyId === undefined || t.timestamp === undefined) continue;
    if (options.storeId !== undefined && t.storeId !== undefined && t.storeId !== options.storeId) continue;
    loyaltyTransactions++;
    const list = byMember.get(t.loyaltyId) ?? [];
    byMember.set(t.loyaltyId, list);
    list.push(t);
  }

  const candidates: { s: number; t: Transaction; gap: number }[] = [];
  let linkedSessions = 0;
  let ambiguousSessions = 0;
  sessions.forEach((session, s) => {
    if (session.loyaltyId === undefined) return;
    linkedSessions++;
    let found = 0;
    for (const t of byMember.get(session.loyaltyId) ?? []) {
      const ts = t.timestamp!;
      if (ts < session.start || ts > session.end + graceMs) continue;
      found++;
      candidates.push({ s, t, gap: Math.abs(ts - session.end) });
    }
    if (found > 1) ambiguousSessions++;
  });
  candidates.sort((a, b) => a.gap - b.gap || a.s - b.s);

  const matched = new Map<number, Transaction>();
  const used = new Set<Transaction>();
  for (const c of candidates) {
    if (matched.has(c.s) || used.has(c.t)) continue;
    matched.set(c.s, c.t);
    used.add(c.t);
  }
  return {
    sessions: sessions.map((session, s) => {
      const transaction = matched.get(s);
      return transaction ? { session, transaction } : { session };
    }),
    stats: {
      sessions: sessions.length,
      anonymousSessions: sessions.length - linkedSessions,
      linkedSessions,
      joinedSessions: matched.size,
      joinRate: linkedSessions > 0 ? matched.size / linkedSessions : null,
      ambiguousSessions,
      loyaltyTransactions,
      joinedTransactions: used.size,
      transactionJoinRate: loyaltyTransactions > 0 ? used.size / loyaltyTransactions : null,
    },
  };
}
