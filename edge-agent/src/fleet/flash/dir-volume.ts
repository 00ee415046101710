// A mounted boot partition (or any directory standing in for one, in tests). Files are written
// beside their final name and renamed over it, so an unplugged card never holds half a cmdline.txt.
import { chmod, copyFile, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BootVolume, BootVolumeError } from './boot-volume.js';

export function dirVolume(dir: string): BootVolume {
  const at = (name: string) => path.join(dir, name);
  const replace = async (name: string, mode: number, put: (tmp: string) => Promise<void>) => {
    const tmp = at(`.${name}.writing`);
    try {
      await put(tmp);
      await chmodIfKept(tmp, mode);
      await rename(tmp, at(name));
    } catch (err) {
      await rm(tmp, { force: true });
      throw new BootVolumeError(`cannot write ${at(name)}: ${(err as Error).message}`);
    }
  };
  return {
    description: dir,
    async list() {
      try {
        return await readdir(dir);
      } catch (err) {
        throw new BootVolumeError(`cannot read the directory ${dir}: ${(err as Error).message}`);
      }
    },
    async readText(name) {
      try {
        return await readFile(at(name), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new BootVolumeError(`cannot read ${at(name)}: ${(err as Error).message}`);
      }
    },
    writeText: (name, text, mode) => replace(name, mode, (tmp) => writeFile(tmp, text, { mode })),
    copyIn: (local, name, mode) => replace(name, mode, (tmp) => copyFile(local, tmp)),
  };
}

/** FAT (vfat mount) refuses or ignores chmod; the mount's fmask/dmask decide there. */
async function chmodIfKept(file: string, mode: number): Promise<void> {
  try {
    await chmod(file, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}
