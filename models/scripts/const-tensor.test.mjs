import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { broadcastBinary, resolveShape, sparseToDense, tensor, transpose } from './const-tensor.mjs';

describe('transpose', () => {
  it('moves NHWC filters to the ONNX [out, in, h, w] order', () => {
    // [h=1, w=2, in=1, out=2]: values named by (w, out).
    const t = tensor('float32', [1, 2, 1, 2], [10, 11, 20, 21]);
    const out = transpose(t, [3, 2, 0, 1]);
    expect(out.shape).toEqual([2, 1, 1, 2]);
    expect(Array.from(out.data)).toEqual([10, 20, 11, 21]);
  });

  it('is undone by the inverse permutation', () => {
    const shapeAndPerm = fc
      .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
      .chain((shape) =>
        fc.tuple(fc.constant(shape), fc.shuffledSubarray([...shape.keys()], { minLength: shape.length })),
      );
    fc.assert(
      fc.property(shapeAndPerm, ([shape, perm]) => {
        const count = shape.reduce((a, b) => a * b, 1);
        const t = tensor(
          'int32',
          shape,
          Array.from({ length: count }, (_, i) => i),
        );
        const inverse = perm.map((_, k) => perm.indexOf(k));
        const back = transpose(transpose(t, perm), inverse);
        expect(back.shape).toEqual(shape);
        expect(Array.from(back.data)).toEqual(Array.from(t.data));
      }),
    );
  });
});

describe('broadcastBinary', () => {
  it('broadcasts a channel vector over NHWC and a scalar over anything', () => {
    const x = tensor('float32', [1, 2, 1, 2], [1, 2, 3, 4]);
    const bias = tensor('float32', [2], [10, 20]);
    expect(Array.from(broadcastBinary(x, bias, (a, b) => a + b).data)).toEqual([11, 22, 13, 24]);
    const s = broadcastBinary(tensor('int32', [], [3]), tensor('int32', [3], [1, 2, 3]), (a, b) => a * b);
    expect(s.shape).toEqual([3]);
    expect(Array.from(s.data)).toEqual([3, 6, 9]);
  });

  it('refuses shapes that do not broadcast', () => {
    expect(() =>
      broadcastBinary(tensor('int32', [2], [1, 2]), tensor('int32', [3], [1, 2, 3]), Math.max),
    ).toThrow(/do not broadcast/);
  });
});

describe('resolveShape', () => {
  it('fills in one -1', () => {
    expect(resolveShape([1, 80, -1], 80 * 169)).toEqual([1, 80, 169]);
    expect(resolveShape([2, 3], 6)).toEqual([2, 3]);
    expect(() => resolveShape([-1, -1], 6)).toThrow(/cannot reshape/);
    expect(() => resolveShape([4, -1], 6)).toThrow(/cannot reshape/);
  });
});

describe('sparseToDense', () => {
  it('gives the default everywhere when there are no indices (what the nanodet graph folds)', () => {
    const out = sparseToDense(
      tensor('int32', [0, 1], []),
      tensor('int32', [1], [3]),
      tensor('int32', [0], []),
      tensor('int32', [], [0]),
    );
    expect(out.shape).toEqual([3]);
    expect(Array.from(out.data)).toEqual([0, 0, 0]);
  });

  it('scatters one value per index row, or a scalar value to every row', () => {
    const idx = tensor('int32', [2, 2], [0, 1, 1, 0]);
    const shape = tensor('int32', [2], [2, 2]);
    const each = sparseToDense(idx, shape, tensor('float32', [2], [5, 6]), tensor('float32', [], [-1]));
    expect(Array.from(each.data)).toEqual([-1, 5, 6, -1]);
    const same = sparseToDense(idx, shape, tensor('float32', [], [7]), tensor('float32', [], [0]));
    expect(Array.from(same.data)).toEqual([0, 7, 7, 0]);
  });
});
