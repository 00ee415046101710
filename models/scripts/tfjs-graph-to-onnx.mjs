// Converts a TFJS graph model (model.json topology + binary weights) to an ONNX ModelProto.
// Constants are folded where a node only computes shapes or indices; every other node becomes
// ONNX opset-13 nodes (see tfjs-ops.mjs), then onnx-graph-optimize.mjs tidies the result.
// CLI: node tfjs-graph-to-onnx.mjs <model.json> <out.onnx>
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { optimizeGraph } from './onnx-graph-optimize.mjs';
import { addInitializer, addNode, createGraph, renameValue, uniqueName } from './onnx-ir.mjs';
import { encodeModel } from './onnx-model-writer.mjs';
import { attrDtype, nodeError, placeholderShape } from './tfjs-node-attrs.mjs';
import { OP_HANDLERS } from './tfjs-ops.mjs';
import { decodeWeights } from './tfjs-weights.mjs';

export const DEFAULT_OPSET = 13;

/** 'name' and 'name:0' are the same tensor; control inputs ('^name') carry no data. */
const canonicalRef = (ref) => (ref.includes(':') ? ref : `${ref}:0`);
const refNode = (ref) => ref.replace(/:\d+$/, '');
const dataInputs = (node) => (node.input ?? []).filter((ref) => !ref.startsWith('^'));

/**
 * @param {{
 *   modelJson: { modelTopology: { node: object[] }, weightsManifest: object[], signature?: object },
 *   weightData: Uint8Array,
 *   inputNames?: Record<string, string>,   // TF placeholder name → ONNX input name
 *   outputNames?: Record<string, string>,  // TF tensor ('Identity:0') → ONNX output name; its order is the output order
 *   outputs?: string[],                    // TF tensors to export (default: outputNames keys, else the signature's)
 *   opset?: number, optimize?: boolean, graphName?: string, docString?: string, metadata?: Record<string, string>,
 * }} options
 */
export function convertTfjsGraphToOnnx(options) {
  const { modelJson, weightData, inputNames = {}, outputNames = {}, opset = DEFAULT_OPSET } = options;
  const tfNodes = modelJson.modelTopology?.node ?? [];
  const byName = new Map(tfNodes.map((node) => [node.name, node]));
  const weights = decodeWeights(modelJson.weightsManifest ?? [], weightData);
  const outputRefs = (options.outputs ?? defaultOutputs(modelJson, outputNames, tfNodes)).map(canonicalRef);
  const renames = new Map(Object.entries(outputNames).map(([ref, name]) => [canonicalRef(ref), name]));

  const graph = createGraph(options.graphName ?? 'tfjs_graph');
  for (const node of tfNodes) graph.usedNames.add(node.name);
  const values = new Map();
  const ctx = converterContext(graph, values);

  for (const node of topologicalOrder(byName, outputRefs.map(refNode))) {
    if (node.op === 'Const') {
      const weight = weights.get(node.name);
      if (!weight) throw nodeError(node, 'no weight of this name in the weights manifest');
      values.set(`${node.name}:0`, { kind: 'const', tensor: weight, name: node.name });
    } else if (node.op === 'Placeholder') {
      const name = inputNames[node.name] ?? node.name;
      graph.usedNames.add(name);
      graph.inputs.push({
        name,
        tfjsName: node.name,
        dtype: attrDtype(node, 'dtype'),
        shape: placeholderShape(node),
      });
      values.set(`${node.name}:0`, { kind: 'dynamic', name });
    } else {
      const handler = OP_HANDLERS[node.op];
      if (!handler) {
        throw nodeError(
          node,
          `unsupported TFJS op '${node.op}' (supported: ${Object.keys(OP_HANDLERS).join(', ')})`,
        );
      }
      handler(ctx, node).forEach((value, k) => {
        values.set(`${node.name}:${k}`, value);
      });
    }
  }
  for (const ref of outputRefs)
    addGraphOutput(graph, modelJson, byName, ref, values.get(ref), renames.get(ref));
  if (options.optimize !== false) optimizeGraph(graph);
  const bytes = encodeModel(graph, {
    opset,
    docString: options.docString,
    metadata: options.metadata,
    producerName: 'retail-edge-analytics models/scripts/tfjs-graph-to-onnx.mjs',
  });
  return { bytes, graph };
}

function defaultOutputs(modelJson, outputNames, tfNodes) {
  if (Object.keys(outputNames).length > 0) return Object.keys(outputNames);
  const signed = Object.keys(modelJson.signature?.outputs ?? {});
  if (signed.length > 0) return signed;
  const read = new Set(tfNodes.flatMap((node) => dataInputs(node).map(refNode)));
  return tfNodes.filter((node) => !read.has(node.name) && node.op !== 'Const').map((node) => node.name);
}

