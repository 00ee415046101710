// Small dense-tensor arithmetic for constant folding in the converter (weights, shapes, perms).

/** @typedef {import('./tfjs-weights.mjs').Tensor | { dtype: 'int64', shape: number[], data: Int32Array | number[] }} Tensor */

const TYPED = { float32: Float32Array, int32: Int32Array, int64: Float64Array, bool: Uint8Array };

export function tensor(dtype, shape, values) {
  const Ctor = TYPED[dtype];
  if (!Ctor) throw new Error(`const-tensor: unsupported dtype ${dtype}`);
  const data = Ctor.from(values);
  if (data.length !== numel(shape)) {
    throw new Error(`const-tensor: ${data.length} values do not fill shape [${shape}]`);
  }
  return { dtype, shape: shape.slice(), data };
}

export function numel(shape) {
  return shape.reduce((a, b) => a * b, 1);
}

function strides(shape) {
  const out = new Array(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1] * shape[i + 1];
  return out;
}

/** Numpy-style transpose: out.shape[k] = in.shape[perm[k]]. */
export function transpose(t, perm) {
  if (perm.length !== t.shape.length) {
    throw new Error(`const-tensor: perm [${perm}] does not match rank ${t.shape.length}`);
  }
  const outShape = perm.map((p) => t.shape[p]);
  const inStrides = strides(t.shape);
  const stepByOutAxis = perm.map((p) => inStrides[p]);
  const out = new t.data.constructor(t.data.length);
  const index = new Array(outShape.length).fill(0);
  for (let i = 0; i < out.length; i++) {
    let src = 0;
    for (let k = 0; k < index.length; k++) src += index[k] * stepByOutAxis[k];
    out[i] = t.data[src];
    for (let k = index.length - 1; k >= 0; k--) {
      if (++index[k] < outShape[k]) break;
      index[k] = 0;
    }
  }
  return { dtype: t.dtype, shape: outShape, data: out };
}

/** Resolves a TF/ONNX target shape with at most one -1 against an element count. */
export function resolveShape(target, count) {
  const known = target.filter((d) => d !== -1);
  const product = numel(known);
  if (known.length === target.length) {
    if (product !== count) throw new Error(`const-tensor: cannot reshape ${count} values to [${target}]`);
    return target.slice();
  }
  if (target.length - known.length > 1 || product === 0 || count % product !== 0) {
    throw new Error(`const-tensor: cannot reshape ${count} values to [${target}]`);
  }
  return target.map((d) => (d === -1 ? count / product : d));
}

/** Elementwise binary op with numpy broadcasting. */
export function broadcastBinary(a, b, fn) {
  const rank = Math.max(a.shape.length, b.shape.length);
  const pad = (s) => [...new Array(rank - s.length).fill(1), ...s];
  const sa = pad(a.shape);
  const sb = pad(b.shape);
  const outShape = sa.map((d, i) => {
    if (d !== sb[i] && d !== 1 && sb[i] !== 1) {
      throw new Error(`const-tensor: shapes [${a.shape}] and [${b.shape}] do not broadcast`);
    }
    return d === 1 ? sb[i] : d;
  });
  const stA = strides(sa).map((s, i) => (sa[i] === 1 ? 0 : s));
  const stB = strides(sb).map((s, i) => (sb[i] === 1 ? 0 : s));
  const out = new a.data.constructor(numel(outShape));
  const index = new Array(rank).fill(0);
  for (let i = 0; i < out.length; i++) {
    let ia = 0;
    let ib = 0;
    for (let k = 0; k < rank; k++) {
      ia += index[k] * stA[k];
      ib += index[k] * stB[k];
    }
    out[i] = fn(a.data[ia], b.data[ib]);
    for (let k = rank - 1; k >= 0; k--) {
      if (++index[k] < outShape[k]) break;
      index[k] = 0;
    }
  }
  return { dtype: a.dtype, shape: outShape, data: out };
}

/** TF SparseToDense: scatter `values` (scalar or one per index) into a `defaultValue`-filled tensor. */
export function sparseToDense(indices, outputShape, values, defaultValue) {
  const shape = Array.from(outputShape.data);
  const out = new values.data.constructor(numel(shape)).fill(defaultValue.data[0]);
  const rank = shape.length;
  const rows = indices.shape.length === 0 ? 1 : indices.shape[0];
  const st = strides(shape);
  for (let r = 0; r < rows; r++) {
    let flat = 0;
    for (let k = 0; k < rank; k++) flat += indices.data[r * rank + k] * st[k];
    out[flat] = values.data.length === 1 ? values.data[0] : values.data[r];
  }
  return { dtype: values.dtype, shape, data: out };
}
