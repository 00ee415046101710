// Writes what a freshly written Raspberry Pi OS card needs to install and enrol the gateway on its
// first boot, offline, onto its boot partition (any BootVolume): the bundle, the provisioning file,
// the update key, the first-boot script, and the hook in cmdline.txt (original kept beside it).
import { BOOT_FILES, FIRSTBOOT_PATH, REQUIRED_BOOT_FILES } from './boot-files.js';
import { type BootVolume, BootVolumeError } from './boot-volume.js';
import { addFirstbootHook } from './cmdline-txt.js';
import { firstbootScript } from './firstboot-script.js';
import type { FlashInputs } from './flash-inputs.js';

export interface WrittenFile {
  name: string;
  bytes: number;
  /** The mode asked for; FAT keeps none (the mount options decide what a reader sees). */
  mode: number;
  what: string;
}

export interface FlashResult {
  target: string;
  files: WrittenFile[];
  cmdlineChanged: boolean;
  /** A first-boot script hooked before ours, now run by ours first. */
  chained?: string;
  cmdline: string;
}

/** Refuses a volume without cmdline.txt and config.txt, naming what is missing. */
export async function checkBootVolume(volume: BootVolume): Promise<void> {
  const names = new Set((await volume.list()).map((n) => n.toLowerCase()));
  const missing = REQUIRED_BOOT_FILES.filter((f) => !names.has(f));
  if (missing.length > 0)
    throw new BootVolumeError(
      `${volume.description} is not a Raspberry Pi OS boot partition: ${missing.join(' and ')} missing`,
    );
}

export async function flashBootVolume(
  volume: BootVolume,
  inputs: FlashInputs,
  log: (line: string) => void = () => {},
): Promise<FlashResult> {
  await checkBootVolume(volume);
  const cmdlineText = await volume.readText(BOOT_FILES.cmdline);
  if (cmdlineText === undefined) throw new BootVolumeError(`${volume.description}: cannot read cmdline.txt`);
  const hooked = addFirstbootHook(cmdlineText, {
    source: `${volume.description}/${BOOT_FILES.cmdline}`,
    ...(inputs.wifiCountry !== undefined && { wifiCountry: inputs.wifiCountry }),
  });
  const { info } = inputs.bundle;
  const p = inputs.provision.parsed;
  const files: WrittenFile[] = [];

  log(`copying the bundle (${mib(inputs.bundle.bytes)} MiB) to ${volume.description}`);
  await volume.copyIn(inputs.bundle.file, BOOT_FILES.bundle, 0o644);
  files.push({
    name: BOOT_FILES.bundle,
    bytes: inputs.bundle.bytes,
    mode: 0o644,
    what: `edge-agent ${info.version} linux-${info.arch}`,
  });

  log('writing the provisioning file');
  await volume.writeText(BOOT_FILES.provision, inputs.provision.text, 0o600);
  files.push({
    name: BOOT_FILES.provision,
    bytes: Buffer.byteLength(inputs.provision.text),
    mode: 0o600,
    what: `${p.storeId}/${p.gatewayId} (holds the broker password; removed on first boot)`,
  });

  if (inputs.updateKey !== undefined) {
    await volume.writeText(BOOT_FILES.updateKey, inputs.updateKey.text, 0o644);
    files.push({
      name: BOOT_FILES.updateKey,
      bytes: Buffer.byteLength(inputs.updateKey.text),
      mode: 0o644,
      what: 'the hub’s update key (ed25519)',
    });
  }

  const script = firstbootScript({
    bundleDir: info.dir,
    version: info.version,
    storeId: p.storeId,
    gatewayId: p.gatewayId,
    updateKey: inputs.updateKey !== undefined,
    ...(inputs.hostname !== undefined && { hostname: inputs.hostname }),
    ...(inputs.wifiCountry !== undefined && { wifiCountry: inputs.wifiCountry }),
    ...(hooked.chained !== undefined && { chained: hooked.chained }),
  });
  log(`writing ${FIRSTBOOT_PATH}`);
  await volume.writeText(BOOT_FILES.firstboot, script, 0o755);
  files.push({
    name: BOOT_FILES.firstboot,
    bytes: Buffer.byteLength(script),
    mode: 0o755,
    what: 'run once on first boot, then removed',
  });

  if (hooked.changed) {
    // The backup is the card as written by the OS image: a second flash must not overwrite it with
    // an already hooked line.
    const backup = await volume.readText(BOOT_FILES.cmdlineBackup);
    if (backup === undefined || !cmdlineText.includes('systemd.run=')) {
      await volume.writeText(BOOT_FILES.cmdlineBackup, cmdlineText, 0o644);
      files.push({
        name: BOOT_FILES.cmdlineBackup,
        bytes: Buffer.byteLength(cmdlineText),
        mode: 0o644,
        what: 'cmdline.txt before the hook',
      });
    }
    log('hooking the first-boot script into cmdline.txt');
    await volume.writeText(BOOT_FILES.cmdline, hooked.text, 0o644);
    files.push({
      name: BOOT_FILES.cmdline,
      bytes: Buffer.byteLength(hooked.text),
      mode: 0o644,
      what: 'hooked: systemd.run= the first-boot script',
    });
  } else log('cmdline.txt already hooked; left as it is');

  return {
    target: volume.description,
    files,
    cmdlineChanged: hooked.changed,
    cmdline: hooked.text.trimEnd(),
    ...(hooked.chained !== undefined && { chained: hooked.chained }),
  };
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
