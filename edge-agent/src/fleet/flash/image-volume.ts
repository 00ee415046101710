// The boot partition inside a disk image, written with mtools (`-i IMAGE@@OFFSET`): no mount, no
// root, no loop device. The offset comes from the image's MBR (mbr.ts).
import { execFile } from 'node:child_process';
import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type BootVolume, BootVolumeError } from './boot-volume.js';
import { bootPartition, parseMbr, SECTOR } from './mbr.js';

const run = promisify(execFile);

export const MTOOLS_PACKAGE = 'mtools';

/** Whether mtools is installed; the message names the Debian package when it is not. */
export async function checkMtools(): Promise<void> {
  try {
    await run('mcopy', ['--version'], { env: mtoolsEnv() });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BootVolumeError(
        `writing into an image needs mtools (mcopy, mtype, mdir), which is not installed: apt-get install ${MTOOLS_PACKAGE} (Debian/Ubuntu), or write the card and give its mounted boot partition as --target DIR`,
      );
    throw new BootVolumeError(`mcopy --version failed: ${(err as Error).message}`);
  }
}

/** The byte offset of the image's boot (FAT) partition. */
export async function bootPartitionOffset(image: string): Promise<{ offset: number; index: number }> {
  const size = (await stat(image)).size;
  const fh = await open(image, 'r');
  try {
    const sector0 = new Uint8Array(SECTOR);
    const { bytesRead } = await fh.read(sector0, 0, SECTOR, 0);
    const part = bootPartition(parseMbr(sector0.subarray(0, bytesRead), image), size, image);
    return { offset: part.startLba * SECTOR, index: part.index };
  } finally {
    await fh.close();
  }
}

export async function imageVolume(image: string): Promise<BootVolume> {
  await checkMtools();
  const { offset } = await bootPartitionOffset(image);
  const drive = `${image}@@${offset}`;
  const mtools = async (tool: string, args: string[]) => {
    try {
      return (await run(tool, ['-i', drive, ...args], { env: mtoolsEnv(), maxBuffer: 1 << 24 })).stdout;
    } catch (err) {
      const e = err as Error & { stderr?: string };
      throw new BootVolumeError(`${tool} ${args.join(' ')} on ${drive}: ${(e.stderr || e.message).trim()}`);
    }
  };
  const list = async () =>
    (await mtools('mdir', ['-b', '::/']))
      .split('\n')
      .map((l) => l.trim().replace(/^::\//, ''))
      .filter((l) => l !== '' && !l.endsWith('/'));
  return {
    description: drive,
    list,
    async readText(name) {
      const names = (await list()).map((n) => n.toLowerCase());
      if (!names.includes(name.toLowerCase())) return undefined;
      return mtools('mtype', [`::/${name}`]);
    },
    async writeText(name, text, _mode) {
      const dir = await mkdtemp(path.join(tmpdir(), 'edge-flash-'));
      try {
        const tmp = path.join(dir, name);
        await writeFile(tmp, text, { mode: 0o600 });
        await mtools('mcopy', ['-o', tmp, `::/${name}`]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async copyIn(local, name, _mode) {
      await mtools('mcopy', ['-o', local, `::/${name}`]);
    },
  };
}

/** No per-user config; no complaints about odd geometry in images made by other tools. */
function mtoolsEnv(): NodeJS.ProcessEnv {
  return { ...process.env, MTOOLS_SKIP_CHECK: '1', MTOOLSRC: '/dev/null' };
}
