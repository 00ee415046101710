// The small parts of fusion: a track's position at a time, one fix's cost, a pair's accumulated evidence
// compared with a rival's over their common time.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FUSION_OPTIONS } from './fusion-options.js';
import { advantage, PairEvidence } from './pair-evidence.js';
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
