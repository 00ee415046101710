// Published gateway bundles: `<bundlesDir>/<version>.tar.gz`, its signature `<version>.tar.gz.sig`
// and `<version>.manifest.json` {version, sha256, signature, size}. The signature is ed25519 over the
// 32-byte SHA-256 digest of the tarball (what the gateway's UpdateManager verifies).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** Versions are file names and URL segments: no slashes, no `..`, at most 40 characters (the `cmd` limit). */
export const bundleVersionSchema = z
  .string()
  .regex(
    /^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$/,
    'must be 1–40 of A-Z a-z 0-9 . _ + -, starting with a letter or digit',
  )
  .refine((v) => !v.includes('..'), 'must not contain ".."');

export const bundleManifestSchema = z.strictObject({
  version: bundleVersionSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
  signature: z.string().min(1).max(200),
  size: z.number().int().min(1),
});
export type BundleManifest = z.output<typeof bundleManifestSchema>;

export const bundleFile = (dir: string, version: string) => path.join(dir, `${version}.tar.gz`);
export const manifestFile = (dir: string, version: string) => path.join(dir, `${version}.manifest.json`);

/** The published manifest of `version`, or undefined when none is published; a broken one throws naming the field. */
export async function readManifest(dir: string, version: string): Promise<BundleManifest | undefined> {
  const file = manifestFile(dir, version);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = bundleManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  if (parsed.data.version !== version)
    throw new Error(`${file}: version is ${parsed.data.version}, expected ${version}`);
  return parsed.data;
}
