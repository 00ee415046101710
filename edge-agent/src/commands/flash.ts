// `edge-agent flash`: puts the bundle, the provisioning file and a first-boot script on a freshly
// written Raspberry Pi OS card (its mounted boot partition, or an .img file), so the Pi installs and
// enrols the gateway on its first boot, offline. Parses its own flags and prints its own errors:
// usage problems exit 2, refusals and bad inputs 1. Progress on stderr, the summary on stdout.
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  BOOT_FILES,
  type BootVolume,
  BootVolumeError,
  BundleInfoError,
  CmdlineError,
  dirVolume,
  FIRSTBOOT_LOG,
  FlashInputError,
  type FlashRequest,
  type FlashResult,
  flashBootVolume,
  imageVolume,
  MbrError,
  readFlashInputs,
} from '../fleet/flash/index.js';

export const flashUsage = `Usage: edge-agent flash --bundle FILE --provision FILE --target DIR|IMAGE
                        [--update-key FILE] [--hostname NAME] [--wifi-country CC]

Prepares a freshly written Raspberry Pi OS (Bookworm, 64-bit) card to install and enrol this gateway on
its first boot, offline: copies the bundle (linux-arm64, from \`edge-agent bundle\`), the provisioning file
(from \`hub-server provision gateway\`) and the update key onto the boot partition, writes
${BOOT_FILES.firstboot}, and hooks it into cmdline.txt the way Raspberry Pi Imager hooks its firstrun.sh
(the original is kept as ${BOOT_FILES.cmdlineBackup}). On first boot the script installs the bundle,
enrols (/etc/retail-edge/gateway.json, credentials.json mode 0600), enables the service, removes the
provisioning file from the card, restores cmdline.txt and reboots. Log: ${FIRSTBOOT_LOG}.

Options:
  --bundle FILE        the linux-arm64 bundle (.tar.gz)
  --provision FILE     this gateway's provisioning file (holds the broker password)
  --target DIR         the mounted boot partition of the card (with cmdline.txt and config.txt)
  --target IMAGE       a Raspberry Pi OS .img file: written with mtools, no mount or root needed
  --update-key FILE    the hub's ed25519 public key (PEM), for signed updates
  --hostname NAME      the Pi's hostname
  --wifi-country CC    the Wi-Fi regulatory country (ISO 3166, e.g. GB)`;

export interface FlashIo {
  log: (line: string) => void;
  error: (line: string) => void;
}

const consoleIo: FlashIo = { log: (l) => console.log(l), error: (l) => console.error(l) };

export async function flash(argv: string[], io: FlashIo = consoleIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        bundle: { type: 'string' },
        provision: { type: 'string' },
        target: { type: 'string' },
        'update-key': { type: 'string' },
        hostname: { type: 'string' },
        'wifi-country': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    io.error(`${(err as Error).message}\n\n${flashUsage}`);
    return 2;
  }
  if (values.help) {
    io.log(flashUsage);
    return 0;
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const [bundle, provision, target] = [str('bundle'), str('provision'), str('target')];
  const missing = [
    !bundle && '--bundle FILE',
    !provision && '--provision FILE',
    !target && '--target DIR|IMAGE',
  ].filter(Boolean);
  if (bundle === undefined || provision === undefined || target === undefined || missing.length > 0) {
    io.error(`missing ${missing.join(', ')}\n\n${flashUsage}`);
    return 2;
  }
  const request: FlashRequest = { bundle, provision };
  const updateKey = str('update-key');
  const hostname = str('hostname');
  const wifiCountry = str('wifi-country');
  if (updateKey !== undefined) request.updateKey = updateKey;
  if (hostname !== undefined) request.hostname = hostname;
  if (wifiCountry !== undefined) request.wifiCountry = wifiCountry;
  const progress = (line: string) => io.error(`flash: ${line}`);
  try {
    progress('checking the bundle and the provisioning file');
    const inputs = await readFlashInputs(request);
    const volume = await openTarget(target);
    const result = await flashBootVolume(volume, inputs, progress);
    io.log(summary(result, inputs.provision.parsed, inputs.bundle.info.version));
    return 0;
  } catch (err) {
    if (
      err instanceof FlashInputError ||
      err instanceof BootVolumeError ||
      err instanceof BundleInfoError ||
      err instanceof CmdlineError ||
      err instanceof MbrError
    ) {
      io.error(`flash failed: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

/** A directory is a mounted boot partition; a file is a disk image. */
async function openTarget(target: string): Promise<BootVolume> {
  let isDir: boolean;
  try {
    isDir = (await stat(target)).isDirectory();
  } catch (err) {
    throw new BootVolumeError(`--target ${target}: ${(err as Error).message}`);
  }
  return isDir ? dirVolume(target) : imageVolume(target);
}

function summary(r: FlashResult, p: { storeId: string; gatewayId: string }, version: string): string {
  const mode = (m: number) => `0${m.toString(8)}`;
  return [
    `flashed ${r.target} for ${p.storeId}/${p.gatewayId} (edge-agent ${version})`,
    ...r.files.map(
      (f) => `  ${f.name.padEnd(30)} ${String(f.bytes).padStart(10)} B  ${mode(f.mode)}  ${f.what}`,
    ),
    `  cmdline.txt: ${r.cmdlineChanged ? 'hooked' : 'already hooked (unchanged)'}: ${r.cmdline}`,
    ...(r.chained ? [`  the first-boot script ${r.chained} hooked before is run first by ours`] : []),
    '  note: FAT keeps no file modes: until the first boot removes it, anyone holding the card can read the',
    '        provisioning file (its password); keep the card like a key.',
    `First boot: installs, enrols, enables the service, reboots (log ${FIRSTBOOT_LOG} on the Pi).`,
  ].join('\n');
}
