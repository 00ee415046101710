// Runs the camera pipeline (decode → detect → track → project) over a folder of frames as fast as
// it can, frame by frame, for the eval and bench commands: the same code path as a live camera,
// minus the camera. Reports wall and CPU time, the per-stage split and the memory footprint.

import type { Homography } from '@retail/contracts';
import { pino } from 'pino';
import type { Detector, Mounting } from '../frame.js';
import { percentile } from '../pipeline/camera-health.js';
import { type CameraFrameResult, CameraPipeline } from '../pipeline/camera-pipeline.js';
import type { StageTotals } from '../pipeline/stage-timer.js';
import { FolderSource } from '../sources/folder-source.js';
import { ByteTracker, type ByteTrackerOptions } from '../track/byte-tracker.js';

const IDENTITY: Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export interface ReplayOptions {
  framesDir: string;
  detector: Detector;
  mounting: Mounting;
  /** The recording's frame rate, for timestamps (the tracker's motion model). */
  frameRate?: number;
  /** Stop after this many frames (with `loop`, replay the folder until then). */
  limit?: number;
  loop?: boolean;
  tracker?: Partial<ByteTrackerOptions>;
  homography?: Homography;
  onResult?: (r: CameraFrameResult) => void;
  /** Called every `progressEvery` frames. */
  onProgress?: (frames: number) => void;
  progressEvery?: number;
}

export interface ReplayResult {
  frames: number;
  wallMs: number;
  cpuMs: number;
  stages: StageTotals;
  /** Wall time of each frame through the whole pipeline (decode → detect → track → project), ms. */
  frameMs: { p50: number; p95: number; mean: number };
  /** Resident set size (MiB) after the first 100 frames, at the end, and the largest seen. */
  rssMiB: { warm: number; end: number; max: number };
}

/** Sequential ids keep replays reproducible; a live gateway uses random ones. */
function counterIds(): () => string {
  let n = 0;
  return () => String(++n);
}

export async function replayFolder(o: ReplayOptions): Promise<ReplayResult> {
  const source = new FolderSource({
    path: o.framesDir,
    fps: 0,
    loop: o.loop ?? false,
    frameRate: o.frameRate ?? 25,
    tsOrigin: 0,
    now: () => 0,
  });
  const pipeline = new CameraPipeline({
    cameraId: 'replay',
    mounting: o.mounting,
    source,
    detector: o.detector,
    tracker: new ByteTracker({ randomId: counterIds(), ...o.tracker }),
    homography: o.homography ?? IDENTITY,
    onFrame: () => {},
    now: () => 0,
    logger: pino({ level: 'silent' }),
  });
  await source.start();
  const mib = () => process.memoryUsage.rss() / 2 ** 20;
  const rss = { warm: 0, end: 0, max: 0 };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let frames = 0;
  const times: number[] = [];
  try {
    for (;;) {
      if (o.limit !== undefined && frames >= o.limit) break;
      const frame = await source.next();
      if (!frame) break;
      const f0 = performance.now();
      const result = await pipeline.processFrame(frame);
      times.push(performance.now() - f0);
      o.onResult?.(result);
      frames++;
      if (frames === 100) rss.warm = mib();
      if (frames % 100 === 0) rss.max = Math.max(rss.max, mib());
      if (o.onProgress && frames % (o.progressEvery ?? 500) === 0) o.onProgress(frames);
    }
  } finally {
    await source.stop();
  }
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  rss.end = mib();
  rss.max = Math.max(rss.max, rss.end);
  if (rss.warm === 0) rss.warm = rss.end;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    frames,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    stages: pipeline.stageTotals(),
    frameMs: summarize(times),
    rssMiB: { warm: round(rss.warm), end: round(rss.end), max: round(rss.max) },
  };
}

function summarize(times: number[]): ReplayResult['frameMs'] {
  const sorted = [...times].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 100) / 100;
  const mean = times.length === 0 ? 0 : times.reduce((a, b) => a + b, 0) / times.length;
  return { p50: r(percentile(sorted, 0.5)), p95: r(percentile(sorted, 0.95)), mean: r(mean) };
}
