// The MBR partition table of a disk image, read in pure code: where the Raspberry Pi OS boot (FAT)
// partition starts, so mtools can address it as IMAGE@@OFFSET without mounting or root.

export const SECTOR = 512;

export interface MbrPartition {
  /** 1..4, as Linux numbers them (p1 = the boot partition on Raspberry Pi OS). */
  index: number;
  bootable: boolean;
  /** The partition type byte (0x0c = FAT32 LBA on Raspberry Pi OS, 0x83 = Linux). */
  type: number;
  startLba: number;
  sectors: number;
}

export class MbrError extends Error {}

/** FAT partition types: FAT12, FAT16 (<32M), FAT16, FAT32 CHS, FAT32 LBA, FAT16 LBA. */
const FAT_TYPES = new Set([0x01, 0x04, 0x06, 0x0b, 0x0c, 0x0e]);
const GPT_PROTECTIVE = 0xee;

/** The used primary partitions of the first sector (at least 512 bytes). */
export function parseMbr(sector0: Uint8Array, source = 'image'): MbrPartition[] {
  if (sector0.length < SECTOR)
    throw new MbrError(`${source}: ${sector0.length} bytes, too short for a partition table`);
  if (sector0[510] !== 0x55 || sector0[511] !== 0xaa)
    throw new MbrError(`${source}: no MBR partition table (no 55 AA signature at byte 510)`);
  const view = new DataView(sector0.buffer, sector0.byteOffset, SECTOR);
  const parts: MbrPartition[] = [];
  for (let i = 0; i < 4; i++) {
    const at = 446 + 16 * i;
    const status = view.getUint8(at);
    const type = view.getUint8(at + 4);
    const startLba = view.getUint32(at + 8, true);
    const sectors = view.getUint32(at + 12, true);
    if (type === 0 || sectors === 0) continue;
    if (status !== 0 && status !== 0x80)
      throw new MbrError(`${source}: partition ${i + 1} has a bad status byte 0x${status.toString(16)}`);
    parts.push({ index: i + 1, bootable: status === 0x80, type, startLba, sectors });
  }
  return parts;
}

/** The first FAT partition, checked to lie inside an image of `imageBytes`. */
export function bootPartition(
  parts: readonly MbrPartition[],
  imageBytes: number,
  source = 'image',
): MbrPartition {
  if (parts.some((p) => p.type === GPT_PROTECTIVE))
    throw new MbrError(`${source}: a GPT disk (protective MBR); Raspberry Pi OS images use an MBR table`);
  const fat = parts.find((p) => FAT_TYPES.has(p.type));
  if (fat === undefined)
    throw new MbrError(
      `${source}: no FAT partition (types ${parts.map((p) => `0x${p.type.toString(16)}`).join(', ') || 'none'}); is this a Raspberry Pi OS image?`,
    );
  const end = (fat.startLba + fat.sectors) * SECTOR;
  if (fat.startLba === 0 || end > imageBytes)
    throw new MbrError(
      `${source}: partition ${fat.index} (sectors ${fat.startLba}+${fat.sectors}) lies outside the ${imageBytes}-byte image (truncated?)`,
    );
  return fat;
}

/** Writes a partition table entry; for building test images and nothing else needs it. */
export function mbrSector(parts: readonly Omit<MbrPartition, 'index'>[]): Uint8Array {
  if (parts.length > 4) throw new MbrError('an MBR holds at most 4 primary partitions');
  const out = new Uint8Array(SECTOR);
  const view = new DataView(out.buffer);
  parts.forEach((p, i) => {
    const at = 446 + 16 * i;
    view.setUint8(at, p.bootable ? 0x80 : 0);
    view.setUint8(at + 4, p.type);
    view.setUint32(at + 8, p.startLba, true);
    view.setUint32(at + 12, p.sectors, true);
  });
  out[510] = 0x55;
  out[511] = 0xaa;
  return out;
}
