// Zone flows from sessions and from roll-up totals.
import type { ZoneVisit } from '@retail/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupSessions } from '../paths/sessions.js';
import { flowsFromSessions, flowsFromTotals } from './flows.js';

const visit = (sessionId: string, zoneId: string, t: number): ZoneVisit => ({
  sessionId,
  zoneId,
  enterTs: t,
  exitTs: t + 1,
});

describe('flows', () => {
  it('counts moves between zones, busiest first, leaving out steps within a zone', () => {
    const sessions = groupSessions([
      visit('a', 'lobby', 0),
      visit('a', 'bakery', 1),
      visit('a', 'bakery', 2),
      visit('a', 'tills', 3),
      visit('b', 'lobby', 0),
      visit('b', 'bakery', 1),
    ]);
    expect(flowsFromSessions(sessions)).toEqual({
      sessions: 2,
      links: [
        { from: 'lobby', to: 'bakery', count: 2 },
        { from: 'bakery', to: 'tills', count: 1 },
      ],
    });
    expect(
      flowsFromTotals(
        [
          { from: 'a', to: 'a', count: 4 },
          { from: 'a', to: 'b', count: 1 },
          { from: 'b', to: 'a', count: 3 },
          { from: 'c', to: 'a', count: 0 },
        ],
        9,
      ),
    ).toEqual({
      sessions: 9,
      links: [
        { from: 'b', to: 'a', count: 3 },
        { from: 'a', to: 'b', count: 1 },
      ],
    });
  });

  it('property: every change of zone within a session is one unit of some link', () => {
    const zone = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(fc.array(fc.array(zone, { minLength: 1, maxLength: 8 }), { maxLength: 20 }), (paths) => {
        const sessions = groupSessions(
          paths.flatMap((zones, s) => zones.map((z, i) => visit(`s${s}`, z, i))),
        );
        const changes = paths.reduce(
          (n, zones) => n + zones.filter((z, i) => i > 0 && z !== zones[i - 1]).length,
          0,
        );
        const flows = flowsFromSessions(sessions);
        expect(flows.links.reduce((n, l) => n + l.count, 0)).toBe(changes);
        expect(flows.sessions).toBe(paths.length);
      }),
    );
  });
});
