// `hub-server sign-bundle` on real files: key generation, signing a real tarball, publishing it, and
// the signature verifying the way gateways verify it (ed25519 over the SHA-256 digest).
import { execFile } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundleManifestSchema, readManifest } from '../fleet/bundle-manifest.js';
import { signBundleCommand } from './sign-bundle.js';

const run = promisify(execFile);

async function tarball(dir: string, version: string, wrap = ''): Promise<string> {
  const src = path.join(dir, `src-${version}`);
  await mkdir(path.join(src, wrap), { recursive: true });
  await writeFile(path.join(src, wrap, 'VERSION'), `${version}\n`);
  await writeFile(path.join(src, wrap, 'agent.js'), 'console.log("hi")\n');
  const file = path.join(dir, `edge-agent-${version}.tar.gz`);
  await run('tar', ['--create', '--gzip', '--file', file, '--directory', src, '.']);
  return file;
}

describe('hub-server sign-bundle', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sign-bundle-'));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('generates a key, signs and publishes a bundle the public key verifies', async () => {
    const key = path.join(dir, 'hub-update.key');
    expect(await signBundleCommand.run(['--generate-key', '--key', key])).toBe(0);
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    await expect(signBundleCommand.run(['--generate-key', '--key', key])).rejects.toThrow(/already exists/);

    const bundle = await tarball(dir, '2.1.0', 'edge-agent-2.1.0');
    const bundles = path.join(dir, 'data', 'bundles');
    expect(await signBundleCommand.run(['--key', key, '--bundle', bundle, '--publish', bundles])).toBe(0);

    const manifest = bundleManifestSchema.parse(
      JSON.parse(await readFile(`${bundle}.manifest.json`, 'utf8')),
    );
    const bytes = await readFile(bundle);
    const digest = createHash('sha256').update(bytes).digest();
    expect(manifest).toMatchObject({ version: '2.1.0', sha256: digest.toString('hex'), size: bytes.length });
    expect((await readFile(`${bundle}.sig`, 'utf8')).trim()).toBe(manifest.signature);
    const publicKey = createPublicKey(await readFile(`${key}.pub`));
    expect(verify(null, digest, publicKey, Buffer.from(manifest.signature, 'base64'))).toBe(true);
    // Changed bytes no longer verify.
    const other = createHash('sha256')
      .update(Buffer.concat([bytes, Buffer.from([0])]))
      .digest();
    expect(verify(null, other, publicKey, Buffer.from(manifest.signature, 'base64'))).toBe(false);

    expect(await readManifest(bundles, '2.1.0')).toEqual(manifest);
    expect((await readFile(path.join(bundles, '2.1.0.tar.gz'))).equals(bytes)).toBe(true);
  });

  it('names what is wrong: a key that is not ed25519, a bundle without VERSION, missing flags', async () => {
    const rsa = path.join(dir, 'rsa.key');
    const pair = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await writeFile(rsa, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const bundle = await tarball(dir, '3');
    await expect(signBundleCommand.run(['--key', rsa, '--bundle', bundle])).rejects.toThrow(
      /--key .*rsa\.key: is a rsa key, expected ed25519/,
    );
    const key = path.join(dir, 'k');
    await signBundleCommand.run(['--generate-key', '--key', key]);
    const empty = path.join(dir, 'empty.tar.gz');
    await run('tar', ['--create', '--gzip', '--file', empty, '--directory', dir, 'k.pub']);
    await expect(signBundleCommand.run(['--key', key, '--bundle', empty])).rejects.toThrow(
      /has no VERSION file/,
    );
    await expect(signBundleCommand.run(['--bundle', bundle])).rejects.toThrow(/--key: required/);
    await expect(
      signBundleCommand.run(['--key', path.join(dir, 'nope'), '--bundle', bundle]),
    ).rejects.toThrow(/cannot read .*nope \(ENOENT\)/);
  });
});
