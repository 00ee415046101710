// The replay's window closes: each observation gets what fusion says about its track when the
// observation's window closes (end + grace), never anything later.
import { describe, expect, it } from 'vitest';
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { BeaconFix } from '../ble-types.js';
import { replayFusion } from './fusion-replay.js';

const T0 = 1_700_000_000_000;
const A = 'a1b2c3d4e5f60718';

/** One person walking east at 1 m/s, seen at 5 Hz as track `t`, their phone fixed at 1 Hz with a fixed ±0.5 m wobble. */
function walkOf(seconds: number): { observations: TrackObservation[]; fixes: BeaconFix[] } {
  const observations: TrackObservation[] = [];
  const fixes: BeaconFix[] = [];
  for (let ms = 0; ms < seconds * 1000; ms += 200)
    observations.push({ trackId: 't', ts: T0 + ms, x: 2 + ms / 1000, y: 5 });
  for (let s = 1; s < seconds; s++)
    fixes.push({
      ts: T0 + s * 1000,
      beacon: `eid:${A}`,
      role: 'loyalty',
      // The positioner's lag: a fix stamped t describes the phone about 1 s earlier.
      x: 2 + (s - 1) + (s % 2 ? 0.5 : -0.5),
      y: 5 + (s % 3 ? 0.3 : -0.3),
      sigmaM: 1.5,
      method: 'trilateration',
    });
  return { observations, fixes };
}

describe('replayFusion', () => {
  it("gives each observation its track's identity as of its window's close, and no later", () => {
    const windowMs = 5000;
    const graceMs = 5000;
    const replay = replayFusion({
      ...walkOf(60),
      aggregationWindowMs: windowMs,
      aggregationGraceMs: graceMs,
      aggregationWarmUpMs: 0,
    });
    const linkedAt = replay.observations.find((o) => o.rotatingIds?.includes(A))?.ts;
    expect(linkedAt).toBeDefined();
    // Linked some seconds in: the first windows closed before it, later ones after.
    const closesAt = (ts: number) => (Math.floor(ts / windowMs) + 1) * windowMs + graceMs;
    let before = 0;
    let after = 0;
    replay.observations.forEach((o, i) => {
      const ids = replay.atClose[i]?.rotatingIds ?? [];
      if (closesAt(o.ts) < linkedAt! - 200) {
        before++;
        expect(ids).toEqual([]);
      } else if (closesAt(o.ts) >= linkedAt!) {
        after++;
        expect(ids).toEqual([A]);
      }
    });
    expect(before).toBeGreaterThan(0);
    // Observations received unlinked whose window was still open when the link came.
    const gained = replay.observations.filter(
      (o, i) => !o.rotatingIds && replay.atClose[i]?.rotatingIds.includes(A),
    );
    expect(gained.length).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(gained.length);
  });

  it('closes no window before the warm-up has passed: then every held observation gets the identity', () => {
    const replay = replayFusion({
      ...walkOf(60),
      aggregationWindowMs: 5000,
      aggregationGraceMs: 5000,
      aggregationWarmUpMs: 60_000,
    });
    expect(replay.observations.some((o) => !o.rotatingIds)).toBe(true);
    expect(replay.atClose.every((identity) => identity?.rotatingIds.includes(A))).toBe(true);
  });
});
