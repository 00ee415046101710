// Encodes an onnx-ir.mjs graph as an ONNX ModelProto with the onnx-proto package.
// Encoding is deterministic: the same graph gives the same bytes (the manifest records their sha256).
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;
const AttributeType = onnx.AttributeProto.AttributeType;

const ELEM_TYPE = {
  float32: DataType.FLOAT,
  int32: DataType.INT32,
  int64: DataType.INT64,
  bool: DataType.BOOL,
};

/** The IR version that goes with an opset (onnx/docs/Versioning.md). */
const IR_VERSION_FOR_OPSET = (opset) => (opset <= 14 ? 7 : opset <= 18 ? 8 : 9);

/**
 * @param {ReturnType<import('./onnx-ir.mjs').createGraph>} graph
 * @param {{ opset: number, producerName?: string, producerVersion?: string, docString?: string, metadata?: Record<string, string> }} options
 * @returns {Uint8Array}
 */
export function encodeModel(graph, { opset, producerName, producerVersion, docString, metadata = {} }) {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION_FOR_OPSET(opset),
    opsetImport: [{ domain: '', version: opset }],
    producerName: producerName ?? 'tfjs-graph-to-onnx',
    producerVersion: producerVersion ?? '1',
    docString: docString ?? '',
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value: String(value) })),
    graph: {
      name: graph.name,
      node: graph.nodes.map(encodeNode),
      initializer: [...graph.initializers].map(([name, t]) => encodeTensor(name, t)),
      input: graph.inputs.map(encodeValueInfo),
      output: graph.outputs.map(encodeValueInfo),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

function encodeNode(node) {
  return {
    name: node.name,
    opType: node.op,
    input: node.inputs,
    output: node.outputs,
    attribute: Object.entries(node.attrs).map(([name, a]) => encodeAttribute(name, a)),
  };
}

function encodeAttribute(name, { type, value }) {
  switch (type) {
    case 'int':
      return { name, type: AttributeType.INT, i: value };
    case 'ints':
      return { name, type: AttributeType.INTS, ints: value };
    case 'float':
      return { name, type: AttributeType.FLOAT, f: value };
    case 'floats':
      return { name, type: AttributeType.FLOATS, floats: value };
    case 'string':
      return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
    default:
      throw new Error(`onnx writer: attribute '${name}' has unknown type '${type}'`);
  }
}

function encodeTensor(name, { dtype, shape, data }) {
  const dataType = ELEM_TYPE[dtype];
  if (dataType === undefined)
    throw new Error(`onnx writer: initializer '${name}' has unsupported dtype ${dtype}`);
  return { name, dims: shape, dataType, rawData: rawBytes(dtype, data) };
}

/** Little-endian bytes, as TensorProto.raw_data requires (written explicitly, not from host order). */
function rawBytes(dtype, data) {
  const width = { float32: 4, int32: 4, int64: 8, bool: 1 }[dtype];
  const view = new DataView(new ArrayBuffer(data.length * width));
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (dtype === 'float32') view.setFloat32(i * 4, v, true);
    else if (dtype === 'int32') view.setInt32(i * 4, v, true);
    else if (dtype === 'int64') view.setBigInt64(i * 8, BigInt(Math.trunc(Number(v))), true);
    else view.setUint8(i, v ? 1 : 0);
  }
  return new Uint8Array(view.buffer);
}

function encodeValueInfo({ name, dtype, shape }) {
  const elemType = ELEM_TYPE[dtype];
  if (elemType === undefined) throw new Error(`onnx writer: value '${name}' has unsupported dtype ${dtype}`);
  const tensorType = { elemType };
  if (shape) {
    tensorType.shape = {
      dim: shape.map((d) => (typeof d === 'number' && d >= 0 ? { dimValue: d } : { dimParam: String(d) })),
    };
  }
  return { name, type: { tensorType } };
}
