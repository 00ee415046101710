import { describe, expect, it } from 'vitest';
import { createOnnxRunner } from './model-runners.mjs';
import { smallValues, tfAttr, tinyGraph } from './test-support/tiny-tfjs-graph.mjs';
import { convertTfjsGraphToOnnx } from './tfjs-graph-to-onnx.mjs';
import { verifyConversion } from './verify-conversion.mjs';

const NHWC = { data_format: tfAttr.s('NHWC') };
const ones = (n) => new Array(n).fill(1);

const opCounts = (graph) => {
  const counts = {};
  for (const node of graph.nodes) counts[node.op] = (counts[node.op] ?? 0) + 1;
  return counts;
};

async function runOnnx(bytes, inputName, data, shape) {
  const session = await createOnnxRunner(bytes);
  try {
    return await session.run({ [inputName]: { data: Float32Array.from(data), shape } });
  } finally {
    await session.release();
  }
}

/** Conv2D (NHWC) → bias Add → LeakyRelu, concatenated with the pre-activation: small enough to do by hand. */
function convLeakyConcat() {
  const g = tinyGraph();
  const x = g.placeholder('x', [1, 3, 3, 1]);
  const w = g.constant('w', [2, 2, 1, 1], [1, 0, 0, 1]); // out[i, j] = x[i, j] + x[i + 1, j + 1]
  const conv = g.op('Conv2D', 'conv', [x, w], {
    ...NHWC,
    strides: tfAttr.ints([1, 1, 1, 1]),
    padding: tfAttr.s('VALID'),
    dilations: tfAttr.ints([1, 1, 1, 1]),
  });
  const b = g.constant('b', [1], [-10]);
  const sum = g.op('Add', 'biased', [conv, b]);
  const act = g.op('LeakyRelu', 'act', [sum], { alpha: tfAttr.f(0.1) });
  const axis = g.constant('axis', [], [3], { dtype: 'int32' });
  g.op('ConcatV2', 'out', [act, sum, axis], { N: tfAttr.i(2), Tidx: tfAttr.type('DT_INT32') });
  return g.build({ 'out:0': [1, 2, 2, 2] });
}

/**
 * The shape of the NanoDet graph in miniature: NCHW input, onnx-tf style Transposes around NHWC
 * convolutions, zero Pad before a conv, -inf PadV2 before a MaxPool, a half-pixel bilinear resize, a
 * head split into sigmoid scores and raw logits reshaped with shapes computed by SparseToDense + AddV2.
 */
function miniNanodet() {
  const g = tinyGraph();
  const i32 = { dtype: 'int32' };
  const toNhwc = g.constant('to_nhwc', [4], [0, 2, 3, 1], i32);
  const toNchw = g.constant('to_nchw', [4], [0, 3, 1, 2], i32);
  const spatialPad = g.constant('pad1', [4, 2], [0, 0, 0, 0, 1, 1, 1, 1], i32);
  const conv = (name, input, kernel, cin, cout, stride, seed) => {
    const w = g.constant(
      `${name}/w`,
      [kernel, kernel, cin, cout],
      smallValues(kernel * kernel * cin * cout, seed),
      {
        float16: true,
      },
    );
    const b = g.constant(`${name}/b`, [cout], smallValues(cout, seed + 1), { float16: true });
    const c = g.op('Conv2D', name, [input, w], {
      ...NHWC,
      strides: tfAttr.ints([1, stride, stride, 1]),
      padding: tfAttr.s('VALID'),
      dilations: tfAttr.ints(ones(4)),
      explicit_paddings: { list: {} },
    });
    return g.op('Add', `${name}/add`, [c, b]);
  };
  const x = g.placeholder('input_1', [1, 3, 16, 16]);
  const padded = g.op('Pad', 'pad', [x, spatialPad]);
  const c1 = conv('conv1', g.op('Transpose', 't1', [padded, toNhwc]), 3, 3, 4, 2, 1); // [1, 8, 8, 4]
  const a1 = g.op('LeakyRelu', 'act1', [g.op('Transpose', 't2', [c1, toNchw])], { alpha: tfAttr.f(0.1) });
  const negInf = g.constant('neg_inf', [], [Number.NEGATIVE_INFINITY], { float16: true });
  const p2 = g.op('PadV2', 'pad2', [a1, spatialPad, negInf]);
  const pooled = g.op('MaxPool', 'pool', [g.op('Transpose', 't3', [p2, toNhwc])], {
    ...NHWC,
    ksize: tfAttr.ints([1, 3, 3, 1]),
    strides: tfAttr.ints([1, 2, 2, 1]),
    padding: tfAttr.s('VALID'),
  }); // [1, 4, 4, 4]
  const size = g.constant('size', [2], [8, 8], i32);
  const up = g.op('ResizeBilinear', 'up', [pooled, size], {
    align_corners: tfAttr.b(false),
    half_pixel_centers: tfAttr.b(true),
  });
  const head = g.op('Transpose', 't4', [conv('head', up, 1, 4, 6, 1, 7), toNchw]); // [1, 6, 8, 8]
  const splits = g.constant('splits', [2], [4, 2], i32);
  const splitAxis = g.constant('split_axis', [], [1], i32);
  g.op('SplitV', 'split', [head, splits, splitAxis], {
    num_split: tfAttr.i(2),
    Tlen: tfAttr.type('DT_INT32'),
  });
  const scores = g.op('Sigmoid', 'sigmoid', ['split']);
  const reshaped = (name, input, channels) => {
    // shape = [1, channels, -1] + SparseToDense(no indices) — how onnx-tf spells a constant shape.
    const base = g.constant(`${name}/base`, [3], [1, channels, -1], i32);
    const dense = g.op(
      'SparseToDense',
      `${name}/dense`,
      [
        g.constant(`${name}/idx`, [0, 1], [], i32),
        g.constant(`${name}/n`, [1], [3], i32),
        g.constant(`${name}/vals`, [0], [], i32),
        g.constant(`${name}/zero`, [], [0], i32),
      ],
      { T: tfAttr.type('DT_INT32') },
    );
    const shape = g.op('AddV2', `${name}/shape`, [base, dense], { T: tfAttr.type('DT_INT32') });
    const r = g.op('Reshape', `${name}/reshape`, [input, shape]);
    const perm = g.constant(`${name}/perm`, [3], [0, 2, 1], i32);
    return g.op('Identity', name, [g.op('Transpose', `${name}/t`, [r, perm])]);
  };
  reshaped('cls', scores, 4);
  reshaped('dist', 'split:1', 2);
  return g.build({ 'cls:0': [1, 64, 4], 'dist:0': [1, 64, 2] });
}

