// Test support: sessions written as zone lists with dwell seconds, and a fast-check arbitrary of them.
import type { ZoneVisit } from '@retail/contracts';
import fc from 'fast-check';
import { groupSessions, type ShopperSession } from './sessions.js';

export const T0 = Date.UTC(2026, 2, 2, 9);

/** `path` as [zone, seconds] steps walked back to back from `startS` seconds after T0. */
export function sessionOf(
  sessionId: string,
  path: readonly (readonly [string, number])[],
  options: { loyaltyId?: string; startS?: number } = {},
): ShopperSession {
  let t = T0 + (options.startS ?? 0) * 1000;
  const visits: ZoneVisit[] = path.map(([zoneId, seconds]) => {
    const v: ZoneVisit = { sessionId, zoneId, enterTs: t, exitTs: t + seconds * 1000 };
    if (options.loyaltyId !== undefined) v.loyaltyId = options.loyaltyId;
    t += seconds * 1000;
    return v;
  });
  return groupSessions(visits)[0]!;
}

const ZONES = ['a', 'b', 'c', 'd', 'e'];

/** Random sessions over five zones, dwell 0..60 s, about half of them with a basket of zone items. */
export const sessionsArb = fc
  .array(
    fc.record({
      path: fc.array(fc.tuple(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 60 })), {
        minLength: 1,
        maxLength: 8,
      }),
      basket: fc.option(fc.subarray(ZONES.map((z) => `item-${z}`)), { nil: undefined }),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r, i) => ({
      session: sessionOf(`s${i}`, r.path),
      ...(r.basket !== undefined && { basket: new Set(r.basket) }),
    })),
  );
