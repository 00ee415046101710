// The small parts of fusion: a track's position at a time, a pair's score, a window's matching.
import { describe, expect, it } from 'vitest';
import type { BeaconFix } from '../ble-types.js';
import { DEFAULT_FUSION_OPTIONS } from './fusion-options.js';
import { scorePair } from './pair-scoring.js';
import { TrackHistory } from './track-history.js';
import { matchWindow } from './window-matching.js';

const fix = (ts: number, x: number, y: number, sigmaM = 1): BeaconFix => ({
  ts,
  beacon: 'eid:0011223344556677',
  role: 'loyalty',
  x,
  y,
  sigmaM,
  method: 'trilateration',
});

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

describe('scorePair', () => {
  const o = { ...DEFAULT_FUSION_OPTIONS, fixLagMs: 0, trackSigmaM: 0, minFixSigmaM: 0 };
  it('is the mean halved normalised squared distance, clipped', () => {
    const at = () => [0, 0] as const;
    expect(scorePair(at, [fix(0, 1, 0), fix(1, 0, 1), fix(2, 1, 1)], o)?.cost).toBeCloseTo(
      (1 + 1 + 2) / 3 / 2,
      9,
    );
    expect(scorePair(at, [fix(0, 100, 0), fix(1, 0, 0), fix(2, 0, 0)], o)?.cost).toBeCloseTo(25 / 3 / 2, 9);
  });
  it('needs the track at enough of the fixes’ times', () => {
    const at = (ts: number) => (ts < 2 ? ([0, 0] as const) : undefined);
    expect(scorePair(at, [fix(0, 0, 0), fix(1, 0, 0), fix(2, 0, 0), fix(3, 0, 0)], o)).toBeUndefined();
  });
});

describe('matchWindow', () => {
  it('matches the clear pairs and flags a near tie as ambiguous', () => {
    const clear = matchWindow(
      [
        [1, 6],
        [7, 1.2],
      ],
      4,
      1,
    );
    expect(clear).toEqual([
      { row: 0, col: 0, cost: 1, ambiguous: false },
      { row: 1, col: 1, cost: 1.2, ambiguous: false },
    ]);
    const tie = matchWindow([[1], [1.4]], 4, 1);
    expect(tie).toEqual([{ row: 0, col: 0, cost: 1, ambiguous: true }]);
    expect(matchWindow([[5]], 4, 1)).toEqual([]);
    expect(matchWindow([], 4, 1)).toEqual([]);
  });
});
