// What an edge-agent bundle is: one tar.gz that installs and runs the gateway on a bare Linux board
// (no Node, no npm, no network), built by `edge-agent bundle`. Pure: names and paths only.
//
// The tarball holds one directory, `edge-agent-<version>-linux-<arch>/`:
//
//   VERSION                       the agent version, one line
//   SHA256SUMS                    `sha256sum` lines for every other file; install.sh refuses a bundle that
//                                 does not match it exactly (a changed, missing or extra file)
//   install.sh                    lays out the A/B install /opt/retail-edge (below) with this bundle in
//                                 the idle slot, installs the systemd unit (`install.sh --help`;
//                                 `--update-key FILE` the hub's key; `--root DIR` for tests)
//   bin/node                      the Node binary for linux-<arch> (npm package node-linux-<arch>); the
//                                 launcher runs the slot's agent with it
//   bin/edge-agent                runs the agent by hand: bin/node app/edge-agent/bin/edge-agent.js "$@"
//   lib/systemd/retail-edge.service   the unit install.sh puts in /etc/systemd/system: it runs the update
//                                 launcher, which runs the active slot's agent
//   app/package.json              the staged manifest the production node_modules were installed from
//   app/package-lock.json         what npm resolved for linux-<arch>
//   app/node_modules/             production dependencies for linux-<arch> (glibc), @retail/contracts a
//                                 real copy (compiled JS only); other platforms' onnxruntime binaries pruned
//   app/edge-agent/package.json   the agent's manifest (ESM)
//   app/edge-agent/bin/edge-agent.js, app/edge-agent/dist/src/**.js   the compiled agent (no tests, maps, .d.ts)
//   app/edge-agent/dist/src/fleet/update/*.js   among them the update launcher (launch.js), node:* only:
//                                 install.sh copies it to /opt/retail-edge/launcher/ with bin/node
//   app/models/README.md          marks the models folder the agent looks for (`defaultModelDir`)
//   app/models/generated/         the prepared models (nanodet-g.onnx, nanodet-g.tfjs/, licences)
//
// Installed (update/install-layout.ts; the same whether install.sh or an over-the-air update put it there):
//   /opt/retail-edge/slots/a|b     one bundle each (the contents of the wrapping folder)
//   /opt/retail-edge/current       -> slots/a or slots/b, the active slot
//   /opt/retail-edge/state.json    the update state; update-key.pub the hub's ed25519 key
//   /opt/retail-edge/launcher/     launch.js and its siblings, node, package.json (ESM): systemd's ExecStart
//
// On the board: config in /etc/retail-edge/gateway.json (optional /etc/retail-edge/environment for
// EDGE_MQTT_URL, EDGE_CREDENTIALS, LOG_LEVEL), state in /var/lib/retail-edge, logs in the journal.

import { SLOT_ENTRY, SLOT_NODE, SLOT_UPDATE_CODE } from '../update/install-layout.js';

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
  node: SLOT_NODE,
  launcher: 'bin/edge-agent',
  entry: SLOT_ENTRY,
  /** The compiled update launcher and UpdateManager (launch.js and its siblings). */
  updateLauncher: SLOT_UPDATE_CODE,
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
