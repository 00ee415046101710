import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Box, Detection } from '../frame.js';
import { addCounts, detectionScores, matchFrame } from './detection-metrics.js';

const box = (x: number, y: number, w = 10, h = 10): Box => ({ x, y, w, h });
const det = (x: number, y: number, score: number, w = 10, h = 10): Detection => ({ x, y, w, h, score });

describe('matchFrame', () => {
  it('matches each prediction to the best free truth box at or above the threshold', () => {
    const m = matchFrame([det(0, 0, 0.9), det(100, 100, 0.8), det(1, 0, 0.7)], [box(0, 0), box(50, 50)], 0.5);
    expect(m).toEqual({ tp: 1, fp: 2, fn: 1, pairs: [{ prediction: 0, truth: 0, iou: 1 }] });
  });

  it('is greedy by score: the confident box takes the person it overlaps most, even at a weaker one’s cost', () => {
    // The confident box at 4 overlaps A (IoU 0.43) and B (0.67) and takes B; the weak box at 7 overlaps
    // only B enough, so it goes unmatched although a maximum matching would pair both.
    const m = matchFrame([det(7, 0, 0.4), det(4, 0, 0.9)], [box(0, 0), box(6, 0)], 0.3);
    expect(m.pairs.map((p) => [p.prediction, p.truth])).toEqual([[1, 1]]);
    expect(m).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });

  it('counts a box exactly at the threshold as a match and one just below as a miss', () => {
    // IoU of (0,0,10,10) and (5,0,10,10) is 1/3.
    expect(matchFrame([det(5, 0, 1)], [box(0, 0)], 1 / 3).tp).toBe(1);
    expect(matchFrame([det(5, 0, 1)], [box(0, 0)], 0.34).tp).toBe(0);
  });

  it('never matches more than there are, and accounts for every box', () => {
    const arbitraryDetection = fc.record({
      x: fc.integer({ min: 0, max: 60 }),
      y: fc.integer({ min: 0, max: 60 }),
      w: fc.integer({ min: 1, max: 30 }),
      h: fc.integer({ min: 1, max: 30 }),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryDetection, { maxLength: 8 }),
        fc.array(arbitraryDetection, { maxLength: 8 }),
        (predictions, truths) => {
          const m = matchFrame(predictions, truths, 0.5);
          expect(m.tp + m.fp).toBe(predictions.length);
          expect(m.tp + m.fn).toBe(truths.length);
          expect(new Set(m.pairs.map((p) => p.truth)).size).toBe(m.tp);
          expect(m.pairs.every((p) => p.iou >= 0.5)).toBe(true);
        },
      ),
    );
  });
});

describe('detectionScores', () => {
  it('pools counts into precision, recall and F1', () => {
    const counts = addCounts({ tp: 6, fp: 1, fn: 2 }, { tp: 2, fp: 1, fn: 0 });
    const scores = detectionScores(counts);
    expect(scores).toMatchObject({ tp: 8, fp: 2, fn: 2, precision: 0.8, recall: 0.8 });
    expect(scores.f1).toBeCloseTo(0.8, 12);
  });

  it('treats nothing predicted as precise, nothing to find as recalled, and both zero as F1 0', () => {
    expect(detectionScores({ tp: 0, fp: 0, fn: 3 })).toMatchObject({ precision: 1, recall: 0, f1: 0 });
    expect(detectionScores({ tp: 0, fp: 2, fn: 0 })).toMatchObject({ precision: 0, recall: 1, f1: 0 });
    expect(detectionScores({ tp: 0, fp: 0, fn: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});
