// The NanoDet backends on real footage: OpenCV's vtest.avi (an oblique outdoor camera, several people
// walking). Skipped, with the reason printed, when ffmpeg, the video or a model is missing, so a bare
// `npm test` passes on a fresh checkout (models/scripts/prepare.mjs puts the models in place).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detection, Detector, RgbImage } from '../frame.js';
import { defaultModelDir } from './model-dir.js';
import { NANODET_DEFAULTS } from './nanodet-detector.js';
import { iou } from './nms.js';
import { createOnnxDetector, ONNX_MODEL_FILE } from './onnx-detector.js';
import { createTfjsDetector, TFJS_MODEL_DIR, TFJS_MODEL_FILE } from './tfjs-detector.js';

const VIDEO = '/usr/share/doc/opencv-doc/examples/data/vtest.avi';
const FRAMES = 6;
const onnxModel = join(defaultModelDir(), ONNX_MODEL_FILE);
const tfjsDir = join(defaultModelDir(), TFJS_MODEL_DIR);
const tfjsModel = join(tfjsDir, TFJS_MODEL_FILE);

const hasFfmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
const footage = !hasFfmpeg
  ? 'ffmpeg is not installed'
  : !existsSync(VIDEO)
    ? `${VIDEO} is missing`
    : undefined;
const skipOnnx = footage ?? (existsSync(onnxModel) ? undefined : `${onnxModel} is missing`);
const skipTfjs = footage ?? (existsSync(tfjsModel) ? undefined : `${tfjsModel} is missing`);
const skipBoth = skipOnnx ?? skipTfjs;
for (const [what, reason] of [
  ['onnx', skipOnnx],
  ['tfjs', skipTfjs],
] as const) {
  if (reason) console.log(`detectors.integration: skipping ${what} checks: ${reason}`);
}

let frames: RgbImage[] = [];
let workDir: string | undefined;

/** FRAMES frames, 5 s apart, as PNGs in a temp dir, then decoded to RGB. */
async function extractFrames(): Promise<RgbImage[]> {
  workDir = await mkdtemp(join(tmpdir(), 'vtest-'));
  const ffmpeg = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      VIDEO,
      '-vf',
      String.raw`select=not(mod(n\,50))`,
      '-fps_mode',
      'vfr',
      '-frames:v',
      String(FRAMES),
      join(workDir, 'f%02d.png'),
    ],
    { encoding: 'utf8' },
  );
  if (ffmpeg.status !== 0) throw new Error(`ffmpeg failed: ${ffmpeg.stderr}`);
  const files = (await readdir(workDir)).filter((f) => f.endsWith('.png')).sort();
  return Promise.all(
    files.map(async (f) => {
      const { data, info } = await sharp(join(workDir!, f))
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, data };
    }),
  );
}

async function detectAll(detector: Detector): Promise<Detection[][]> {
  const out: Detection[][] = [];
  for (const frame of frames) out.push((await detector.detect(frame)).detections);
  await detector.close();
  return out;
}

function expectPeople(perFrame: Detection[][], image: RgbImage): void {
  expect(perFrame).toHaveLength(FRAMES);
  const all = perFrame.flat();
  // vtest shows 4–10 pedestrians at a time; a working detector finds most of them.
  expect(all.length / FRAMES).toBeGreaterThanOrEqual(2);
  for (const d of all) {
    expect(d.x).toBeGreaterThanOrEqual(0);
    expect(d.y).toBeGreaterThanOrEqual(0);
    expect(d.x + d.w).toBeLessThanOrEqual(image.width + 1e-6);
    expect(d.y + d.h).toBeLessThanOrEqual(image.height + 1e-6);
    expect(d.score).toBeGreaterThan(0);
    expect(d.score).toBeLessThanOrEqual(1);
  }
  // Upright walkers seen from an oblique camera: taller than wide, a plausible share of the frame.
  const upright = all.filter((d) => d.h > 1.3 * d.w && d.h > 0.05 * image.height && d.h < 0.6 * image.height);
  expect(upright.length / all.length).toBeGreaterThanOrEqual(0.75);
}

const results: { onnx?: Detection[][]; tfjs?: Detection[][] } = {};

describe.skipIf(skipOnnx !== undefined && skipTfjs !== undefined)('NanoDet on vtest', () => {
  beforeAll(async () => {
    if (!footage) frames = await extractFrames();
  }, 60_000);

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it.skipIf(skipOnnx)(
    'onnx finds the walking people',
    async () => {
      results.onnx = await detectAll(await createOnnxDetector({ modelPath: onnxModel }));
      expectPeople(results.onnx, frames[0]!);
    },
    120_000,
  );

  it.skipIf(skipTfjs)(
    'tfjs finds the walking people',
    async () => {
      results.tfjs = await detectAll(await createTfjsDetector({ tfjsModelDir: tfjsDir }));
      expectPeople(results.tfjs, frames[0]!);
    },
    120_000,
  );

  it.skipIf(skipBoth)('onnx and tfjs agree box for box', () => {
    const { onnx, tfjs } = results;
    expect(onnx && tfjs, 'both backend tests must have run').toBeTruthy();
    // Boxes clearly above the threshold must have a twin in the other backend; ones right at the
    // threshold may fall either side of it through float rounding.
    const margin = 0.05;
    for (let f = 0; f < FRAMES; f++) {
      const pairs: [Detection[], Detection[]][] = [
        [onnx![f]!, tfjs![f]!],
        [tfjs![f]!, onnx![f]!],
      ];
      for (const [mine, theirs] of pairs) {
        for (const d of mine.filter((x) => x.score > NANODET_DEFAULTS.scoreThreshold + margin)) {
          const best = Math.max(0, ...theirs.map((t) => iou(d, t)));
          expect(best, `frame ${f}: box at ${d.x.toFixed(0)},${d.y.toFixed(0)} has no twin`).toBeGreaterThan(
            0.9,
          );
        }
      }
    }
  });
});
