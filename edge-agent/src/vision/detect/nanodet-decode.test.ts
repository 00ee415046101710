import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Box } from '../frame.js';
import { decodeNanoDet, expectedBin, NANODET_BINS, nanoDetHeads } from './nanodet-decode.js';
import { fakeNanoDetOutputs } from './nanodet-fake-outputs.js';

const opts = { scoreThreshold: 0.3, inputSize: 416 };

function expectBox(actual: Box | undefined, expected: Box): void {
  expect(actual).toBeDefined();
  for (const k of ['x', 'y', 'w', 'h'] as const) expect(actual![k]).toBeCloseTo(expected[k], 4);
}

describe('decodeNanoDet', () => {
  it('decodes a planted box from the cell centre ((col + 0.5)·stride) and the side distances', () => {
    const outputs = fakeNanoDetOutputs(416, [
      { stride: 16, col: 10, row: 5, score: 0.9, bins: [3, 2, 4, 6] },
    ]);
    const [d, ...rest] = decodeNanoDet(nanoDetHeads(outputs, 416), opts);
    expect(rest).toEqual([]);
    // Centre (168, 88); left 48, top 32, right 64, bottom 96.
    expectBox(d, { x: 120, y: 56, w: 112, h: 128 });
    expect(d!.score).toBeCloseTo(0.9, 6);
  });

  it('reads each stride with its own grid', () => {
    const outputs = fakeNanoDetOutputs(416, [
      { stride: 8, col: 51, row: 0, score: 0.5, bins: [1, 0, 1, 2] },
      { stride: 32, col: 0, row: 12, score: 0.8, bins: [0, 5, 1, 0] },
    ]);
    const ds = decodeNanoDet(nanoDetHeads(outputs, 416), opts);
    expect(ds).toHaveLength(2);
    const [fine, coarse] = ds;
    // Stride 8, centre (412, 4): x 404..416 (clipped from 420), y 4..20.
    expectBox(fine, { x: 404, y: 4, w: 12, h: 16 });
    // Stride 32, centre (16, 400): x 16..48, y 240..400.
    expectBox(coarse, { x: 16, y: 240, w: 32, h: 160 });
  });

  it('ignores other classes and scores at or below the threshold', () => {
    const outputs = fakeNanoDetOutputs(416, [
      { stride: 16, col: 3, row: 3, score: 0.95, bins: [2, 2, 2, 2], classIndex: 2 },
      { stride: 16, col: 9, row: 9, score: 0.25, bins: [2, 2, 2, 2] },
    ]);
    expect(decodeNanoDet(nanoDetHeads(outputs, 416), opts)).toEqual([]);
  });

  it('drops boxes of zero size', () => {
    const outputs = fakeNanoDetOutputs(416, [{ stride: 8, col: 4, row: 4, score: 0.9, bins: [0, 0, 0, 0] }]);
    expect(decodeNanoDet(nanoDetHeads(outputs, 416), opts)).toEqual([]);
  });
});

describe('nanoDetHeads', () => {
  it('property: pairs outputs by shape whatever their order', () => {
    const outputs = fakeNanoDetOutputs(416, [{ stride: 32, col: 6, row: 7, score: 0.7, bins: [1, 2, 3, 4] }]);
    const expected = decodeNanoDet(nanoDetHeads(outputs, 416), opts);
    fc.assert(
      fc.property(fc.shuffledSubarray(outputs, { minLength: 6, maxLength: 6 }), (shuffled) => {
        expect(decodeNanoDet(nanoDetHeads(shuffled, 416), opts)).toEqual(expected);
      }),
    );
  });

  it('names the missing output and lists what it got', () => {
    const outputs = fakeNanoDetOutputs(416, []).filter((o) => o.dims[1] !== 169 || o.dims[2] !== 44);
    expect(() => nanoDetHeads(outputs, 416)).toThrow(
      /\[1,169,44\] for stride 32 not found; got \[1,2704,80\]/,
    );
  });

  it('works at other input sizes (grids are ⌈size / stride⌉)', () => {
    const outputs = fakeNanoDetOutputs(320, [{ stride: 32, col: 9, row: 9, score: 0.7, bins: [1, 1, 1, 1] }]);
    const heads = nanoDetHeads(outputs, 320);
    expect(heads.map((h) => h.grid)).toEqual([40, 20, 10]);
    const [d] = decodeNanoDet(heads, { scoreThreshold: 0.3, inputSize: 320 });
    expectBox(d, { x: 272, y: 272, w: 48, h: 48 });
  });
});

describe('expectedBin', () => {
  it('is the mean bin for flat logits and follows a spike', () => {
    expect(expectedBin(new Float32Array(NANODET_BINS), 0)).toBeCloseTo(5, 6);
    const v = new Float32Array(2 * NANODET_BINS);
    v[NANODET_BINS + 7] = 40;
    expect(expectedBin(v, NANODET_BINS)).toBeCloseTo(7, 6);
  });

  it('property: lies within [0, bins − 1] even for large logits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 11, maxLength: 11 }),
        (v) => {
          const e = expectedBin(v, 0);
          expect(e).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThanOrEqual(NANODET_BINS - 1);
        },
      ),
    );
  });
});
