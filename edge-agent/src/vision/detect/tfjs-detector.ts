// NanoDet-g on TensorFlow.js (WASM backend), from the TFJS graph the model package ships. Slower than
// ONNX; useful where onnxruntime-node has no binary and as a cross-check of the converted model.
import { join } from 'node:path';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import type { Detector } from '../frame.js';
import { defaultModelDir } from './model-dir.js';
import type { OutputTensor } from './nanodet-decode.js';
import { NanoDetDetector, type NanoDetRunner, type NanoDetTuning } from './nanodet-detector.js';
import { localModelHandler, useWasmBackend, withoutNetwork } from './tfjs-runtime.js';

/** Where models/scripts/prepare.mjs puts the copy of the TFJS graph, under models/generated/. */
export const TFJS_MODEL_DIR = 'nanodet-g.tfjs';
export const TFJS_MODEL_FILE = 'nanodet.json';

export interface TfjsDetectorOptions extends NanoDetTuning {
  /** Folder holding `nanodet.json` and `nanodet.bin`; default `models/generated/nanodet-g.tfjs/`. */
  tfjsModelDir?: string;
}

/** The WASM backend runs single-threaded under Node (tfjs disables WASM threads there), so unlike
 * the ONNX backend there is no thread option. */
export async function createTfjsDetector(options: TfjsDetectorOptions = {}): Promise<Detector> {
  const modelPath = join(options.tfjsModelDir ?? join(defaultModelDir(), TFJS_MODEL_DIR), TFJS_MODEL_FILE);
  await useWasmBackend();
  const model = await withoutNetwork('tfjs detector', () => loadGraphModel(localModelHandler(modelPath)));
  return new NanoDetDetector('tfjs', tfjsRunner(model), options);
}

function tfjsRunner(model: Awaited<ReturnType<typeof loadGraphModel>>): NanoDetRunner {
  return {
    async run(input, size) {
      const x = tf.tensor4d(input, [1, 3, size, size]);
      let outputs: tf.Tensor[] = [];
      try {
        const result = model.execute(x);
        outputs = Array.isArray(result) ? result : [result];
        const data = await Promise.all(outputs.map((t) => t.data<'float32'>()));
        return outputs.map((t, i): OutputTensor => ({ dims: t.shape, data: data[i]! }));
      } finally {
        tf.dispose([x, ...outputs]);
      }
    },
    async close() {
      model.dispose();
    },
  };
}
