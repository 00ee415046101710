import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Detection } from '../frame.js';
import { iou, nonMaxSuppression } from './nms.js';

const box = fc.record({
  x: fc.integer({ min: 0, max: 60 }),
  y: fc.integer({ min: 0, max: 60 }),
  w: fc.integer({ min: 1, max: 40 }),
  h: fc.integer({ min: 1, max: 40 }),
});
const detection = fc
  .tuple(box, fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([b, score]): Detection => ({ ...b, score }));
const detections = fc.array(detection, { maxLength: 40 });
const threshold = fc.double({ min: 0.05, max: 0.95, noNaN: true });

describe('iou', () => {
  it('is 1 for identical boxes, 0 for disjoint or touching ones, and the area ratio otherwise', () => {
    const a = { x: 0, y: 0, w: 10, h: 10 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x: 10, y: 0, w: 10, h: 10 })).toBe(0);
    expect(iou(a, { x: 5, y: 0, w: 10, h: 10 })).toBeCloseTo(50 / 150);
    expect(iou(a, { x: 0, y: 0, w: 0, h: 0 })).toBe(0);
  });

  it('property: symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(box, box, (a, b) => {
        expect(iou(a, b)).toBe(iou(b, a));
        expect(iou(a, b)).toBeGreaterThanOrEqual(0);
        expect(iou(a, b)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('nonMaxSuppression', () => {
  it('keeps the best of two overlapping boxes and a separate one', () => {
    const a = { x: 0, y: 0, w: 10, h: 20, score: 0.6 };
    const b = { x: 1, y: 1, w: 10, h: 20, score: 0.9 };
    const c = { x: 50, y: 0, w: 10, h: 20, score: 0.4 };
    expect(nonMaxSuppression([a, b, c], 0.5)).toEqual([b, c]);
    expect(nonMaxSuppression([a, b, c], 0.5, 1)).toEqual([b]);
  });

  it('property: the result is a subset, best first, with no pair overlapping above the threshold', () => {
    fc.assert(
      fc.property(detections, threshold, (ds, t) => {
        const kept = nonMaxSuppression(ds, t);
        for (const k of kept) expect(ds).toContain(k);
        for (let i = 1; i < kept.length; i++)
          expect(kept[i - 1]!.score).toBeGreaterThanOrEqual(kept[i]!.score);
        for (let i = 0; i < kept.length; i++) {
          for (let j = i + 1; j < kept.length; j++) expect(iou(kept[i]!, kept[j]!)).toBeLessThanOrEqual(t);
        }
      }),
    );
  });

  it('property: every dropped box overlaps a kept box scoring at least as high', () => {
    fc.assert(
      fc.property(detections, threshold, (ds, t) => {
        const kept = nonMaxSuppression(ds, t);
        for (const d of ds) {
          if (kept.includes(d)) continue;
          expect(kept.some((k) => k.score >= d.score && iou(k, d) > t)).toBe(true);
        }
      }),
    );
  });

  it('property: idempotent', () => {
    fc.assert(
      fc.property(detections, threshold, (ds, t) => {
        const once = nonMaxSuppression(ds, t);
        expect(nonMaxSuppression(once, t)).toEqual(once);
      }),
    );
  });
});
