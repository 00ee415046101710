// The hub's secret for pseudonyms. From HUB_KEY (hex, ≥ 32 bytes) when several hub workers must
// agree on it; otherwise created once in the data directory (mode 0600) and reused.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function loadHubKey(options: { envValue?: string; dataDir: string }): Promise<Buffer> {
  if (options.envValue) {
    const key = Buffer.from(options.envValue.trim(), 'hex');
    if (key.byteLength < 32 || key.toString('hex') !== options.envValue.trim().toLowerCase()) {
      throw new Error('HUB_KEY must be at least 64 hex digits (32 bytes)');
    }
    return key;
  }
  const file = path.join(options.dataDir, 'hub.key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  }
}
