import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Detector } from '../frame.js';
import {
  builtinDetectors,
  createDetector,
  type DetectorOptions,
  type DetectorRegistry,
} from './create-detector.js';

function fakeRegistry() {
  const calls: { backend: string; options: DetectorOptions }[] = [];
  const make =
    (backend: string) =>
    async (options: DetectorOptions): Promise<Detector> => {
      calls.push({ backend, options });
      return {
        name: backend,
        detect: async (image) => ({
          detections: [{ x: 0, y: 0, w: 1, h: 1, score: image.data[0]! / 255 }],
          timings: { preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 },
        }),
        close: async () => {},
      };
    };
  const registry: DetectorRegistry = { onnx: make('onnx'), overhead: make('overhead') };
  return { registry, calls };
}

describe('createDetector', () => {
  it('builds the named backend from the registry with the options, ONNX by default', async () => {
    const { registry, calls } = fakeRegistry();
    expect((await createDetector(undefined, {}, registry)).name).toBe('onnx');
    expect((await createDetector('overhead', { scoreThreshold: 0.6 }, registry)).name).toBe('overhead');
    expect(calls).toEqual([
      { backend: 'onnx', options: {} },
      { backend: 'overhead', options: { scoreThreshold: 0.6 } },
    ]);
  });

  it('wraps the detector with the privacy masks', async () => {
    const { registry } = fakeRegistry();
    const square = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ] as const;
    const det = await createDetector('onnx', { privacyMasks: [square] }, registry);
    const { detections } = await det.detect({ width: 1, height: 1, data: new Uint8Array([255, 255, 255]) });
    expect(detections[0]!.score).toBe(0);
  });

  it('names the known backends when asked for an unknown one', async () => {
    await expect(createDetector('yolo')).rejects.toThrow(
      'unknown detector "yolo"; known: onnx, tfjs, coco-ssd',
    );
    await expect(createDetector('toString')).rejects.toThrow(/unknown detector/);
  });

  it('reports a missing ONNX model with its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'detect-'));
    try {
      const modelPath = join(dir, 'absent.onnx');
      await expect(builtinDetectors.onnx!({ modelPath })).rejects.toThrow(
        `ONNX detector model not found at ${modelPath}`,
      );
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
