import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SequenceStore } from './sequence-store.js';

async function tempFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'seq-')), 'state', 'sequence');
}

describe('SequenceStore', () => {
  it('hands out increasing numbers across blocks', async () => {
    const s = new SequenceStore({ file: await tempFile(), blockSize: 3 });
    await s.start();
    const got = await Promise.all(Array.from({ length: 10 }, () => s.next()));
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('never repeats a number after a restart without a clean stop (as after kill -9)', async () => {
    const file = await tempFile();
    const first = new SequenceStore({ file, blockSize: 5 });
    await first.start();
    const used = [await first.next(), await first.next(), await first.next()];
    // No stop(): the process "died". A new process starts from what is on disk.
    const second = new SequenceStore({ file, blockSize: 5 });
    await second.start();
    const after = await second.next();
    expect(after).toBeGreaterThan(Math.max(...used));
  });

  it('refuses a corrupt sequence file instead of restarting at zero', async () => {
    const file = await tempFile();
    const s = new SequenceStore({ file });
    await s.start();
    await writeFile(file, 'garbage');
    await expect(new SequenceStore({ file }).start()).rejects.toThrow(/corrupt/);
  });

  it('jumps above a given number, and stays there after a restart', async () => {
    const file = await tempFile();
    const s = new SequenceStore({ file, blockSize: 10 });
    await s.start();
    await s.ensureAbove(5000);
    expect(await s.next()).toBe(5001);
    const again = new SequenceStore({ file, blockSize: 10 });
    await again.start();
    expect(await again.next()).toBeGreaterThan(5001);
  });
});
