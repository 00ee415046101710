// Builds the edge-agent bundle (layout in bundle-layout.ts): assembles the tree in a temporary
// staging folder (outside the repository, so a repo-wide lint never reads it; downloads stay cached in
// `cacheDir`), checks every native binary is for the target CPU, writes SHA256SUMS, and packs it with
// Debian tar into a .tar.gz. Needs `npm run build` done and the prepared models present.
import {
  access,
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUNDLE_PATHS, type BundleArch, bundleDirName, ELF_MACHINE } from './bundle-layout.js';
import { elfMachine } from './elf-machine.js';
import { installScript, launcherScript } from './install-script.js';
import { launcherImportProblems } from './launcher-imports.js';
import { fetchNodeBinary, installProductionModules } from './npm-stage.js';
import { runTool } from './run-tool.js';
import { formatSha256Sums } from './sha256-sums.js';
import { isRuntimeJs, keepInNodeModules, type Lockfile, type Manifest } from './staged-package.js';
import { systemdUnit } from './systemd-unit.js';
import { copyTree, listFiles, readHead, sha256File } from './tree-files.js';

export interface BundleOptions {
  /** The repository: edge-agent/, contracts/, models/, package-lock.json. */
  repoRoot: string;
  arch: BundleArch;
  /** The .tar.gz to write (its folder is created). */
  out: string;
  /** Node version of the bundled binary, e.g. "20.20.2". */
  nodeVersion: string;
  /** Downloads: npm's cache and the Node packages (default `<repoRoot>/.cache`). */
  cacheDir: string;
  log: (line: string) => void;
}

export interface BundleResult {
  file: string;
  version: string;
  arch: BundleArch;
  nodeVersion: string;
  /** Size of the .tar.gz. */
  bytes: number;
  /** Files and their total size inside it. */
  files: number;
  unpackedBytes: number;
  sha256: string;
  /** Direct dependencies the lockfile did not pin (installed by their range). */
  unpinned: string[];
}

export class BundleInputError extends Error {}

