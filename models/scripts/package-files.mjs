// Obtains chosen files of a published npm package: `npm pack` into a cache (npm's own cache makes
// repeats fast), extract only those files with the system tar, and check each against its sha256.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function fileDigest(file, algorithm = 'sha256', encoding = 'hex') {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest(encoding);
}

export async function exists(file) {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The files whose sha256 differs from the manifest (a missing file differs). */
export async function mismatchedFiles(dir, files) {
  const bad = [];
  for (const file of files) {
    const target = path.join(dir, file.path);
    if (!(await exists(target)) || (await fileDigest(target)) !== file.sha256) bad.push(file);
  }
  return bad;
}

/**
 * Makes `files` of `name@version` available under `<cacheDir>/<name>@<version>/` and returns that folder.
 * Throws a clear error when npm cannot fetch the package or a file's sha256 is not the expected one.
 *
 * @param {{ name: string, version: string, integrity?: string, files: Array<{ path: string, sha256: string }>,
 *   cacheDir: string, log: (line: string) => void }} options
 */
export async function packageFiles({ name, version, integrity, files, cacheDir, log }) {
  const spec = `${name}@${version}`;
  const dir = path.join(cacheDir, spec.replace('/', '+'));
  if ((await mismatchedFiles(dir, files)).length === 0) {
    log(`${spec}: files already in ${path.relative(process.cwd(), dir) || '.'}`);
    return dir;
  }
  await mkdir(cacheDir, { recursive: true });
  log(`${spec}: npm pack (npm's cache makes repeats fast)`);
  const tarball = await npmPack(spec, cacheDir);
  try {
    if (integrity) {
      const [algorithm] = integrity.split('-');
      const actual = `${algorithm}-${await fileDigest(tarball, algorithm, 'base64')}`;
      if (actual !== integrity) {
        throw new Error(
          `${spec}: tarball integrity ${actual} is not the manifest's ${integrity}; refusing to use it`,
        );
      }
    }
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    log(`${spec}: extracting ${files.map((f) => f.path).join(', ')}`);
    await run('tar', [
      'xzf',
      tarball,
      '-C',
      dir,
      '--strip-components=1',
      ...files.map((f) => `package/${f.path}`),
    ]);
  } finally {
    await rm(tarball, { force: true }); // 144 MB; npm's cache keeps a copy
  }
  const bad = await mismatchedFiles(dir, files);
  if (bad.length > 0) {
    const detail = await Promise.all(
      bad.map(async (f) => {
        const file = path.join(dir, f.path);
        const actual = (await exists(file)) ? await fileDigest(file) : 'missing';
        return `  ${f.path}: expected sha256 ${f.sha256}, got ${actual}`;
      }),
    );
    throw new Error(`${spec}: files do not match the manifest; refusing to use them:\n${detail.join('\n')}`);
  }
  return dir;
}

async function npmPack(spec, destination) {
  let stdout;
  try {
    ({ stdout } = await run('npm', ['pack', spec, '--pack-destination', destination, '--json'], {
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (error) {
    // npm's first error lines name the cause (code, failing request); the rest is a stack trace.
    const lines = String(error.stderr || error.message).split('\n');
    const cause = lines.filter((line) => /^npm error [A-Za-z]/.test(line) && !/^npm error\s+at /.test(line));
    const detail = (cause.length > 0 ? cause : lines.filter((line) => line.trim())).slice(0, 4).join('\n  ');
    throw new Error(`npm pack ${spec} failed — is the npm registry reachable from here?\n  ${detail}`);
  }
  const [result] = JSON.parse(stdout);
  return path.join(destination, result.filename);
}
