// Peephole passes over an onnx-ir.mjs graph. The TFJS source (itself converted from ONNX by onnx-tf)
// wraps every convolution in NCHW⇄NHWC Transposes and adds biases separately; these passes fold the
// bias into the Conv, cancel the Transpose pairs and fold zero Pads into Conv/MaxPool padding, so the
// result is the plain NCHW graph onnxruntime runs fastest. Each pass keeps the graph's outputs exact.
import { addInitializer, consumers, isGraphOutput, producers, replaceUses } from './onnx-ir.mjs';

const TO_NHWC = [0, 2, 3, 1];

export function optimizeGraph(graph) {
  fuseConvBias(graph);
  cancelTransposes(graph);
  removeDeadNodes(graph); // the cancelled Transposes still read the values fusePads needs single readers of
  fusePads(graph);
  removeDeadNodes(graph);
  return graph;
}

const samePerm = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
const isIdentityPerm = (perm) => perm.every((v, i) => v === i);
const onlyReader = (graph, readers, name) => !isGraphOutput(graph, name) && readers.get(name)?.length === 1;

/** The initializer a node input names, if it is one. */
function initializerOf(graph, name) {
  return graph.initializers.get(name);
}

/**
 * Conv → Add(bias) and Conv → Transpose(to NHWC) → Add(bias) become one Conv with a bias input,
 * when the bias is a per-output-channel constant and nothing else reads the intermediate values.
 */
export function fuseConvBias(graph) {
  const readers = consumers(graph);
  for (const conv of graph.nodes.filter((n) => n.op === 'Conv' && n.inputs.length === 2)) {
    const weight = initializerOf(graph, conv.inputs[1]);
    if (!weight || !onlyReader(graph, readers, conv.outputs[0])) continue;
    let next = readers.get(conv.outputs[0])[0];
    let channelAxisLast = false;
    const transposeNode =
      next.op === 'Transpose' && samePerm(next.attrs.perm.value, TO_NHWC) ? next : undefined;
    if (transposeNode) {
      if (!onlyReader(graph, readers, transposeNode.outputs[0])) continue;
      next = readers.get(transposeNode.outputs[0])[0];
      channelAxisLast = true;
    }
    if (next.op !== 'Add') continue;
    const biasName = next.inputs.find((input) => input !== (transposeNode ?? conv).outputs[0]);
    const bias = initializerOf(graph, biasName);
    if (bias?.dtype !== 'float32' || !isChannelVector(bias.shape, weight.shape[0], channelAxisLast)) continue;
    const flatBias = addInitializer(graph, `${conv.name}/bias`, { ...bias, shape: [weight.shape[0]] });
    conv.inputs = [...conv.inputs, flatBias];
    // The Add's output now comes straight from the Conv (or its Transpose); the Add goes.
    (transposeNode ?? conv).outputs = [next.outputs[0]];
    graph.nodes.splice(graph.nodes.indexOf(next), 1);
  }
}

/** A bias of `channels` values that an Add broadcasts along the channel axis only. */
function isChannelVector(shape, channels, channelAxisLast) {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== channels) return false;
  if (channelAxisLast) return shape.length === 0 || shape[shape.length - 1] === channels;
  // NCHW: [C, 1, 1] or [1, C, 1, 1].
  return shape.length >= 3 && shape[shape.length - 3] === channels;
}

/** Transpose(Transpose(x)) → one Transpose with the composed perm, or x itself when they cancel. */
export function cancelTransposes(graph) {
  for (let changed = true; changed; ) {
    changed = false;
    const made = producers(graph);
    for (const outer of graph.nodes.filter((n) => n.op === 'Transpose')) {
      const inner = made.get(outer.inputs[0]);
      if (inner?.op !== 'Transpose') continue;
      const p1 = inner.attrs.perm.value;
      const p2 = outer.attrs.perm.value;
      const composed = p2.map((k) => p1[k]);
      const source = inner.inputs[0];
      if (isIdentityPerm(composed) && !isGraphOutput(graph, outer.outputs[0])) {
        replaceUses(graph, outer.outputs[0], source);
        graph.nodes.splice(graph.nodes.indexOf(outer), 1);
      } else {
        outer.inputs = [source];
        outer.attrs = { ...outer.attrs, perm: { type: 'ints', value: composed } };
      }
      changed = true;
      break;
    }
  }
}

/**
 * A constant Pad of the spatial axes only, read by one Conv (pad value 0) or one MaxPool (a pad value no
 * input beats), becomes that node's `pads`.
 */
export function fusePads(graph) {
  const readers = consumers(graph);
  for (const padNode of graph.nodes.filter((n) => n.op === 'Pad')) {
    const mode = padNode.attrs.mode?.value ?? 'constant';
    const pads = initializerOf(graph, padNode.inputs[1]);
    if (
      mode !== 'constant' ||
      !pads ||
      pads.shape[0] !== 8 ||
      !onlyReader(graph, readers, padNode.outputs[0])
    ) {
      continue;
    }
    const p = Array.from(pads.data, Number);
    if ([0, 1, 4, 5].some((i) => p[i] !== 0) || p.some((v) => v < 0)) continue;
    const target = readers.get(padNode.outputs[0])[0];
    const valueName = padNode.inputs[2];
    const value = valueName ? initializerOf(graph, valueName)?.data[0] : 0;
    const fits =
      (target.op === 'Conv' && value === 0) || (target.op === 'MaxPool' && value <= -3.4028234663852886e38);
    const autoPad = target.attrs.auto_pad?.value ?? 'NOTSET';
    if (!fits || autoPad !== 'NOTSET' || target.inputs[0] !== padNode.outputs[0]) continue;
    const old = target.attrs.pads?.value ?? [0, 0, 0, 0];
    const added = [p[2], p[3], p[6], p[7]];
    target.attrs = { ...target.attrs, pads: { type: 'ints', value: old.map((v, i) => v + added[i]) } };
    target.inputs = [padNode.inputs[0], ...target.inputs.slice(1)];
    graph.nodes.splice(graph.nodes.indexOf(padNode), 1);
  }
}

/** Drops nodes no graph output depends on, and initializers nothing reads. */
export function removeDeadNodes(graph) {
  const made = producers(graph);
  const live = new Set();
  const needed = graph.outputs.map((o) => o.name);
  while (needed.length > 0) {
    const node = made.get(needed.pop());
    if (!node || live.has(node)) continue;
    live.add(node);
    needed.push(...node.inputs.filter(Boolean));
  }
  graph.nodes = graph.nodes.filter((node) => live.has(node));
  const read = new Set(graph.nodes.flatMap((node) => node.inputs));
  for (const name of [...graph.initializers.keys()]) if (!read.has(name)) graph.initializers.delete(name);
}
