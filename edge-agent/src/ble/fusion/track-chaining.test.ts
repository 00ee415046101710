// Tracklet chaining in TrackFusion on scripted walks: a person the camera loses and re-acquires keeps
// their id (and a staff member stays staff) from the new fragment's first seconds; two people lost
// together where either could be either carry nothing over by geometry, and only the right id by vouching.
import { describe, expect, it } from 'vitest';
import { type Path, runScript, walk } from './fusion-test-kit.js';

const T0 = 1_700_000_000_000;
const A = 'a1b2c3d4e5f60718';
const B = '0011223344556677';

describe('TrackFusion chaining fragments', () => {
  it("gives a re-acquired person's new track their id within seconds, not after earning it anew", () => {
    const pa = walk(T0, [5, 5], [1, 0], 0.8);
    const pb = walk(T0, [5, 15], [0.6, -0.8], 0.8);
    const { fusion, annotated } = runScript(
      [
        { trackId: 't1', path: pa, fromTs: T0, toTs: T0 + 30_000 },
        { trackId: 't2', path: pa, fromTs: T0 + 31_500, toTs: T0 + 60_000 },
        { trackId: 'tb', path: pb, fromTs: T0, toTs: T0 + 60_000 },
      ],
      [
        { beacon: () => `eid:${A}`, role: 'loyalty', path: pa, fromTs: T0, toTs: T0 + 60_000 },
        { beacon: () => `eid:${B}`, role: 'loyalty', path: pb, fromTs: T0, toTs: T0 + 60_000 },
      ],
    );
    expect(fusion.counters.chained).toBe(1);
    expect(fusion.identityOf('t2')).toEqual({ staff: false, rotatingIds: [A] });
    const t2 = annotated.filter((o) => o.trackId === 't2');
    const first = t2.find((o) => o.rotatingIds);
    // Ten fixes would be needed to link it from scratch; the chain is decided within a few seconds.
    expect((first?.ts ?? Number.POSITIVE_INFINITY) - (T0 + 31_500)).toBeLessThan(5000);
    expect(t2.filter((o) => o.rotatingIds?.includes(A)).length / t2.length).toBeGreaterThan(0.85);
    expect(annotated.some((o) => o.rotatingIds?.includes(B) && o.trackId !== 'tb')).toBe(false);
  });

  it('keeps a staff member staff on their next fragment', () => {
    const staff = walk(T0, [20, 5], [0, 1], 0.8);
    const { fusion, annotated } = runScript(
      [
        { trackId: 's1', path: staff, fromTs: T0, toTs: T0 + 30_000 },
        { trackId: 's2', path: staff, fromTs: T0 + 31_000, toTs: T0 + 50_000 },
      ],
      [{ beacon: () => 'staff-0001', role: 'staff', path: staff, fromTs: T0 - 5000, toTs: T0 + 50_000 }],
    );
    expect(fusion.identityOf('s2')).toEqual({ staff: true, rotatingIds: [] });
    const s2 = annotated.filter((o) => o.trackId === 's2');
    const firstStaff = s2.find((o) => o.staff);
    expect((firstStaff?.ts ?? Number.POSITIVE_INFINITY) - (T0 + 31_000)).toBeLessThan(5000);
  });

  it('carries nothing over when two people are lost together and either new track could be either', () => {
    const meet = T0 + 25_000;
    // A walks east along y = 0; B comes in diagonally and walks on east 1 m beside A from where they meet.
    const pa = walk(meet, [10, 0], [1, 0]);
    const d = Math.SQRT1_2;
    const pb: Path = (ts) => (ts < meet ? walk(meet, [10, 1], [d, d])(ts) : walk(meet, [10, 1], [1, 0])(ts));
    const script = (chainVouchMaxGapMs: number) =>
      runScript(
        [
          { trackId: 'a1', path: pa, fromTs: T0 - 20_000, toTs: meet },
          { trackId: 'b1', path: pb, fromTs: T0 - 20_000, toTs: meet },
          { trackId: 'x2', path: pa, fromTs: meet + 1000, toTs: meet + 20_000 },
          { trackId: 'y2', path: pb, fromTs: meet + 1000, toTs: meet + 20_000 },
        ],
        [
          { beacon: () => `eid:${A}`, role: 'loyalty', path: pa, fromTs: T0 - 20_000, toTs: meet + 20_000 },
          { beacon: () => `eid:${B}`, role: 'loyalty', path: pb, fromTs: T0 - 20_000, toTs: meet + 20_000 },
        ],
        { options: { chainVouchMaxGapMs } },
      );
    // Geometry alone (the beacons not asked to vouch, vouched-chaining.ts).
    const { fusion, annotated } = script(0);
    expect(fusion.identityOf('a1')?.rotatingIds).toEqual([A]);
    expect(fusion.identityOf('b1')?.rotatingIds).toEqual([B]);
    expect(fusion.counters.chained).toBe(0);
    // Walking side by side a metre apart, the new tracks cannot earn a link either: none gets an id.
    expect(annotated.some((o) => (o.trackId === 'x2' || o.trackId === 'y2') && o.rotatingIds)).toBe(false);
    // With the beacons vouching, whatever is carried over goes to the right one: their fixes tell the
    // two apart where their positions could not.
    const withVouching = script(15_000);
    expect(withVouching.fusion.counters.chained).toBeGreaterThan(0);
    const vouched = withVouching.annotated;
    expect(vouched.some((o) => o.trackId === 'x2' && o.rotatingIds?.includes(B))).toBe(false);
    expect(vouched.some((o) => o.trackId === 'y2' && o.rotatingIds?.includes(A))).toBe(false);
  });

  it("gives an earlier fragment its continuation's identity, and remembers it after forgetting the track", () => {
    const pa = walk(T0, [5, 5], [1, 0], 0.8);
    const pb = walk(T0, [5, 15], [0.6, -0.8], 0.8);
    const tracks = [
      { trackId: 't1', path: pa, fromTs: T0, toTs: T0 + 30_000 },
      { trackId: 't2', path: pa, fromTs: T0 + 31_500, toTs: T0 + 70_000 },
      { trackId: 'tb', path: pb, fromTs: T0, toTs: T0 + 70_000 },
    ];
    // The phone is heard only from 25 s: too few fixes to link t1 before it ends.
    const beacons = [
      {
        beacon: () => `eid:${A}`,
        role: 'loyalty' as const,
        path: pa,
        fromTs: T0 + 25_000,
        toTs: T0 + 70_000,
      },
    ];
    const { fusion, annotated } = runScript(tracks, beacons);
    expect(fusion.counters.chained).toBe(1);
    expect(annotated.some((o) => o.trackId === 't1' && o.rotatingIds)).toBe(false);
    expect(fusion.identityOf('t2')?.rotatingIds).toEqual([A]);
    expect(fusion.identityOf('t1')).toEqual({ staff: false, rotatingIds: [A] });
    expect(fusion.identityOf('tb')).toEqual({ staff: false, rotatingIds: [] });
    // t1's last window may close up to two minutes after its end: who it was outlives the track itself.
    fusion.advanceTo(T0 + 30_000 + 120_000);
    expect(fusion.identityOf('t1')).toEqual({ staff: false, rotatingIds: [A] });
    fusion.advanceTo(T0 + 30_000 + 200_000);
    expect(fusion.identityOf('t1')).toBeUndefined();
    // Without retention it goes with the rest of the track.
    const forgetful = runScript(tracks, beacons, { options: { identityRetentionMs: 0 } }).fusion;
    forgetful.advanceTo(T0 + 30_000 + 120_000);
    expect(forgetful.identityOf('t1')).toBeUndefined();
  });
});
