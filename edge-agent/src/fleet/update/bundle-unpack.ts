// Unpacks a bundle tarball into a slot with Debian's GNU tar. The listing is checked first (no
// absolute paths, no `..`), and a bundle wrapped in one top-level folder is unpacked without it,
// so the slot itself holds VERSION either way.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

export async function listBundle(file: string): Promise<string[]> {
  const { stdout } = await run('tar', ['--list', '--gzip', '--file', file], { maxBuffer: MAX_LISTING_BYTES });
  return stdout.split('\n').filter((line) => line.length > 0);
}

/** How many leading folders to strip so VERSION lands in the slot, or a reason the listing is unsafe. */
export function planUnpack(entries: string[]): { strip: number } | { reason: string } {
  const bad = entries.find((e) => e.startsWith('/') || e.split('/').includes('..'));
  if (bad !== undefined) return { reason: `bundle entry "${bad.slice(0, 200)}" escapes the slot` };
  // `tar -C dir .` lists entries as `./x`: the `.` counts as a component to strip.
  const dot = entries.some((e) => e.startsWith('./')) ? 1 : 0;
  const names = entries.map((e) => e.replace(/^\.\//, '')).filter((n) => n !== '' && n !== '.');
  if (names.includes('VERSION')) return { strip: dot };
  const tops = new Set(names.map((n) => n.split('/')[0]));
  const [top] = tops;
  if (tops.size === 1 && top !== undefined && names.includes(`${top}/VERSION`)) return { strip: dot + 1 };
  return { reason: 'bundle has no VERSION file at its top level' };
}

/** Empties `dir`, unpacks the bundle into it and returns the VERSION it holds. */
export async function unpackBundle(file: string, dir: string): Promise<string> {
  const plan = planUnpack(await listBundle(file));
  if ('reason' in plan) throw new Error(plan.reason);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await run('tar', [
    '--extract',
    '--gzip',
    '--file',
    file,
    '--directory',
    dir,
    '--no-same-owner',
    `--strip-components=${plan.strip}`,
  ]);
  const version = (await readFile(path.join(dir, 'VERSION'), 'utf8')).trim();
  if (!version) throw new Error('the bundle’s VERSION file is empty');
  return version;
}
