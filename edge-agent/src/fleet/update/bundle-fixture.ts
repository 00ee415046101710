// Test bundles: a real tar.gz made with Debian's tar from a few files, wrapped in one folder
// `edge-agent-<version>-linux-<arch>/` as `edge-agent bundle` wraps it, and its signature made the way
// the hub makes it (ed25519 over the SHA-256 digest). Used by the update tests only.
import { execFile } from 'node:child_process';
import { createHash, type KeyObject, sign } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Writes `files` (path → text; `bin/*` and `*.sh` executable) plus VERSION into a tarball
 * `<dir>/<name>.tar.gz`, inside the folder `edge-agent-<version>-linux-x64/`.
 */
export async function makeBundle(
  dir: string,
  name: string,
  version: string,
  files: Record<string, string> = {},
): Promise<string> {
  const src = await mkdtemp(path.join(dir, `${name}-src-`));
  const wrap = `edge-agent-${version}-linux-x64`;
  await writeFiles(src, wrap, { VERSION: `${version}\n`, ...files });
  const out = await tarGz(src, wrap, path.join(dir, `${name}.tar.gz`));
  await rm(src, { recursive: true });
  return out;
}

/** Packs the folder `<parent>/<name>` (and only it) into the tarball `out`, as the bundle builder does. */
export async function tarGz(parent: string, name: string, out: string): Promise<string> {
  await run('tar', ['--create', '--gzip', '--file', out, '--directory', parent, name]);
  return out;
}

async function writeFiles(src: string, wrap: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(src, wrap, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    if (rel.startsWith('bin/') || rel.endsWith('.sh')) await chmod(file, 0o755);
  }
}

export async function signFile(
  file: string,
  privateKey: KeyObject,
): Promise<{ sha256: string; signature: string }> {
  const digest = createHash('sha256')
    .update(await readFile(file))
    .digest();
  return { sha256: digest.toString('hex'), signature: sign(null, digest, privateKey).toString('base64') };
}
