import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tensor, transpose } from './const-tensor.mjs';
import {
  cancelTransposes,
  fuseConvBias,
  fusePads,
  optimizeGraph,
  removeDeadNodes,
} from './onnx-graph-optimize.mjs';
import { addInitializer, addNode, attr, createGraph } from './onnx-ir.mjs';

function graphWith(build, outputs) {
  const graph = createGraph('t');
  graph.inputs.push({ name: 'x', dtype: 'float32', shape: [1, 2, 3, 4] });
  const node = (op, inputs, output, attrs = {}) => addNode(graph, { op, inputs, outputs: [output], attrs });
  const init = (name, t) => addInitializer(graph, name, t);
  build({ node, init });
  graph.outputs = outputs.map((name) => ({ name, dtype: 'float32' }));
  return graph;
}

const ops = (graph) => graph.nodes.map((n) => n.op);
const weight = (cout) => tensor('float32', [cout, 2, 1, 1], new Array(cout * 2).fill(1));
const conv = (node, init, input, output, cout = 3) => node('Conv', [input, init('w', weight(cout))], output);
const pads = (values) => tensor('int64', [8], values);

describe('cancelTransposes', () => {
  it('removes an NHWC→NCHW pair and keeps the reader on the original value', () => {
    const graph = graphWith(
      ({ node }) => {
        node('Transpose', ['x'], 'nhwc', { perm: attr.ints([0, 2, 3, 1]) });
        node('Transpose', ['nhwc'], 'nchw', { perm: attr.ints([0, 3, 1, 2]) });
        node('Relu', ['nchw'], 'y');
      },
      ['y'],
    );
    optimizeGraph(graph);
    expect(graph.nodes.map((n) => [n.op, n.inputs])).toEqual([['Relu', ['x']]]);
  });

  it('keeps a graph output name even when the pair cancels', () => {
    const graph = graphWith(
      ({ node }) => {
        node('Transpose', ['x'], 'nhwc', { perm: attr.ints([0, 2, 3, 1]) });
        node('Transpose', ['nhwc'], 'y', { perm: attr.ints([0, 3, 1, 2]) });
      },
      ['y'],
    );
    optimizeGraph(graph);
    expect(graph.nodes.map((n) => [n.op, n.inputs, n.outputs])).toEqual([['Transpose', ['x'], ['y']]]);
  });

  it('composes any two permutations into the one that moves the data the same way', () => {
    const perms = fc
      .integer({ min: 1, max: 4 })
      .chain((rank) =>
        fc.tuple(
          fc.shuffledSubarray([...Array(rank).keys()], { minLength: rank }),
          fc.shuffledSubarray([...Array(rank).keys()], { minLength: rank }),
        ),
      );
    fc.assert(
      fc.property(perms, ([p1, p2]) => {
        const graph = graphWith(
          ({ node }) => {
            node('Transpose', ['x'], 'a', { perm: attr.ints(p1) });
            node('Transpose', ['a'], 'y', { perm: attr.ints(p2) });
          },
          ['y'],
        );
        cancelTransposes(graph);
        removeDeadNodes(graph);
        expect(graph.nodes).toHaveLength(1);
        const shape = [2, 3, 4, 5].slice(0, p1.length);
        const t = tensor(
          'int32',
          shape,
          Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => i),
        );
        const once = transpose(t, graph.nodes[0].attrs.perm.value);
        expect(Array.from(once.data)).toEqual(Array.from(transpose(transpose(t, p1), p2).data));
      }),
    );
  });
});

