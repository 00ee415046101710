// The aggregator applying a track's identity at window close (identity-at-close.ts): ids fusion linked
// after an observation arrived, a staff flag that came within the grace, and nothing after the close.
import { describe, expect, it } from 'vitest';
import {
  inTimeOrder,
  parseBodies,
  seededRandom,
  stringsIn,
  T0,
  testLayout,
  testSettings,
  walk,
} from './aggregation-test-kit.js';
import type { ResolvedIdentity } from './identity-at-close.js';
import { WindowAggregator } from './window-aggregator.js';

const MIN = 60_000;
const ID1 = '0a1b2c3d4e5f6a7b';
const ID2 = 'f0e1d2c3b4a59687';

/** An aggregator whose identity source is a plain map the test changes between closes. */
function withIdentities(identities: Map<string, ResolvedIdentity>, seed = 1) {
  const asked: string[] = [];
  const agg = new WindowAggregator({
    layout: testLayout(),
    settings: testSettings(),
    random: seededRandom(seed),
    identityOf: (trackId) => {
      asked.push(trackId);
      return identities.get(trackId);
    },
  });
  return { agg, asked };
}

const produceThenBakery = (trackId: string, startTs: number, extra = {}) =>
  walk(
    trackId,
    startTs,
    2000,
    [
      [1.5, 6],
      [1.5, 6],
      [1.5, 6],
      [7, 6],
      [7, 6],
    ],
    extra,
  );

describe('WindowAggregator: identity at window close', () => {
  it('gives observations received without ids the ids their track has when the window closes', () => {
    const identities = new Map<string, ResolvedIdentity>();
    const { agg, asked } = withIdentities(identities);
    for (const obs of produceThenBakery('a', T0)) agg.observe(obs);
    // Fusion linked the track after its observations arrived, within the grace.
    identities.set('a', { staff: false, rotatingIds: [ID1] });
    const out = agg.closeWindow(T0, T0 + MIN);
    parseBodies(out);
    expect(asked).toEqual(['a']);
    expect(out.paths.paths).toEqual([
      {
        pathId: expect.stringMatching(/^[0-9a-f]{16}$/),
        rotatingIds: [ID1],
        // The whole path, from the track's first observation, not from when the link was made.
        visits: [
          { zoneId: 'produce', enterTs: T0, exitTs: T0 + 6000 },
          { zoneId: 'bakery', enterTs: T0 + 6000, exitTs: T0 + 8000 },
        ],
        closed: true,
      },
    ]);
  });

  it('replaces the ids an observation came with by those known at close (a broken link is not published)', () => {
    const identities = new Map([['a', { staff: false, rotatingIds: [ID1] }]]);
    const { agg } = withIdentities(identities);
    for (const obs of produceThenBakery('a', T0, { rotatingIds: [ID2] })) agg.observe(obs);
    const out = agg.closeWindow(T0, T0 + MIN);
    expect(out.paths.paths.map((p) => p.rotatingIds)).toEqual([[ID1]]);
    expect(stringsIn(out)).not.toContain(ID2);
  });

  it('keeps what an observation carried when the source does not know its track', () => {
    const { agg } = withIdentities(new Map());
    for (const obs of produceThenBakery('a', T0, { rotatingIds: [ID2] })) agg.observe(obs);
    expect(agg.closeWindow(T0, T0 + MIN).paths.paths.map((p) => p.rotatingIds)).toEqual([[ID2]]);
  });

  it('drops a track flagged staff within the grace, as if it had never been seen', () => {
    const crowd = inTimeOrder(
      walk('a', T0, 1000, [
        [4.5, 5.5],
        [5.5, 5.5],
      ]),
      walk('b', T0, 1000, [
        [4.5, 5.5],
        [5.5, 5.5],
      ]),
    );
    const staff = produceThenBakery('s', T0);
    const expected = withIdentities(new Map()).agg;
    for (const obs of crowd) expected.observe(obs);
    const { ignored: none, received: _, ...without } = expected.closeWindow(T0, T0 + MIN);

    const identities = new Map<string, ResolvedIdentity>();
    const { agg } = withIdentities(identities);
    for (const obs of inTimeOrder(crowd, staff)) agg.observe(obs);
    // No observation of `s` arrived flagged: the tag was linked after the last one, before the close.
    identities.set('s', { staff: true, rotatingIds: [] });
    const { ignored, received, ...bodies } = agg.closeWindow(T0, T0 + MIN);
    expect(bodies).toEqual(without);
    expect(received).toBe(crowd.length + staff.length);
    expect(ignored.staff).toBe(staff.length);
    expect(none.staff).toBe(0);
    // Once staff, later observations of the track are dropped on arrival.
    agg.observe({ trackId: 's', ts: T0 + MIN + 1000, x: 1, y: 6 });
    expect(agg.closeWindow(T0 + MIN, T0 + 2 * MIN).ignored.staff).toBe(1);
  });

  it('never rewrites a closed window when an id arrives after its close', () => {
    const identities = new Map<string, ResolvedIdentity>();
    const { agg } = withIdentities(identities);
    // In produce during window 1, in bakery during window 2.
    for (const obs of walk('a', T0 + 50_000, 2000, [
      [1.5, 6],
      [1.5, 6],
      [1.5, 6],
    ]))
      agg.observe(obs);
    const w1 = agg.closeWindow(T0, T0 + MIN);
    const published = JSON.stringify(w1);
    expect(w1.paths.paths).toEqual([]);
    // Linked only after window 1 closed.
    identities.set('a', { staff: false, rotatingIds: [ID1] });
    for (const obs of walk('a', T0 + MIN + 2000, 2000, [
      [7, 6],
      [7, 6],
    ]))
      agg.observe(obs);
    const w2 = agg.closeWindow(T0 + MIN, T0 + 2 * MIN);
    expect(JSON.stringify(w1)).toBe(published);
    expect(w2.paths.paths).toEqual([expect.objectContaining({ rotatingIds: [ID1], closed: true })]);
    // The produce visit closed in window 2 (when the track moved on) is the path's; nothing of window 1's
    // own observations was republished: its heatmap stands as it was.
    expect(w2.paths.paths[0]!.visits[0]).toEqual({
      zoneId: 'produce',
      enterTs: T0 + 50_000,
      exitTs: T0 + MIN + 2000,
    });
  });

  it('publishes only well-formed rotating ids from the source: never a MAC, a card number or a secret', () => {
    const mac = 'AA:BB:CC:DD:EE:FF';
    const card = '4111111111111111'; // 16 digits: also 16 hex, refused as a possible card number
    const secret = 'member-secret-0001';
    const identities = new Map([
      ['a', { staff: false, rotatingIds: [mac, card, secret, ID1.toUpperCase(), ID1] }],
    ]);
    const { agg } = withIdentities(identities);
    for (const obs of produceThenBakery('a', T0)) agg.observe(obs);
    const out = agg.closeWindow(T0, T0 + MIN);
    parseBodies(out);
    const { ignored, ...bodies } = out;
    expect(out.paths.paths.map((p) => p.rotatingIds)).toEqual([[ID1]]);
    const strings = stringsIn(bodies).join('\n').toLowerCase();
    for (const leak of [mac, card, secret]) expect(strings).not.toContain(leak.toLowerCase());
    // Refused per observation: four refused ids on each of the five observations.
    expect(ignored.rejectedIds).toBe(4 * 5);
  });
});
