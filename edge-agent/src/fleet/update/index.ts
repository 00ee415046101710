// Signed A/B updates with automatic rollback: what the agent and its tests use.
export { checkBundle, loadPublicKey, sha256File } from './bundle-check.js';
export { DownloadError, type DownloadOptions, downloadBundle } from './bundle-download.js';
export { planUnpack, unpackBundle } from './bundle-unpack.js';
export {
  DEFAULT_HEARTBEAT_MS,
  ENV_HEARTBEAT_FILE,
  ENV_HEARTBEAT_MS,
  type Heartbeat,
  type HeartbeatOptions,
  heartbeatFromEnv,
  startHeartbeat,
} from './heartbeat.js';
export * from './install-layout.js';
export { type LauncherOptions, runLauncher, slotNode, watchdogSettings } from './launcher.js';
export { SlotStore } from './slot-store.js';
export {
  type ApplyResult,
  type ConfirmResult,
  ENV_ROOT,
  ENV_SLOT,
  PUBLIC_KEY_FILE,
  type StartResult,
  type UpdateCommand,
  UpdateManager,
  type UpdateManagerOptions,
} from './update-manager.js';
export type { SlotName, UpdateState } from './update-state.js';
export { HeartbeatTracker, type HungReport, resetHeartbeatFile, watchHeartbeat } from './watchdog.js';
