import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RgbImage } from '../frame.js';
import { DEFAULT_OVERHEAD_OPTIONS, OverheadDetector } from '../overhead/overhead-detector.js';
import { texturedFloor, withPerson } from '../overhead/synthetic-scene.js';
import { evenlySpread, loadReference, loadReferencePictures } from './reference-pictures.js';

const png = (image: RgbImage): Promise<Buffer> =>
  sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();

describe('evenlySpread', () => {
  it('keeps every index when there are few, else spreads them over both ends', () => {
    expect(evenlySpread(3, 5)).toEqual([0, 1, 2]);
    expect(evenlySpread(9, 3)).toEqual([0, 4, 8]);
    expect(evenlySpread(10, 1)).toEqual([4]);
  });
});

describe('loadReferencePictures', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'reference-pictures-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('turns a folder of frames into their median, where a walking person is gone, and reads an image as is', async () => {
    const floor = texturedFloor(64, 48, 3);
    const frames = path.join(dir, 'clip');
    await mkdir(frames);
    for (let i = 0; i < 5; i++) {
      const frame = withPerson(floor, { x: 4 + i * 11, y: 10, w: 8, h: 12 }, [30, 40, 200]);
      await writeFile(path.join(frames, `clip_${String(i + 1).padStart(4, '0')}.png`), await png(frame));
    }
    const still = path.join(dir, 'empty.png');
    await writeFile(still, await png(floor));
    const [median, image] = await loadReferencePictures([frames, still]);
    expect(median!.data).toEqual(floor.data);
    expect(image!.data).toEqual(floor.data);
  });

  it('gives the overhead detector a person who stands still from the first frame', async () => {
    const floor = texturedFloor(160, 120, 5);
    const pictures = [1, 2, 3].map((seed) => path.join(dir, `empty-${seed}.png`));
    for (const file of pictures) await writeFile(file, await png(floor));
    const person = { x: 70, y: 50, w: 16, h: 22 };
    const scene = withPerson(floor, person, [40, 40, 160]);
    const detect = async (detector: OverheadDetector) => {
      let found = 0;
      for (let i = 0; i < 3; i++) found = (await detector.detect(scene)).detections.length;
      return found;
    };
    const prior = { nadirX: 80, nadirY: 60, sideAtNadir: 20, shrinkPerPixel: 0, minSide: 20 };
    const boxing = { ...DEFAULT_OVERHEAD_OPTIONS.boxing, prior };
    expect(await detect(new OverheadDetector({ boxing }))).toBe(0);
    const reference = await loadReference(pictures);
    expect(await detect(new OverheadDetector({ boxing, reference }))).toBe(1);
  });

  it('resizes every picture to the camera resolution when given one', async () => {
    const file = path.join(dir, 'empty.png');
    await writeFile(file, await png(texturedFloor(64, 48, 7)));
    const [picture] = await loadReferencePictures([file], { size: { width: 32, height: 24 } });
    expect([picture!.width, picture!.height, picture!.data.length]).toEqual([32, 24, 32 * 24 * 3]);
  });

  it('rejects a folder without frames', async () => {
    await expect(loadReferencePictures([dir])).rejects.toThrow(/no JPEG\/PNG frames/);
  });
});
