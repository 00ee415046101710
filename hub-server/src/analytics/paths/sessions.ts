// A shopper session: one store visit's zone visits in time order, with the loyalty pseudonym when
// the shopper opted in. Every path statistic starts from these.
import type { ZoneVisit } from '@retail/contracts';

export interface ShopperSession {
  readonly sessionId: string;
  /** The member pseudonym; absent for anonymous sessions. */
  readonly loyaltyId?: string;
  /** In time order (by enter time, stable). */
  readonly visits: readonly ZoneVisit[];
  /** First enter, epoch ms. */
  readonly start: number;
  /** Last exit, epoch ms. */
  readonly end: number;
}

/**
 * Groups visits by session id, sessions in order of first appearance. The session's pseudonym is the
 * first non-empty loyalty id among its visits (the edge stamps every visit of a session alike).
 */
export function groupSessions(visits: Iterable<ZoneVisit>): ShopperSession[] {
  const bySession = new Map<string, ZoneVisit[]>();
  for (const visit of visits) {
    const list = bySession.get(visit.sessionId);
    if (list) list.push(visit);
    else bySession.set(visit.sessionId, [visit]);
  }
  return [...bySession].map(([sessionId, list]) => {
    list.sort((a, b) => a.enterTs - b.enterTs);
    const loyaltyId = list.find((v) => v.loyaltyId)?.loyaltyId;
    let end = -Infinity;
    for (const v of list) end = Math.max(end, v.exitTs);
    return {
      sessionId,
      ...(loyaltyId !== undefined && { loyaltyId }),
      visits: list,
      start: list[0]!.enterTs,
      end,
    };
  });
}

/** The zones a session passed through, each once. */
export function visitedZones(session: ShopperSession): Set<string> {
  return new Set(session.visits.map((v) => v.zoneId));
}

/** Zone ids of a session in order with consecutive repeats collapsed (A, A, B → A, B). */
export function zoneSequence(session: ShopperSession): string[] {
  const out: string[] = [];
  for (const v of session.visits) if (out[out.length - 1] !== v.zoneId) out.push(v.zoneId);
  return out;
}
