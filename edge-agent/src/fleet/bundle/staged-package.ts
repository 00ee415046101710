// The manifests the bundle's production node_modules are installed from, and which installed files
// the bundle keeps. Pure: manifests and the lockfile come in as parsed JSON.

import type { BundleArch } from './bundle-layout.js';

export interface Manifest {
  name?: string;
  version?: string;
  type?: string;
  exports?: unknown;
  main?: string;
  bin?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The parts of package-lock.json (v2/v3) used here. */
export interface Lockfile {
  packages?: Record<string, { version?: string; link?: boolean }>;
}

/** The folder, inside the staging dir, holding the copy of a workspace dependency. */
export function workspaceCopyDir(name: string): string {
  return `workspaces/${name.replace(/^@/, '').replace(/\//g, '-')}`;
}

/**
 * The staging package.json: the agent's dependencies pinned to the versions the repository's
 * lockfile resolved (so the board runs what the tests ran), workspace packages as local copies.
 * Dependencies the lockfile does not know keep their range; they are returned in `unpinned`.
 */
export function stagedManifest(o: { agent: Manifest; lock: Lockfile; workspaces: readonly string[] }): {
  manifest: Manifest;
  unpinned: string[];
} {
  const dependencies: Record<string, string> = {};
  const unpinned: string[] = [];
  for (const [name, range] of Object.entries(o.agent.dependencies ?? {}).sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    if (o.workspaces.includes(name)) {
      dependencies[name] = `file:./${workspaceCopyDir(name)}`;
      continue;
    }
    const locked = o.lock.packages?.[`node_modules/${name}`];
    if (locked?.version && !locked.link) dependencies[name] = locked.version;
    else {
      dependencies[name] = range;
      unpinned.push(name);
    }
  }
  return {
    manifest: {
      name: 'retail-edge-bundle',
      version: o.agent.version ?? '0.0.0',
      type: 'module',
      dependencies,
    },
    unpinned,
  };
}

/** A workspace package as copied into the bundle: runtime fields only, compiled output only. */
export function workspaceCopyManifest(m: Manifest): Manifest & { private: true; files: string[] } {
  return {
    ...(m.name !== undefined && { name: m.name }),
    ...(m.version !== undefined && { version: m.version }),
    private: true,
    ...(m.type !== undefined && { type: m.type }),
    ...(m.main !== undefined && { main: m.main }),
    ...(m.exports !== undefined && { exports: m.exports }),
    ...(m.dependencies !== undefined && { dependencies: m.dependencies }),
    files: ['dist'],
  };
}

/** Compiled JavaScript the agent runs: no tests, declarations or source maps. `rel` uses `/`. */
export function isRuntimeJs(rel: string): boolean {
  return rel.endsWith('.js') && !rel.endsWith('.test.js');
}

const NAPI_BINARY = /^onnxruntime-node\/bin\/napi-v\d+\/([^/]+)\/([^/]+)(?:\/|$)/;

/**
 * Whether a file or folder of the installed node_modules (path relative to it, `/`-separated) goes
 * into the bundle: npm's `.bin` links are not needed, and onnxruntime-node ships every platform's
 * binaries in one package (≈290 MB), of which the board needs one.
 */
export function keepInNodeModules(rel: string, arch: BundleArch): boolean {
  if (rel === '.bin' || rel.startsWith('.bin/')) return false;
  const napi = NAPI_BINARY.exec(rel);
  if (napi) return napi[1] === 'linux' && napi[2] === arch;
  return true;
}
