// TF op → ONNX (opset 13) translations. Each handler reads its node's inputs through the converter
// context and returns one value per TF output: a folded constant or a dynamic ONNX value name.
// TF convolutions, pools and resizes work in NHWC; ONNX in NCHW, so they are wrapped in Transposes
// that onnx-graph-optimize.mjs cancels against the NCHW⇄NHWC Transposes the source graph already has.
import { broadcastBinary, resolveShape, sparseToDense, tensor, transpose } from './const-tensor.mjs';
import { attr } from './onnx-ir.mjs';
import {
  attrBool,
  attrDtype,
  attrFloat,
  attrInt,
  attrInts,
  attrStrings,
  dataFormat,
  nodeError,
  paddingAttrs,
  spatial,
} from './tfjs-node-attrs.mjs';

const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

const constant = (t) => ({ kind: 'const', tensor: t });
const dynamic = (name) => ({ kind: 'dynamic', name });
const int64 = (values) => tensor('int64', [values.length], values);

/** Runs `op` in NCHW on a value whose layout is `format`; returns the node's canonical output in `format`. */
function inNchw(ctx, node, format, input, emitNchw) {
  if (format === 'NCHW') return emitNchw(input, ctx.out(node));
  const nchwIn = ctx.emit(node, 'Transpose', [input], { perm: attr.ints(TO_NCHW) }, ctx.tmp(node, 'nchw_in'));
  const nchwOut = emitNchw(nchwIn, ctx.tmp(node, 'nchw_out'));
  return ctx.emit(node, 'Transpose', [nchwOut], { perm: attr.ints(TO_NHWC) }, ctx.out(node));
}

function convolution(ctx, node, depthwise) {
  const format = dataFormat(node);
  const filter = ctx.constant(node, 1, 'filter');
  if (filter.shape.length !== 4) throw nodeError(node, `filter must be 4-D, got [${filter.shape}]`);
  const [kh, kw, cin, multiplier] = filter.shape;
  // TF filters are [kh, kw, in, out]; ONNX wants [out, in/group, kh, kw]. A depthwise filter
  // [kh, kw, in, m] gives output channel c·m + j, which is ONNX's grouped order with group = in.
  const weight = depthwise ? transpose(filter, [2, 3, 0, 1]) : transpose(filter, [3, 2, 0, 1]);
  if (depthwise) weight.shape = [cin * multiplier, 1, kh, kw];
  const attrs = {
    kernel_shape: attr.ints([kh, kw]),
    strides: attr.ints(spatial(attrInts(node, 'strides', [1, 1, 1, 1]), format)),
    dilations: attr.ints(spatial(attrInts(node, 'dilations', [1, 1, 1, 1]), format)),
    group: attr.int(depthwise ? cin : 1),
    ...paddingAttrs(node, format, attr),
  };
  const inputs = [ctx.init(node, 'weight', weight)];
  const fused = attrStrings(node, 'fused_ops', []);
  if (fused.length > 0) {
    // Grappler's fused convolutions: BiasAdd (bias = input 2), then at most one activation.
    if (fused[0] !== 'BiasAdd' || fused.length > 2) throw nodeError(node, `unsupported fused_ops ${fused}`);
    inputs.push(ctx.init(node, 'bias', ctx.constant(node, 2, 'bias')));
  }
  const activation = fused[1] && fusedActivation(node, fused[1]);
  const y = inNchw(ctx, node, format, ctx.ref(ctx.input(node, 0)), (x, out) => {
    if (!activation) return ctx.emit(node, 'Conv', [x, ...inputs], attrs, out);
    const conv = ctx.emit(node, 'Conv', [x, ...inputs], attrs, ctx.tmp(node, 'conv'));
    return ctx.emit(node, activation.op, [conv, ...activation.inputs(ctx)], activation.attrs, out);
  });
  return [dynamic(y)];
}

function fusedActivation(node, name) {
  if (name === 'Relu') return { op: 'Relu', inputs: () => [], attrs: {} };
  if (name === 'Relu6') return { op: 'Clip', inputs: (ctx) => clipBounds(ctx, node, 0, 6), attrs: {} };
  if (name === 'LeakyRelu') {
    return {
      op: 'LeakyRelu',
      inputs: () => [],
      attrs: { alpha: attr.float(attrFloat(node, 'leakyrelu_alpha', 0.2)) },
    };
  }
  throw nodeError(node, `unsupported fused activation ${name}`);
}

const clipBounds = (ctx, node, min, max) => [
  ctx.init(node, 'min', tensor('float32', [], [min])),
  ctx.init(node, 'max', tensor('float32', [], [max])),
];

