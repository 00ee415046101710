// The fusion rules added for the linking target, each on a constructed case: no chaining across a door,
// staff by a staff-only area, staff walking together all flagged, a newcomer beside a well-established
// pair no equal rival, a beacon vouching for a track's continuation across a long gap, and a leader whose
// margin could be chance left unlinked rather than guessed.
import { describe, expect, it } from 'vitest';
import { fusionOptions } from './fusion-options.js';
import { type FusionSite, NO_SITE } from './fusion-site.js';
import { FusionState, newTrack } from './fusion-state.js';
import { type Path, runScript, walk } from './fusion-test-kit.js';
import { beatsRivals } from './link-rules.js';
import { PairEvidence } from './pair-evidence.js';

const T0 = 1_700_000_000_000;
const A = 'a1b2c3d4e5f60718';

/** A door on the front wall, a back room in the top-right corner; walking distance unknown. */
const site: FusionSite = {
  doors: [
    [
      [2, 25],
      [6, 25],
    ],
  ],
  staffOnly: [
    [
      [30, 0],
      [40, 0],
      [40, 7],
      [30, 7],
    ],
  ],
};

/** Standing at `at` until `from`, then walking from there. */
const standThenWalk =
  (at: [number, number], from: number, dir: [number, number]): Path =>
  (ts) =>
    ts < from ? [...at] : walk(from, at, dir)(ts);

