// Test bundles in the real layout (bundle-layout.ts), small: the generated install.sh, bin/edge-agent
// and unit, the compiled update launcher from this repository's dist (run `npx tsc -b` first), a
// bin/node (this machine's node, linked or copied, or a script that execs it) and the app files a test
// gives; SHA256SUMS written by `sealBundle`. Used by the install.sh and update tests only.
import { chmod, copyFile, link, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_PATHS, type BundleArch, bundleDirName } from './bundle-layout.js';
import { installScript, launcherScript } from './install-script.js';
import { formatSha256Sums } from './sha256-sums.js';
import { isRuntimeJs } from './staged-package.js';
import { systemdUnit } from './systemd-unit.js';
import { listFiles, sha256File } from './tree-files.js';

/** The compiled update folder of this repository (what `edge-agent bundle` ships). */
export const DIST_UPDATE_DIR = fileURLToPath(new URL('../../../dist/src/fleet/update/', import.meta.url));

export interface FixtureOptions {
  arch?: BundleArch;
  /** path → text; `bin/*` and `*.sh` are made executable. */
  files?: Record<string, string>;
  /**
   * bin/node: 'copy' this machine's node binary (a hard link when it can), 'script' a small sh that
   * execs it with EDGE_FIXTURE_NODE set to the script's path (small, for tarballs), or 'none'.
   */
  node?: 'copy' | 'script' | 'none';
  /** Copy the compiled update launcher into app/edge-agent/dist/src/fleet/update (default true). */
  launcher?: boolean;
}

/** Writes `<parent>/edge-agent-<version>-linux-<arch>/` and returns its path (not sealed yet). */
export async function writeBundleTree(
  parent: string,
  version: string,
  o: FixtureOptions = {},
): Promise<string> {
  const arch = o.arch ?? 'x64';
  const tree = path.join(parent, bundleDirName(version, arch));
  const put = async (rel: string, text: string, mode = 0o644) => {
    await mkdir(path.dirname(path.join(tree, rel)), { recursive: true });
    await writeFile(path.join(tree, rel), text);
    await chmod(path.join(tree, rel), mode);
  };
  await put(BUNDLE_PATHS.version, `${version}\n`);
  await put(BUNDLE_PATHS.install, installScript({ arch }), 0o755);
  await put(BUNDLE_PATHS.launcher, launcherScript(), 0o755);
  await put(BUNDLE_PATHS.unit, systemdUnit({ version }));
  for (const [rel, text] of Object.entries(o.files ?? {}))
    await put(rel, text, rel.startsWith('bin/') || rel.endsWith('.sh') ? 0o755 : 0o644);
  const node = path.join(tree, BUNDLE_PATHS.node);
  if (o.node === 'copy') {
    await mkdir(path.dirname(node), { recursive: true });
    await link(process.execPath, node).catch(() => copyFile(process.execPath, node));
  } else if ((o.node ?? 'script') === 'script')
    await put(
      BUNDLE_PATHS.node,
      `#!/bin/sh\nexport EDGE_FIXTURE_NODE="$0"\nexec ${shellQuote(process.execPath)} "$@"\n`,
      0o755,
    );
  if (o.launcher ?? true) {
    const to = path.join(tree, BUNDLE_PATHS.updateLauncher);
    await mkdir(to, { recursive: true });
    for (const name of (await readdir(DIST_UPDATE_DIR)).filter(isRuntimeJs))
      await copyFile(path.join(DIST_UPDATE_DIR, name), path.join(to, name));
  }
  return tree;
}

/** Writes SHA256SUMS over every other file of the tree. */
export async function sealBundle(tree: string): Promise<void> {
  const digests = await Promise.all(
    (await listFiles(tree)).map(async (p) => ({ path: p, sha256: await sha256File(path.join(tree, p)) })),
  );
  await writeFile(path.join(tree, BUNDLE_PATHS.sums), formatSha256Sums(digests));
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
