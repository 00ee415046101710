// The boot (FAT) partition `edge-agent flash` writes to, as a port with two adapters: a mounted
// directory (dir-volume.ts) and a partition inside a disk image, through mtools (image-volume.ts).

export interface BootVolume {
  /** For messages: the directory, or IMAGE@@OFFSET. */
  readonly description: string;
  /** The names of the files at the top of the partition. */
  list(): Promise<string[]>;
  /** A file's text, or undefined when it does not exist. */
  readText(name: string): Promise<string | undefined>;
  /** Writes a file (replacing it). `mode` is kept where the filesystem can keep one: FAT cannot. */
  writeText(name: string, text: string, mode: number): Promise<void>;
  copyIn(localFile: string, name: string, mode: number): Promise<void>;
}

export class BootVolumeError extends Error {}
