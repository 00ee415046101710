import { describe, expect, it } from 'vitest';
import { smallValues, tfAttr, tinyGraph } from './test-support/tiny-tfjs-graph.mjs';
import { convertTfjsGraphToOnnx } from './tfjs-graph-to-onnx.mjs';
import { verifyConversion } from './verify-conversion.mjs';

const i32 = { dtype: 'int32' };

/** The ops NanoDet does not use but the converter supports, each checked against tfjs. */
function otherOps() {
  const g = tinyGraph();
  const x = g.placeholder('x', [1, 8, 8, 2]);
  const dw = g.constant('dw/w', [3, 3, 2, 2], smallValues(36, 3)); // channel multiplier 2
  const depthwise = g.op('DepthwiseConv2dNative', 'dw', [x, dw], {
    strides: tfAttr.ints([1, 2, 2, 1]),
    padding: tfAttr.s('SAME'),
    dilations: tfAttr.ints([1, 1, 1, 1]),
    data_format: tfAttr.s('NHWC'),
  }); // [1, 4, 4, 4]
  const biased = g.op('BiasAdd', 'dw/bias', [depthwise, g.constant('dw/b', [4], smallValues(4, 4))], {
    data_format: tfAttr.s('NHWC'),
  });
  const clipped = g.op('Relu6', 'relu6', [biased]);
  const dilated = g.op(
    'Conv2D',
    'dilated',
    [clipped, g.constant('dilated/w', [3, 3, 4, 3], smallValues(108, 5))],
    {
      strides: tfAttr.ints([1, 1, 1, 1]),
      padding: tfAttr.s('EXPLICIT'),
      explicit_paddings: tfAttr.ints([0, 0, 2, 2, 2, 2, 0, 0]),
      dilations: tfAttr.ints([1, 2, 2, 1]),
      data_format: tfAttr.s('NHWC'),
    },
  ); // [1, 4, 4, 3]
  const scaled = g.op('Mul', 'scaled', [dilated, g.constant('scale', [], [0.05])]);
  const shifted = g.op('Sub', 'shifted', [scaled, g.constant('shift', [3], [-0.3, 0.1, 0.05])]);
  const divided = g.op('RealDiv', 'divided', [g.op('Tanh', 'tanh', [shifted]), g.constant('two', [], [2])]);
  const pooled = g.op('AvgPool', 'avg', [divided], {
    ksize: tfAttr.ints([1, 2, 2, 1]),
    strides: tfAttr.ints([1, 1, 1, 1]),
    padding: tfAttr.s('SAME'),
    data_format: tfAttr.s('NHWC'),
  });
  const up = g.op('ResizeBilinear', 'up', [pooled, g.constant('size', [2], [7, 7], i32)], {
    align_corners: tfAttr.b(true),
    half_pixel_centers: tfAttr.b(false),
  });
  const floor = g.op('Maximum', 'floor', [up, g.constant('lo', [], [-0.1])]);
  g.op('Split', 'parts', [g.constant('axis', [], [3], i32), floor], { num_split: tfAttr.i(3) });
  g.op('Relu', 'a', [g.op('Sub', 'centred', ['parts', g.constant('mid', [], [0.08])])]);
  g.op('Minimum', 'c', ['parts:2', g.constant('hi', [], [-0.07])]);
  g.op('Identity', 'b', ['parts:1']);
  return g.build({ 'a:0': [1, 7, 7, 1], 'b:0': [1, 7, 7, 1], 'c:0': [1, 7, 7, 1] });
}

/** Grappler-fused convolutions and a squeeze-excite Mean, as in the package's CenterNet graph. */
function fusedOps() {
  const g = tinyGraph();
  const x = g.placeholder('x', [1, 6, 6, 3]);
  const fused = (op, name, input, filterShape, channels, ops, seed) => {
    const count = filterShape.reduce((n, d) => n * d, 1);
    const w = g.constant(`${name}/w`, filterShape, smallValues(count, seed));
    const b = g.constant(`${name}/b`, [channels], smallValues(channels, seed + 1));
    return g.op(op, name, [input, w, b], {
      strides: tfAttr.ints([1, 1, 1, 1]),
      padding: tfAttr.s('SAME'),
      dilations: tfAttr.ints([1, 1, 1, 1]),
      data_format: tfAttr.s('NHWC'),
      num_args: tfAttr.i(1),
      fused_ops: { list: { s: ops.map((o) => Buffer.from(o).toString('base64')) } },
    });
  };
  const a = fused('_FusedConv2D', 'conv', x, [3, 3, 3, 4], 4, ['BiasAdd', 'Relu'], 11); // [1, 6, 6, 4]
  const d = fused('FusedDepthwiseConv2dNative', 'dw', a, [3, 3, 4, 1], 4, ['BiasAdd'], 13);
  const axes = g.constant('axes', [2], [1, 2], i32);
  const squeezed = g.op('Mean', 'se', [d, axes], {
    keep_dims: tfAttr.b(true),
    Tidx: tfAttr.type('DT_INT32'),
  });
  g.op('Mul', 'out', [d, g.op('Sigmoid', 'gate', [squeezed])]);
  return g.build({ 'out:0': [1, 6, 6, 4] });
}

