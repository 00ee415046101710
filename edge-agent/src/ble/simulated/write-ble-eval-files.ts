// Writes the BLE evaluation files of a simulated day into a folder (the adapter of ble-eval-files.ts):
// anchors.json, rssi.csv and truth.csv, streamed so a whole day never sits in memory.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BleEvalFiles } from './ble-eval-files.js';

export interface WrittenBleFiles {
  anchors: string;
  rssi: string;
  truth: string;
}

export async function writeBleEvalFiles(dir: string, files: BleEvalFiles): Promise<WrittenBleFiles> {
  await mkdir(dir, { recursive: true });
  const paths = {
    anchors: join(dir, 'anchors.json'),
    rssi: join(dir, 'rssi.csv'),
    truth: join(dir, 'truth.csv'),
  };
  await writeFile(paths.anchors, files.anchors);
  await pipeline(Readable.from(files.rssi), createWriteStream(paths.rssi));
  await pipeline(Readable.from(files.truth), createWriteStream(paths.truth));
  return paths;
}
