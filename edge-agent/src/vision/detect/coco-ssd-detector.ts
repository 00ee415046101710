// COCO-SSD (MobileNet SSD, TFJS) as a person detector, weights read from a local folder. The library
// would fetch them from a web host by default; here it is handed a file IOHandler and the network is
// switched off while it loads.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as cocoSsd from '@tensorflow-models/coco-ssd';
import type { Detection, DetectionResult, Detector, RgbImage } from '../frame.js';
import { localModelHandler, useWasmBackend, withoutNetwork } from './tfjs-runtime.js';

export interface CocoSsdDetectorOptions {
  /** Folder holding the converted `model.json` and its weight shards. Required: there is no default. */
  cocoSsdDir?: string;
  /** Which SSD the folder holds (only used to tell coco-ssd; the files decide). Default lite_mobilenet_v2. */
  cocoSsdBase?: cocoSsd.ObjectDetectionBaseModel;
  scoreThreshold?: number;
  maxDetections?: number;
}

export async function createCocoSsdDetector(options: CocoSsdDetectorOptions = {}): Promise<Detector> {
  const dir = options.cocoSsdDir;
  if (!dir) throw new Error('coco-ssd detector needs cocoSsdDir, a local folder with model.json and shards');
  const modelJson = join(dir, 'model.json');
  try {
    await access(modelJson);
  } catch {
    throw new Error(`coco-ssd weights not found: ${modelJson} does not exist (folder ${dir})`);
  }
  await useWasmBackend();
  const model = await withoutNetwork(`coco-ssd (${dir})`, async () => {
    try {
      return await cocoSsd.load({
        base: options.cocoSsdBase ?? 'lite_mobilenet_v2',
        // coco-ssd types modelUrl as a string, but hands it to loadGraphModel, which takes an IOHandler.
        modelUrl: localModelHandler(modelJson) as unknown as string,
      });
    } catch (e) {
      throw new Error(`coco-ssd failed to load from folder ${dir}: ${(e as Error).message}`);
    }
  });
  return new CocoSsdDetector(model, options.scoreThreshold ?? 0.5, options.maxDetections ?? 100);
}

class CocoSsdDetector implements Detector {
  readonly name = 'coco-ssd';

  constructor(
    private readonly model: cocoSsd.ObjectDetection,
    private readonly scoreThreshold: number,
    private readonly maxDetections: number,
  ) {}

  async detect(image: RgbImage): Promise<DetectionResult> {
    const t0 = performance.now();
    // The SSD graph resizes internally, so the frame goes in as it is.
    const x = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
    const t1 = performance.now();
    try {
      // coco-ssd keeps NMS inside detect(), so inference and postprocessing are not separable here.
      const objects = await this.model.detect(x, this.maxDetections, this.scoreThreshold);
      const t2 = performance.now();
      const detections: Detection[] = objects
        .filter((o) => o.class === 'person')
        .map(({ bbox: [x0, y0, w, h], score }) => ({ x: x0, y: y0, w, h, score }));
      return {
        detections,
        timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, postprocessMs: performance.now() - t2 },
      };
    } finally {
      x.dispose();
    }
  }

  async close(): Promise<void> {
    this.model.dispose();
  }
}
