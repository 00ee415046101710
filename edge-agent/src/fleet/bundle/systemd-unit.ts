// The systemd unit that runs the installed bundle. Pure: returns the unit file text.
//
// ExecStart is the update launcher (update/launch.ts) from /opt/retail-edge/launcher/ with its own node:
// it runs the active slot's agent, restarts it when it exits, and rolls a failed update back by itself.
// Updates write the slots, state.json and `current`, so /opt/retail-edge is writable for the service.
// The agent does not speak sd_notify (Node has no unix datagram sockets), so there is no WatchdogSec
// (systemd would kill a healthy agent). Instead the launcher runs a software watchdog: the agent
// rewrites /opt/retail-edge/heartbeat every 10 s from its main event loop, and when that file is
// older than --watchdog-ms (60 s) the launcher stops the hung agent (SIGTERM, then SIGKILL) and starts
// it again; during an update's probation that counts as a crash towards the rollback. Liveness is thus
// the watchdog and the launcher's restarts, Restart=always for the launcher itself, and the hub seeing
// the agent's MQTT last will. The agent's crash loop is slowed by --restart-delay-ms; the launcher's own
// by RestartSec and the start limit, so a broken install does not spin the CPU forever.

import {
  AB_HEARTBEAT_FILE,
  AB_LAUNCHER_DIR,
  LAUNCHER_ENTRY,
  LAUNCHER_NODE,
} from '../update/install-layout.js';
import { CONFIG_DIR, INSTALL_PREFIX, SERVICE_USER, STATE_DIR } from './bundle-layout.js';

const LAUNCHER = `${INSTALL_PREFIX}/${AB_LAUNCHER_DIR}`;

/** The launcher's command line: the agent's arguments follow `--`. */
export const EXEC_START = [
  `${LAUNCHER}/${LAUNCHER_NODE}`,
  `${LAUNCHER}/${LAUNCHER_ENTRY}`,
  `--root ${INSTALL_PREFIX}`,
  // The agent's own restarts, paced as systemd paced them before (RestartSec).
  '--restart-delay-ms 10000',
  // The software watchdog: a heartbeat older than this (a blocked event loop) restarts the agent.
  '--watchdog-ms 60000',
  `-- run --config ${CONFIG_DIR}/gateway.json`,
].join(' ');

export interface UnitOptions {
  /** Shown in Description. */
  version: string;
}

export function systemdUnit(o: UnitOptions): string {
  return `# retail-edge: the in-store gateway (edge-agent ${o.version}), installed by the bundle's install.sh.
# Config: ${CONFIG_DIR}/gateway.json; overrides (EDGE_MQTT_URL, EDGE_CREDENTIALS, LOG_LEVEL) in
# ${CONFIG_DIR}/environment. State (sequence numbers, outbox): ${STATE_DIR}. Logs: journalctl -u retail-edge.
# Watchdog: no WatchdogSec (the agent cannot send sd_notify). The agent rewrites
# ${INSTALL_PREFIX}/${AB_HEARTBEAT_FILE} every 10 s from its event loop; when it is older than
# --watchdog-ms (60 s; 0 turns it off) the launcher stops the hung agent (SIGTERM, SIGKILL after 10 s)
# and starts it again, and a new version on probation that hangs is rolled back like a crashing one.
[Unit]
Description=Retail edge gateway (edge-agent ${o.version})
Documentation=file://${INSTALL_PREFIX}/current/VERSION
Wants=network-online.target
After=network-online.target
# At most 20 starts in 10 minutes; then the unit stays failed until someone looks (systemctl reset-failed).
StartLimitIntervalSec=600
StartLimitBurst=20

[Service]
Type=simple
User=${SERVICE_USER}
Group=${SERVICE_USER}
# USB/CSI cameras.
SupplementaryGroups=video
Environment=NODE_ENV=production
Environment=EDGE_CONFIG=${CONFIG_DIR}/gateway.json
Environment=EDGE_DATA_DIR=${STATE_DIR}
EnvironmentFile=-${CONFIG_DIR}/environment
# The update launcher runs the active slot's agent (restarting it after 10 s when it exits) and rolls
# an update back by itself when the new version does not confirm in time or crash-loops.
ExecStart=${EXEC_START}
WorkingDirectory=${STATE_DIR}
# The agent closes its open window and flushes the outbox on SIGTERM (the launcher passes it on).
KillSignal=SIGTERM
TimeoutStopSec=30
Restart=always
RestartSec=10

# Hardening: read-only system, writable state dir and A/B install only (updates write the slots,
# state.json and current there), no privileges to gain.
StateDirectory=retail-edge
StateDirectoryMode=0750
ConfigurationDirectory=retail-edge
ReadWritePaths=${STATE_DIR} ${INSTALL_PREFIX}
UMask=0027
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
SystemCallArchitectures=native
# MQTT over IP, BlueZ over the D-Bus socket, interface lookups over netlink.
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
CapabilityBoundingSet=
AmbientCapabilities=
# Not set on purpose: MemoryDenyWriteExecute (V8's JIT needs it off), PrivateDevices (/dev/video*).

[Install]
WantedBy=multi-user.target
`;
}
