// What a bundle tarball is, read from its first entries without extracting it: the wrapping folder
// `edge-agent-<version>-linux-<arch>/`, its VERSION (which must agree with the folder name) and that it
// has an install.sh. Reads the gzip stream only as far as needed and stops.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { BUNDLE_PATHS, type BundleArch, isBundleArch } from '../bundle/bundle-layout.js';

export class BundleInfoError extends Error {}

export interface BundleInfo {
  version: string;
  arch: BundleArch;
  /** The wrapping folder inside the tarball. */
  dir: string;
}

const DIR_NAME = /^edge-agent-([A-Za-z0-9._+-]+)-linux-([a-z0-9]+)$/;

/** One tar header block: name (ustar prefix joined), size, type; undefined for the zero end block. */
export function parseTarHeader(block: Uint8Array): { name: string; size: number; type: string } | undefined {
  if (block.every((b) => b === 0)) return undefined;
  const text = (from: number, len: number) => {
    const raw = Buffer.from(block.subarray(from, from + len));
    const nul = raw.indexOf(0);
    return raw.subarray(0, nul < 0 ? len : nul).toString('utf8');
  };
  const sizeField = text(124, 12).trim();
  if (!/^[0-7]*$/.test(sizeField)) throw new BundleInfoError(`not a tar header (size field "${sizeField}")`);
  const magic = text(257, 6);
  const prefix = magic.startsWith('ustar') ? text(345, 155) : '';
  const name = text(0, 100);
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    size: sizeField === '' ? 0 : Number.parseInt(sizeField, 8),
    type: text(156, 1) || '0',
  };
}

/** The `path=` of a pax extended header, if any. */
function paxPath(data: Buffer): string | undefined {
  for (const rec of data.toString('utf8').split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(rec);
    if (m) return m[1];
  }
  return undefined;
}

/** Reads the tarball until it has seen the wrapping folder, VERSION and install.sh. */
export async function readBundleInfo(file: string): Promise<BundleInfo> {
  let dir: string | undefined;
  let version: string | undefined;
  let hasInstall = false;
  let nextName: string | undefined;
  const source = createReadStream(file);
  const stream = createGunzip();
  source.on('error', (err) => stream.destroy(err));
  source.pipe(stream);
  let buf: Buffer = Buffer.alloc(0);
  /** Bytes of a big entry's body still to come in later chunks, not kept. */
  let skip = 0;
  try {
    for await (const chunk of stream) {
      let c = chunk as Buffer;
      if (skip > 0) {
        const n = Math.min(skip, c.length);
        skip -= n;
        c = c.subarray(n);
      }
      buf = buf.length === 0 ? c : Buffer.concat([buf, c]);
      while (buf.length >= 512) {
        const h = parseTarHeader(buf.subarray(0, 512));
        if (h === undefined) throw new BundleInfoError(`${file}: the tarball ends before ${missing()}`);
        const total = 512 + Math.ceil(h.size / 512) * 512;
        // Only small entries (long names, pax headers, VERSION) are read; the rest is skipped.
        const name = nextName ?? h.name;
        const wanted = h.type === 'L' || h.type === 'x' || name.endsWith(`/${BUNDLE_PATHS.version}`);
        if (wanted && buf.length < total) break;
        const data = wanted ? buf.subarray(512, 512 + h.size) : Buffer.alloc(0);
        if (h.type === 'L') nextName = data.toString('utf8').replace(/\0+$/, '');
        else if (h.type === 'x') nextName = paxPath(data);
        else {
          nextName = undefined;
          const entry = name.replace(/^\.\//, '').replace(/\/$/, '');
          const top = entry.split('/')[0] ?? '';
          dir ??= top;
          if (top !== dir)
            throw new BundleInfoError(`${file}: more than one top folder ("${dir}", "${top}")`);
          if (entry === `${dir}/${BUNDLE_PATHS.version}`)
            version = data.toString('utf8').split('\n')[0]?.trim();
          if (entry === `${dir}/${BUNDLE_PATHS.install}`) hasInstall = true;
          if (version !== undefined && hasInstall) return describe(file, dir, version);
        }
        if (buf.length >= total) buf = buf.subarray(total);
        else {
          skip = total - buf.length;
          buf = Buffer.alloc(0);
        }
      }
    }
  } catch (err) {
    if (err instanceof BundleInfoError) throw err;
    throw new BundleInfoError(`${file}: not a readable .tar.gz: ${(err as Error).message}`);
  } finally {
    source.destroy();
    stream.destroy();
  }
  throw new BundleInfoError(`${file}: the tarball ends before ${missing()}`);

  function missing(): string {
    if (dir === undefined) return 'any entry (empty?)';
    return [version === undefined && BUNDLE_PATHS.version, !hasInstall && BUNDLE_PATHS.install]
      .filter(Boolean)
      .map((n) => `${dir}/${n}`)
      .join(' and ');
  }
}

function describe(file: string, dir: string, version: string): BundleInfo {
  const m = DIR_NAME.exec(dir);
  if (!m) throw new BundleInfoError(`${file}: top folder "${dir}" is not edge-agent-<version>-linux-<arch>`);
  const [, dirVersion = '', arch = ''] = m;
  if (!isBundleArch(arch)) throw new BundleInfoError(`${file}: unknown architecture "${arch}" in "${dir}"`);
  if (dirVersion !== version)
    throw new BundleInfoError(
      `${file}: ${dir}/VERSION says "${version}", the folder name says "${dirVersion}"`,
    );
  return { version, arch, dir };
}
