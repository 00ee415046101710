// The ELF check on real binaries: this machine's node, and files that are not ELF.
import { describe, expect, it } from 'vitest';
import { ELF_MACHINE, isBundleArch } from './bundle-layout.js';
import { elfMachine } from './elf-machine.js';
import { readHead } from './tree-files.js';

describe('elfMachine', () => {
  it.runIf(isBundleArch(process.arch))(`reads ${process.arch} from the running node binary`, async () => {
    const arch = process.arch;
    if (!isBundleArch(arch)) return;
    expect(elfMachine(await readHead(process.execPath, 20))).toBe(ELF_MACHINE[arch]);
  });

  it('reads the machine field of a little-endian header and rejects anything else', () => {
    const header = new Uint8Array(20);
    header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1]);
    header[18] = 183;
    expect(elfMachine(header)).toBe(ELF_MACHINE.arm64);
    expect(elfMachine(header.subarray(0, 19))).toBeUndefined();
    expect(elfMachine(new TextEncoder().encode('#!/bin/sh\necho not elf\n'))).toBeUndefined();
    const bigEndian = header.slice();
    bigEndian[5] = 2;
    expect(elfMachine(bigEndian)).toBeUndefined();
  });
});
