import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { texturedFloor } from '../overhead/synthetic-scene.js';
import { loadBackgrounds, saveBackground } from './background-store.js';

const hour = (h: number) => Date.UTC(2026, 10, 24, h, 30);

describe('kept backgrounds on disk', () => {
  let dir: string;
  let warnings: string[];
  const logger = () =>
    pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
  beforeEach(async () => {
    dir = path.join(await mkdtemp(path.join(tmpdir(), 'background-store-')), 'cam-1');
    warnings = [];
  });
  afterEach(async () => {
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('round-trips pictures losslessly, newest first, keeping only the newest', async () => {
    const images = [1, 2, 3].map((seed) => texturedFloor(40, 30, seed));
    for (const [h, image] of images.entries()) await saveBackground({ dir, image, ts: hour(h), keep: 2 });
    expect((await readdir(dir)).sort()).toEqual([
      'background-2026-11-24T01Z.png',
      'background-2026-11-24T02Z.png',
    ]);
    const loaded = await loadBackgrounds({
      dir,
      size: { width: 40, height: 30 },
      keep: 12,
      logger: logger(),
    });
    expect(loaded.map((image) => image.data)).toEqual([images[2]!.data, images[1]!.data]);
    expect(warnings).toEqual([]);
  });

  it('replaces the picture of the same hour and clears leftovers of interrupted writes', async () => {
    const leftover = path.join(dir, 'background-2026-11-24T05Z.png.99-1.tmp');
    await saveBackground({ dir, image: texturedFloor(40, 30, 1), ts: hour(5), keep: 12 });
    await writeFile(leftover, 'half a picture');
    const newer = texturedFloor(40, 30, 2);
    await saveBackground({ dir, image: newer, ts: hour(5) + 60_000, keep: 12 });
    expect(await readdir(dir)).toEqual(['background-2026-11-24T05Z.png']);
    const [loaded] = await loadBackgrounds({
      dir,
      size: { width: 40, height: 30 },
      keep: 12,
      logger: logger(),
    });
    expect(loaded!.data).toEqual(newer.data);
  });

  it('ignores pictures of another size and unreadable ones with a warning, a missing folder quietly', async () => {
    expect(
      await loadBackgrounds({ dir, size: { width: 40, height: 30 }, keep: 12, logger: logger() }),
    ).toEqual([]);
    const good = texturedFloor(40, 30, 1);
    await saveBackground({ dir, image: good, ts: hour(1), keep: 12 });
    await saveBackground({ dir, image: texturedFloor(20, 30, 1), ts: hour(2), keep: 12 });
    await writeFile(path.join(dir, 'background-2026-11-24T03Z.png'), 'not a png');
    // A grey PNG of the right size (written by hand, say) is read as RGB.
    const grey = await sharp(Buffer.alloc(40 * 30, 128), { raw: { width: 40, height: 30, channels: 1 } })
      .png()
      .toBuffer();
    await writeFile(path.join(dir, 'background-2026-11-24T04Z.png'), grey);
    const loaded = await loadBackgrounds({
      dir,
      size: { width: 40, height: 30 },
      keep: 12,
      logger: logger(),
    });
    expect(loaded.map((image) => image.data)).toEqual([new Uint8Array(40 * 30 * 3).fill(128), good.data]);
    expect(warnings.sort()).toEqual([
      'kept background of another size (camera resolution changed?); ignored',
      'kept background unreadable; ignored',
    ]);
  });
});