describe('fusion rules', () => {
  it('does not chain a track ending at a door to one starting there: one leaves, another arrives', () => {
    // A shopper with the app stands at the door and leaves; a second later someone else steps in there.
    const leaving = walk(T0, [4, 10], [0, 1], 0.7);
    const doorAt = T0 + 20_000;
    const arriving = standThenWalk([4.3, 24.6], doorAt + 3000, [1, 0]);
    const tracks = [
      {
        trackId: 'out',
        path: (ts: number) => leaving(Math.min(ts, doorAt)),
        fromTs: T0,
        toTs: doorAt + 1000,
      },
      { trackId: 'in', path: arriving, fromTs: doorAt + 2000, toTs: doorAt + 30_000 },
    ];
    const beacons = [
      {
        beacon: () => `eid:${A}`,
        role: 'loyalty' as const,
        path: (ts: number) => leaving(Math.min(ts, doorAt)),
        fromTs: T0,
        toTs: doorAt + 1000,
      },
    ];
    const withDoors = runScript(tracks, beacons, { site });
    expect(withDoors.fusion.identityOf('out')?.rotatingIds).toEqual([A]);
    expect(withDoors.fusion.counters.chained).toBe(0);
    expect(withDoors.annotated.some((o) => o.trackId === 'in' && o.rotatingIds)).toBe(false);
    // Without knowing where the door is, the newcomer is taken for the leaver re-acquired.
    const blind = runScript(tracks, beacons, { site: NO_SITE });
    expect(blind.fusion.counters.chained).toBe(1);
    expect(blind.fusion.identityOf('in')?.rotatingIds).toEqual([A]);
  });

  it('makes a track that stays in a staff-only area staff, not one brushing its edge', () => {
    const stocker = walk(T0, [31, 3], [1, 0], 0.5);
    const passer = walk(T0, [29.2, 8], [0, -1], 1);
    const { fusion, annotated } = runScript(
      [
        { trackId: 'stocker', path: stocker, fromTs: T0, toTs: T0 + 20_000 },
        // Dips 0.8 m into the zone's corner for about 1.6 s.
        {
          trackId: 'passer',
          path: (ts) => {
            const [x, y] = passer(ts);
            return [x + (y < 7 ? 1.6 : 0), y];
          },
          fromTs: T0,
          toTs: T0 + 2600,
        },
      ],
      [],
      { site },
    );
    expect(fusion.identityOf('stocker')?.staff).toBe(true);
    expect(fusion.identityOf('passer')?.staff).toBe(false);
    expect(fusion.counters.staffByArea).toBe(1);
    const firstStaff = annotated.find((o) => o.trackId === 'stocker' && o.staff);
    expect((firstStaff?.ts ?? Number.POSITIVE_INFINITY) - T0).toBeLessThanOrEqual(3400);
  });

  it('flags both of two staff members walking together, whichever tag is whose', () => {
    const s1 = walk(T0, [10, 10], [1, 0], 0.8);
    const s2 = walk(T0, [10, 10.8], [1, 0], 0.8);
    const shopper = walk(T0, [10, 20], [1, 0], 0.8);
    const { fusion } = runScript(
      [
        { trackId: 's1', path: s1, fromTs: T0, toTs: T0 + 60_000 },
        { trackId: 's2', path: s2, fromTs: T0, toTs: T0 + 60_000 },
        { trackId: 'shopper', path: shopper, fromTs: T0, toTs: T0 + 60_000 },
      ],
      [
        { beacon: () => 'staff-0001', role: 'staff', path: s1, fromTs: T0, toTs: T0 + 60_000 },
        { beacon: () => 'staff-0002', role: 'staff', path: s2, fromTs: T0, toTs: T0 + 60_000 },
      ],
    );
    expect(fusion.identityOf('s1')?.staff).toBe(true);
    expect(fusion.identityOf('s2')?.staff).toBe(true);
    expect(fusion.identityOf('shopper')?.staff).toBe(false);
  });

  it('keeps a shopper walking beside one staff member a shopper', () => {
    const staff = walk(T0, [10, 10], [1, 0], 0.8);
    const shopper = walk(T0, [10, 10.8], [1, 0], 0.8);
    const { fusion } = runScript(
      [
        { trackId: 'staff', path: staff, fromTs: T0, toTs: T0 + 60_000 },
        { trackId: 'shopper', path: shopper, fromTs: T0, toTs: T0 + 60_000 },
      ],
      [{ beacon: () => 'staff-0001', role: 'staff', path: staff, fromTs: T0, toTs: T0 + 60_000 }],
    );
    expect(fusion.identityOf('shopper')?.staff).toBe(false);
  });

  it('does not hold a long-established pair back for a track that has only just appeared beside it', () => {
    const pa = walk(T0, [5, 5], [1, 0], 0.5);
    const script = (rivalAbsentCost: number) =>
      runScript(
        [
          { trackId: 'ta', path: pa, fromTs: T0, toTs: T0 + 120_000 },
          // Someone 3 m away keeps A's evidence from being won early, then leaves the cameras at 50 s…
          { trackId: 'tc', path: walk(T0, [5, 8], [1, 0], 0.5), fromTs: T0, toTs: T0 + 50_000 },
          // …and someone picked up at 45 s walks along 1.5 m to the side.
          { trackId: 'tb', path: walk(T0, [5, 6.5], [1, 0], 0.5), fromTs: T0 + 45_000, toTs: T0 + 120_000 },
        ],
        [{ beacon: () => `eid:${A}`, role: 'loyalty', path: pa, fromTs: T0, toTs: T0 + 120_000 }],
        { fixSigmaM: 3, options: { rivalAbsentCost } },
      );
    // Compared over their common time only, the newcomer is an equal rival for minutes: no link.
    expect(script(0).annotated.some((o) => o.rotatingIds)).toBe(false);
    // Counting the 45 s A explained before the newcomer existed, A links, and nobody else gets the id.
    const withAbsent = script(2);
    expect(withAbsent.fusion.identityOf('ta')?.rotatingIds).toEqual([A]);
    expect(withAbsent.annotated.some((o) => o.trackId !== 'ta' && o.rotatingIds)).toBe(false);
  });
});

