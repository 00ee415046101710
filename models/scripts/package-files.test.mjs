import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileDigest, mismatchedFiles } from './package-files.mjs';

const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const dirs = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('package file checks', () => {
  it('hash files with sha256 (hex) and other digests (base64, as npm integrity strings are)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'models-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'abc'), 'abc');
    expect(await fileDigest(path.join(dir, 'abc'))).toBe(ABC_SHA256);
    expect(await fileDigest(path.join(dir, 'abc'), 'sha512', 'base64')).toMatch(/^3a81oZNherrMQXNJriBBMRLm/);
  });

  it('report the files that are missing or differ from the manifest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'models-'));
    dirs.push(dir);
    await mkdir(path.join(dir, 'models'));
    await writeFile(path.join(dir, 'models/good.json'), 'abc');
    await writeFile(path.join(dir, 'models/bad.bin'), 'abd');
    const files = [
      { path: 'models/good.json', sha256: ABC_SHA256 },
      { path: 'models/bad.bin', sha256: ABC_SHA256 },
      { path: 'LICENSE', sha256: ABC_SHA256 },
    ];
    expect((await mismatchedFiles(dir, files)).map((f) => f.path)).toEqual(['models/bad.bin', 'LICENSE']);
  });
});