describe('convertTfjsGraphToOnnx', () => {
  it('converts Conv2D + bias + LeakyRelu + Concat to an ONNX model that computes the hand result', async () => {
    const { bytes, graph } = convertTfjsGraphToOnnx(convLeakyConcat());
    expect(opCounts(graph)).toEqual({ Transpose: 2, Conv: 1, LeakyRelu: 1, Concat: 1 });
    const out = await runOnnx(bytes, 'x', [1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    // conv = [6, 8, 12, 14]; + bias −10 = [−4, −2, 2, 4]; LeakyRelu(0.1) = [−0.4, −0.2, 2, 4].
    const expected = [-0.4, -4, -0.2, -2, 2, 2, 4, 4];
    for (const [i, v] of Array.from(out.get('out')).entries()) expect(v).toBeCloseTo(expected[i], 6);
  });

  it('matches tfjs on a miniature NanoDet and leaves a plain NCHW graph', async () => {
    const tfjsModel = miniNanodet();
    const outputNames = { 'cls:0': 'cls_stride2', 'dist:0': 'dist_stride2' };
    const { bytes, graph } = convertTfjsGraphToOnnx({
      ...tfjsModel,
      inputNames: { input_1: 'input' },
      outputNames,
    });
    // Every Pad folded into its Conv/MaxPool, every layout Transpose cancelled; the two left are the head's.
    expect(opCounts(graph)).toEqual({
      Conv: 2,
      LeakyRelu: 1,
      MaxPool: 1,
      Shape: 1,
      Slice: 1,
      Concat: 1,
      Resize: 1,
      Split: 1,
      Sigmoid: 1,
      Reshape: 2,
      Transpose: 2,
    });
    expect(graph.outputs.map((o) => [o.name, o.shape])).toEqual([
      ['cls_stride2', [1, 64, 4]],
      ['dist_stride2', [1, 64, 2]],
    ]);
    const verdict = await verifyConversion({
      tfjsModel,
      onnxModel: bytes,
      inputName: 'input',
      inputShape: [1, 3, 16, 16],
      outputs: graph.outputs.map(({ name, tfjsName }) => ({ name, tfjsName })),
      tolerance: 1e-5,
    });
    expect(verdict.outputs.map((o) => o.name)).toEqual(['cls_stride2', 'dist_stride2']);
    for (const o of verdict.outputs) expect(o.maxAbsDiff, o.name).toBeLessThan(1e-5);
    expect(verdict.ok).toBe(true);
  });

  it('computes the same with and without the graph optimizations', async () => {
    const model = miniNanodet();
    const plain = convertTfjsGraphToOnnx({ ...model, optimize: false });
    const tidy = convertTfjsGraphToOnnx(model);
    expect(opCounts(plain.graph).Pad).toBe(2);
    expect(plain.graph.nodes.length).toBeGreaterThan(tidy.graph.nodes.length);
    const input = smallValues(3 * 16 * 16, 99, 64);
    const a = await runOnnx(plain.bytes, 'input_1', input, [1, 3, 16, 16]);
    const b = await runOnnx(tidy.bytes, 'input_1', input, [1, 3, 16, 16]);
    for (const name of ['cls', 'dist']) {
      const diff = Math.max(...Array.from(a.get(name), (v, i) => Math.abs(v - b.get(name)[i])));
      expect(diff).toBeLessThan(1e-5);
    }
  });

  it('writes the same bytes every time', () => {
    const model = miniNanodet();
    expect(convertTfjsGraphToOnnx(model).bytes).toEqual(convertTfjsGraphToOnnx(model).bytes);
  });
});