export async function buildBundle(o: BundleOptions): Promise<BundleResult> {
  const repo = (...p: string[]) => path.join(o.repoRoot, ...p);
  await requireFile(
    repo('edge-agent', 'dist', 'src', 'cli.js'),
    'the agent is not built: run `npm run build`',
  );
  await requireFile(
    repo('contracts', 'dist', 'src', 'index.js'),
    'contracts are not built: run `npm run build`',
  );
  await requireFile(
    repo('models', 'generated', 'nanodet-g.onnx'),
    'the models are not prepared: run `npm install`',
  );
  const agent = await readJson<Manifest>(repo('edge-agent', 'package.json'));
  const lock = await readJson<Lockfile>(repo('package-lock.json'));
  const version = agent.version;
  if (!version || !/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(version))
    throw new BundleInputError(
      `edge-agent/package.json: version "${version ?? ''}" cannot name an install folder`,
    );

  // Staging stays out of the repository: a lint of the repo would read the staged JS and JSON.
  const stage = await mkdtemp(path.join(tmpdir(), `edge-bundle-${o.arch}-`));
  try {
    return await assemble(o, { agent, lock, version, stage, repo });
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function assemble(
  o: BundleOptions,
  s: { agent: Manifest; lock: Lockfile; version: string; stage: string; repo: (...p: string[]) => string },
): Promise<BundleResult> {
  const { agent, lock, version, stage, repo } = s;
  const treeRoot = path.join(stage, 'tree');
  const dirName = bundleDirName(version, o.arch);
  const tree = path.join(treeRoot, dirName);
  const at = (p: string) => path.join(tree, p);
  await mkdir(tree, { recursive: true });

  // Production node_modules for the target, then the compiled agent next to them.
  const npmDir = path.join(stage, 'npm');
  const { unpinned } = await installProductionModules({
    arch: o.arch,
    agent,
    lock,
    workspaces: new Map([['@retail/contracts', repo('contracts')]]),
    stageDir: npmDir,
    npmCacheDir: path.join(o.cacheDir, 'npm'),
    log: o.log,
  });
  o.log('assembling the bundle tree');
  await copyTree(path.join(npmDir, 'node_modules'), at(`${BUNDLE_PATHS.app}/node_modules`), (rel) =>
    keepInNodeModules(rel, o.arch),
  );
  for (const f of ['package.json', 'package-lock.json'])
    await copyTree(path.join(npmDir, f), at(`${BUNDLE_PATHS.app}/${f}`));
  await copyTree(repo('edge-agent', 'bin'), at(`${BUNDLE_PATHS.agent}/bin`));
  await copyTree(repo('edge-agent', 'dist', 'src'), at(`${BUNDLE_PATHS.agent}/dist/src`), (rel, isDir) =>
    isDir ? true : isRuntimeJs(rel),
  );
  await checkUpdateLauncher(at(BUNDLE_PATHS.updateLauncher));
  await writeFile(
    at(`${BUNDLE_PATHS.agent}/package.json`),
    `${JSON.stringify({ name: agent.name, version, private: true, type: 'module', bin: agent.bin }, null, 2)}\n`,
  );
  await copyTree(repo('models', 'README.md'), at(`${BUNDLE_PATHS.models}/README.md`));
  await copyTree(repo('models', 'generated'), at(`${BUNDLE_PATHS.models}/generated`));

  await fetchNodeBinary({
    arch: o.arch,
    version: o.nodeVersion,
    cacheDir: path.join(o.cacheDir, 'node'),
    npmCacheDir: path.join(o.cacheDir, 'npm'),
    dest: at(BUNDLE_PATHS.node),
    log: o.log,
  });
  await chmod(at(BUNDLE_PATHS.node), 0o755);
  await writeExecutable(at(BUNDLE_PATHS.launcher), launcherScript());
  await writeExecutable(at(BUNDLE_PATHS.install), installScript({ arch: o.arch }));
  await mkdir(path.dirname(at(BUNDLE_PATHS.unit)), { recursive: true });
  await writeFile(at(BUNDLE_PATHS.unit), systemdUnit({ version }));
  await writeFile(at(BUNDLE_PATHS.version), `${version}\n`);

  // Every native binary must be for the board, or it fails there at the first require.
  const files = await listFiles(tree);
  await checkNativeCode(tree, files, o.arch);
  let unpackedBytes = 0;
  const digests = [];
  for (const f of files) {
    digests.push({ path: f, sha256: await sha256File(at(f)) });
    unpackedBytes += (await stat(at(f))).size;
  }
  await writeFile(at(BUNDLE_PATHS.sums), formatSha256Sums(digests));

  o.log(`packing ${files.length + 1} files (${(unpackedBytes / 2 ** 20).toFixed(0)} MiB) into ${o.out}`);
  await mkdir(path.dirname(path.resolve(o.out)), { recursive: true });
  const partial = `${o.out}.partial`;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  await runTool('tar', [
    '--sort=name',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    ...(epoch && /^\d+$/.test(epoch) ? [`--mtime=@${epoch}`] : []),
    '-czf',
    path.resolve(partial),
    '-C',
    treeRoot,
    dirName,
  ]);
  await rename(partial, o.out);
  return {
    file: o.out,
    version,
    arch: o.arch,
    nodeVersion: o.nodeVersion,
    bytes: (await stat(o.out)).size,
    files: files.length + 1,
    unpackedBytes,
    sha256: await sha256File(o.out),
    unpinned,
  };
}

/** install.sh copies the update launcher out of the bundle with only node beside it. */
async function checkUpdateLauncher(dir: string): Promise<void> {
  const names = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.js'));
  const files = await Promise.all(
    names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') })),
  );
  const problems = launcherImportProblems(files);
  if (problems.length > 0)
    throw new Error(
      `the update launcher in ${BUNDLE_PATHS.updateLauncher} cannot run alone: ${problems.join('; ')}`,
    );
}

/** bin/node and every `.node` addon must be ELF for the target CPU. */
async function checkNativeCode(tree: string, files: readonly string[], arch: BundleArch): Promise<void> {
  const native = files.filter((f) => f === BUNDLE_PATHS.node || f.endsWith('.node'));
  const wrong: string[] = [];
  for (const f of native) {
    const machine = elfMachine(await readHead(path.join(tree, f), 20));
    if (machine !== ELF_MACHINE[arch]) wrong.push(`${f} (ELF machine ${machine ?? 'none'})`);
  }
  if (!native.some((f) => f.endsWith('.node'))) wrong.push('no native addons at all (onnxruntime, sharp)');
  if (wrong.length > 0)
    throw new Error(`bundle for linux-${arch}: native code for another CPU: ${wrong.join(', ')}`);
}

async function requireFile(file: string, hint: string): Promise<void> {
  await access(file).catch(() => {
    throw new BundleInputError(`${file} is missing: ${hint}`);
  });
}

async function readJson<T>(file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    throw new BundleInputError(`${file}: ${(err as Error).message}`);
  }
}

async function writeExecutable(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  await chmod(file, 0o755);
}
