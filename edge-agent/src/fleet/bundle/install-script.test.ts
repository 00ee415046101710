// install.sh run for real (sh, coreutils) on small bundles in the real layout into a temp root: the
// A/B install (slot, `current`, state.json the UpdateManager reads, the launcher copy, the update key),
// manual updates into the idle slot, the unit, and refusal of changed, extra or linked files and of
// keys that are not ed25519. bin/edge-agent runs this machine's node through `current`.

import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateManager } from '../update/update-manager.js';
import { sealBundle, writeBundleTree } from './bundle-fixture.js';
import { isBundleArch } from './bundle-layout.js';
import { systemdUnit } from './systemd-unit.js';

let work = '';
let hubKey = '';
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'install-sh-'));
  hubKey = path.join(work, 'hub-key.pub');
  const { publicKey } = generateKeyPairSync('ed25519');
  await writeFile(hubKey, publicKey.export({ type: 'spki', format: 'pem' }));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A sealed bundle tree with `files` as the app. */
async function makeBundle(version: string, files: Record<string, string> = {}): Promise<string> {
  const tree = await writeBundleTree(await mkdtemp(path.join(work, 'b-')), version, { arch: 'arm64', files });
  await sealBundle(tree);
  return tree;
}

function install(tree: string, root: string, ...extra: string[]) {
  const r = spawnSync('sh', [path.join(tree, 'install.sh'), '--root', root, ...extra], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const AGENT = 'app/edge-agent/bin/edge-agent.js';

describe('install.sh', () => {
  it('lays out the A/B install, then installs newer bundles into the idle slot', async () => {
    const root = path.join(work, 'root-a');
    const prefix = path.join(root, 'opt/retail-edge');
    const v1 = await makeBundle('1.0.0', { [AGENT]: 'v1' });
    const first = install(v1, root, '--no-start');
    expect(first.status, first.out).toBe(0);
    expect(first.out).toContain('service user, ownership and systemctl skipped');
    expect(first.out).toMatch(/no update key: signed updates from the hub will be REFUSED/);
    expect(await readlink(path.join(prefix, 'current'))).toBe('slots/a');
    expect(await readFile(path.join(prefix, 'current', AGENT), 'utf8')).toBe('v1');
    expect((await readdir(prefix)).sort()).toEqual(['current', 'launcher', 'slots', 'state.json']);
    // The launcher copy: the compiled update code, a node of its own, and ESM for its .js files.
    const launcher = await readdir(path.join(prefix, 'launcher'));
    for (const f of ['launch.js', 'launcher.js', 'update-manager.js', 'node', 'package.json', 'VERSION'])
      expect(launcher).toContain(f);
    expect((await stat(path.join(prefix, 'launcher/node'))).mode & 0o111).not.toBe(0);
    expect(JSON.parse(await readFile(path.join(prefix, 'launcher/package.json'), 'utf8')).type).toBe(
      'module',
    );
    // The UpdateManager reads the state install.sh wrote, and agrees with `current`.
    const manager = new UpdateManager({ root: prefix });
    expect(await manager.state()).toEqual({
      active: 'a',
      previous: null,
      versions: { a: '1.0.0', b: null },
      pending: null,
      last: null,
    });
    expect(await manager.onStart()).toEqual({ status: 'running', slot: 'a', version: '1.0.0' });
    expect(await readFile(path.join(root, 'etc/systemd/system/retail-edge.service'), 'utf8')).toBe(
      systemdUnit({ version: '1.0.0' }),
    );
    expect(await readdir(path.join(root, 'etc/retail-edge'))).toEqual([]);

    // A manual update: the idle slot, `current` switched, the old slot untouched, the key installed.
    const v2 = await makeBundle('1.1.0', { [AGENT]: 'v2' });
    const second = install(v2, root, '--update-key', hubKey);
    expect(second.status, second.out).toBe(0);
    expect(second.out).toContain('update key installed');
    expect(await readlink(path.join(prefix, 'current'))).toBe('slots/b');
    expect(await readFile(path.join(prefix, 'current', AGENT), 'utf8')).toBe('v2');
    expect(await readFile(path.join(prefix, 'slots/a', AGENT), 'utf8')).toBe('v1');
    expect(await readFile(path.join(prefix, 'update-key.pub'), 'utf8')).toBe(await readFile(hubKey, 'utf8'));
    expect(await readFile(path.join(prefix, 'launcher/VERSION'), 'utf8')).toBe('1.1.0\n');
    expect(await manager.state()).toMatchObject({
      active: 'b',
      previous: 'a',
      versions: { a: '1.0.0', b: '1.1.0' },
      pending: null,
    });
    expect(UpdateManager.fromEnv({}, { EDGE_UPDATE_ROOT: prefix })).toBeDefined();

    // And again: back to slot a; the key stays; no half-installed copies are left.
    const v3 = await makeBundle('1.2.0', { [AGENT]: 'v3' });
    const third = install(v3, root);
    expect(third.status, third.out).toBe(0);
    expect(third.out).toContain('update key kept');
    expect(await readlink(path.join(prefix, 'current'))).toBe('slots/a');
    expect((await manager.state()).versions).toEqual({ a: '1.2.0', b: '1.1.0' });
    expect((await readdir(prefix)).sort()).toEqual([
      'current',
      'launcher',
      'slots',
      'state.json',
      'update-key.pub',
    ]);
    expect((await readdir(path.join(prefix, 'slots'))).sort()).toEqual(['a', 'b']);
  });

  it('refuses a changed, an unlisted or a linked file, or a key that is not ed25519, changing nothing', async () => {
    const root = path.join(work, 'root-b');
    const prefix = path.join(root, 'opt/retail-edge');
    const good = await makeBundle('2.0.0', { 'app/a.js': 'a' });
    expect(install(good, root).status).toBe(0);
    const before = await readFile(path.join(prefix, 'state.json'), 'utf8');

    const changed = await makeBundle('2.1.0', { 'app/a.js': 'a' });
    await writeFile(path.join(changed, 'app/a.js'), 'tampered');
    const r1 = install(changed, root);
    expect(r1.status).toBe(1);
    expect(r1.out).toContain('checksum mismatch');

    const extra = await makeBundle('2.1.0', { 'app/a.js': 'a' });
    await writeFile(path.join(extra, 'app/b.js'), 'smuggled');
    const r2 = install(extra, root);
    expect(r2.status).toBe(1);
    expect(r2.out).toContain('files not listed in SHA256SUMS: app/b.js');

    const linked = await makeBundle('2.1.0', { 'app/a.js': 'a' });
    await symlink('/etc/passwd', path.join(linked, 'app/passwd'));
    const r3 = install(linked, root);
    expect(r3.status).toBe(1);
    expect(r3.out).toContain('unexpected links');

    const x25519 = path.join(work, 'x25519.pub');
    await writeFile(
      x25519,
      generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' }) as string,
    );
    const fine = await makeBundle('2.1.0', { 'app/a.js': 'a' });
    for (const key of [x25519, path.join(work, 'missing.pub')]) {
      const r4 = install(fine, root, '--update-key', key);
      expect(r4.status).toBe(1);
      expect(r4.out).toMatch(/--update-key .*(not an ed25519 public key|no such file)/);
    }

    expect(await readlink(path.join(prefix, 'current'))).toBe('slots/a');
    expect(await readFile(path.join(prefix, 'state.json'), 'utf8')).toBe(before);
    expect(await readdir(path.join(prefix, 'slots'))).toEqual(['a']);
    expect((await readdir(prefix)).sort()).toEqual(['current', 'launcher', 'slots', 'state.json']);
  });

  it('refuses a version that is not a plain name, a bundle without the launcher, and unknown options', async () => {
    const bad = await makeBundle('../x');
    const r = install(bad, path.join(work, 'root-c'));
    expect(r.status).toBe(1);
    expect(r.out).toContain('bad version');
    const noLauncher = await writeBundleTree(await mkdtemp(path.join(work, 'b-')), '3.0.0', {
      launcher: false,
    });
    await sealBundle(noLauncher);
    const l = install(noLauncher, path.join(work, 'root-c'));
    expect(l.status).toBe(1);
    expect(l.out).toContain('no bin/node or update launcher');
    const good = await makeBundle('3.0.0');
    const u = install(good, path.join(work, 'root-c'), '--frobnicate');
    expect(u.status).toBe(2);
    expect(u.out).toContain('unknown option: --frobnicate');
  });

  it.runIf(isBundleArch(process.arch))(
    'installs bin/edge-agent, which runs the bundled node through current',
    async () => {
      const root = path.join(work, 'root-d');
      const tree = await makeBundle('4.0.0', {
        [AGENT]: 'console.log(JSON.stringify(process.argv.slice(2)));\n',
      });
      expect(install(tree, root).status).toBe(0);
      const run = spawnSync(
        path.join(root, 'opt/retail-edge/current/bin/edge-agent'),
        ['run', '--config', 'a b.json'],
        { encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(['run', '--config', 'a b.json']);
    },
  );
});
