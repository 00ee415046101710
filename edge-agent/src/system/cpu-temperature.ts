// The board's CPU temperature where Linux reports it (Raspberry Pi: thermal_zone0), else undefined.
import { readFile } from 'node:fs/promises';

export async function readCpuTemperature(
  file = '/sys/class/thermal/thermal_zone0/temp',
): Promise<number | undefined> {
  try {
    const milli = Number((await readFile(file, 'utf8')).trim());
    return Number.isFinite(milli) && milli > -40_000 && milli < 150_000
      ? Math.round(milli / 100) / 10
      : undefined;
  } catch {
    return undefined;
  }
}
