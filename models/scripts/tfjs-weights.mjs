// Decodes a TFJS weights manifest and its binary shards into named float32/int32/bool tensors,
// dequantizing float16 and uint8/uint16 affine-quantized weights exactly as tfjs does.

/** @typedef {{ dtype: 'float32' | 'int32' | 'bool', shape: number[], data: Float32Array | Int32Array | Uint8Array }} Tensor */

const STORED_BYTES = { float32: 4, int32: 4, bool: 1, float16: 2, uint8: 1, uint16: 2 };

/**
 * @param {Array<{ weights: Array<{ name: string, shape: number[], dtype: string, quantization?: object }> }>} manifest
 * @param {Uint8Array} data all shards of all groups, concatenated in manifest order
 * @returns {Map<string, Tensor>}
 */
export function decodeWeights(manifest, data) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const tensors = new Map();
  let offset = 0;
  for (const spec of manifest.flatMap((group) => group.weights)) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const stored = spec.quantization?.dtype ?? spec.dtype;
    const width = STORED_BYTES[stored];
    if (width === undefined) {
      throw new Error(`weight '${spec.name}': unsupported stored dtype '${stored}'`);
    }
    const end = offset + count * width;
    if (end > data.byteLength) {
      throw new Error(
        `weight '${spec.name}' needs bytes ${offset}..${end} but the weight data holds ${data.byteLength}`,
      );
    }
    tensors.set(spec.name, {
      dtype: spec.dtype,
      shape: spec.shape.slice(),
      data: decodeOne(spec, view, offset, count),
    });
    offset = end;
  }
  if (offset !== data.byteLength) {
    throw new Error(
      `weights manifest describes ${offset} bytes but the weight data holds ${data.byteLength}`,
    );
  }
  return tensors;
}

function decodeOne(spec, view, offset, count) {
  const q = spec.quantization;
  const read = (Ctor, width, value) => {
    const out = new Ctor(count);
    for (let i = 0; i < count; i++) out[i] = value(offset + i * width);
    return out;
  };
  if (!q) {
    if (spec.dtype === 'float32') return read(Float32Array, 4, (o) => view.getFloat32(o, true));
    if (spec.dtype === 'int32') return read(Int32Array, 4, (o) => view.getInt32(o, true));
    if (spec.dtype === 'bool') return read(Uint8Array, 1, (o) => (view.getUint8(o) ? 1 : 0));
    throw new Error(`weight '${spec.name}': unsupported dtype '${spec.dtype}'`);
  }
  if (q.dtype === 'float16' && spec.dtype === 'float32') {
    return read(Float32Array, 2, (o) => halfToFloat(view.getUint16(o, true)));
  }
  if (q.dtype === 'uint8' || q.dtype === 'uint16') {
    const width = STORED_BYTES[q.dtype];
    const raw = q.dtype === 'uint8' ? (o) => view.getUint8(o) : (o) => view.getUint16(o, true);
    const { scale, min } = q;
    if (spec.dtype === 'float32') return read(Float32Array, width, (o) => raw(o) * scale + min);
    if (spec.dtype === 'int32') return read(Int32Array, width, (o) => Math.round(raw(o) * scale + min));
  }
  throw new Error(`weight '${spec.name}': unsupported quantization ${JSON.stringify(q)} of ${spec.dtype}`);
}

/** IEEE 754 half → number; exact (every half is representable as a float32). */
export function halfToFloat(bits) {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
