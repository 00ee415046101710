// Test fixtures for `edge-agent flash`: a small linux-arm64 bundle that is real as far as the first-boot
// script can tell (the real install.sh, unit and SHA256SUMS; bin/edge-agent runs this checkout's
// compiled agent with this node), a provisioning file, and Raspberry Pi OS-like boot partitions.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleDirName } from '../bundle/bundle-layout.js';
import { installScript } from '../bundle/install-script.js';
import { formatSha256Sums } from '../bundle/sha256-sums.js';
import { systemdUnit } from '../bundle/systemd-unit.js';
import { tarGz } from '../update/bundle-fixture.js';
import { mbrSector, SECTOR } from './mbr.js';

const run = promisify(execFile);

/** This checkout's compiled agent entry (`npm run build`); the fixture bundle's launcher runs it. */
export const AGENT_ENTRY = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../bin/edge-agent.js',
);
export const AGENT_BUILT = existsSync(
  path.resolve(path.dirname(AGENT_ENTRY), '../dist/src/commands/enrol.js'),
);

/** Where the bundle carries the compiled update launcher (fleet/update/install-layout.ts). */
const UPDATE_CODE = 'app/edge-agent/dist/src/fleet/update';
const DIST_UPDATE = path.resolve(path.dirname(AGENT_ENTRY), '../dist/src/fleet/update');

export const PI_CMDLINE =
  'console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait quiet splash plymouth.ignore-serial-consoles\n';
export const PI_CONFIG = '# For more options and information see\n# http://rptl.io/configtxt\narm_64bit=1\n';

/** `<dir>/<name>.tar.gz` holding edge-agent-<version>-linux-arm64/ with a working install.sh. */
export async function makePiBundle(dir: string, name: string, version: string): Promise<string> {
  const src = await mkdtemp(path.join(dir, `${name}-src-`));
  const wrap = bundleDirName(version, 'arm64');
  const files: Record<string, { text: string; exec?: boolean }> = {
    VERSION: { text: `${version}\n` },
    'install.sh': { text: installScript({ arch: 'arm64' }), exec: true },
    // Runs this checkout's agent with this node, as the real launcher runs the bundled one.
    'bin/edge-agent': {
      text: `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(AGENT_ENTRY)} "$@"\n`,
      exec: true,
    },
    'lib/systemd/retail-edge.service': { text: systemdUnit({ version }) },
    // A/B install.sh copies these out of the bundle: a node (here a script running this one) and the
    // compiled update launcher.
    'bin/node': { text: `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} "$@"\n`, exec: true },
  };
  if (existsSync(DIST_UPDATE))
    for (const name of (await readdir(DIST_UPDATE)).filter(
      (n) => n.endsWith('.js') && !n.endsWith('.test.js'),
    ))
      files[`${UPDATE_CODE}/${name}`] = { text: await readFile(path.join(DIST_UPDATE, name), 'utf8') };
  const digests = [];
  for (const [rel, f] of Object.entries(files)) {
    const file = path.join(src, wrap, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, f.text);
    if (f.exec) await chmod(file, 0o755);
    digests.push({ path: rel, sha256: createHash('sha256').update(f.text).digest('hex') });
  }
  await writeFile(path.join(src, wrap, 'SHA256SUMS'), formatSha256Sums(digests));
  const out = await tarGz(src, wrap, path.join(dir, `${name}.tar.gz`));
  await rm(src, { recursive: true });
  return out;
}

/** A directory that looks like a freshly written card's boot partition. */
export async function makeBootDir(dir: string, cmdline = PI_CMDLINE): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'cmdline.txt'), cmdline);
  await writeFile(path.join(dir, 'config.txt'), PI_CONFIG);
  return dir;
}

export async function hasTools(...tools: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const t of tools)
    await run('sh', ['-c', `command -v ${t}`]).catch(() => {
      missing.push(t);
    });
  return missing;
}

/**
 * A disk image like Raspberry Pi OS's: an MBR with a FAT32 (0x0c) partition 1 starting at 4 MiB,
 * made with mkfs.vfat and filled with mcopy, and a Linux partition 2 behind it (left empty).
 */
export async function makePiImage(file: string, cmdline = PI_CMDLINE): Promise<{ offset: number }> {
  const startLba = 8192;
  const fatSectors = 64 * 2048; // 64 MiB
  const rootSectors = 2048;
  const total = (startLba + fatSectors + rootSectors) * SECTOR;
  const mbr = mbrSector([
    { bootable: false, type: 0x0c, startLba, sectors: fatSectors },
    { bootable: false, type: 0x83, startLba: startLba + fatSectors, sectors: rootSectors },
  ]);
  await writeFile(file, Buffer.alloc(0));
  await run('truncate', ['-s', String(total), file]);
  const fh = await open(file, 'r+');
  await fh.write(mbr, 0, SECTOR, 0);
  await fh.close();
  const fat = `${file}.fat`;
  await run('mkfs.vfat', ['-F', '32', '-n', 'bootfs', '-C', fat, String(fatSectors / 2)]);
  const tmp = await mkdtemp(`${file}-files-`);
  await makeBootDir(tmp, cmdline);
  const env = { ...process.env, MTOOLS_SKIP_CHECK: '1' };
  await run('mcopy', ['-i', fat, path.join(tmp, 'cmdline.txt'), path.join(tmp, 'config.txt'), '::/'], {
    env,
  });
  await run('dd', [`if=${fat}`, `of=${file}`, 'bs=512', `seek=${startLba}`, 'conv=notrunc', 'status=none']);
  await rm(fat);
  await rm(tmp, { recursive: true });
  return { offset: startLba * SECTOR };
}

export async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8');
}
