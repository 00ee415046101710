// Which CPU an ELF binary is for, from its first 20 bytes: catches a bundle that would carry an x64
// node (or native module) to an arm64 board. Pure.

/** ELF e_machine, or undefined when the bytes are not a little-endian ELF header. */
export function elfMachine(header: Uint8Array): number | undefined {
  if (header.length < 20) return undefined;
  if (header[0] !== 0x7f || header[1] !== 0x45 || header[2] !== 0x4c || header[3] !== 0x46) return undefined;
  if (header[5] !== 1) return undefined; // EI_DATA: 1 = little-endian (both arm64 and x64 Linux)
  return (header[18] as number) | ((header[19] as number) << 8);
}
