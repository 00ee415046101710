import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectedComponents } from './connected-components.js';

const parse = (rows: string[]): { mask: Uint8Array; width: number; height: number } => ({
  mask: Uint8Array.from(rows.join(''), (ch) => (ch === '#' ? 1 : 0)),
  width: rows[0]!.length,
  height: rows.length,
});

describe('connectedComponents', () => {
  it('labels separate regions with their area, bounds and centroid, in raster order', () => {
    const { mask, width, height } = parse(['##....', '##..#.', '....##', '......']);
    const { blobs, labels } = connectedComponents(mask, width, height);
    expect(blobs).toEqual([
      { label: 1, area: 4, minX: 0, minY: 0, maxX: 1, maxY: 1, cx: 0.5, cy: 0.5 },
      { label: 2, area: 3, minX: 4, minY: 1, maxX: 5, maxY: 2, cx: 13 / 3, cy: 5 / 3 },
    ]);
    expect(labels[0]).toBe(1);
    expect(labels[2 * width + 5]).toBe(2);
    expect(labels[3 * width]).toBe(0);
  });

  it('joins diagonal neighbours (8-connectivity) and U shapes whose arms meet late', () => {
    expect(connectedComponents(parse(['#..', '.#.', '..#']).mask, 3, 3).blobs).toHaveLength(1);
    expect(connectedComponents(parse(['#.#', '#.#', '###']).mask, 3, 3).blobs).toHaveLength(1);
  });

  it('drops blobs under minArea, zeroes their pixels and keeps labels dense', () => {
    const { mask, width, height } = parse(['#....', '.....', '..###']);
    const { blobs, labels } = connectedComponents(mask, width, height, 2);
    expect(blobs.map((b) => [b.label, b.area])).toEqual([[1, 3]]);
    expect(labels[0]).toBe(0);
    expect(labels[2 * width + 3]).toBe(1);
  });

  it('labels every set pixel once: areas add up and each label is one of the blobs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 48, maxLength: 48, max: 1 }), (mask) => {
        const { blobs, labels } = connectedComponents(mask, 8, 6);
        expect(blobs.reduce((sum, b) => sum + b.area, 0)).toBe(mask.reduce((sum, v) => sum + v, 0));
        labels.forEach((label, i) => {
          expect(label > 0).toBe(mask[i] === 1);
          expect(label).toBeLessThanOrEqual(blobs.length);
        });
      }),
    );
  });
});
