// `hub-server sign-bundle`: signs a gateway bundle with the hub's ed25519 key (writing `<bundle>.sig`
// and `<bundle>.manifest.json`, and with --publish copying it where GET /api/v1/bundles serves it),
// or with --generate-key creates that key pair.
import { readFile, writeFile } from 'node:fs/promises';
import {
  generateSigningKey,
  loadSigningKey,
  publishBundle,
  signBundle,
  writeSignature,
} from '../fleet/bundle-signing.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';

const usage = `Usage: hub-server sign-bundle --key FILE --bundle FILE [--publish DIR]
       hub-server sign-bundle --generate-key --key FILE [--public-key FILE]

Signs a gateway bundle (a tar.gz with a VERSION file): ed25519 over the bundle's SHA-256 digest.
Writes FILE.sig (base64) and FILE.manifest.json {version, sha256, signature, size}, and prints the
manifest. Gateways verify with the public key given to them at install time.

Options:
  --key FILE         the hub's ed25519 private key (PEM); with --generate-key, where to create it (0600)
  --bundle FILE      the bundle to sign
  --publish DIR      also copy the bundle, its signature and manifest into DIR as <version>.* —
                     use <dataDir>/bundles, which GET /api/v1/bundles/{version} serves
  --generate-key     create a new key pair instead of signing
  --public-key FILE  where --generate-key writes the public key (default: KEY.pub)`;

export const signBundleCommand: Command = {
  name: 'sign-bundle',
  summary: 'sign a gateway software bundle (or generate the signing key)',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        key: { type: 'string' },
        bundle: { type: 'string' },
        publish: { type: 'string' },
        'generate-key': { type: 'boolean' },
        'public-key': { type: 'string' },
      },
      usage,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (!values.key) throw new UsageError(`--key: required\n\n${usage}`);
    if (values['generate-key']) {
      const pair = generateSigningKey();
      const publicFile = values['public-key'] ?? `${values.key}.pub`;
      // `wx`: an existing key is never overwritten (gateways trust it).
      await writeFile(values.key, pair.privatePem, { mode: 0o600, flag: 'wx' }).catch(
        (err: NodeJS.ErrnoException) => {
          throw err.code === 'EEXIST'
            ? new Error(`--key: ${values.key} already exists; not overwriting it`)
            : err;
        },
      );
      await writeFile(publicFile, pair.publicPem);
      console.log(JSON.stringify({ privateKey: values.key, publicKey: publicFile }));
      return 0;
    }
    if (!values.bundle) throw new UsageError(`--bundle: required (or --generate-key)\n\n${usage}`);
    const key = loadSigningKey(await readKey(values.key), `--key ${values.key}`);
    const manifest = await signBundle(values.bundle, key);
    await writeSignature(values.bundle, manifest);
    if (values.publish) {
      const target = await publishBundle(values.bundle, manifest, values.publish);
      console.error(`published ${manifest.version} as ${target}`);
    }
    console.log(JSON.stringify(manifest));
    return 0;
  },
};

async function readKey(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(
      `--key: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
}
