import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBundle } from '../update/bundle-fixture.js';
import { BundleInfoError, parseTarHeader, readBundleInfo } from './bundle-info.js';
import { makePiBundle } from './flash-fixture.js';

const run = promisify(execFile);

describe('readBundleInfo', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bundle-info-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A tarball with its entries in exactly this order. */
  async function ordered(name: string, wrap: string, files: [string, string | Buffer][]): Promise<string> {
    const src = path.join(dir, `${name}-src`);
    for (const [rel, data] of files) {
      await mkdir(path.dirname(path.join(src, wrap, rel)), { recursive: true });
      await writeFile(path.join(src, wrap, rel), data);
    }
    const out = path.join(dir, `${name}.tar.gz`);
    await run('tar', ['-czf', out, '-C', src, ...files.map(([rel]) => `${wrap}/${rel}`)]);
    return out;
  }

  it('reads version and arch of a bundle', async () => {
    const file = await makePiBundle(dir, 'pi', '1.4.0');
    expect(await readBundleInfo(file)).toEqual({
      version: '1.4.0',
      arch: 'arm64',
      dir: 'edge-agent-1.4.0-linux-arm64',
    });
    const x64 = await makeBundle(dir, 'x64', '2.0.0', { 'install.sh': '#!/bin/sh\n' });
    expect((await readBundleInfo(x64)).arch).toBe('x64');
  });

  it('skips big entries and long (GNU/pax) names on the way', async () => {
    const longName = `app/${'n'.repeat(120)}/x.bin`;
    const file = await ordered('big', 'edge-agent-3.0.0-linux-arm64', [
      ['app/big.bin', randomBytes(300_000)],
      [longName, randomBytes(1000)],
      ['VERSION', '3.0.0\n'],
      ['install.sh', '#!/bin/sh\n'],
    ]);
    expect((await readBundleInfo(file)).version).toBe('3.0.0');
  });

  it('names what is wrong', async () => {
    const noInstall = await ordered('noinst', 'edge-agent-1.0.0-linux-arm64', [['VERSION', '1.0.0\n']]);
    await expect(readBundleInfo(noInstall)).rejects.toThrow(
      /ends before edge-agent-1.0.0-linux-arm64\/install.sh/,
    );
    const mismatch = await ordered('mismatch', 'edge-agent-1.0.0-linux-arm64', [
      ['VERSION', '1.0.1\n'],
      ['install.sh', '#!/bin/sh\n'],
    ]);
    await expect(readBundleInfo(mismatch)).rejects.toThrow(
      /VERSION says "1.0.1", the folder name says "1.0.0"/,
    );
    const odd = await ordered('odd', 'something-else', [
      ['VERSION', '1\n'],
      ['install.sh', ''],
    ]);
    await expect(readBundleInfo(odd)).rejects.toThrow(/top folder "something-else"/);
    const notGz = path.join(dir, 'plain.tar.gz');
    await writeFile(notGz, 'hello');
    await expect(readBundleInfo(notGz)).rejects.toThrow(BundleInfoError);
    await expect(readBundleInfo(path.join(dir, 'missing.tar.gz'))).rejects.toThrow(/ENOENT/);
  });

  it('parseTarHeader: the end block, and garbage', () => {
    expect(parseTarHeader(new Uint8Array(512))).toBeUndefined();
    const junk = new Uint8Array(512).fill(0x7a);
    expect(() => parseTarHeader(junk)).toThrow(/not a tar header/);
  });
});
