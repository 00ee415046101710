// SHA256SUMS in the format `sha256sum --check` reads: `<64 hex>  <path>` per line, sorted by path.
// Pure. Paths that sha256sum would escape (backslash, newline) or that leave the bundle are refused.

export interface FileDigest {
  path: string;
  sha256: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Why a bundle path cannot be listed, or undefined when it can. */
export function badBundlePath(p: string): string | undefined {
  if (p === '') return 'empty path';
  if (/[\\\n\r]/.test(p)) return `path ${JSON.stringify(p)} has a backslash or line break`;
  if (p.startsWith('/')) return `path ${JSON.stringify(p)} is absolute`;
  if (p.split('/').some((s) => s === '' || s === '.' || s === '..'))
    return `path ${JSON.stringify(p)} has an empty, "." or ".." segment`;
  return undefined;
}

export function formatSha256Sums(files: readonly FileDigest[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i] as FileDigest;
    const bad = badBundlePath(f.path);
    if (bad) throw new Error(`SHA256SUMS: ${bad}`);
    if (!HEX64.test(f.sha256))
      throw new Error(`SHA256SUMS: ${f.path}: not a lower-case sha256 "${f.sha256}"`);
    if (i > 0 && sorted[i - 1]?.path === f.path) throw new Error(`SHA256SUMS: ${f.path} listed twice`);
  }
  return sorted.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}

/** Reads SHA256SUMS text; every malformed line is reported by number. */
export function parseSha256Sums(text: string): { files: FileDigest[]; errors: string[] } {
  const files: FileDigest[] = [];
  const errors: string[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    const bad = m ? badBundlePath(m[2] as string) : 'expected "<sha256>  <path>"';
    if (!m || bad) errors.push(`SHA256SUMS line ${i + 1}: ${bad}`);
    else files.push({ sha256: m[1] as string, path: m[2] as string });
  });
  return { files, errors };
}
