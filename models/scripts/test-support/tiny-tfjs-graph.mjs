// Builds small TFJS graph models (model.json + weight bytes) in memory for the converter's tests,
// in the same JSON shape tfjs-converter writes (base64 strings, ints as strings, float16 weights).

export const tfAttr = {
  s: (value) => ({ s: Buffer.from(value, 'utf8').toString('base64') }),
  i: (value) => ({ i: String(value) }),
  f: (value) => ({ f: value }),
  b: (value) => ({ b: value }),
  ints: (values) => ({ list: { i: values.map(String) } }),
  type: (value) => ({ type: value }),
};

/** Float → IEEE half bits, for values exactly representable as halves (what the tests use). */
export function floatToHalf(value) {
  if (value === 0) return Object.is(value, -0) ? 0x8000 : 0;
  if (value === Number.NEGATIVE_INFINITY) return 0xfc00;
  if (value === Number.POSITIVE_INFINITY) return 0x7c00;
  const sign = value < 0 ? 0x8000 : 0;
  const abs = Math.abs(value);
  const exponent = Math.floor(Math.log2(abs));
  if (exponent < -14) return sign | Math.round(abs / 2 ** -24);
  const mantissa = Math.round((abs / 2 ** exponent - 1) * 1024);
  return sign | ((exponent + 15) << 10) | mantissa;
}

/** k / 64 for pseudo-random integers k in [-range, range]: exact in float16 and float32. */
export function smallValues(count, seed, range = 64) {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return ((state % (2 * range + 1)) - range) / 64;
  });
}

export function tinyGraph() {
  const nodes = [];
  const weights = [];
  const chunks = [];

  const add = (node) => {
    nodes.push(node);
    return node.name;
  };

  return {
    placeholder(name, shape, dtype = 'DT_FLOAT') {
      return add({
        name,
        op: 'Placeholder',
        attr: {
          dtype: tfAttr.type(dtype),
          shape: { shape: { dim: shape.map((size) => ({ size: String(size) })) } },
        },
      });
    },
    /** A Const whose value goes into the weights; `float16` stores it quantized as tfjs-converter can. */
    constant(name, shape, values, { dtype = 'float32', float16 = false } = {}) {
      const bytes = new DataView(new ArrayBuffer(values.length * (float16 ? 2 : 4)));
      values.forEach((v, i) => {
        if (float16) bytes.setUint16(i * 2, floatToHalf(v), true);
        else if (dtype === 'int32') bytes.setInt32(i * 4, v, true);
        else bytes.setFloat32(i * 4, v, true);
      });
      chunks.push(new Uint8Array(bytes.buffer));
      const spec = { name, shape, dtype };
      if (float16) spec.quantization = { dtype: 'float16', original_dtype: 'float32' };
      weights.push(spec);
      const tfType = dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT';
      return add({ name, op: 'Const', attr: { dtype: tfAttr.type(tfType), value: {} } });
    },
    op(op, name, inputs, attr = {}) {
      return add({ name, op, input: inputs, attr: { T: tfAttr.type('DT_FLOAT'), ...attr } });
    },
    /** @param {Record<string, number[]>} outputs tensor name → shape, for the signature */
    build(outputs) {
      const weightData = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const c of chunks) {
        weightData.set(c, offset);
        offset += c.length;
      }
      const placeholders = nodes.filter((n) => n.op === 'Placeholder');
      const sig = (name, dims) => ({
        name,
        dtype: 'DT_FLOAT',
        tensorShape: { dim: dims.map((size) => ({ size: String(size) })) },
      });
      const modelJson = {
        format: 'graph-model',
        modelTopology: { node: nodes, library: {}, versions: {} },
        weightsManifest: [{ paths: ['weights.bin'], weights }],
        signature: {
          inputs: Object.fromEntries(
            placeholders.map((p) => [
              `${p.name}:0`,
              sig(
                `${p.name}:0`,
                p.attr.shape.shape.dim.map((d) => d.size),
              ),
            ]),
          ),
          outputs: Object.fromEntries(Object.entries(outputs).map(([name, dims]) => [name, sig(name, dims)])),
        },
      };
      return { modelJson, weightData };
    },
  };
}
