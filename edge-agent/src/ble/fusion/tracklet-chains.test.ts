// Tracklet chaining's pure parts: when a new track can be a person re-acquired, and when one candidate
// is clearly the right one; and evidence carried over from a predecessor, discounted.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FUSION_OPTIONS } from './fusion-options.js';
import { PairEvidence } from './pair-evidence.js';
import { clearlyNearest, continuationDistance, type TrackEnds } from './tracklet-chains.js';

const o = DEFAULT_FUSION_OPTIONS;
const ends = (
  firstTs: number,
  lastTs: number,
  first: [number, number],
  last: [number, number],
): TrackEnds => ({
  firstTs,
  lastTs,
  first,
  last,
});

describe('continuationDistance', () => {
  const prev = ends(0, 10_000, [0, 0], [10, 0]);
  it('accepts a start within walking reach of the end, soon after it', () => {
    expect(continuationDistance(prev, ends(11_000, 20_000, [11.5, 0], [20, 0]), o)).toBeCloseTo(1.5, 9);
    // Up to chainOverlapMs before the end (a tracker that coasts), within the slack.
    expect(continuationDistance(prev, ends(9600, 20_000, [10.5, 0], [20, 0]), o)).toBeCloseTo(0.5, 9);
  });
  it('rejects one too late, too far, too early, or heading back the way the old one came', () => {
    expect(continuationDistance(prev, ends(15_000, 20_000, [10, 0], [20, 0]), o)).toBeUndefined();
    expect(continuationDistance(prev, ends(11_000, 20_000, [14, 0], [20, 0]), o)).toBeUndefined();
    expect(continuationDistance(prev, ends(9000, 20_000, [10, 0], [20, 0]), o)).toBeUndefined();
    const leaving = { ...prev, endVelocity: [1, 0] as const };
    const arriving = { ...ends(11_000, 20_000, [10.2, 0], [0, 0]), startVelocity: [-1, 0.1] as const };
    expect(continuationDistance(leaving, arriving, o)).toBeUndefined();
    const walkingOn = { ...arriving, startVelocity: [0.8, 0.5] as const };
    expect(continuationDistance(leaving, walkingOn, o)).toBeCloseTo(0.2, 9);
  });
});

describe('clearlyNearest', () => {
  it('takes the only candidate or a clearly nearer one, never a near tie', () => {
    expect(clearlyNearest([['a', 2]], o)).toBe('a');
    expect(
      clearlyNearest(
        [
          ['a', 2],
          ['b', 0.3],
        ],
        o,
      ),
    ).toBe('b');
    expect(
      clearlyNearest(
        [
          ['a', 0.8],
          ['b', 1.2],
        ],
        o,
      ),
    ).toBeUndefined();
    expect(clearlyNearest([], o)).toBeUndefined();
  });
});

describe('PairEvidence.continuing', () => {
  it("keeps the predecessor's buckets before its own began, weighted, then its own", () => {
    const prior = new PairEvidence(0);
    for (let k = 0; k < 5; k++) prior.add(k, 1);
    prior.cusum = 3;
    const own = new PairEvidence(4);
    own.add(4, 2);
    own.add(5, 2);
    const e = PairEvidence.continuing(prior, 0.5, own);
    expect(e.firstBucket).toBe(0);
    expect(e.lastBucket).toBe(5);
    // Buckets 0–3 of the predecessor at half weight (its bucket 4 is the new track's own).
    expect(e.between(0, 3)).toEqual({ s: 2, n: 2 });
    expect(e.between(4, 5)).toEqual({ s: 4, n: 2 });
    expect(e.cusum).toBe(3);
    // It goes on accumulating.
    e.add(6, 1);
    expect(e.n).toBe(5);
    const alone = PairEvidence.continuing(prior, 1);
    expect(alone.between(0, 4)).toEqual({ s: 5, n: 5 });
  });

  it('caps what is inherited at maxFixes fixes, keeping the mean cost', () => {
    const prior = new PairEvidence(0);
    for (let k = 0; k < 100; k++) for (let i = 0; i < 4; i++) prior.add(k, 0.5);
    const capped = PairEvidence.continuing(prior, 0.8, undefined, 60);
    expect(capped.n).toBeCloseTo(60, 9);
    expect(capped.sum / capped.n).toBeCloseTo(0.5, 9);
    // Under the cap, the discount alone applies.
    expect(PairEvidence.continuing(prior, 0.1, undefined, 60).n).toBeCloseTo(40, 9);
  });
});
