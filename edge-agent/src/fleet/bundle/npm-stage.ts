// The two things the bundle needs from the npm registry, fetched into a cache under `.cache/` (the only
// place the network is used; a second build with a warm cache runs offline): production node_modules
// for linux-<arch>, installed in a staging folder with npm's --cpu/--os/--libc, and the Node binary
// from the npm package node-linux-<arch>.
import { access, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BundleArch, nodePackageName } from './bundle-layout.js';
import { runTool } from './run-tool.js';
import {
  isRuntimeJs,
  type Lockfile,
  type Manifest,
  stagedManifest,
  workspaceCopyDir,
  workspaceCopyManifest,
} from './staged-package.js';
import { copyTree } from './tree-files.js';

export interface StageOptions {
  arch: BundleArch;
  /** The agent's manifest (its `dependencies` are installed). */
  agent: Manifest;
  /** The repository's package-lock.json, to pin the agent's direct dependencies. */
  lock: Lockfile;
  /** Workspace packages the agent depends on: name → folder with package.json and dist/. */
  workspaces: ReadonlyMap<string, string>;
  stageDir: string;
  npmCacheDir: string;
  log: (line: string) => void;
}

const npmEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  // onnxruntime-node's install script would download CUDA parts; scripts are off anyway.
  ONNXRUNTIME_NODE_INSTALL: 'skip',
  NPM_CONFIG_UPDATE_NOTIFIER: 'false',
});

/** Installs the agent's production dependencies for linux-<arch> in `stageDir`; returns what was unpinned. */
export async function installProductionModules(o: StageOptions): Promise<{ unpinned: string[] }> {
  const { manifest, unpinned } = stagedManifest({
    agent: o.agent,
    lock: o.lock,
    workspaces: [...o.workspaces.keys()],
  });
  await mkdir(o.stageDir, { recursive: true });
  await writeFile(path.join(o.stageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, dir] of o.workspaces) {
    const copy = path.join(o.stageDir, workspaceCopyDir(name));
    await rm(copy, { recursive: true, force: true });
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as Manifest;
    await mkdir(copy, { recursive: true });
    await writeFile(
      path.join(copy, 'package.json'),
      `${JSON.stringify(workspaceCopyManifest(pkg), null, 2)}\n`,
    );
    await copyTree(path.join(dir, 'dist', 'src'), path.join(copy, 'dist', 'src'), (rel, isDir) =>
      isDir ? true : isRuntimeJs(rel),
    );
    // A changed workspace copy must replace the installed one; npm does not notice on its own.
    await rm(path.join(o.stageDir, 'node_modules', ...name.split('/')), { recursive: true, force: true });
  }
  o.log(`npm install (linux-${o.arch}, production) in ${o.stageDir}`);
  await runTool(
    'npm',
    [
      'install',
      '--prefix',
      o.stageDir,
      '--workspaces=false',
      '--omit=dev',
      `--cpu=${o.arch}`,
      '--os=linux',
      '--libc=glibc',
      '--ignore-scripts',
      '--install-links',
      '--prefer-offline',
      `--cache=${o.npmCacheDir}`,
      '--no-audit',
      '--no-fund',
      '--loglevel=warn',
    ],
    { cwd: o.stageDir, env: npmEnv() },
  );
  return { unpinned };
}

/** Puts the Node binary for linux-<arch> at `dest`, from `node-linux-<arch>@<version>` (cached). */
export async function fetchNodeBinary(o: {
  arch: BundleArch;
  version: string;
  cacheDir: string;
  npmCacheDir: string;
  dest: string;
  log: (line: string) => void;
}): Promise<void> {
  const pkg = nodePackageName(o.arch);
  const tgz = path.join(o.cacheDir, `${pkg}-${o.version}.tgz`);
  await mkdir(o.cacheDir, { recursive: true });
  if (!(await exists(tgz))) {
    o.log(`npm pack ${pkg}@${o.version}`);
    await runTool(
      'npm',
      [
        'pack',
        `${pkg}@${o.version}`,
        '--pack-destination',
        o.cacheDir,
        `--cache=${o.npmCacheDir}`,
        '--loglevel=warn',
      ],
      { cwd: o.cacheDir, env: npmEnv(), captureStdout: true },
    );
    if (!(await exists(tgz))) throw new Error(`npm pack ${pkg}@${o.version} did not produce ${tgz}`);
  }
  const tmp = await mkdtemp(path.join(o.cacheDir, '.extract-'));
  try {
    await runTool('tar', ['-xzf', tgz, '-C', tmp, 'package/bin/node']);
    await mkdir(path.dirname(o.dest), { recursive: true });
    await rename(path.join(tmp, 'package', 'bin', 'node'), o.dest);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}
