// A gateway restart no longer makes an overhead camera cold: the first run's VisionService keeps the empty
// scene its detector learned under a state dir, and the second run starts from it, so a person who stands
// still from the second run's first frame is found. Without the kept scene (a fresh state dir) the first
// frame is taken as empty and that person stays invisible. Synthetic frames only.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type StoreLayout, storeLayoutSchema } from '@retail/contracts';
import { pino } from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box, RgbImage } from '../src/vision/frame.js';
import { texturedFloor, withNoise, withPerson } from '../src/vision/overhead/synthetic-scene.js';
import { visionConfigSchema } from '../src/vision/vision-config.js';
import { type FloorObservation, VisionService } from '../src/vision/vision-service.js';

const W = 384;
const H = 288;
const PX_PER_M = 40;
const START = Date.UTC(2026, 10, 24, 9, 30);
const floor = texturedFloor(W, H, 21, 150, 14);
/** Under the camera, the size CAVIAR's person prior expects there. */
const STANDING: Box = { x: 185, y: 120, w: 44, h: 64 };
const BLUE = [40, 40, 160] as const;
const RED = [170, 50, 40] as const;

/** A 9.6 × 7.2 m floor seen straight from above, 40 px to the metre. */
const layout: StoreLayout = storeLayoutSchema.parse({
  schema: 'retail.layout/v1',
  storeId: 'shop',
  name: 'shop',
  layoutVersion: 1,
  effectiveFrom: '2026-01-01T00:00:00Z',
  floor: { width: W / PX_PER_M, depth: H / PX_PER_M },
  zones: [
    {
      id: 'floor',
      name: 'Floor',
      kind: 'aisle',
      polygon: [
        [0, 0],
        [W / PX_PER_M, 0],
        [W / PX_PER_M, H / PX_PER_M],
        [0, H / PX_PER_M],
      ],
    },
  ],
  gateways: [{ id: 'gw-1', name: 'Gateway' }],
  cameras: [
    {
      id: 'cam-ceiling',
      gatewayId: 'gw-1',
      resolution: { width: W, height: H },
      mounting: 'overhead',
      calibration: [
        { image: [0, 0], floor: [0, 0] },
        { image: [W, 0], floor: [W / PX_PER_M, 0] },
        { image: [W, H], floor: [W / PX_PER_M, H / PX_PER_M] },
        { image: [0, H], floor: [0, H / PX_PER_M] },
      ],
    },
  ],
});

let root = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'overhead-restart-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function writeFrames(dir: string, frames: readonly RgbImage[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [i, image] of frames.entries()) {
    const png = await sharp(image.data, { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    await writeFile(path.join(dir, `frame_${String(i + 1).padStart(4, '0')}.png`), png);
  }
}

/** Replays `frames` through a VisionService to the end and stops it; the floor observations it made. */
async function run(
  frames: string,
  stateDir: string,
  startTs: number,
  warnings: string[] = [],
): Promise<FloorObservation[]> {
  const observations: FloorObservation[] = [];
  const vision = new VisionService({
    layout,
    gatewayId: 'gw-1',
    config: visionConfigSchema.parse({
      sources: { 'cam-ceiling': { type: 'folder', path: frames, fps: 0 } },
      background: { minFrames: 30 },
    }),
    baseDir: root,
    observe: (o) => observations.push(o),
    endTrack: () => {},
    now: () => startTs,
    stateDir,
    logger: pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) }),
  });
  await vision.start();
  await vision.finished();
  await vision.stop();
  return observations;
}

describe('an overhead camera across a gateway restart', () => {
  it('finds a person standing still from the first frame only thanks to the scene kept by the run before', async () => {
    // First day: an empty floor that someone walks across.
    const day1 = path.join(root, 'day1');
    await writeFrames(
      day1,
      Array.from({ length: 40 }, (_, i) =>
        withNoise(withPerson(floor, { x: 20 + i * 8, y: 200, w: 40, h: 56 }, RED), 3, i + 1),
      ),
    );
    const state = path.join(root, 'state');
    const firstRun = await run(day1, state, START);
    expect(new Set(firstRun.map((o) => o.trackId)).size).toBeGreaterThan(0); // the walker was seen
    const kept = await readdir(path.join(state, 'cam-ceiling'));
    expect(kept).toEqual(['background-2026-11-24T09Z.png']);

    // Pictures the camera can no longer use are ignored, not fatal: another resolution, a broken file.
    const size = { width: 100, height: 80, channels: 3 as const };
    await writeFile(
      path.join(state, 'cam-ceiling', 'background-2026-11-23T09Z.png'),
      await sharp(Buffer.alloc(100 * 80 * 3, 128), { raw: size })
        .png()
        .toBuffer(),
    );
    await writeFile(path.join(state, 'cam-ceiling', 'background-2026-11-23T10Z.png'), 'not a picture');

    // Next day: someone stands still under the camera from the first frame on.
    const day2 = path.join(root, 'day2');
    await writeFrames(
      day2,
      Array.from({ length: 20 }, (_, i) => withNoise(withPerson(floor, STANDING, BLUE), 3, 100 + i)),
    );
    const warnings: string[] = [];
    const restarted = await run(day2, state, START + 86_400_000, warnings);
    expect(warnings.sort()).toEqual([
      'kept background of another size (camera resolution changed?); ignored',
      'kept background unreadable; ignored',
    ]);
    // 20 frames are fewer than the 30 this config trusts: the second run kept nothing of its own.
    expect((await readdir(path.join(state, 'cam-ceiling'))).sort()).toEqual([
      'background-2026-11-23T09Z.png',
      'background-2026-11-23T10Z.png',
      'background-2026-11-24T09Z.png',
    ]);
    const cold = await run(day2, path.join(root, 'fresh-state'), START + 86_400_000);

    expect(cold).toEqual([]);
    expect(restarted.length).toBeGreaterThan(10);
    const centre = [(STANDING.x + STANDING.w / 2) / PX_PER_M, (STANDING.y + STANDING.h / 2) / PX_PER_M];
    for (const o of restarted) expect(Math.hypot(o.x - centre[0]!, o.y - centre[1]!)).toBeLessThan(0.5);
    expect(new Set(restarted.map((o) => o.trackId)).size).toBe(1);
  }, 60_000);
});
