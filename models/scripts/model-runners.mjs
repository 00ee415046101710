// The two runtimes a converted model is checked with: the original TFJS graph on tfjs-backend-wasm
// (loaded from memory and local wasm files — never the network) and the ONNX file on onnxruntime-node.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

let tfjsReady;

/** tfjs-core on the wasm backend, its .wasm files read from the installed package. */
async function loadTfjs() {
  tfjsReady ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const distDir = path.join(
      path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
      'dist',
    );
    wasm.setWasmPaths(`${distDir}${path.sep}`);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend failed to initialise');
    await tf.ready();
    return { tf, loadGraphModel };
  })();
  return tfjsReady;
}

/**
 * @param {{ modelJson: object, weightData: Uint8Array }} model
 * @returns {Promise<{ run(input: Float32Array, shape: number[], names?: string[]): Promise<Map<string, Float32Array>>, outputNames: string[], dispose(): void }>}
 */
export async function createTfjsRunner({ modelJson, weightData }) {
  const { tf, loadGraphModel } = await loadTfjs();
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const buffer = weightData.buffer.slice(
    weightData.byteOffset,
    weightData.byteOffset + weightData.byteLength,
  );
  const model = await loadGraphModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData: buffer }),
  );
  const outputNames = model.outputs.map((o) => (o.name.includes(':') ? o.name : `${o.name}:0`));
  return {
    outputNames,
    /** Runs the graph up to `names` (any node outputs, not only the graph's own outputs). */
    async run(input, shape, names = outputNames) {
      const x = tf.tensor(input, shape, 'float32');
      const results = [model.execute(x, names)].flat();
      const out = new Map();
      for (const [i, t] of results.entries()) out.set(names[i], await t.data());
      tf.dispose([x, ...results]);
      return out;
    },
    dispose: () => model.dispose(),
  };
}

/**
 * @param {Uint8Array | string} model ONNX bytes or a file path
 * @param {object} [sessionOptions] onnxruntime InferenceSession options (e.g. { intraOpNumThreads: 1 })
 * @returns {Promise<{ run(feeds: Record<string, { data: Float32Array, shape: number[] }>): Promise<Map<string, Float32Array>>, inputNames: readonly string[], outputNames: readonly string[], release(): Promise<void> }>}
 */
export async function createOnnxRunner(model, sessionOptions = {}) {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(model, sessionOptions);
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const tensors = Object.fromEntries(
        Object.entries(feeds).map(([name, { data, shape }]) => [
          name,
          new ort.Tensor('float32', data, shape),
        ]),
      );
      const results = await session.run(tensors);
      return new Map(Object.entries(results).map(([name, t]) => [name, t.data]));
    },
    release: () => session.release(),
  };
}
