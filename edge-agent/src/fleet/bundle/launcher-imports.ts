// The update launcher is copied out of the bundle into /opt/retail-edge/launcher/ with only a node
// binary beside it: no node_modules. This checks the compiled files before they go into a bundle:
// every import must be a node:* built-in or a sibling file that is itself there. Pure.

export interface SourceFile {
  /** File name inside the launcher folder, e.g. `launch.js`. */
  name: string;
  text: string;
}

/** `from '…'`, bare `import '…'` and `import('…')` specifiers (type-only imports are erased by tsc). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g;

/** What the launcher files need that a bare copy would lack, one line each; empty when none. */
export function launcherImportProblems(files: readonly SourceFile[], entry = 'launch.js'): string[] {
  const names = new Set(files.map((f) => f.name));
  const problems: string[] = [];
  if (!names.has(entry)) problems.push(`${entry} is missing`);
  for (const f of files) {
    for (const m of f.text.matchAll(SPECIFIER)) {
      const spec = m[2] ?? '';
      if (spec.startsWith('node:')) continue;
      const sibling = /^\.\/([^/]+\.js)$/.exec(spec)?.[1];
      if (sibling === undefined) problems.push(`${f.name} imports "${spec}" (only node:* and ./sibling.js)`);
      else if (!names.has(sibling)) problems.push(`${f.name} imports ./${sibling}, which is not there`);
    }
  }
  return problems;
}
