// NanoDet-g on onnxruntime-node: the default person detector for oblique cameras.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { Detector } from '../frame.js';
import { defaultModelDir } from './model-dir.js';
import type { OutputTensor } from './nanodet-decode.js';
import { NanoDetDetector, type NanoDetRunner, type NanoDetTuning } from './nanodet-detector.js';

export const ONNX_MODEL_FILE = 'nanodet-g.onnx';

export interface OnnxDetectorOptions extends NanoDetTuning {
  /** The converted model; default `models/generated/nanodet-g.onnx`. */
  modelPath?: string;
  /** Threads for one inference (ORT intraOpNumThreads); default 1, one core per camera. */
  threads?: number;
}

export async function createOnnxDetector(options: OnnxDetectorOptions = {}): Promise<Detector> {
  const modelPath = options.modelPath ?? join(defaultModelDir(), ONNX_MODEL_FILE);
  try {
    await access(modelPath);
  } catch {
    throw new Error(
      `ONNX detector model not found at ${modelPath}; prepare the models first (see models/README.md)`,
    );
  }
  const session = await InferenceSession.create(modelPath, {
    intraOpNumThreads: options.threads ?? 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  return new NanoDetDetector('onnx', onnxRunner(session, modelPath), options);
}

function onnxRunner(session: InferenceSession, modelPath: string): NanoDetRunner {
  const inputName = session.inputNames[0];
  if (!inputName || session.inputNames.length !== 1) {
    throw new Error(`${modelPath}: expected one input, found [${session.inputNames.join(', ')}]`);
  }
  return {
    async run(input, size) {
      const results = await session.run({ [inputName]: new Tensor('float32', input, [1, 3, size, size]) });
      // Outputs are paired by shape downstream, so their names and order do not matter here.
      return session.outputNames.map((name): OutputTensor => {
        const t = results[name]!;
        return { dims: t.dims, data: t.data as Float32Array };
      });
    },
    close: () => session.release(),
  };
}
