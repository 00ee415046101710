// Where things are in an A/B install and inside a slot. Shared by the launcher, the UpdateManager and
// the bundle's install.sh (bundle-layout.ts builds on it), so the three agree. Pure: names only.
//
//   <root>/slots/a, <root>/slots/b   one unpacked bundle each (the contents of its single wrapping
//                                    folder: VERSION, bin/node, app/edge-agent/bin/edge-agent.js, …)
//   <root>/current                   relative link to slots/a or slots/b: the active slot
//   <root>/state.json                the update state (update-state.ts)
//   <root>/update-key.pub            the hub's ed25519 public key (PEM); without it updates are refused
//   <root>/launcher/                 this folder's compiled files plus a node binary, outside the slots,
//                                    so a broken slot cannot break the rollback
//   <root>/downloads/                bundles being downloaded
//   <root>/heartbeat                 the running agent's heartbeat, rewritten on a timer, watched by the
//                                    launcher (heartbeat.ts, watchdog.ts)

/** The agent's node binary inside a slot; without it the launcher runs the agent with its own node. */
export const SLOT_NODE = 'bin/node';
/** The agent's entry script inside a slot. */
export const SLOT_ENTRY = 'app/edge-agent/bin/edge-agent.js';
/** Where the compiled update code (this folder) sits inside a slot; install.sh copies it from there. */
export const SLOT_UPDATE_CODE = 'app/edge-agent/dist/src/fleet/update';

export const AB_SLOTS_DIR = 'slots';
export const AB_CURRENT = 'current';
export const AB_STATE_FILE = 'state.json';
export const AB_PUBLIC_KEY_FILE = 'update-key.pub';
export const AB_LAUNCHER_DIR = 'launcher';
export const AB_HEARTBEAT_FILE = 'heartbeat';
/** The launcher's entry inside AB_LAUNCHER_DIR, and its node. */
export const LAUNCHER_ENTRY = 'launch.js';
export const LAUNCHER_NODE = 'node';
