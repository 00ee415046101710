// A plain-data ONNX graph the converter builds and the optimizer rewrites before it is encoded:
// nodes { op, name, inputs, outputs, attrs }, initializers by name, typed graph inputs/outputs.

/** Attribute constructors; the tag decides the ONNX attribute type (1 is an INT, 1.0 a FLOAT only if tagged so). */
export const attr = {
  int: (value) => ({ type: 'int', value }),
  ints: (value) => ({ type: 'ints', value: Array.from(value) }),
  float: (value) => ({ type: 'float', value }),
  floats: (value) => ({ type: 'floats', value: Array.from(value) }),
  string: (value) => ({ type: 'string', value }),
};

export function createGraph(name) {
  return {
    name,
    nodes: [],
    initializers: new Map(),
    inputs: [],
    outputs: [],
    usedNames: new Set(),
    usedNodeNames: new Set(),
  };
}

/** Returns `base`, or `base_2`, `base_3`… — the first value name the graph does not use yet (and reserves it). */
export function uniqueName(graph, base, used = graph.usedNames) {
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}

export function addNode(graph, { op, inputs, outputs, attrs = {}, name }) {
  for (const output of outputs) graph.usedNames.add(output);
  const nodeName = uniqueName(graph, name ?? outputs[0], graph.usedNodeNames);
  const node = { op, name: nodeName, inputs, outputs, attrs };
  graph.nodes.push(node);
  return node;
}

/** Adds `tensor` (from const-tensor.mjs) as an initializer, optionally cast to `dtype`; returns its name. */
export function addInitializer(graph, base, tensor, dtype = tensor.dtype) {
  const name = uniqueName(graph, base);
  graph.initializers.set(name, { dtype, shape: tensor.shape.slice(), data: tensor.data });
  return name;
}

/** name → the node that produces it. */
export function producers(graph) {
  const map = new Map();
  for (const node of graph.nodes) for (const output of node.outputs) map.set(output, node);
  return map;
}

/** name → the nodes that read it (a node reading a value twice is listed twice). */
export function consumers(graph) {
  const map = new Map();
  for (const node of graph.nodes) {
    for (const input of node.inputs) {
      if (!input) continue;
      if (!map.has(input)) map.set(input, []);
      map.get(input).push(node);
    }
  }
  return map;
}

/** Points every node reading `from` at `to`; graph outputs keep their names (callers check `isGraphOutput`). */
export function replaceUses(graph, from, to) {
  for (const node of graph.nodes) node.inputs = node.inputs.map((input) => (input === from ? to : input));
}

export function isGraphOutput(graph, name) {
  return graph.outputs.some((output) => output.name === name);
}

/** Renames a value everywhere it is produced or read. */
export function renameValue(graph, from, to) {
  for (const node of graph.nodes)
    node.outputs = node.outputs.map((output) => (output === from ? to : output));
  replaceUses(graph, from, to);
  for (const output of graph.outputs) if (output.name === from) output.name = to;
  graph.usedNames.add(to);
}
