import { describe, expect, it } from 'vitest';
import { boxIou as iou } from '../box-iou.js';
import type { Box } from '../frame.js';
import { type BoxingOptions, blobsToBoxes } from './blob-to-boxes.js';
import { connectedComponents } from './connected-components.js';
import { DEFAULT_OVERHEAD_OPTIONS } from './overhead-detector.js';

const W = 120;
const H = 80;
/** Everyone is about 18 pixels (√(w·h)) anywhere in these scenes. */
const options: BoxingOptions = {
  ...DEFAULT_OVERHEAD_OPTIONS.boxing,
  prior: { nadirX: 60, nadirY: 40, sideAtNadir: 18, shrinkPerPixel: 0, minSide: 18 },
};

function maskWith(...ellipses: Box[]): Uint8Array {
  const mask = new Uint8Array(W * H);
  for (const { x, y, w, h } of ellipses) {
    for (let v = 0; v < H; v++) {
      for (let u = 0; u < W; u++) {
        const a = (u + 0.5 - (x + w / 2)) / (w / 2);
        const b = (v + 0.5 - (y + h / 2)) / (h / 2);
        if (a * a + b * b <= 1) mask[v * W + u] = 1;
      }
    }
  }
  return mask;
}
const boxes = (mask: Uint8Array) => blobsToBoxes(connectedComponents(mask, W, H), W, options);

describe('blobsToBoxes', () => {
  it('boxes one person where their blob is, with a score for how much of a person it holds', () => {
    const person = { x: 30, y: 20, w: 14, h: 20 };
    const [box, ...rest] = boxes(maskWith(person));
    expect(rest).toEqual([]);
    expect(iou(box!, person)).toBeGreaterThan(0.7);
    expect(box!.x + box!.w / 2).toBeCloseTo(37, 0);
    expect(box!.y + box!.h / 2).toBeCloseTo(30, 0);
    expect(box!.score).toBeGreaterThan(0.5);
    expect(box!.score).toBeLessThanOrEqual(1);
  });

  it('splits two people whose blobs fused into one', () => {
    // A little over two people's worth of pixels (personFill × 18²  each).
    const left = { x: 30, y: 20, w: 13, h: 18 };
    const right = { x: 42, y: 20, w: 13, h: 18 };
    expect(connectedComponents(maskWith(left, right), W, H).blobs).toHaveLength(1);
    const found = boxes(maskWith(left, right)).sort((a, b) => a.x - b.x);
    expect(found).toHaveLength(2);
    expect(iou(found[0]!, left)).toBeGreaterThan(0.5);
    expect(iou(found[1]!, right)).toBeGreaterThan(0.5);
  });

  it('splits a blob too thick and too waisted for one person, though it holds under two people of pixels', () => {
    // One person seen lengthwise, the other crosswise beside them: an L, as two people at a desk look.
    const left = { x: 30, y: 20, w: 10, h: 20 };
    const right = { x: 39, y: 32, w: 20, h: 10 };
    const mask = maskWith(left, right);
    const { blobs } = connectedComponents(mask, W, H);
    expect(blobs).toHaveLength(1);
    // Fewer pixels than the area rule splits at (splitAbove × personFill × 18²).
    expect(blobs[0]!.area).toBeLessThan(options.splitAbove * options.personFill * 18 * 18);
    const found = boxes(mask).sort((a, b) => a.x - b.x);
    expect(found).toHaveLength(2);
    expect(iou(found[0]!, left)).toBeGreaterThan(0.4);
    expect(iou(found[1]!, right)).toBeGreaterThan(0.4);
    const noBulky = { ...options, bulkyArea: Number.POSITIVE_INFINITY };
    expect(blobsToBoxes(connectedComponents(mask, W, H), W, noBulky)).toHaveLength(1);
  });

  it('splits two people walking abreast one above the other, though their pair is wider than tall', () => {
    // Each person is wider than tall here (as walkers seen from the ceiling often are), so the fused
    // blob spreads most left to right; the cut still has to run between them, along the waist.
    const upper = { x: 30, y: 20, w: 22, h: 10 };
    const lower = { x: 30, y: 29, w: 22, h: 10 };
    const mask = maskWith(upper, lower);
    expect(connectedComponents(mask, W, H).blobs).toHaveLength(1);
    const found = boxes(mask).sort((a, b) => a.y - b.y);
    expect(found).toHaveLength(2);
    expect(iou(found[0]!, upper)).toBeGreaterThan(0.5);
    expect(iou(found[1]!, lower)).toBeGreaterThan(0.5);
  });

  it('keeps one convex blob of the same size and thickness whole', () => {
    const one = { x: 32, y: 20, w: 20, h: 17 };
    const { blobs } = connectedComponents(maskWith(one), W, H);
    expect(blobs[0]!.area).toBeGreaterThan(options.bulkyArea * 18 * 18);
    expect(boxes(maskWith(one))).toHaveLength(1);
  });

  it('merges a small fragment into the person next to it, but keeps two people apart', () => {
    const person = { x: 30, y: 20, w: 14, h: 20 };
    expect(boxes(maskWith(person, { x: 46, y: 28, w: 4, h: 4 }))).toHaveLength(1);
    expect(boxes(maskWith(person, { x: 48, y: 20, w: 14, h: 20 }))).toHaveLength(2);
  });

  it('drops specks and long thin strips', () => {
    expect(boxes(maskWith({ x: 5, y: 5, w: 5, h: 5 }))).toEqual([]);
    expect(boxes(maskWith({ x: 5, y: 60, w: 100, h: 6 }))).toEqual([]);
  });
});
