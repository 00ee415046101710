// Where an overhead camera's kept empty-scene pictures live on the gateway: PNGs in the camera's own
// folder, each written durably (storage/durable-file.ts: a crash never leaves half a picture under a
// real name), the newest few kept. Reading never throws: a picture that cannot be decoded,
// or whose size is no longer the camera's (its resolution changed), is left out with a warning.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Logger } from '../../logger.js';
import { writeFileDurably } from '../../storage/durable-file.js';
import type { RgbImage } from '../frame.js';
import { backgroundFileName, backgroundFilesToKeep } from './background-files.js';
import type { FrameSize } from './decode-frame.js';

export interface SaveBackgroundOptions {
  dir: string;
  image: RgbImage;
  /** Frame time the picture belongs to: its name (one per UTC hour). */
  ts: number;
  /** Pictures kept in `dir` afterwards, the newest. */
  keep: number;
}

/** Writes `image` as the picture of `ts`'s hour and removes the older ones beyond `keep`; returns its path. */
export async function saveBackground(o: SaveBackgroundOptions): Promise<string> {
  const file = path.join(o.dir, backgroundFileName(o.ts));
  const { width, height, data } = o.image;
  const png = await sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  await writeFileDurably(file, png);
  const { remove } = backgroundFilesToKeep(await readdir(o.dir), o.keep);
  await Promise.all(remove.map((name) => rm(path.join(o.dir, name), { force: true })));
  return file;
}

export interface LoadBackgroundsOptions {
  dir: string;
  /** The camera's resolution: pictures of another size are left out. */
  size: FrameSize;
  /** At most this many, the newest. */
  keep: number;
  logger: Logger;
}

/** The kept pictures of `dir`, newest first; none when the folder does not exist. */
export async function loadBackgrounds(o: LoadBackgroundsOptions): Promise<RgbImage[]> {
  let names: string[];
  try {
    names = await readdir(o.dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      o.logger.warn({ dir: o.dir, err: (err as Error).message }, 'kept backgrounds unreadable; ignored');
    }
    return [];
  }
  const pictures: RgbImage[] = [];
  for (const name of backgroundFilesToKeep(names, o.keep).keep) {
    const file = path.join(o.dir, name);
    try {
      const { data, info } = await sharp(await readFile(file))
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      if (info.width !== o.size.width || info.height !== o.size.height || info.channels !== 3) {
        o.logger.warn(
          { file: name, size: `${info.width}×${info.height}`, expected: `${o.size.width}×${o.size.height}` },
          'kept background of another size (camera resolution changed?); ignored',
        );
        continue;
      }
      pictures.push({ width: info.width, height: info.height, data: new Uint8Array(data) });
    } catch (err) {
      o.logger.warn({ file: name, err: (err as Error).message }, 'kept background unreadable; ignored');
    }
  }
  return pictures;
}
