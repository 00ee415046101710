// `edge-agent bench detect`: the same frames through the whole camera pipeline with the ONNX and the
// tfjs-wasm backends of one model, side by side in one run (wall and CPU ms per frame, per-stage
// split), then optionally a long ONNX run to show the memory footprint stays flat. JSON last line.
import { createDetector } from '../vision/detect/create-detector.js';
import { type ReplayResult, replayFolder } from '../vision/eval/replay-folder.js';
import type { Mounting } from '../vision/frame.js';
import { STAGES } from '../vision/pipeline/stage-timer.js';
import { mountingFlag, numberFlag, UsageError } from './vision-flags.js';

export const benchDetectUsage = `Usage: edge-agent bench detect --frames DIR [--limit N] [--threads T] [--input 416]
                             [--mounting oblique|overhead] [--soak FRAMES]

Runs decode → detect → track → project over the first N frames of DIR (default 100) with NanoDet on
onnxruntime and on tfjs-wasm, and prints ms and CPU ms per frame, the per-stage split and the
speed-up. --soak FRAMES then replays the folder in a loop through the ONNX pipeline and reports the
resident memory after warm-up, at the end and at its peak.`;

function summary(r: ReplayResult) {
  const per = (v: number) => Math.round((v / Math.max(1, r.frames)) * 100) / 100;
  return {
    frames: r.frames,
    msPerFrame: r.frameMs,
    cpuMsPerFrame: per(r.cpuMs),
    stagesMsPerFrame: Object.fromEntries(STAGES.map((s) => [s, per(r.stages.ms[s])])),
    rssMiB: r.rssMiB,
  };
}

export async function benchDetect(values: Record<string, unknown>): Promise<number> {
  const framesDir = values.frames;
  if (typeof framesDir !== 'string') throw new UsageError(`--frames is required\n\n${benchDetectUsage}`);
  const limit = numberFlag(values.limit, 'limit', 100, 1);
  const threads = numberFlag(values.threads, 'threads', 1, 1, 16);
  const inputSize = numberFlag(values.input, 'input', 416, 128, 1024);
  const soak = numberFlag(values.soak, 'soak', 0, 0);
  const mounting: Mounting = mountingFlag(values.mounting);
  const options = { scoreThreshold: 0.2, threads, inputSize };

  const run = async (backend: 'onnx' | 'tfjs', frames: number, loop = false) => {
    console.error(`${backend}: ${frames} frames…`);
    const detector = await createDetector(backend, options);
    try {
      return await replayFolder({ framesDir, detector, mounting, limit: frames, loop });
    } finally {
      await detector.close();
    }
  };
  // Warm both runtimes up on a few frames first so neither pays its start-up in the figures.
  await run('onnx', 3);
  await run('tfjs', 3);
  const onnx = summary(await run('onnx', limit));
  const tfjs = summary(await run('tfjs', limit));
  const speedup = (a: number, b: number) => Math.round((a / Math.max(1e-9, b)) * 100) / 100;
  const result: Record<string, unknown> = {
    bench: 'detect',
    inputSize,
    threads,
    onnxruntime: onnx,
    tfjsWasm: tfjs,
    speedup: {
      wall: speedup(tfjs.msPerFrame.mean, onnx.msPerFrame.mean),
      inference: speedup(tfjs.stagesMsPerFrame.inference!, onnx.stagesMsPerFrame.inference!),
      cpu: speedup(tfjs.cpuMsPerFrame, onnx.cpuMsPerFrame),
    },
  };
  if (soak > 0) {
    const detector = await createDetector('onnx', options);
    const r = await replayFolder({
      framesDir,
      detector,
      mounting,
      limit: soak,
      loop: true,
      onProgress: (n) =>
        console.error(`soak: ${n} frames, rss ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB`),
      progressEvery: 1000,
    });
    await detector.close();
    result.soak = { frames: r.frames, msPerFrame: r.frameMs, rssMiB: r.rssMiB };
  }
  console.log(JSON.stringify(result));
  return 0;
}
