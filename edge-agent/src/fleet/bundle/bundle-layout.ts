// What an edge-agent bundle is: one tar.gz that installs and runs the gateway on a bare Linux board
// (no Node, no npm, no network), built by `edge-agent bundle`. Pure: names and paths only.
//
// The tarball holds one directory, `edge-agent-<version>-linux-<arch>/`:
//
//   VERSION                       the agent version, one line; install.sh installs into /opt/retail-edge/<it>
//   SHA256SUMS                    `sha256sum` lines for every other file; install.sh refuses a bundle that
//                                 does not match it exactly (a changed, missing or extra file)
//   install.sh                    installs into <root>/opt/retail-edge/<version>, points `current` at it,
//                                 installs the systemd unit (`install.sh --help`; `--root DIR` for tests)
//   bin/node                      the Node binary for linux-<arch> (npm package node-linux-<arch>)
//   bin/edge-agent                launcher: bin/node app/edge-agent/bin/edge-agent.js "$@"
//   lib/systemd/retail-edge.service   the unit install.sh puts in /etc/systemd/system
//   app/package.json              the staged manifest the production node_modules were installed from
//   app/package-lock.json         what npm resolved for linux-<arch>
//   app/node_modules/             production dependencies for linux-<arch> (glibc), @retail/contracts a
//                                 real copy (compiled JS only); other platforms' onnxruntime binaries pruned
//   app/edge-agent/package.json   the agent's manifest (ESM)
//   app/edge-agent/bin/edge-agent.js, app/edge-agent/dist/src/**.js   the compiled agent (no tests, maps, .d.ts)
//   app/models/README.md          marks the models folder the agent looks for (`defaultModelDir`)
//   app/models/generated/         the prepared models (nanodet-g.onnx, nanodet-g.tfjs/, licences)
//
// On the board: config in /etc/retail-edge/gateway.json (optional /etc/retail-edge/environment for
// EDGE_MQTT_URL, EDGE_CREDENTIALS, LOG_LEVEL), state in /var/lib/retail-edge, logs in the journal.

export const ARCHES = ['arm64', 'x64'] as const;
export type BundleArch = (typeof ARCHES)[number];

/** `uname -m` of a board that runs the bundle. */
export const UNAME_MACHINE: Record<BundleArch, string> = { arm64: 'aarch64', x64: 'x86_64' };

/** ELF e_machine of the bundled native code (the node binary, onnxruntime, sharp). */
export const ELF_MACHINE: Record<BundleArch, number> = { arm64: 183, x64: 62 };

export const SERVICE_NAME = 'retail-edge';
export const INSTALL_PREFIX = '/opt/retail-edge';
export const CONFIG_DIR = '/etc/retail-edge';
export const STATE_DIR = '/var/lib/retail-edge';
export const SERVICE_USER = 'retail-edge';

export const BUNDLE_PATHS = {
  version: 'VERSION',
  sums: 'SHA256SUMS',
  install: 'install.sh',
  node: 'bin/node',
  launcher: 'bin/edge-agent',
  unit: `lib/systemd/${SERVICE_NAME}.service`,
  app: 'app',
  agent: 'app/edge-agent',
  models: 'app/models',
} as const;

export function isBundleArch(v: string): v is BundleArch {
  return (ARCHES as readonly string[]).includes(v);
}

/** The top-level directory inside the tarball. */
export function bundleDirName(version: string, arch: BundleArch): string {
  return `edge-agent-${version}-linux-${arch}`;
}

/** The npm package that carries the Node binary for an architecture. */
export function nodePackageName(arch: BundleArch): string {
  return `node-linux-${arch}`;
}
