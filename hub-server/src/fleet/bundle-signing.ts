// Signing gateway bundles with the hub's ed25519 key: key generation (PKCS#8 / SPKI PEM), the
// signature over the bundle's SHA-256 digest, the VERSION read from inside the tarball, and
// publishing into the bundles folder the download route serves.
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { type BundleManifest, bundleFile, bundleVersionSchema, manifestFile } from './bundle-manifest.js';

const run = promisify(execFile);

export function generateSigningKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function loadSigningKey(pem: string | Buffer, where = 'the key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new Error(`${where}: not a PEM private key (${(err as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`${where}: is a ${key.asymmetricKeyType ?? 'unknown'} key, expected ed25519`);
  return key;
}

/** VERSION at the top of the tarball, or in its one wrapping folder. */
export async function readBundleVersion(file: string): Promise<string> {
  const { stdout: listing } = await run('tar', ['--list', '--gzip', '--file', file], { maxBuffer: 64 << 20 });
  const entry = listing
    .split('\n')
    .filter((e) => /^(\.\/)?([^/]+\/)?VERSION$/.test(e))
    .sort((a, b) => a.length - b.length)[0];
  if (!entry) throw new Error(`${file}: the bundle has no VERSION file`);
  const { stdout } = await run('tar', ['--extract', '--gzip', '--to-stdout', '--file', file, entry]);
  const version = bundleVersionSchema.safeParse(stdout.trim());
  if (!version.success)
    throw new Error(`${file}: VERSION "${stdout.trim().slice(0, 60)}" ${version.error.issues[0]?.message}`);
  return version.data;
}

export async function signBundle(file: string, key: KeyObject): Promise<BundleManifest> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const digest = hash.digest();
  return {
    version: await readBundleVersion(file),
    sha256: digest.toString('hex'),
    signature: sign(null, digest, key).toString('base64'),
    size: (await stat(file)).size,
  };
}

/** Writes `<file>.sig` and `<file>.manifest.json` next to the bundle. */
export async function writeSignature(file: string, manifest: BundleManifest): Promise<void> {
  await writeFile(`${file}.sig`, `${manifest.signature}\n`);
  await writeFile(`${file}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Copies the bundle into `dir` as `<version>.tar.gz` with its signature and manifest (the manifest last). */
export async function publishBundle(file: string, manifest: BundleManifest, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = bundleFile(dir, manifest.version);
  await copyFile(file, `${target}.tmp`);
  await rename(`${target}.tmp`, target);
  await writeFile(`${target}.sig`, `${manifest.signature}\n`);
  await writeFile(manifestFile(dir, manifest.version), `${JSON.stringify(manifest, null, 2)}\n`);
  return target;
}
