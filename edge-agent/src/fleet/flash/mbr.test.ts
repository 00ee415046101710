import { describe, expect, it } from 'vitest';
import { bootPartition, MbrError, mbrSector, parseMbr, SECTOR } from './mbr.js';

describe('parseMbr', () => {
  // Raspberry Pi OS Bookworm: p1 FAT32 LBA at sector 8192 (512 MiB), p2 Linux behind it.
  const table = mbrSector([
    { bootable: false, type: 0x0c, startLba: 8192, sectors: 1048576 },
    { bootable: false, type: 0x83, startLba: 1056768, sectors: 4194304 },
  ]);

  it('reads the partitions of a constructed table', () => {
    expect(parseMbr(table)).toEqual([
      { index: 1, bootable: false, type: 0x0c, startLba: 8192, sectors: 1048576 },
      { index: 2, bootable: false, type: 0x83, startLba: 1056768, sectors: 4194304 },
    ]);
  });

  it('reads little-endian fields byte by byte', () => {
    const raw = new Uint8Array(SECTOR);
    raw.set([0x80, 0, 0, 0, 0x0b, 0, 0, 0, 0x01, 0x02, 0x03, 0x00, 0x00, 0x10, 0, 0], 446 + 16);
    raw[510] = 0x55;
    raw[511] = 0xaa;
    expect(parseMbr(raw)).toEqual([
      { index: 2, bootable: true, type: 0x0b, startLba: 0x030201, sectors: 0x1000 },
    ]);
  });

  it('finds the FAT partition and checks it lies inside the image', () => {
    const parts = parseMbr(table);
    expect(bootPartition(parts, (1056768 + 4194304) * SECTOR).startLba).toBe(8192);
    expect(() => bootPartition(parts, 1024 * SECTOR, 'x.img')).toThrow(/x.img: partition 1 .* outside/);
  });

  it('refuses what is not a Raspberry Pi OS image', () => {
    expect(() => parseMbr(new Uint8Array(SECTOR), 'a.img')).toThrow(/a.img: no MBR partition table/);
    expect(() => parseMbr(new Uint8Array(100))).toThrow(MbrError);
    const linuxOnly = parseMbr(mbrSector([{ bootable: false, type: 0x83, startLba: 2048, sectors: 10 }]));
    expect(() => bootPartition(linuxOnly, 1 << 30)).toThrow(/no FAT partition \(types 0x83\)/);
    const gpt = parseMbr(mbrSector([{ bootable: false, type: 0xee, startLba: 1, sectors: 100 }]));
    expect(() => bootPartition(gpt, 1 << 30)).toThrow(/GPT/);
  });
});
