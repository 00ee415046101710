// `edge-agent bundle --arch arm64|x64 --out FILE`: the self-contained tarball a board installs with
// its install.sh. Uses the npm registry (cached under .cache/); progress on stderr, one JSON line on stdout.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARCHES, BundleInputError, buildBundle, isBundleArch } from '../fleet/bundle/index.js';
import { UsageError } from './vision-flags.js';

export const bundleUsage = `Usage: edge-agent bundle --arch arm64|x64 --out FILE [--node-version V] [--cache-dir DIR]

Builds a self-contained .tar.gz for a linux-<arch> board: the compiled agent and contracts, production
node_modules for linux-<arch>, the Node binary (npm package node-linux-<arch>, default: this Node's
version), the prepared models, a systemd unit, install.sh and SHA256SUMS. Needs \`npm run build\` first
and the npm registry (or a warm cache). Downloads are cached in DIR (default: <repo>/.cache).
On the board: tar xzf FILE && sudo ./edge-agent-*/install.sh`;

export async function bundle(values: Record<string, unknown>): Promise<number> {
  const arch = values.arch;
  if (typeof arch !== 'string' || !isBundleArch(arch))
    throw new UsageError(`--arch must be one of ${ARCHES.join(', ')}\n\n${bundleUsage}`);
  const out = values.out;
  if (typeof out !== 'string' || out === '') throw new UsageError(`--out FILE is required\n\n${bundleUsage}`);
  const nodeVersion =
    typeof values['node-version'] === 'string' ? values['node-version'] : process.versions.node;
  if (!/^\d+\.\d+\.\d+$/.test(nodeVersion))
    throw new UsageError(`--node-version must look like 20.20.2, not "${nodeVersion}"`);
  const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
  const cacheDir =
    typeof values['cache-dir'] === 'string' ? values['cache-dir'] : path.join(repoRoot, '.cache');
  try {
    const started = Date.now();
    const result = await buildBundle({
      repoRoot,
      arch,
      out: path.resolve(out),
      nodeVersion,
      cacheDir: path.resolve(cacheDir),
      log: (line) => console.error(`bundle: ${line}`),
    });
    if (result.unpinned.length > 0)
      console.error(`bundle: not in package-lock.json, installed by range: ${result.unpinned.join(', ')}`);
    console.log(
      JSON.stringify({
        ...result,
        mib: Math.round((result.bytes / 2 ** 20) * 10) / 10,
        unpackedMiB: Math.round((result.unpackedBytes / 2 ** 20) * 10) / 10,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      }),
    );
    return 0;
  } catch (err) {
    if (err instanceof BundleInputError) throw new UsageError(err.message);
    throw err;
  }
}

/** The repository this agent was built in: the folder with package-lock.json and edge-agent/. */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (
      existsSync(path.join(dir, 'package-lock.json')) &&
      existsSync(path.join(dir, 'edge-agent', 'package.json'))
    )
      return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`no repository (package-lock.json + edge-agent/) above ${from}`);
  }
}
