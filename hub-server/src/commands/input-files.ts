// Expands a command's file arguments: a file stands for itself, a directory for every file of the given
// name below it (`truth/<date>/pos.csv` as `edge-agent simulate` and `emulate` write them), in path order.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './cli-kit.js';

export async function expandInputFiles(args: readonly string[], fileName: string): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(arg);
    } catch (err) {
      throw new UsageError(`cannot read ${arg}: ${(err as Error).message}`);
    }
    if (!info.isDirectory()) {
      out.push(arg);
      continue;
    }
    const found = (await readdir(arg, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && e.name === fileName)
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    if (found.length === 0) throw new UsageError(`${arg}: no ${fileName} in this directory or below`);
    out.push(...found);
  }
  return out;
}