function pool(ctx, node, onnxOp) {
  const format = dataFormat(node);
  const attrs = {
    kernel_shape: attr.ints(spatial(attrInts(node, 'ksize'), format)),
    strides: attr.ints(spatial(attrInts(node, 'strides', [1, 1, 1, 1]), format)),
    ...paddingAttrs(node, format, attr),
  };
  const y = inNchw(ctx, node, format, ctx.ref(ctx.input(node, 0)), (x, out) =>
    ctx.emit(node, onnxOp, [x], attrs, out),
  );
  return [dynamic(y)];
}

function pad(ctx, node, withValue) {
  const paddings = ctx.constant(node, 1, 'paddings');
  const rank = paddings.shape[0];
  const p = Array.from(paddings.data);
  const pads = [
    ...Array.from({ length: rank }, (_, i) => p[2 * i]),
    ...Array.from({ length: rank }, (_, i) => p[2 * i + 1]),
  ];
  const inputs = [ctx.ref(ctx.input(node, 0)), ctx.init(node, 'pads', int64(pads))];
  if (withValue) inputs.push(ctx.ref(ctx.input(node, 2), attrDtype(node)));
  return [dynamic(ctx.emit(node, 'Pad', inputs, { mode: attr.string('constant') }, ctx.out(node)))];
}

function resizeBilinear(ctx, node) {
  const size = Array.from(ctx.constant(node, 1, 'size').data);
  const alignCorners = attrBool(node, 'align_corners', false);
  const halfPixel = attrBool(node, 'half_pixel_centers', false);
  if (alignCorners && halfPixel) throw nodeError(node, 'align_corners and half_pixel_centers are both set');
  // TF clamps source coordinates into the image exactly as ONNX Resize's linear mode does.
  const mode = alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric';
  const attrs = { mode: attr.string('linear'), coordinate_transformation_mode: attr.string(mode) };
  const y = inNchw(ctx, node, 'NHWC', ctx.ref(ctx.input(node, 0)), (x, out) => {
    // sizes = [N, C] of the input followed by the requested [H, W]; onnxruntime folds this at load.
    const shape = ctx.emit(node, 'Shape', [x], {}, ctx.tmp(node, 'shape'));
    const zero = ctx.init(node, 'slice_start', int64([0]));
    const two = ctx.init(node, 'slice_end', int64([2]));
    const nc = ctx.emit(node, 'Slice', [shape, zero, two], {}, ctx.tmp(node, 'nc'));
    const hw = ctx.init(node, 'hw', int64(size));
    const sizes = ctx.emit(node, 'Concat', [nc, hw], { axis: attr.int(0) }, ctx.tmp(node, 'sizes'));
    return ctx.emit(node, 'Resize', [x, '', '', sizes], attrs, out);
  });
  return [dynamic(y)];
}

function split(ctx, node, dataIndex, sizes, axis) {
  const count = attrInt(node, 'num_split', sizes?.length ?? 1);
  const outputs = Array.from({ length: count }, (_, k) => ctx.out(node, k));
  const inputs = [ctx.ref(ctx.input(node, dataIndex))];
  if (sizes) {
    if (sizes.includes(-1)) throw nodeError(node, 'size_splits with -1 needs a static shape (unsupported)');
    inputs.push(ctx.init(node, 'split', int64(sizes)));
  }
  ctx.emit(node, 'Split', inputs, { axis: attr.int(axis) }, outputs);
  return outputs.map(dynamic);
}

const BINARY = {
  Add: ['Add', (a, b) => a + b],
  AddV2: ['Add', (a, b) => a + b],
  Sub: ['Sub', (a, b) => a - b],
  Mul: ['Mul', (a, b) => a * b],
  RealDiv: ['Div', (a, b) => a / b],
  Maximum: ['Max', Math.max],
  Minimum: ['Min', Math.min],
};

function binary(ctx, node, [onnxOp, fold]) {
  const a = ctx.input(node, 0);
  const b = ctx.input(node, 1);
  if (a.kind === 'const' && b.kind === 'const') return [constant(broadcastBinary(a.tensor, b.tensor, fold))];
  const dtype = attrDtype(node);
  return [dynamic(ctx.emit(node, onnxOp, [ctx.ref(a, dtype), ctx.ref(b, dtype)], {}, ctx.out(node)))];
}

function unary(ctx, node, onnxOp, attrs = {}, extraInputs = []) {
  const x = ctx.ref(ctx.input(node, 0), attrDtype(node));
  return [dynamic(ctx.emit(node, onnxOp, [x, ...extraInputs], attrs, ctx.out(node)))];
}

