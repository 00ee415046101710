// `edge-agent draw` on made-up overhead frames (a person walks across a stone floor): the real
// detector, tracker and image writing, nothing from a recording.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Box } from '../vision/frame.js';
import { texturedFloor, withNoise, withPerson } from '../vision/overhead/synthetic-scene.js';
import { draw } from './draw.js';
import { UsageError } from './vision-flags.js';

const W = 384;
const H = 288;
const FRAMES = 30;
/** Empty for 5 frames, then a person about as big as the CAVIAR prior expects near the nadir, walking right. */
const personAt = (frame: number): Box | undefined =>
  frame < 5 ? undefined : { x: 150 + 3 * (frame - 5), y: 125, w: 40, h: 52 };

let dir = '';
let frames = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'draw-'));
  frames = path.join(dir, 'frames');
  const floor = texturedFloor(W, H, 5, 150, 15);
  const gt: string[] = [];
  await mkdir(frames);
  for (let f = 1; f <= FRAMES; f++) {
    const box = personAt(f);
    const image = withNoise(box ? withPerson(floor, box, [40, 60, 140]) : floor, 3, f);
    await sharp(image.data, { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toFile(path.join(frames, `walk_${String(f).padStart(4, '0')}.png`));
    if (box) gt.push(`${f},1,${box.x},${box.y},${box.w},${box.h},1,1,1`);
  }
  await writeFile(path.join(dir, 'gt.txt'), `${gt.join('\n')}\n`);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function run(values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    expect(await draw(values)).toBe(0);
    return JSON.parse(String(log.mock.calls.at(-1)?.[0]));
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Pixels of `file` within `box`'s outline (± 1 px) in roughly `colour`. */
async function outlinePixels(file: string, box: Box, colour: [number, number, number]): Promise<number> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  const near = (x: number, y: number) => {
    const i = (Math.round(y) * info.width + Math.round(x)) * 3;
    if (colour.every((c, k) => Math.abs(data[i + k]! - c) < 40)) n++;
  };
  for (let x = box.x; x <= box.x + box.w; x++)
    for (const y of [box.y, box.y + box.h]) for (let d = -1; d <= 1; d++) near(x, y + d);
  return n;
}

describe('edge-agent draw', () => {
  it('writes every N-th frame with the found person drawn where the ground truth puts them', async () => {
    const out = path.join(dir, 'drawn');
    const summary = await run({
      frames,
      out,
      mounting: 'overhead',
      gt: path.join(dir, 'gt.txt'),
      every: '5',
    });
    const written = (await readdir(out)).sort();
    expect(written).toEqual([
      'walk_0001.png',
      'walk_0006.png',
      'walk_0011.png',
      'walk_0016.png',
      'walk_0021.png',
      'walk_0026.png',
    ]);
    expect(summary).toMatchObject({ frames: FRAMES, drawn: 6, out, mounting: 'overhead', falsePositives: 0 });
    expect(summary.found as number).toBeGreaterThanOrEqual(4);

    const meta = await sharp(path.join(out, 'walk_0026.png')).metadata();
    expect([meta.width, meta.height]).toEqual([W, H]);
    // Frame 26: found, so a green box hugs the person; the empty first frame has none.
    const box = personAt(26)!;
    const grown = { x: box.x - 6, y: box.y - 6, w: box.w + 12, h: box.h + 12 };
    const green: [number, number, number] = [0, 230, 118];
    expect(await outlinePixels(path.join(out, 'walk_0026.png'), grown, green)).toBeGreaterThan(0);
    expect(await outlinePixels(path.join(out, 'walk_0001.png'), grown, green)).toBe(0);
  });

  it('refuses to write its drawings over the frames, and needs both folders', async () => {
    await expect(draw({ frames, out: frames, mounting: 'overhead' })).rejects.toThrow(UsageError);
    await expect(draw({ frames })).rejects.toThrow(/--frames and --out are required/);
    await expect(draw({ frames, out: path.join(dir, 'x'), every: '0' })).rejects.toThrow(/--every must be/);
    await expect(draw({ frames, out: path.join(dir, 'x'), every: '2.5' })).rejects.toThrow(
      /--every must be a whole/,
    );
  });
});
