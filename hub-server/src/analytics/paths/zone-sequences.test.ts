import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionOf, sessionsArb } from './test-sessions.js';
import { frequentZoneSequences } from './zone-sequences.js';

const path = (id: string, zones: string) =>
  sessionOf(
    id,
    [...zones].map((z) => [z, 5] as const),
  );

describe('frequentZoneSequences', () => {
  it('counts contiguous n-grams once per session, repeats collapsed', () => {
    const sessions = [path('1', 'aabcab'), path('2', 'abd'), path('3', 'cd'), path('4', 'bc')];
    const found = frequentZoneSequences(sessions, { minSupport: 0.5, maxLength: 3 });
    expect(found.map((s) => `${s.zones.join('')}:${s.sessions}`)).toEqual(['ab:2', 'bc:2']);
    expect(found[0]!.support).toBe(0.5);
    const all = frequentZoneSequences(sessions, { minSupport: 0, maxLength: 3 });
    // 'abc' is in session 1 only; 'ac' is not contiguous anywhere.
    expect(all.find((s) => s.zones.join('') === 'abc')?.sessions).toBe(1);
    expect(all.some((s) => s.zones.join('') === 'ad')).toBe(false);
  });

  it('property: a sequence is never in more sessions than its contiguous parts', () => {
    fc.assert(
      fc.property(sessionsArb, (rows) => {
        const found = frequentZoneSequences(
          rows.map((r) => r.session),
          { minSupport: 0, minLength: 1, maxLength: 4 },
        );
        const count = new Map(found.map((s) => [s.zones.join(','), s.sessions]));
        for (const s of found) {
          if (s.zones.length < 2) continue;
          expect(s.sessions).toBeLessThanOrEqual(count.get(s.zones.slice(1).join(','))!);
          expect(s.sessions).toBeLessThanOrEqual(count.get(s.zones.slice(0, -1).join(','))!);
        }
      }),
    );
  });
});