describe('TFJS op translations', () => {
  it('match tfjs for depthwise/dilated/explicitly padded convs, pools, align-corners resize and elementwise ops', async () => {
    const tfjsModel = otherOps();
    const { bytes, graph } = convertTfjsGraphToOnnx(tfjsModel);
    expect(graph.outputs.map((o) => o.name)).toEqual(['a', 'b', 'c']);
    const verdict = await verifyConversion({
      tfjsModel,
      onnxModel: bytes,
      inputName: 'x',
      inputShape: [1, 8, 8, 2],
      outputs: graph.outputs.map(({ name, tfjsName }) => ({ name, tfjsName })),
      tolerance: 1e-5,
    });
    for (const o of verdict.outputs) expect(o.maxAbsDiff, o.name).toBeLessThan(1e-5);
  });
  it('match tfjs for fused Conv2D/depthwise (BiasAdd, Relu) and a keep-dims Mean', async () => {
    const tfjsModel = fusedOps();
    const { bytes, graph } = convertTfjsGraphToOnnx(tfjsModel);
    const verdict = await verifyConversion({
      tfjsModel,
      onnxModel: bytes,
      inputName: 'x',
      inputShape: [1, 6, 6, 3],
      outputs: graph.outputs.map(({ name, tfjsName }) => ({ name, tfjsName })),
      tolerance: 1e-5,
    });
    expect(verdict.outputs[0].maxAbsReference).toBeGreaterThan(0.01);
    expect(verdict.outputs[0].maxAbsDiff).toBeLessThan(1e-5);
  });
});

describe('conversion errors', () => {
  it('name the unsupported op and its node', () => {
    const g = tinyGraph();
    g.op('Erf', 'weird', [g.placeholder('x', [1, 2])]);
    expect(() => convertTfjsGraphToOnnx(g.build({ 'weird:0': [1, 2] }))).toThrow(
      /^Erf node 'weird': unsupported TFJS op 'Erf' \(supported: Identity, .*Conv2D/,
    );
  });

  it('say which input must be constant', () => {
    const g = tinyGraph();
    g.op('Conv2D', 'conv', [g.placeholder('x', [1, 4, 4, 1]), g.placeholder('w', [1, 1, 1, 1])], {
      padding: tfAttr.s('VALID'),
    });
    expect(() => convertTfjsGraphToOnnx(g.build({ 'conv:0': [1, 4, 4, 1] }))).toThrow(
      "Conv2D node 'conv': filter (input 1) must be a constant, got a computed tensor",
    );
  });

  it('name a dangling input, an unknown output and an unsupported padding', () => {
    const dangling = tinyGraph();
    dangling.op('Relu', 'r', ['missing']);
    expect(() => convertTfjsGraphToOnnx(dangling.build({ 'r:0': [1] }))).toThrow(
      "node 'missing' (read by node 'r') is not in the graph",
    );
    const g = tinyGraph();
    g.op('Relu', 'r', [g.placeholder('x', [1])]);
    expect(() => convertTfjsGraphToOnnx({ ...g.build({}), outputs: ['nope:0'] })).toThrow(/node 'nope'/);
    const pool = tinyGraph();
    pool.op('MaxPool', 'p', [pool.placeholder('x', [1, 4, 4, 1])], {
      ksize: tfAttr.ints([1, 2, 2, 1]),
      padding: tfAttr.s('FULL'),
    });
    expect(() => convertTfjsGraphToOnnx(pool.build({ 'p:0': [1, 2, 2, 1] }))).toThrow(
      "MaxPool node 'p': unsupported padding FULL",
    );
  });
});