describe('fuseConvBias', () => {
  it('folds a per-channel Add after the NHWC Transpose into the Conv', () => {
    const graph = graphWith(
      ({ node, init }) => {
        conv(node, init, 'x', 'c');
        node('Transpose', ['c'], 'nhwc', { perm: attr.ints([0, 2, 3, 1]) });
        node('Add', [init('b', tensor('float32', [1, 1, 1, 3], [1, 2, 3])), 'nhwc'], 'y');
      },
      ['y'],
    );
    fuseConvBias(graph);
    expect(ops(graph)).toEqual(['Conv', 'Transpose']);
    expect(graph.nodes[1].outputs).toEqual(['y']);
    const bias = graph.initializers.get(graph.nodes[0].inputs[2]);
    expect(bias.shape).toEqual([3]);
    expect(Array.from(bias.data)).toEqual([1, 2, 3]);
  });

  it('folds an NCHW [C, 1, 1] Add, but not one that broadcasts along another axis', () => {
    const fused = graphWith(
      ({ node, init }) => {
        conv(node, init, 'x', 'c');
        node('Add', ['c', init('b', tensor('float32', [3, 1, 1], [1, 2, 3]))], 'y');
      },
      ['y'],
    );
    fuseConvBias(fused);
    expect(ops(fused)).toEqual(['Conv']);
    const alongWidth = graphWith(
      ({ node, init }) => {
        conv(node, init, 'x', 'c');
        node('Add', ['c', init('b', tensor('float32', [3], [1, 2, 3]))], 'y');
      },
      ['y'],
    );
    fuseConvBias(alongWidth);
    expect(ops(alongWidth)).toEqual(['Conv', 'Add']);
  });

  it('leaves the Add when something else reads the Conv output', () => {
    const graph = graphWith(
      ({ node, init }) => {
        conv(node, init, 'x', 'c');
        node('Add', ['c', init('b', tensor('float32', [3, 1, 1], [1, 2, 3]))], 'y');
        node('Relu', ['c'], 'z');
      },
      ['y', 'z'],
    );
    fuseConvBias(graph);
    expect(ops(graph)).toEqual(['Conv', 'Add', 'Relu']);
  });
});

describe('fusePads', () => {
  const padThen = (op, value, padValues = [0, 0, 1, 2, 0, 0, 3, 4]) =>
    graphWith(
      ({ node, init }) => {
        const inputs = ['x', init('pads', pads(padValues))];
        if (value !== undefined) inputs.push(init('v', tensor('float32', [], [value])));
        node('Pad', inputs, 'p', { mode: attr.string('constant') });
        if (op === 'Conv') conv(node, init, 'p', 'y');
        else node(op, ['p'], 'y', { kernel_shape: attr.ints([3, 3]) });
      },
      ['y'],
    );

  it('moves a zero spatial Pad into the Conv pads as [top, left, bottom, right]', () => {
    const graph = padThen('Conv', undefined);
    fusePads(graph);
    expect(ops(graph)).toEqual(['Conv']);
    expect(graph.nodes[0].inputs[0]).toBe('x');
    expect(graph.nodes[0].attrs.pads.value).toEqual([1, 2, 3, 4]);
  });

  it('moves a -inf Pad into a MaxPool, but not a 0 Pad (a MaxPool pads with -inf) nor a non-zero Conv Pad', () => {
    const maxPool = padThen('MaxPool', Number.NEGATIVE_INFINITY);
    fusePads(maxPool);
    expect(ops(maxPool)).toEqual(['MaxPool']);
    const zeroBeforeMax = padThen('MaxPool', 0);
    fusePads(zeroBeforeMax);
    expect(ops(zeroBeforeMax)).toEqual(['Pad', 'MaxPool']);
    const oneBeforeConv = padThen('Conv', 1);
    fusePads(oneBeforeConv);
    expect(ops(oneBeforeConv)).toEqual(['Pad', 'Conv']);
  });

  it('leaves a Pad of the channel axis and a Pad before an AveragePool', () => {
    const channels = padThen('Conv', undefined, [0, 1, 0, 0, 0, 0, 0, 0]);
    fusePads(channels);
    expect(ops(channels)).toEqual(['Pad', 'Conv']);
    const average = padThen('AveragePool', 0);
    fusePads(average);
    expect(ops(average)).toEqual(['Pad', 'AveragePool']);
  });
});
