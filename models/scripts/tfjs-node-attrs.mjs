// Reads the attributes of a TFJS graph node (TF NodeDef in JSON: strings base64, ints as strings).

const TF_DTYPE = { DT_FLOAT: 'float32', DT_INT32: 'int32', DT_INT64: 'int64', DT_BOOL: 'bool' };

export function nodeError(node, message) {
  return new Error(`${node.op} node '${node.name}': ${message}`);
}

export function attrString(node, key, fallback) {
  const s = node.attr?.[key]?.s;
  if (s === undefined) return fallback;
  return Buffer.from(s, 'base64').toString('utf8');
}

export function attrInt(node, key, fallback) {
  const i = node.attr?.[key]?.i;
  return i === undefined ? fallback : Number(i);
}

export function attrInts(node, key, fallback) {
  const list = node.attr?.[key]?.list?.i;
  return list === undefined || list.length === 0 ? fallback : list.map(Number);
}

export function attrStrings(node, key, fallback) {
  const list = node.attr?.[key]?.list?.s;
  return list === undefined ? fallback : list.map((s) => Buffer.from(s, 'base64').toString('utf8'));
}

export function attrFloat(node, key, fallback) {
  const f = node.attr?.[key]?.f;
  return f === undefined ? fallback : Number(f);
}

export function attrBool(node, key, fallback) {
  const b = node.attr?.[key]?.b;
  return b === undefined ? fallback : Boolean(b);
}

/** The element type a node computes in (its `T`, or `key`), as a const-tensor dtype. */
export function attrDtype(node, key = 'T', fallback = 'float32') {
  const type = node.attr?.[key]?.type;
  if (type === undefined) return fallback;
  const dtype = TF_DTYPE[type];
  if (!dtype) throw nodeError(node, `unsupported ${key} = ${type}`);
  return dtype;
}

/** The Placeholder's declared shape; unknown sizes become symbolic dims. */
export function placeholderShape(node) {
  const dims = node.attr?.shape?.shape?.dim;
  if (!dims) return undefined;
  return dims.map((d, i) => {
    const size = Number(d.size);
    return size >= 0 ? size : `d${i}`;
  });
}

/** 'NHWC' (TF's default) or 'NCHW'. */
export function dataFormat(node) {
  const format = attrString(node, 'data_format', 'NHWC');
  if (format !== 'NHWC' && format !== 'NCHW') throw nodeError(node, `unsupported data_format ${format}`);
  return format;
}

/** The [height, width] entries of a 4-element TF list given in `format` order. */
export function spatial(list, format) {
  return format === 'NHWC' ? [list[1], list[2]] : [list[2], list[3]];
}

/** ONNX padding attributes for a TF `padding` of VALID, SAME or EXPLICIT. */
export function paddingAttrs(node, format, attr) {
  const padding = attrString(node, 'padding', 'VALID');
  if (padding === 'VALID') return {};
  if (padding === 'SAME') return { auto_pad: attr.string('SAME_UPPER') };
  if (padding === 'EXPLICIT') {
    const p = attrInts(node, 'explicit_paddings', []);
    const [h, w] = format === 'NHWC' ? [2, 4] : [4, 6];
    return { pads: attr.ints([p[h], p[w], p[h + 1], p[w + 1]]) };
  }
  throw nodeError(node, `unsupported padding ${padding}`);
}
