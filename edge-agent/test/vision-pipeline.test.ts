// The whole camera path on real footage: frames of OpenCV's vtest.avi replayed from a folder through
// the gateway's VisionService (decode → NanoDet on onnxruntime → ByteTrack → floor → fusion) into
// the observations the aggregator takes, with per-camera metrics. Skipped with the reason printed
// when ffmpeg, the video or the prepared model is missing, so a bare `npm test` still passes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelDir } from '../src/vision/detect/model-dir.js';
import { visionConfigSchema } from '../src/vision/vision-config.js';
import { type FloorObservation, VisionService } from '../src/vision/vision-service.js';
import { extractVtestFrames, VTEST_VIDEO, vtestPlazaLayout } from './vtest-plaza.js';

const MODEL = path.join(defaultModelDir(), 'nanodet-g.onnx');
const FRAMES = 40;

const skip =
  spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0
    ? 'ffmpeg is not installed'
    : !existsSync(VTEST_VIDEO)
      ? `${VTEST_VIDEO} is missing (Debian opencv-doc)`
      : !existsSync(MODEL)
        ? `${MODEL} is missing (npm install prepares it)`
        : undefined;
if (skip) console.log(`vision-pipeline: skipped: ${skip}`);

let dir = '';
beforeAll(async () => {
  if (skip) return;
  dir = await mkdtemp(path.join(tmpdir(), 'vtest-'));
  extractVtestFrames(dir, FRAMES);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skip !== undefined)('camera pipeline on a replayed folder of real frames', () => {
  it('tracks the walkers of vtest onto the floor and reports the camera', async () => {
    expect((await readdir(dir)).length).toBe(FRAMES);
    const observations: FloorObservation[] = [];
    const ended: string[] = [];
    let clock = 1_800_000_000_000;
    const vision = new VisionService({
      layout: vtestPlazaLayout({ storeId: 'plaza', gatewayId: 'gw-1', mounting: 'auto', source: dir }),
      gatewayId: 'gw-1',
      config: visionConfigSchema.parse({ sources: { 'cam-vtest': { type: 'folder', path: dir, fps: 0 } } }),
      baseDir: dir,
      observe: (o) => observations.push(o),
      endTrack: (id) => ended.push(id),
      now: () => clock,
      logger: pino({ level: 'silent' }),
    });
    await vision.start();
    expect(vision.cameraIds).toEqual(['cam-vtest']);
    await vision.finished();
    clock += 10_000;
    const metrics = vision.cameraMetrics(clock);
    await vision.stop();
    expect(ended.length).toBeGreaterThan(0); // stopping ends every fused track

    const people = new Set(observations.map((o) => o.trackId));
    // vtest shows five to eight pedestrians at a time; tracks need 3 frames to be confirmed.
    expect(people.size).toBeGreaterThanOrEqual(3);
    for (const id of people) expect(id).toMatch(/^[0-9a-f]{16}$/);
    for (const o of observations) {
      expect(Number.isFinite(o.x) && Number.isFinite(o.y)).toBe(true);
      expect(o.x).toBeGreaterThan(-10);
      expect(o.x).toBeLessThan(50);
    }
    // Per track, time never goes back (the aggregator drops out-of-order samples).
    const last = new Map<string, number>();
    for (const o of observations) {
      expect(o.ts).toBeGreaterThanOrEqual(last.get(o.trackId) ?? 0);
      last.set(o.trackId, o.ts);
    }
    expect(metrics).toHaveLength(1);
    expect(metrics[0]!.cameraId).toBe('cam-vtest');
    expect(metrics[0]!.detectorLatencyMs.p50).toBeGreaterThan(0);
    // Every position of the window's confirmed tracks (their first, tentative hits included), checked
    // against the plaza's floor plan: a calibrated camera stays well under the Fleet page's 10% flag
    // (0 of 145 when written).
    const floor = metrics[0]!.floor!;
    expect(floor.positions).toBe(observations.length);
    expect(floor.offFloor).toBeLessThan(floor.positions * 0.05);
  }, 120_000);
});
