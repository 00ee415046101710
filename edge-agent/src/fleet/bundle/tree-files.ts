// File-tree helpers for the bundle builder: copy a folder with a filter (links followed, so the bundle
// holds only plain files), list a tree's files, hash a file. Relative paths use `/`.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Copies `from` into `to` (created), keeping what `keep(rel, isDir)` accepts; a rejected folder is not
 * entered. Symbolic links are followed; file modes are kept. Returns the number of files copied.
 */
export async function copyTree(
  from: string,
  to: string,
  keep: (rel: string, isDir: boolean) => boolean = () => true,
): Promise<number> {
  let copied = 0;
  const walk = async (rel: string): Promise<void> => {
    const src = path.join(from, rel);
    const info = await stat(src);
    if (rel && !keep(rel, info.isDirectory())) return;
    const dest = path.join(to, rel);
    if (info.isDirectory()) {
      await mkdir(dest, { recursive: true });
      for (const name of (await readdir(src)).sort()) await walk(rel ? `${rel}/${name}` : name);
    } else if (info.isFile()) {
      if (!rel) await mkdir(path.dirname(dest), { recursive: true });
      await copyFile(src, dest);
      await chmod(dest, info.mode & 0o777);
      copied++;
    } else throw new Error(`${src}: not a file or folder`);
  };
  await walk('');
  return copied;
}

/** Every file under `root`, sorted, as `/`-separated paths relative to it; links are refused. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) out.push(child);
      else throw new Error(`${path.join(root, child)}: a link or special file cannot go into the bundle`);
    }
  };
  await walk('');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The first `n` bytes of a file (fewer when it is shorter). */
export async function readHead(file: string, n: number): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
