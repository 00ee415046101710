// SHA256SUMS round-trips, is what `sha256sum --check` accepts, and refuses paths it would mangle.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badBundlePath, formatSha256Sums, parseSha256Sums } from './sha256-sums.js';
import { sha256File } from './tree-files.js';

const segment = fc
  .stringMatching(/^[A-Za-z0-9_@+-][A-Za-z0-9._@+ -]{0,11}$/)
  .filter((s) => s !== '.' && s !== '..');
const bundlePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const digest = fc.stringMatching(/^[0-9a-f]{64}$/);

describe('SHA256SUMS', () => {
  it('parses back what it formats, sorted by path', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ path: bundlePath, sha256: digest }), { selector: (f) => f.path }),
        (files) => {
          const { files: back, errors } = parseSha256Sums(formatSha256Sums(files));
          expect(errors).toEqual([]);
          expect(back).toEqual([...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
        },
      ),
    );
  });

  it('never throws on garbage and names the bad line', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseSha256Sums(text)));
    const good = `${'a'.repeat(64)}  bin/node`;
    expect(parseSha256Sums(`${good}\nnot a line\n${'b'.repeat(64)}  ../etc/passwd\n`).errors).toEqual([
      'SHA256SUMS line 2: expected "<sha256>  <path>"',
      'SHA256SUMS line 3: path "../etc/passwd" has an empty, "." or ".." segment',
    ]);
  });

  it('refuses paths that leave the bundle or that sha256sum would escape, and duplicates', () => {
    for (const p of ['/etc/passwd', 'a/../b', 'a//b', './a', 'a\\b', 'a\nb', ''])
      expect(badBundlePath(p), JSON.stringify(p)).toBeDefined();
    expect(badBundlePath('app/node_modules/@img/x.node')).toBeUndefined();
    const sha256 = 'c'.repeat(64);
    expect(() =>
      formatSha256Sums([
        { path: 'a', sha256 },
        { path: 'a', sha256 },
      ]),
    ).toThrow(/listed twice/);
    expect(() => formatSha256Sums([{ path: 'a', sha256: 'C'.repeat(64) }])).toThrow(
      /not a lower-case sha256/,
    );
  });

  it('is accepted by sha256sum --check, which then catches a changed file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sums-'));
    try {
      await mkdir(path.join(dir, 'bin'));
      await writeFile(path.join(dir, 'bin', 'node'), 'pretend binary');
      await writeFile(path.join(dir, 'VERSION'), '1.0.0\n');
      const files = await Promise.all(
        ['VERSION', 'bin/node'].map(async (p) => ({ path: p, sha256: await sha256File(path.join(dir, p)) })),
      );
      await writeFile(path.join(dir, 'SHA256SUMS'), formatSha256Sums(files));
      const check = () =>
        spawnSync('sha256sum', ['--check', '--strict', '--quiet', 'SHA256SUMS'], { cwd: dir }).status;
      expect(check()).toBe(0);
      await writeFile(path.join(dir, 'VERSION'), '1.0.1\n');
      expect(check()).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
