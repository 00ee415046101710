// Names shared by `edge-agent flash` and the first-boot script it writes: what goes on the boot
// (FAT) partition of a Raspberry Pi OS card and where that partition is mounted on the running Pi.
// Pure: names only. Fixed names, so the script needs no arguments and a second flash overwrites.

/** Where Raspberry Pi OS Bookworm mounts the boot partition. */
export const BOOT_MOUNT = '/boot/firmware';

export const BOOT_FILES = {
  cmdline: 'cmdline.txt',
  config: 'config.txt',
  /** The card's cmdline.txt as it was before the first flash (kept for an undo by hand). */
  cmdlineBackup: 'cmdline.txt.retail-edge-orig',
  firstboot: 'retail-edge-firstboot.sh',
  bundle: 'retail-edge-bundle.tar.gz',
  provision: 'retail-edge-provisioning.json',
  updateKey: 'retail-edge-update-key.pub',
} as const;

/** What a Raspberry Pi OS boot partition must already hold. */
export const REQUIRED_BOOT_FILES = [BOOT_FILES.cmdline, BOOT_FILES.config] as const;

/** The first-boot log on the root filesystem. */
export const FIRSTBOOT_LOG = '/var/log/retail-edge-firstboot.log';

/** The first-boot script as the kernel command line names it. */
export const FIRSTBOOT_PATH = `${BOOT_MOUNT}/${BOOT_FILES.firstboot}`;
