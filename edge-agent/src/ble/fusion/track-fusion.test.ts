// Camera–beacon fusion on scripted walks: the right links when people are apart, none when they walk
// together, staff tags make staff, a rotated id joins its track, a beacon without a track links to nothing.
import { describe, expect, it } from 'vitest';
import { runScript, walk } from './fusion-test-kit.js';
import { TrackFusion } from './track-fusion.js';

const T0 = 1_700_000_000_000;
const A = 'a1b2c3d4e5f60718';
const B = '0011223344556677';
const C = 'ffeeddccbbaa9988';

describe('TrackFusion', () => {
  it('links two shoppers walking apart to their own phones', () => {
    const pa = walk(T0, [5, 5], [1, 0]);
    const pb = walk(T0, [5, 9], [0.6, 0.8]);
    const { fusion, annotated } = runScript(
      [
        { trackId: 'ta', path: pa, fromTs: T0, toTs: T0 + 40_000 },
        { trackId: 'tb', path: pb, fromTs: T0, toTs: T0 + 40_000 },
      ],
      [
        { beacon: () => `eid:${A}`, role: 'loyalty', path: pa, fromTs: T0, toTs: T0 + 40_000 },
        { beacon: () => `eid:${B}`, role: 'loyalty', path: pb, fromTs: T0, toTs: T0 + 40_000 },
      ],
    );
    expect(fusion.identityOf('ta')).toEqual({ staff: false, rotatingIds: [A] });
    expect(fusion.identityOf('tb')).toEqual({ staff: false, rotatingIds: [B] });
    expect(fusion.counters.linked).toBe(2);
    expect(fusion.counters.broken).toBe(0);
    // Never the other one's id, and linked well before the end.
    expect(annotated.some((o) => o.trackId === 'ta' && o.rotatingIds?.includes(B))).toBe(false);
    const firstLinked = annotated.find((o) => o.trackId === 'ta' && o.rotatingIds)!;
    expect(firstLinked.ts - T0).toBeLessThan(25_000);
  });

  it('leaves two shoppers walking side by side unlinked', () => {
    const pa = walk(T0, [5, 5], [1, 0]);
    const pb = walk(T0, [5, 5.6], [1, 0]);
    const { fusion, annotated } = runScript(
      [
        { trackId: 'ta', path: pa, fromTs: T0, toTs: T0 + 60_000 },
        { trackId: 'tb', path: pb, fromTs: T0, toTs: T0 + 60_000 },
      ],
      [
        { beacon: () => `eid:${A}`, role: 'loyalty', path: pa, fromTs: T0, toTs: T0 + 60_000 },
        { beacon: () => `eid:${B}`, role: 'loyalty', path: pb, fromTs: T0, toTs: T0 + 60_000 },
      ],
    );
    expect(fusion.identityOf('ta')?.rotatingIds).toEqual([]);
    expect(fusion.identityOf('tb')?.rotatingIds).toEqual([]);
    expect(annotated.every((o) => o.rotatingIds === undefined)).toBe(true);
    expect(fusion.counters.ambiguous).toBeGreaterThan(10);
    expect(fusion.counters.linked).toBe(0);
  });

  it('marks the track carrying a staff tag as staff, and keeps the shopper next to it a shopper', () => {
    const staff = walk(T0, [20, 5], [0, 1], 0.8);
    const shopper = walk(T0, [2, 20], [1, 0]);
    const { fusion, annotated } = runScript(
      [
        { trackId: 'staff-track', path: staff, fromTs: T0, toTs: T0 + 30_000 },
        { trackId: 'shopper-track', path: shopper, fromTs: T0, toTs: T0 + 30_000 },
      ],
      // The tag is heard before the camera picks its wearer up, as on a shift.
      [{ beacon: () => 'staff-0001', role: 'staff', path: staff, fromTs: T0 - 5000, toTs: T0 + 30_000 }],
      // Suspicion is off by default (the aggregator purges a staff track's open window instead).
      { options: { staffSuspicionMs: 10_000 } },
    );
    expect(fusion.identityOf('staff-track')).toEqual({ staff: true, rotatingIds: [] });
    expect(fusion.identityOf('shopper-track')).toEqual({ staff: false, rotatingIds: [] });
    // From its first observation on (suspicion before the link), staff never reaches shopper analytics.
    expect(annotated.filter((o) => o.trackId === 'staff-track').every((o) => o.staff === true)).toBe(true);
    expect(annotated.some((o) => o.trackId === 'shopper-track' && o.staff)).toBe(false);
  });

  it('puts both ids of a phone that rotates its id mid-path on the one track', () => {
    const rotateAt = T0 + 30_000;
    const pa = walk(T0, [5, 5], [1, 0], 0.7);
    const pb = walk(T0, [5, 15], [1, 0], 0.7);
    const { fusion, annotated } = runScript(
      [
        { trackId: 'ta', path: pa, fromTs: T0, toTs: T0 + 70_000 },
        { trackId: 'tb', path: pb, fromTs: T0, toTs: T0 + 70_000 },
      ],
      [
        {
          beacon: (ts) => `eid:${ts < rotateAt ? A : C}`,
          role: 'loyalty',
          path: pa,
          fromTs: T0,
          toTs: T0 + 70_000,
        },
      ],
    );
    expect(fusion.identityOf('ta')).toEqual({ staff: false, rotatingIds: [A, C] });
    expect(fusion.identityOf('tb')?.rotatingIds).toEqual([]);
    // The old id is carried across the rotation, so the path never loses its identity.
    const after = annotated.filter((o) => o.trackId === 'ta' && o.ts >= rotateAt);
    expect(after.every((o) => o.rotatingIds?.includes(A))).toBe(true);
    expect(fusion.counters.broken).toBe(0);
  });

  it('links a beacon with no camera track to nothing', () => {
    const seen = walk(T0, [5, 5], [1, 0]);
    const unseen = walk(T0, [5, 20], [1, 0]);
    const { fusion } = runScript(
      [{ trackId: 'ta', path: seen, fromTs: T0, toTs: T0 + 40_000 }],
      [{ beacon: () => `eid:${B}`, role: 'loyalty', path: unseen, fromTs: T0, toTs: T0 + 40_000 }],
    );
    expect(fusion.identityOf('ta')).toEqual({ staff: false, rotatingIds: [] });
    expect(fusion.counters.linked).toBe(0);
  });

  it('follows a phone onto the next track when the camera loses and re-acquires the person', () => {
    const pa = walk(T0, [5, 5], [1, 0]);
    const { fusion } = runScript(
      [
        { trackId: 't1', path: pa, fromTs: T0, toTs: T0 + 30_000 },
        { trackId: 't2', path: pa, fromTs: T0 + 31_000, toTs: T0 + 60_000 },
      ],
      [{ beacon: () => `eid:${A}`, role: 'loyalty', path: pa, fromTs: T0, toTs: T0 + 60_000 }],
    );
    expect(fusion.identityOf('t1')?.rotatingIds).toEqual([A]);
    expect(fusion.identityOf('t2')?.rotatingIds).toEqual([A]);
  });

  it('breaks a link when the phone and the track part ways', () => {
    // The phone walks with the person for 30 s, then is left on a shelf while the person walks on.
    const person = walk(T0, [5, 5], [1, 0]);
    const phone = (ts: number): [number, number] => person(Math.min(ts, T0 + 30_000));
    const { fusion, annotated } = runScript(
      [{ trackId: 'ta', path: person, fromTs: T0, toTs: T0 + 60_000 }],
      [{ beacon: () => `eid:${A}`, role: 'loyalty', path: phone, fromTs: T0, toTs: T0 + 60_000 }],
    );
    expect(fusion.counters.linked).toBe(1);
    expect(fusion.counters.broken).toBe(1);
    expect(fusion.identityOf('ta')?.rotatingIds).toEqual([]);
    expect(annotated.at(-1)?.rotatingIds).toBeUndefined();
  });

  it('ignores non-finite input, counting it', () => {
    const fusion = new TrackFusion();
    fusion.observeTrack({ trackId: 't', ts: Number.NaN, x: 0, y: 0 });
    fusion.observeFix({
      ts: T0,
      beacon: 'eid:00',
      role: 'loyalty',
      x: Number.POSITIVE_INFINITY,
      y: 0,
      sigmaM: 1,
      method: 'fingerprint',
    });
    expect(fusion.counters.ignored).toBe(2);
    expect(() => new TrackFusion({ bucketMs: 0 })).toThrow(/bucketMs/);
  });
});
