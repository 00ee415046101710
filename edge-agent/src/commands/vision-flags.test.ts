import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { texturedFloor } from '../vision/overhead/synthetic-scene.js';
import { referenceFlag, UsageError } from './vision-flags.js';

describe('--reference', () => {
  it('is undefined without the flag and a usage error when empty or unreadable', async () => {
    expect(await referenceFlag(undefined)).toBeUndefined();
    await expect(referenceFlag(',')).rejects.toBeInstanceOf(UsageError);
    await expect(referenceFlag('/no/such/reference.png')).rejects.toThrow(/--reference: .*reference\.png/);
  });

  it('learns a reference from a comma-separated list of pictures', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'reference-flag-'));
    try {
      const floor = texturedFloor(32, 24, 9);
      const files = ['a.png', 'b.png'].map((name) => path.join(dir, name));
      for (const file of files) {
        await writeFile(
          file,
          await sharp(Buffer.from(floor.data), { raw: { width: 32, height: 24, channels: 3 } })
            .png()
            .toBuffer(),
        );
      }
      const reference = await referenceFlag(files.join(','));
      expect(reference?.image.data).toEqual(floor.data);
      expect(reference?.spread.every((s) => s === 0)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
