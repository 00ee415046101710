import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen.js';

const symmetric = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc
      .array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n * n, maxLength: n * n })
      .map((xs) =>
        Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (__, j) => xs[Math.min(i, j) * n + Math.max(i, j)]!),
        ),
      ),
  );

describe('symmetricEigen', () => {
  it('decomposes a known matrix', () => {
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect(values[0]).toBeCloseTo(1, 12);
    expect(values[1]).toBeCloseTo(3, 12);
    expect(Math.abs(vectors[1]![0]!)).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('gives A·v = λ·v with orthonormal vectors and ascending values', () => {
    fc.assert(
      fc.property(symmetric, (a) => {
        const { values, vectors } = symmetricEigen(a);
        const scale = Math.max(1, ...a.flat().map(Math.abs));
        values.forEach((lambda, k) => {
          if (k > 0) expect(lambda).toBeGreaterThanOrEqual(values[k - 1]!);
          const v = vectors[k]!;
          a.forEach((row, i) => {
            const av = row.reduce((s, x, j) => s + x * v[j]!, 0);
            expect(Math.abs(av - lambda * v[i]!)).toBeLessThan(1e-9 * scale);
          });
          vectors.forEach((w, l) => {
            const dot = v.reduce((s, x, i) => s + x * w[i]!, 0);
            expect(dot).toBeCloseTo(k === l ? 1 : 0, 9);
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a non-square matrix', () => {
    expect(() => symmetricEigen([[1, 2]])).toThrow(RangeError);
  });
});
