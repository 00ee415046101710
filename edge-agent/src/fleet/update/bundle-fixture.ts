// Test bundles: a real tar.gz made with Debian's tar from a few files, and its signature made the
// way the hub makes it (ed25519 over the SHA-256 digest). Used by the update tests only.
import { execFile } from 'node:child_process';
import { createHash, type KeyObject, sign } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Writes `files` (path → text; `bin/*` executable) plus VERSION into a tarball `<dir>/<name>.tar.gz`. */
export async function makeBundle(
  dir: string,
  name: string,
  version: string,
  files: Record<string, string> = {},
): Promise<string> {
  const src = await mkdtemp(path.join(dir, `${name}-src-`));
  for (const [rel, text] of Object.entries({ VERSION: `${version}\n`, ...files })) {
    const file = path.join(src, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    if (rel.startsWith('bin/')) await chmod(file, 0o755);
  }
  const out = path.join(dir, `${name}.tar.gz`);
  await run('tar', ['--create', '--gzip', '--file', out, '--directory', src, '.']);
  await rm(src, { recursive: true });
  return out;
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
