// Reads the pictures an overhead camera's empty-scene reference is learned from (see
// overhead/reference-background.ts): an image file is one picture; a folder of frames becomes one picture,
// the per-pixel median of up to `perFolder` frames spread evenly over it, so people walking by are gone.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RgbImage } from '../frame.js';
import { type BackgroundReference, learnReference, medianImage } from '../overhead/reference-background.js';
import { folderFrameOrder } from '../sources/folder-source.js';
import { decodeFrame, type FrameSize } from './decode-frame.js';

export interface ReferencePictureOptions {
  /** Frames of a folder that go into its median, spread evenly over the folder (default 48). */
  perFolder?: number;
  /** Resize every picture to this (the camera's calibrated resolution, as its frames are); default as stored. */
  size?: FrameSize;
}

/** One picture per path: the image itself, or the median of a folder's frames. */
export async function loadReferencePictures(
  paths: readonly string[],
  options: ReferencePictureOptions = {},
): Promise<RgbImage[]> {
  const perFolder = Math.max(1, options.perFolder ?? 48);
  const pictures: RgbImage[] = [];
  for (const p of paths) {
    if ((await stat(p)).isDirectory()) {
      const { frames } = folderFrameOrder(await readdir(p));
      if (frames.length === 0) throw new Error(`no JPEG/PNG frames in ${p}`);
      const picked = evenlySpread(frames.length, perFolder).map((i) => path.join(p, frames[i]!.name));
      const images = await Promise.all(picked.map((file) => decodeFile(file, options.size)));
      pictures.push(images.length === 1 ? images[0]! : medianImage(images));
    } else {
      pictures.push(await decodeFile(p, options.size));
    }
  }
  return pictures;
}

/** The reference learned from `paths` (see loadReferencePictures and learnReference). */
export async function loadReference(
  paths: readonly string[],
  options: ReferencePictureOptions = {},
): Promise<BackgroundReference> {
  return learnReference(await loadReferencePictures(paths, options));
}

/** `count` indices from 0…n−1, evenly spread and including both ends (all of them when n ≤ count). */
export function evenlySpread(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  if (count === 1) return [Math.floor((n - 1) / 2)];
  return Array.from({ length: count }, (_, i) => Math.round((i * (n - 1)) / (count - 1)));
}

async function decodeFile(file: string, size: FrameSize | undefined): Promise<RgbImage> {
  const data = await readFile(file);
  return decodeFrame({ kind: 'encoded', seq: 0, ts: 0, data: new Uint8Array(data) }, size);
}