/** op name → handler(ctx, node) → output values. */
export const OP_HANDLERS = {
  Identity: (ctx, node) => [ctx.input(node, 0)],
  StopGradient: (ctx, node) => [ctx.input(node, 0)],
  Conv2D: (ctx, node) => convolution(ctx, node, false),
  DepthwiseConv2dNative: (ctx, node) => convolution(ctx, node, true),
  _FusedConv2D: (ctx, node) => convolution(ctx, node, false),
  FusedDepthwiseConv2dNative: (ctx, node) => convolution(ctx, node, true),
  Mean(ctx, node) {
    const axes = Array.from(ctx.constant(node, 1, 'reduction_indices').data);
    const keepdims = attr.int(attrBool(node, 'keep_dims', false) ? 1 : 0);
    const x = ctx.ref(ctx.input(node, 0), attrDtype(node));
    return [dynamic(ctx.emit(node, 'ReduceMean', [x], { axes: attr.ints(axes), keepdims }, ctx.out(node)))];
  },
  MaxPool: (ctx, node) => pool(ctx, node, 'MaxPool'),
  AvgPool: (ctx, node) => pool(ctx, node, 'AveragePool'),
  Pad: (ctx, node) => pad(ctx, node, false),
  PadV2: (ctx, node) => pad(ctx, node, true),
  ResizeBilinear: resizeBilinear,
  ...Object.fromEntries(
    Object.entries(BINARY).map(([op, spec]) => [op, (ctx, node) => binary(ctx, node, spec)]),
  ),
  BiasAdd(ctx, node) {
    const bias = ctx.constant(node, 1, 'bias');
    // NCHW adds the bias along axis 1, so it needs trailing unit dims to broadcast there.
    const shaped = dataFormat(node) === 'NCHW' ? { ...bias, shape: [bias.shape[0], 1, 1] } : bias;
    const b = ctx.init(node, 'bias', shaped, attrDtype(node));
    return [dynamic(ctx.emit(node, 'Add', [ctx.ref(ctx.input(node, 0)), b], {}, ctx.out(node)))];
  },
  Sigmoid: (ctx, node) => unary(ctx, node, 'Sigmoid'),
  Tanh: (ctx, node) => unary(ctx, node, 'Tanh'),
  Relu: (ctx, node) => unary(ctx, node, 'Relu'),
  Relu6: (ctx, node) => unary(ctx, node, 'Clip', {}, clipBounds(ctx, node, 0, 6)),
  LeakyRelu: (ctx, node) =>
    unary(ctx, node, 'LeakyRelu', { alpha: attr.float(attrFloat(node, 'alpha', 0.2)) }),
  ConcatV2(ctx, node) {
    const inputs = (node.input ?? []).filter((name) => !name.startsWith('^'));
    const n = attrInt(node, 'N', inputs.length - 1);
    const axis = ctx.constant(node, n, 'axis').data[0];
    const dtype = attrDtype(node);
    const values = Array.from({ length: n }, (_, i) => ctx.ref(ctx.input(node, i), dtype));
    return [dynamic(ctx.emit(node, 'Concat', values, { axis: attr.int(axis) }, ctx.out(node)))];
  },
  Transpose(ctx, node) {
    const perm = Array.from(ctx.constant(node, 1, 'perm').data);
    const x = ctx.input(node, 0);
    if (x.kind === 'const') return [constant(transpose(x.tensor, perm))];
    return [dynamic(ctx.emit(node, 'Transpose', [x.name], { perm: attr.ints(perm) }, ctx.out(node)))];
  },
  Reshape(ctx, node) {
    const target = Array.from(ctx.constant(node, 1, 'shape').data);
    const x = ctx.input(node, 0);
    if (x.kind === 'const') {
      return [constant({ ...x.tensor, shape: resolveShape(target, x.tensor.data.length) })];
    }
    // ONNX (opset < 14) reads 0 as "copy this dim"; TF means an empty dim.
    if (target.includes(0)) throw nodeError(node, `target shape [${target}] has a 0 dim (unsupported)`);
    const shape = ctx.init(node, 'shape', int64(target));
    return [dynamic(ctx.emit(node, 'Reshape', [x.name, shape], {}, ctx.out(node)))];
  },
  SparseToDense(ctx, node) {
    const [indices, shape, values, fill] = [0, 1, 2, 3].map((i) => ctx.constant(node, i, `input ${i}`));
    return [constant(sparseToDense(indices, shape, values, fill))];
  },
  Cast(ctx, node) {
    const to = attrDtype(node, 'DstT');
    const x = ctx.input(node, 0);
    if (x.kind === 'const') {
      const data = to === 'bool' ? Array.from(x.tensor.data, (v) => (v ? 1 : 0)) : x.tensor.data;
      return [constant(tensor(to, x.tensor.shape, data))];
    }
    const onnxType = { float32: 1, int32: 6, int64: 7, bool: 9 }[to];
    return [dynamic(ctx.emit(node, 'Cast', [x.name], { to: attr.int(onnxType) }, ctx.out(node)))];
  },
  SplitV(ctx, node) {
    const sizes = Array.from(ctx.constant(node, 1, 'size_splits').data);
    return split(ctx, node, 0, sizes, ctx.constant(node, 2, 'axis').data[0]);
  },
  Split(ctx, node) {
    return split(ctx, node, 1, undefined, ctx.constant(node, 0, 'axis').data[0]);
  },
};
