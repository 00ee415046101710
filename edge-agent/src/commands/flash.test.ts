import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { access, mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeConfigSchema } from '../config.js';
import { BOOT_FILES } from '../fleet/flash/boot-files.js';
import {
  AGENT_BUILT,
  hasTools,
  makeBootDir,
  makePiBundle,
  makePiImage,
  PI_CMDLINE,
} from '../fleet/flash/flash-fixture.js';
import { sampleProvisioningFile } from '../provisioning/sample-provisioning-file.js';
import { flash } from './flash.js';

const run = promisify(execFile);

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) } };
}

const exists = (f: string) =>
  access(f).then(
    () => true,
    () => false,
  );

const missingImageTools = await hasTools('mkfs.vfat', 'mcopy', 'mtype', 'mdir', 'truncate', 'dd');

describe('edge-agent flash', () => {
  let dir: string;
  let bundle: string;
  let provision: string;
  let updateKey: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'flash-'));
    bundle = await makePiBundle(dir, 'bundle', '1.4.0');
    provision = path.join(dir, 'gw-front.provisioning.json');
    await writeFile(provision, JSON.stringify(sampleProvisioningFile()));
    updateKey = path.join(dir, 'update-key.pub');
    const { publicKey } = generateKeyPairSync('ed25519');
    await writeFile(updateKey, publicKey.export({ type: 'spki', format: 'pem' }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('DIR target: copies the files, hooks cmdline.txt once, keeps the original', async () => {
    const boot = await makeBootDir(path.join(dir, 'boot-a'));
    const args = ['--bundle', bundle, '--provision', provision, '--target', boot, '--update-key', updateKey];
    const r = io();
    expect(await flash([...args, '--hostname', 'gw-front', '--wifi-country', 'GB'], r.io)).toBe(0);
    expect(r.out.join('\n')).toMatch(/flashed .*boot-a for demo\/gw-front \(edge-agent 1\.4\.0\)/);
    expect(r.err.some((l) => l.startsWith('flash: copying the bundle'))).toBe(true);
    expect(await readFile(path.join(boot, BOOT_FILES.bundle))).toEqual(await readFile(bundle));
    expect(await readFile(path.join(boot, BOOT_FILES.provision), 'utf8')).toBe(
      await readFile(provision, 'utf8'),
    );
    expect((await stat(path.join(boot, BOOT_FILES.provision))).mode & 0o777).toBe(0o600);
    expect(await readFile(path.join(boot, BOOT_FILES.updateKey), 'utf8')).toBe(
      await readFile(updateKey, 'utf8'),
    );
    expect((await stat(path.join(boot, BOOT_FILES.firstboot))).mode & 0o777).toBe(0o755);
    const cmdline = await readFile(path.join(boot, 'cmdline.txt'), 'utf8');
    expect(cmdline).toBe(
      `${PI_CMDLINE.trimEnd()} cfg80211.ieee80211_regdom=GB systemd.run=/boot/firmware/retail-edge-firstboot.sh systemd.run_success_action=reboot systemd.unit=kernel-command-line.target\n`,
    );
    expect(await readFile(path.join(boot, BOOT_FILES.cmdlineBackup), 'utf8')).toBe(PI_CMDLINE);

    const again = io();
    expect(await flash([...args, '--hostname', 'gw-front', '--wifi-country', 'GB'], again.io)).toBe(0);
    expect(await readFile(path.join(boot, 'cmdline.txt'), 'utf8')).toBe(cmdline);
    expect(await readFile(path.join(boot, BOOT_FILES.cmdlineBackup), 'utf8')).toBe(PI_CMDLINE);
    expect(again.out.join('\n')).toContain('already hooked');
  });

  it('refuses a DIR without cmdline.txt/config.txt and bad inputs, all named, before writing', async () => {
    const empty = path.join(dir, 'not-boot');
    await mkdir(empty);
    await writeFile(path.join(empty, 'config.txt'), '');
    const r = io();
    expect(await flash(['--bundle', bundle, '--provision', provision, '--target', empty], r.io)).toBe(1);
    expect(r.err.join('\n')).toMatch(/not-boot is not a Raspberry Pi OS boot partition: cmdline.txt missing/);

    const bad = path.join(dir, 'bad.provisioning.json');
    await writeFile(bad, JSON.stringify({ ...sampleProvisioningFile(), gatewayId: 'Not Valid' }));
    const boot = await makeBootDir(path.join(dir, 'boot-bad'));
    const r2 = io();
    const code = await flash(
      [
        '--bundle',
        provision,
        '--provision',
        bad,
        '--target',
        boot,
        '--hostname',
        'bad_name',
        '--wifi-country',
        'gb',
      ],
      r2.io,
    );
    expect(code).toBe(1);
    const msg = r2.err.join('\n');
    expect(msg).toContain(`--bundle ${provision}: `);
    expect(msg).toMatch(/--provision .*bad.provisioning.json: invalid provisioning file .*\n.*gatewayId/);
    expect(msg).toContain('--hostname "bad_name"');
    expect(msg).toContain('--wifi-country "gb"');
    expect(await exists(path.join(boot, BOOT_FILES.firstboot))).toBe(false);
    expect(await readFile(path.join(boot, 'cmdline.txt'), 'utf8')).toBe(PI_CMDLINE);

    const usage = io();
    expect(await flash(['--bundle', bundle], usage.io)).toBe(2);
    expect(usage.err[0]).toMatch(/missing --provision FILE, --target DIR\|IMAGE/);
  });

  it.skipIf(!AGENT_BUILT)(
    'first boot (against a temp root; needs `npm run build`): installs, enrols, cleans up, restores cmdline.txt',
    async () => {
      const root = path.join(dir, 'root-ok');
      // A card Raspberry Pi Imager customised: its firstrun.sh is hooked already, and ours runs it first.
      const imagerHook =
        'systemd.run=/boot/firmware/firstrun.sh systemd.run_success_action=reboot systemd.unit=kernel-command-line.target';
      const original = `${PI_CMDLINE.trimEnd()} ${imagerHook}\n`;
      const boot = await makeBootDir(path.join(root, 'boot/firmware'), original);
      await writeFile(
        path.join(boot, 'firstrun.sh'),
        '#!/bin/bash\necho imager >"$RETAIL_EDGE_ROOT/imager-ran"\n',
      );
      await mkdir(path.join(root, 'etc'), { recursive: true });
      await writeFile(path.join(root, 'etc/hostname'), 'raspberrypi\n');
      await writeFile(path.join(root, 'etc/hosts'), '127.0.0.1\tlocalhost\n127.0.1.1\traspberrypi\n');
      const f = io();
      expect(
        await flash(
          ['--bundle', bundle, '--provision', provision, '--target', boot, '--update-key', updateKey].concat([
            '--hostname',
            'gw-front',
            '--wifi-country',
            'GB',
          ]),
          f.io,
        ),
      ).toBe(0);
      expect(f.out.join('\n')).toContain('/boot/firmware/firstrun.sh hooked before is run first');
      expect(await readFile(path.join(boot, BOOT_FILES.cmdlineBackup), 'utf8')).toBe(original);
      await run('bash', [path.join(boot, BOOT_FILES.firstboot)], {
        env: { ...process.env, RETAIL_EDGE_ROOT: root },
      });

      const logText = await readFile(path.join(root, 'var/log/retail-edge-firstboot.log'), 'utf8');
      expect(logText).toContain('done: edge-agent 1.4.0 installed, demo/gw-front enrolled');
      expect(logText).not.toContain('FAILED');
      const conf = path.join(root, 'etc/retail-edge');
      const config = edgeConfigSchema.parse(
        JSON.parse(await readFile(path.join(conf, 'gateway.json'), 'utf8')),
      );
      expect([config.storeId, config.gatewayId]).toEqual(['demo', 'gw-front']);
      expect(JSON.parse(await readFile(path.join(conf, 'credentials.json'), 'utf8'))).toEqual({
        username: 'demo.gw-front',
        password: 'secret-password',
      });
      expect((await stat(path.join(conf, 'credentials.json'))).mode & 0o777).toBe(0o600);
      expect(await readFile(path.join(conf, 'environment'), 'utf8')).toBe(
        'EDGE_CREDENTIALS=/etc/retail-edge/credentials.json\n',
      );
      expect(await readFile(path.join(root, 'imager-ran'), 'utf8')).toBe('imager\n');
      expect(await exists(path.join(root, 'etc/systemd/system/retail-edge.service'))).toBe(true);
      expect(await readlink(path.join(root, 'opt/retail-edge/current'))).toMatch(/\S/);
      expect(await readFile(path.join(root, 'opt/retail-edge/update-key.pub'), 'utf8')).toBe(
        await readFile(updateKey, 'utf8'),
      );
      expect(await readFile(path.join(root, 'etc/hostname'), 'utf8')).toBe('gw-front\n');
      expect(await readFile(path.join(root, 'etc/hosts'), 'utf8')).toContain('127.0.1.1\tgw-front');
      // The boot partition: password, bundle and script gone; cmdline.txt as before plus the Wi-Fi country.
      for (const gone of [
        BOOT_FILES.provision,
        BOOT_FILES.bundle,
        BOOT_FILES.firstboot,
        BOOT_FILES.updateKey,
      ])
        expect(await exists(path.join(boot, gone)), gone).toBe(false);
      expect(await readFile(path.join(boot, 'cmdline.txt'), 'utf8')).toBe(
        `${PI_CMDLINE.trimEnd()} cfg80211.ieee80211_regdom=GB\n`,
      );
      expect(await exists(path.join(root, 'var/tmp/retail-edge-firstboot'))).toBe(false);
    },
  );

  it.skipIf(!AGENT_BUILT)(
    'first boot that fails (needs `npm run build`): the password leaves the card for /root (0600), the Pi boots normally',
    async () => {
      const root = path.join(dir, 'root-fail');
      const boot = await makeBootDir(path.join(root, 'boot/firmware'));
      expect(await flash(['--bundle', bundle, '--provision', provision, '--target', boot], io().io)).toBe(0);
      // A provisioning file damaged on the card after flashing: enrol refuses it.
      await writeFile(
        path.join(boot, BOOT_FILES.provision),
        '{"schema":"retail.provisioning/v1","mqtt":{"password":"p"}}',
      );
      await run('bash', [path.join(boot, BOOT_FILES.firstboot)], {
        env: { ...process.env, RETAIL_EDGE_ROOT: root },
      });
      const logText = await readFile(path.join(root, 'var/log/retail-edge-firstboot.log'), 'utf8');
      expect(logText).toContain('FAILED: edge-agent enrol failed');
      const kept = path.join(root, 'root', BOOT_FILES.provision);
      expect((await stat(kept)).mode & 0o777).toBe(0o600);
      expect(await exists(path.join(boot, BOOT_FILES.provision))).toBe(false);
      expect(await readFile(path.join(boot, 'cmdline.txt'), 'utf8')).toBe(PI_CMDLINE);
      expect(await exists(path.join(root, 'etc/retail-edge/gateway.json'))).toBe(false);
    },
  );

  it.skipIf(missingImageTools.length > 0)(
    `IMAGE target via mtools, no mount${missingImageTools.length > 0 ? ` (skipped: ${missingImageTools.join(', ')} not installed; Debian packages dosfstools, mtools)` : ''}`,
    async () => {
      const image = path.join(dir, 'raspios.img');
      const { offset } = await makePiImage(image);
      const r = io();
      expect(
        await flash(
          ['--bundle', bundle, '--provision', provision, '--target', image, '--update-key', updateKey],
          r.io,
        ),
      ).toBe(0);
      expect(r.out[0]).toContain(`${image}@@${offset}`);
      const drive = `${image}@@${offset}`;
      const env = { ...process.env, MTOOLS_SKIP_CHECK: '1' };
      const mtype = async (name: string) => (await run('mtype', ['-i', drive, `::/${name}`], { env })).stdout;
      expect(await mtype('cmdline.txt')).toBe(
        `${PI_CMDLINE.trimEnd()} systemd.run=/boot/firmware/retail-edge-firstboot.sh systemd.run_success_action=reboot systemd.unit=kernel-command-line.target\n`,
      );
      expect(await mtype(BOOT_FILES.cmdlineBackup)).toBe(PI_CMDLINE);
      expect(await mtype(BOOT_FILES.provision)).toBe(await readFile(provision, 'utf8'));
      expect(await mtype(BOOT_FILES.firstboot)).toMatch(/^#!\/bin\/bash\n# retail-edge first boot/);
      const copied = path.join(dir, 'copied.tar.gz');
      await run('mcopy', ['-i', drive, `::/${BOOT_FILES.bundle}`, copied], { env });
      expect(await readFile(copied)).toEqual(await readFile(bundle));

      const again = io();
      expect(await flash(['--bundle', bundle, '--provision', provision, '--target', image], again.io)).toBe(
        0,
      );
      expect(await mtype(BOOT_FILES.cmdlineBackup)).toBe(PI_CMDLINE);
      expect((await mtype('cmdline.txt')).match(/systemd\.run=/g)).toHaveLength(1);
    },
  );

  it('IMAGE target without mtools installed: fails naming the Debian package', async () => {
    const image = path.join(dir, 'no-mtools.img');
    await writeFile(image, Buffer.alloc(4096));
    const saved = process.env.PATH;
    process.env.PATH = path.join(dir, 'no-tools-here');
    const r = io();
    try {
      expect(await flash(['--bundle', bundle, '--provision', provision, '--target', image], r.io)).toBe(1);
    } finally {
      process.env.PATH = saved;
    }
    expect(r.err.join('\n')).toContain(
      'needs mtools (mcopy, mtype, mdir), which is not installed: apt-get install mtools',
    );
  });

  it('IMAGE target that is not a disk image is refused by name', async () => {
    const junk = path.join(dir, 'junk.img');
    await writeFile(junk, Buffer.alloc(4096));
    const r = io();
    expect(await flash(['--bundle', bundle, '--provision', provision, '--target', junk], r.io)).toBe(1);
    expect(r.err.join('\n')).toMatch(/junk.img: no MBR partition table|needs mtools/);
  });
});
