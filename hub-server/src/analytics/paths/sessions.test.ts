import { describe, expect, it } from 'vitest';
import { groupSessions, visitedZones, zoneSequence } from './sessions.js';

const at = (s: number) => 1_700_000_000_000 + s * 1000;

describe('groupSessions', () => {
  it('groups by session in order of first appearance, sorts visits, spans first enter to last exit', () => {
    const sessions = groupSessions([
      { sessionId: 's2', zoneId: 'b', enterTs: at(50), exitTs: at(60) },
      { sessionId: 's1', loyaltyId: 'p1', zoneId: 'b', enterTs: at(20), exitTs: at(90) },
      { sessionId: 's1', zoneId: 'a', enterTs: at(0), exitTs: at(20) },
      { sessionId: 's1', zoneId: 'c', enterTs: at(30), exitTs: at(40) },
    ]);
    expect(sessions.map((s) => s.sessionId)).toEqual(['s2', 's1']);
    const s1 = sessions[1]!;
    expect(s1.loyaltyId).toBe('p1');
    expect(s1.visits.map((v) => v.zoneId)).toEqual(['a', 'b', 'c']);
    expect([s1.start, s1.end]).toEqual([at(0), at(90)]);
    expect('loyaltyId' in sessions[0]!).toBe(false);
  });

  it('collapses consecutive repeats in the zone sequence and lists visited zones once', () => {
    const [s] = groupSessions(
      ['a', 'a', 'b', 'a', 'c', 'c'].map((zoneId, i) => ({
        sessionId: 's',
        zoneId,
        enterTs: at(i),
        exitTs: at(i + 1),
      })),
    );
    expect(zoneSequence(s!)).toEqual(['a', 'b', 'a', 'c']);
    expect([...visitedZones(s!)]).toEqual(['a', 'b', 'c']);
  });
});
