// install.sh run for real (sh, coreutils) on small bundles into a temp root: versioned folders, the
// `current` switch, the unit, rollback room, and refusal of changed, extra or linked files. The
// launcher runs this machine's node through `current`.
import { spawnSync } from 'node:child_process';
import {
  chmod,
  copyFile,
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_PATHS, bundleDirName, isBundleArch } from './bundle-layout.js';
import { installScript, launcherScript } from './install-script.js';
import { formatSha256Sums } from './sha256-sums.js';
import { systemdUnit } from './systemd-unit.js';
import { listFiles, sha256File } from './tree-files.js';

let work = '';
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'install-sh-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A bundle tree as the builder lays it out, with `files` as the app; SHA256SUMS written last. */
async function makeBundle(version: string, files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(work, 'b-'));
  const tree = path.join(dir, bundleDirName(version, 'arm64'));
  const put = async (rel: string, text: string, mode = 0o644) => {
    await mkdir(path.dirname(path.join(tree, rel)), { recursive: true });
    await writeFile(path.join(tree, rel), text);
    await chmod(path.join(tree, rel), mode);
  };
  await put(BUNDLE_PATHS.version, `${version}\n`);
  await put(BUNDLE_PATHS.install, installScript({ arch: 'arm64' }), 0o755);
  await put(BUNDLE_PATHS.launcher, launcherScript(), 0o755);
  await put(BUNDLE_PATHS.unit, systemdUnit({ version }));
  for (const [rel, text] of Object.entries(files)) await put(rel, text);
  return tree;
}

async function seal(tree: string): Promise<void> {
  const digests = await Promise.all(
    (await listFiles(tree)).map(async (p) => ({ path: p, sha256: await sha256File(path.join(tree, p)) })),
  );
  await writeFile(path.join(tree, BUNDLE_PATHS.sums), formatSha256Sums(digests));
}

function install(tree: string, root: string, ...extra: string[]) {
  const r = spawnSync('sh', [path.join(tree, 'install.sh'), '--root', root, ...extra], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('install.sh', () => {
  it('installs a version, switches current, keeps the old one for rollback, and installs the unit', async () => {
    const root = path.join(work, 'root-a');
    const v1 = await makeBundle('1.0.0', { 'app/edge-agent/bin/edge-agent.js': 'v1' });
    await seal(v1);
    const first = install(v1, root, '--no-start');
    expect(first.status, first.out).toBe(0);
    expect(first.out).toContain('service user and systemctl skipped');
    const prefix = path.join(root, 'opt/retail-edge');
    expect(await readlink(path.join(prefix, 'current'))).toBe('1.0.0');
    expect(await readFile(path.join(prefix, '1.0.0/app/edge-agent/bin/edge-agent.js'), 'utf8')).toBe('v1');
    expect(await readFile(path.join(root, 'etc/systemd/system/retail-edge.service'), 'utf8')).toBe(
      systemdUnit({ version: '1.0.0' }),
    );
    expect(await readdir(path.join(root, 'etc/retail-edge'))).toEqual([]);

    const v2 = await makeBundle('1.1.0', { 'app/edge-agent/bin/edge-agent.js': 'v2' });
    await seal(v2);
    expect(install(v2, root).status).toBe(0);
    expect(await readlink(path.join(prefix, 'current'))).toBe('1.1.0');
    expect(await readFile(path.join(prefix, 'current/app/edge-agent/bin/edge-agent.js'), 'utf8')).toBe('v2');
    // The same version again replaces it whole; no half-installed or replaced copies are left.
    expect(install(v2, root).status).toBe(0);
    expect((await readdir(prefix)).sort()).toEqual(['1.0.0', '1.1.0', 'current']);
  });

  it('refuses a changed, an unlisted or a linked file and leaves the installation alone', async () => {
    const root = path.join(work, 'root-b');
    const good = await makeBundle('2.0.0', { 'app/a.js': 'a' });
    await seal(good);
    expect(install(good, root).status).toBe(0);

    const changed = await makeBundle('2.1.0', { 'app/a.js': 'a' });
    await seal(changed);
    await writeFile(path.join(changed, 'app/a.js'), 'tampered');
    const r1 = install(changed, root);
    expect(r1.status).toBe(1);
    expect(r1.out).toContain('checksum mismatch');

    const extra = await makeBundle('2.1.0', { 'app/a.js': 'a' });
    await seal(extra);
    await writeFile(path.join(extra, 'app/b.js'), 'smuggled');
    const r2 = install(extra, root);
    expect(r2.status).toBe(1);
    expect(r2.out).toContain('files not listed in SHA256SUMS: app/b.js');

    const linked = await makeBundle('2.1.0', { 'app/a.js': 'a' });
    await seal(linked);
    await symlink('/etc/passwd', path.join(linked, 'app/passwd'));
    const r3 = install(linked, root);
    expect(r3.status).toBe(1);
    expect(r3.out).toContain('unexpected links');

    const prefix = path.join(root, 'opt/retail-edge');
    expect(await readlink(path.join(prefix, 'current'))).toBe('2.0.0');
    expect((await readdir(prefix)).sort()).toEqual(['2.0.0', 'current']);
  });

  it('refuses a version that is not a plain name, and unknown options', async () => {
    const bad = await makeBundle('../x');
    await seal(bad);
    const r = install(bad, path.join(work, 'root-c'));
    expect(r.status).toBe(1);
    expect(r.out).toContain('bad version');
    const good = await makeBundle('3.0.0');
    await seal(good);
    const u = install(good, path.join(work, 'root-c'), '--frobnicate');
    expect(u.status).toBe(2);
    expect(u.out).toContain('unknown option: --frobnicate');
  });

  it.runIf(isBundleArch(process.arch))(
    'installs a launcher that runs the bundled node through current',
    async () => {
      const root = path.join(work, 'root-d');
      const tree = await makeBundle('4.0.0', {
        'app/edge-agent/bin/edge-agent.js': 'console.log(JSON.stringify(process.argv.slice(2)));\n',
      });
      // This machine's node stands in for the board's own: the launcher's job is the same.
      await link(process.execPath, path.join(tree, BUNDLE_PATHS.node)).catch(() =>
        copyFile(process.execPath, path.join(tree, BUNDLE_PATHS.node)),
      );
      await seal(tree);
      expect(install(tree, root).status).toBe(0);
      const run = spawnSync(
        path.join(root, 'opt/retail-edge/current/bin/edge-agent'),
        ['run', '--config', 'a b.json'],
        {
          encoding: 'utf8',
        },
      );
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(['run', '--config', 'a b.json']);
    },
  );
});