/** The context tfjs-ops.mjs handlers work through. */
function converterContext(graph, values) {
  const initializerOf = new Map(); // const tensor → dtype → initializer name, so shared consts stay shared
  const ctx = {
    input(node, i) {
      const ref = dataInputs(node)[i];
      if (ref === undefined) throw nodeError(node, `has no input ${i}`);
      const value = values.get(canonicalRef(ref));
      if (!value) throw nodeError(node, `input '${ref}' was not produced by any node`);
      return value;
    },
    constant(node, i, role) {
      const value = ctx.input(node, i);
      if (value.kind !== 'const')
        throw nodeError(node, `${role} (input ${i}) must be a constant, got a computed tensor`);
      return value.tensor;
    },
    ref(value, dtype) {
      if (value.kind === 'dynamic') return value.name;
      const type = dtype ?? value.tensor.dtype;
      if (!initializerOf.has(value.tensor)) initializerOf.set(value.tensor, new Map());
      const byType = initializerOf.get(value.tensor);
      if (!byType.has(type))
        byType.set(type, addInitializer(graph, value.name ?? 'const', value.tensor, type));
      return byType.get(type);
    },
    init: (node, suffix, tensor, dtype) => addInitializer(graph, `${node.name}/${suffix}`, tensor, dtype),
    out: (node, k = 0) => (k === 0 ? node.name : `${node.name}:${k}`),
    tmp: (node, suffix) => uniqueName(graph, `${node.name}/${suffix}`),
    emit(node, op, inputs, attrs, outputs) {
      addNode(graph, { op, inputs, outputs: [outputs].flat(), attrs, name: `${node.name}/${op}` });
      return outputs;
    },
  };
  return ctx;
}

function addGraphOutput(graph, modelJson, byName, ref, value, wanted) {
  if (!value) throw new Error(`output '${ref}' is not produced by the graph`);
  if (value.kind === 'const') throw new Error(`output '${ref}' is a constant; nothing to compute`);
  const signature = modelJson.signature?.outputs?.[ref];
  const dims = signature?.tensorShape?.dim;
  const output = {
    name: wanted ?? refNode(ref),
    tfjsName: ref,
    dtype: attrDtype(byName.get(refNode(ref)) ?? {}, 'T'),
    shape: dims?.map((d, i) => (Number(d.size) >= 0 ? Number(d.size) : `d${i}`)),
  };
  const taken =
    graph.outputs.some((o) => o.name === value.name) || graph.inputs.some((i) => i.name === value.name);
  const producedElsewhere = output.name !== value.name && valueExists(graph, output.name);
  if (producedElsewhere) throw new Error(`output name '${output.name}' is already used by another value`);
  if (taken) addNode(graph, { op: 'Identity', inputs: [value.name], outputs: [output.name] });
  else renameValue(graph, value.name, output.name);
  graph.outputs.push(output);
}

function valueExists(graph, name) {
  if (graph.initializers.has(name) || graph.inputs.some((i) => i.name === name)) return true;
  return graph.nodes.some((node) => node.outputs.includes(name) || node.inputs.includes(name));
}

/** The nodes the roots depend on, each after its inputs; throws on cycles and dangling references. */
function topologicalOrder(byName, roots) {
  const order = [];
  const state = new Map(); // 1: on the DFS path, 2: emitted
  const stack = roots.map((name) => ({ name, from: 'the requested outputs', expanded: false }));
  while (stack.length > 0) {
    const { name, from, expanded } = stack.pop();
    if (expanded) {
      state.set(name, 2);
      order.push(byName.get(name));
      continue;
    }
    if (state.get(name) === 2) continue;
    if (state.get(name) === 1) throw new Error(`graph has a cycle through node '${name}'`);
    const node = byName.get(name);
    if (!node) throw new Error(`node '${name}' (read by ${from}) is not in the graph`);
    state.set(name, 1);
    stack.push({ name, expanded: true });
    for (const ref of dataInputs(node).reverse()) {
      stack.push({ name: refNode(ref), from: `node '${name}'`, expanded: false });
    }
  }
  return order;
}

/** Reads a model.json and its weight shards (paths relative to the json) from disk. */
export async function readTfjsModel(jsonPath) {
  const modelJson = JSON.parse(await readFile(jsonPath, 'utf8'));
  const shardPaths = (modelJson.weightsManifest ?? []).flatMap((group) => group.paths);
  const shards = await Promise.all(shardPaths.map((p) => readFile(path.join(path.dirname(jsonPath), p))));
  return { modelJson, weightData: new Uint8Array(Buffer.concat(shards)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [jsonPath, outPath] = process.argv.slice(2);
  if (!jsonPath || !outPath) {
    console.error('usage: node tfjs-graph-to-onnx.mjs <model.json> <out.onnx>');
    process.exit(2);
  }
  const { bytes, graph } = convertTfjsGraphToOnnx(await readTfjsModel(jsonPath));
  await writeFile(outPath, bytes);
  const ops = {};
  for (const node of graph.nodes) ops[node.op] = (ops[node.op] ?? 0) + 1;
  console.log(`wrote ${outPath}: ${bytes.length} bytes, ${graph.nodes.length} nodes ${JSON.stringify(ops)}`);
}
