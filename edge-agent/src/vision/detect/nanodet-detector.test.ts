import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../frame.js';
import type { OutputTensor } from './nanodet-decode.js';
import { NanoDetDetector, type NanoDetRunner } from './nanodet-detector.js';
import { fakeNanoDetOutputs } from './nanodet-fake-outputs.js';

/** A runner that replays fixed outputs and remembers what it was given. */
function fakeRunner(outputs: OutputTensor[]) {
  const seen: { length: number; size: number }[] = [];
  let closed = false;
  const runner: NanoDetRunner = {
    async run(input, size) {
      seen.push({ length: input.length, size });
      return outputs;
    },
    async close() {
      closed = true;
    },
  };
  return { runner, seen, isClosed: () => closed };
}

/** A clock that advances 5 ms per reading. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 5);
}

const frame: RgbImage = { width: 768, height: 576, data: new Uint8Array(768 * 576 * 3) };

describe('NanoDetDetector', () => {
  it('returns the planted people in source pixels after NMS, with stage timings', async () => {
    const outputs = fakeNanoDetOutputs(416, [
      // A person: centre (168, 152) in input pixels → box 136..200 × 88..248.
      { stride: 16, col: 10, row: 9, score: 0.9, bins: [2, 4, 2, 6] },
      // The same person seen by the neighbouring cell, weaker: suppressed.
      { stride: 16, col: 10, row: 10, score: 0.6, bins: [2, 5, 2, 5] },
      // Somebody else.
      { stride: 8, col: 40, row: 20, score: 0.5, bins: [2, 5, 2, 5] },
    ]);
    const { runner, seen } = fakeRunner(outputs);
    const det = new NanoDetDetector('fake', runner, { scoreThreshold: 0.4 }, steppingClock());
    const { detections, timings } = await det.detect(frame);
    expect(seen).toEqual([{ length: 3 * 416 * 416, size: 416 }]);
    expect(detections).toHaveLength(2);
    const [a, b] = detections;
    // 768 / 416 per input pixel; the image starts 52 input pixels down.
    const k = 768 / 416;
    expect(a!.score).toBeCloseTo(0.9, 6);
    expect(a!.x).toBeCloseTo(136 * k, 3);
    expect(a!.y).toBeCloseTo((88 - 52) * k, 3);
    expect(a!.w).toBeCloseTo(64 * k, 3);
    expect(a!.h).toBeCloseTo(160 * k, 3);
    expect(b!.score).toBeCloseTo(0.5, 6);
    expect(timings).toEqual({ preprocessMs: 5, inferenceMs: 5, postprocessMs: 5 });
  });

  it('clips boxes to the source image and drops ones lying in the padding only', async () => {
    const outputs = fakeNanoDetOutputs(416, [
      // Centre (4, 4): entirely in the top padding (the image starts at y = 52).
      { stride: 8, col: 0, row: 0, score: 0.9, bins: [0, 0, 1, 1] },
      // Centre (404, 60): reaches above the image and past its right edge.
      { stride: 8, col: 50, row: 7, score: 0.8, bins: [1, 3, 3, 3] },
    ]);
    const det = new NanoDetDetector('fake', fakeRunner(outputs).runner, { scoreThreshold: 0.4 });
    const { detections } = await det.detect(frame);
    expect(detections).toHaveLength(1);
    const [d] = detections;
    expect(d!.y).toBe(0);
    expect(d!.x + d!.w).toBeCloseTo(768, 6);
  });

  it('reuses its input buffer frame after frame, but never under a call still running', async () => {
    const inputs: Float32Array[] = [];
    const outputs = fakeNanoDetOutputs(416, []);
    const runner: NanoDetRunner = {
      async run(input) {
        inputs.push(input);
        await new Promise((resolve) => setImmediate(resolve));
        return outputs;
      },
      close: async () => {},
    };
    const det = new NanoDetDetector('fake', runner);
    await det.detect(frame);
    await det.detect(frame);
    await Promise.all([det.detect(frame), det.detect(frame)]);
    expect(inputs[1]).toBe(inputs[0]);
    expect(new Set(inputs.slice(2)).size).toBe(2);
  });

  it('passes close() through to the runner', async () => {
    const fake = fakeRunner([]);
    await new NanoDetDetector('fake', fake.runner).close();
    expect(fake.isClosed()).toBe(true);
  });

  it('reports missing outputs clearly', async () => {
    const det = new NanoDetDetector('fake', fakeRunner([]).runner);
    await expect(det.detect(frame)).rejects.toThrow(/NanoDet output \[1,2704,80\] for stride 8 not found/);
  });
});
