// The small parts of fusion: a track's position at a time, one fix's cost, a pair's accumulated evidence
// compared with a rival's over their common time.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FUSION_OPTIONS } from './fusion-options.js';
import { advantage, advantageOverSpan, PairEvidence, separation } from './pair-evidence.js';
import { fixCost } from './pair-scoring.js';
import { TrackHistory } from './track-history.js';

describe('TrackHistory', () => {
  it('interpolates, holds briefly past the ends, and not across long gaps', () => {
    const h = new TrackHistory(2000);
    h.push(0, 0, 0);
    h.push(1000, 2, 0);
    h.push(10_000, 2, 9);
    expect(h.positionAt(500)).toEqual([1, 0]);
    expect(h.positionAt(-1500)).toEqual([0, 0]);
    expect(h.positionAt(-2500)).toBeUndefined();
    expect(h.positionAt(5000)).toBeUndefined();
    expect(h.positionAt(1500)).toEqual([2, 0]);
    expect(h.push(900, 0, 0)).toBe(false);
    h.pruneBefore(5000);
    expect(h.firstTs).toBe(1000);
    expect(h.size).toBe(2);
  });

  it("fits a velocity through a few seconds of samples, so a tracker's jitter is not taken for walking", () => {
    const h = new TrackHistory(2000);
    // Walking east at 1 m/s with ±0.3 m alternating jitter across the path, 5 Hz.
    for (let ts = 0; ts <= 2000; ts += 200) h.push(ts, ts / 1000, ts % 400 === 0 ? 0.3 : -0.3);
    const v = h.velocityOver(0, 2000) as [number, number];
    expect(v[0]).toBeCloseTo(1, 1);
    expect(Math.abs(v[1])).toBeLessThan(0.1);
    // Standing still with the same jitter: well under walking speed, whatever two samples would say.
    const still = new TrackHistory(2000);
    for (let ts = 0; ts <= 2000; ts += 200) still.push(ts, 5, ts % 400 === 0 ? 5.3 : 4.7);
    expect(Math.hypot(...(still.velocityOver(0, 2000) as [number, number]))).toBeLessThan(0.1);
    expect(still.velocityOver(0, 300)).toBeUndefined();
  });
});

describe('fixCost', () => {
  const o = { ...DEFAULT_FUSION_OPTIONS, trackSigmaM: 0, minFixSigmaM: 0, clipD2: 25 };
  it('is the halved normalised squared distance, scaled and clipped', () => {
    expect(fixCost([0, 0], { x: 1, y: 1, sigmaM: 1 }, o)).toBeCloseTo(1, 9);
    expect(fixCost([0, 0], { x: 2, y: 0, sigmaM: 2 }, o)).toBeCloseTo(0.5, 9);
    expect(fixCost([0, 0], { x: 2, y: 0, sigmaM: 1 }, o, 2)).toBeCloseTo(1, 9);
    expect(fixCost([0, 0], { x: 100, y: 0, sigmaM: 1 }, o)).toBe(12.5);
  });
});

describe('PairEvidence', () => {
  it('sums costs per bucket and totals any range of buckets', () => {
    const e = new PairEvidence(10);
    e.add(10, 1);
    e.add(10, 2);
    e.add(13, 4);
    e.add(9, 100); // before the pair began: ignored
    expect(e.n).toBe(3);
    expect(e.sum).toBe(7);
    expect(e.lastBucket).toBe(13);
    expect(e.between(11, 13)).toEqual({ s: 4, n: 1 });
    expect(e.between(0, 10)).toEqual({ s: 3, n: 2 });
    expect(e.between(14, 20)).toEqual({ s: 0, n: 0 });
  });

  it('compares two pairs over their common buckets only', () => {
    const near = new PairEvidence(0);
    const far = new PairEvidence(2);
    for (let k = 0; k < 6; k++) near.add(k, k < 2 ? 50 : 1); // bad before the rival existed: not counted
    for (let k = 2; k < 6; k++) far.add(k, 4);
    expect(advantage(near, far)).toEqual({ llr: 12, n: 4 });
    expect(advantage(far, near).llr).toBe(-12);
    expect(advantage(near, new PairEvidence(7))).toEqual({ llr: 0, n: 0 });
  });
});

describe('advantageOverSpan', () => {
  it("counts the leader's fixes from before the rival appeared as explained by nobody under the rival", () => {
    const leader = new PairEvidence(0);
    for (let k = 0; k < 10; k++) leader.add(k, 1);
    const newcomer = new PairEvidence(8);
    newcomer.add(8, 1);
    newcomer.add(9, 1);
    // Over their two common buckets they fit equally; before, the leader earned 3 − 1 a fix for 8 fixes.
    expect(advantage(leader, newcomer).llr).toBe(0);
    expect(advantageOverSpan(leader, newcomer, 3)).toEqual({ llr: 16, n: 2 });
    // …and after a rival ended too.
    const gone = new PairEvidence(0);
    gone.add(0, 1);
    expect(advantageOverSpan(leader, gone, 2).llr).toBe(9);
  });
});

describe('separation', () => {
  const pair = (costs: number[]) => {
    const e = new PairEvidence(0);
    costs.forEach((c, k) => {
      e.add(k, c);
    });
    return e;
  };
  it('is large for a steady advantage and small for one that comes and goes by chance', () => {
    const steadyA = pair(Array.from({ length: 30 }, (_, k) => 1 + 0.1 * (k % 2)));
    const steadyB = pair(Array.from({ length: 30 }, (_, k) => 3 + 0.1 * (k % 3)));
    const clear = separation(steadyA, steadyB, 3, 0.5);
    expect(clear.blocks).toBe(10);
    expect(clear.z).toBeGreaterThan(10);
    // Two people walking together: which fits better swings from block to block, ending slightly ahead.
    const swingA = pair(Array.from({ length: 30 }, (_, k) => (Math.floor(k / 3) % 2 === 0 ? 1 : 3)));
    const swingB = pair(Array.from({ length: 30 }, (_, k) => (Math.floor(k / 3) % 2 === 0 ? 3 : 1.2)));
    expect(advantage(swingA, swingB).llr).toBeGreaterThan(0);
    expect(separation(swingA, swingB, 3, 0.5).z).toBeLessThan(1);
    expect(separation(steadyA, new PairEvidence(40), 3, 0.5)).toEqual({ z: 0, blocks: 0 });
  });
});