describe('vouched chaining', () => {
  // A is linked on p, the camera loses them for 8 s; n picks them up where they walked to. R, tracked
  // all along from elsewhere, converges to walk 1.5 m beside n from then on.
  const pa = walk(T0, [5, 10], [1, 0], 0.8);
  const endAt = T0 + 40_000;
  const startAt = endAt + 8000;
  const rPath: Path = (ts) => {
    const x = 5 + (0.8 * (ts - T0)) / 1000;
    return ts >= startAt ? [x, 11.5] : [x, 11.5 + (12 * (startAt - ts)) / (startAt - T0)];
  };
  const script = (chainVouchMaxGapMs: number, companion?: Path) =>
    runScript(
      [
        { trackId: 'p', path: pa, fromTs: T0, toTs: endAt },
        { trackId: 'n', path: pa, fromTs: startAt, toTs: startAt + 60_000 },
        { trackId: 'r', path: rPath, fromTs: T0, toTs: startAt + 60_000 },
        ...(companion ? [{ trackId: 'n2', path: companion, fromTs: startAt, toTs: startAt + 60_000 }] : []),
      ],
      [{ beacon: () => `eid:${A}`, role: 'loyalty', path: pa, fromTs: T0, toTs: startAt + 60_000 }],
      { fixSigmaM: 2, options: { chainVouchMaxGapMs } },
    );
  const firstWithA = (r: ReturnType<typeof script>, trackId: string) =>
    r.annotated.find((o) => o.trackId === trackId && o.rotatingIds?.includes(A))?.ts ??
    Number.POSITIVE_INFINITY;

  it("continues a track across a gap too long for geometry when the track's beacon vouches for the new one", () => {
    const vouched = script(15_000);
    expect(vouched.fusion.counters.chained).toBe(1);
    expect(firstWithA(vouched, 'n') - startAt).toBeLessThanOrEqual(6500);
    expect(firstWithA(vouched, 'r')).toBe(Number.POSITIVE_INFINITY);
    // R, beside n, was somewhere else while A was on p: it is no candidate. Without the vouch, n has
    // to earn the link against R from nothing, and does not within the minute.
    const geometryOnly = script(0);
    expect(geometryOnly.fusion.counters.chained).toBe(0);
    expect(firstWithA(geometryOnly, 'n')).toBe(Number.POSITIVE_INFINITY);
  });

  it('vouches for nobody when two new tracks fit the beacon alike', () => {
    const together = script(15_000, walk(T0, [5, 10.5], [1, 0], 0.8));
    expect(together.fusion.counters.chained).toBe(0);
    expect(firstWithA(together, 'n2')).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('beatsRivals', () => {
  /** A beacon with a leader and a rival track whose per-bucket costs (4 fixes each) are given. */
  const setUp = (leaderCosts: number[], rivalCosts: number[], linkMinZ: number) => {
    const s = new FusionState(fusionOptions({ linkMinZ }), NO_SITE);
    const obs = (trackId: string) => ({ trackId, ts: T0, x: 0, y: 0 });
    const t1 = newTrack(obs('t1'), 2000);
    const t2 = { ...newTrack(obs('t2'), 2000), lastTs: T0 + 600_000 };
    s.tracks.set('t1', t1);
    s.tracks.set('t2', t2);
    const pair = (costs: number[]) => {
      const e = new PairEvidence(0);
      costs.forEach((c, k) => {
        for (let i = 0; i < 4; i++) e.add(k, c);
      });
      return e;
    };
    const leader = pair(leaderCosts);
    const b = { role: 'loyalty' as const, firstTs: T0, lastTs: T0, pairs: new Map(), recent: [] };
    b.pairs.set('t1', leader);
    b.pairs.set('t2', pair(rivalCosts));
    s.beacons.set(`eid:${A}`, b);
    return beatsRivals(s, `eid:${A}`, b, 't1', leader, t1, s.options.linkMargin);
  };
  // 13 blocks of 3 buckets: the leader fits far better in one block, far worse in the next.
  const swing = (even: number, odd: number) =>
    Array.from({ length: 39 }, (_, k) => (Math.floor(k / 3) % 2 === 0 ? even : odd));

  it('holds back a leader whose margin could be chance: its advantage swings from block to block', () => {
    // Log-likelihood margin 4·(21·4 − 18·3.6) = 77 ≥ 35, but a z-score of about 0.5.
    expect(setUp(swing(1, 5), swing(5, 1.4), 1)).toBe(false);
    expect(setUp(swing(1, 5), swing(5, 1.4), 0)).toBe(true);
  });

  it('lets a steady advantage through', () => {
    expect(setUp(swing(1, 1.2), swing(2, 2.2), 1)).toBe(true);
  });
});
