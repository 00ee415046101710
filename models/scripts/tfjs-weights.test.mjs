import { describe, expect, it } from 'vitest';
import { floatToHalf } from './test-support/tiny-tfjs-graph.mjs';
import { decodeWeights, halfToFloat } from './tfjs-weights.mjs';

const bytes = (write, length) => {
  const view = new DataView(new ArrayBuffer(length));
  write(view);
  return new Uint8Array(view.buffer);
};

describe('halfToFloat', () => {
  it('decodes the landmark halves', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x3555)).toBe(0.333251953125);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x0400)).toBe(2 ** -14);
    expect(halfToFloat(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(halfToFloat(0xfc00)).toBe(Number.NEGATIVE_INFINITY);
    expect(halfToFloat(0x7e00)).toBeNaN();
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
  });

  it('is strictly increasing over the positive finite halves and odd in the sign bit (all 31744 of them)', () => {
    const broken = [];
    let previous = -1;
    for (let bits = 0; bits < 0x7c00; bits++) {
      const value = halfToFloat(bits);
      // every half is also exact in float32, so dequantized weights lose nothing
      const ok =
        value > previous && Object.is(halfToFloat(bits | 0x8000), -value) && Math.fround(value) === value;
      if (!ok) broken.push(bits);
      previous = value;
    }
    expect(broken).toEqual([]);
  });

  it('round-trips through the test encoder', () => {
    for (const v of [0.5, -0.015625, 3.75, 1 / 1024, 2 ** -20]) expect(halfToFloat(floatToHalf(v))).toBe(v);
  });
});

describe('decodeWeights', () => {
  it('reads float32, int32, float16- and uint8-quantized weights in manifest order', () => {
    const manifest = [
      {
        paths: ['a.bin'],
        weights: [
          { name: 'f', shape: [2], dtype: 'float32' },
          { name: 'i', shape: [], dtype: 'int32' },
        ],
      },
      {
        paths: ['b.bin'],
        weights: [
          {
            name: 'h',
            shape: [2, 1],
            dtype: 'float32',
            quantization: { dtype: 'float16', original_dtype: 'float32' },
          },
          { name: 'q', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
        ],
      },
    ];
    const data = bytes((v) => {
      v.setFloat32(0, 1.5, true);
      v.setFloat32(4, -2.25, true);
      v.setInt32(8, -7, true);
      v.setUint16(12, 0x3c00, true);
      v.setUint16(14, 0xb800, true);
      v.setUint8(16, 0);
      v.setUint8(17, 2);
      v.setUint8(18, 255);
    }, 19);
    const t = decodeWeights(manifest, data);
    expect(Array.from(t.get('f').data)).toEqual([1.5, -2.25]);
    expect(t.get('i')).toEqual({ dtype: 'int32', shape: [], data: Int32Array.from([-7]) });
    expect(t.get('h').shape).toEqual([2, 1]);
    expect(Array.from(t.get('h').data)).toEqual([1, -0.5]);
    expect(Array.from(t.get('q').data)).toEqual([-1, 0, 126.5]);
  });

  it('refuses weight data that is too short or too long for the manifest', () => {
    const manifest = [{ paths: [], weights: [{ name: 'w', shape: [2], dtype: 'float32' }] }];
    expect(() => decodeWeights(manifest, new Uint8Array(7))).toThrow(/weight 'w' needs bytes 0..8/);
    expect(() => decodeWeights(manifest, new Uint8Array(9))).toThrow(
      /describes 8 bytes but the weight data holds 9/,
    );
  });

  it('names the weight whose dtype it cannot read', () => {
    const manifest = [{ paths: [], weights: [{ name: 'labels', shape: [1], dtype: 'string' }] }];
    expect(() => decodeWeights(manifest, new Uint8Array(4))).toThrow(
      /weight 'labels': unsupported stored dtype 'string'/,
    );
  });
});
