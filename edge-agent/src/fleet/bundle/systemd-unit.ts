// The systemd unit that runs the installed bundle. Pure: returns the unit file text.
//
// The agent does not speak sd_notify, so there is no WatchdogSec (systemd would kill a healthy agent);
// liveness is Restart=always plus the hub seeing the agent's MQTT last will. A crash loop is slowed
// by RestartSec and stopped by the start limit, so a broken install does not spin the CPU forever.

import { CONFIG_DIR, INSTALL_PREFIX, SERVICE_USER, STATE_DIR } from './bundle-layout.js';

export interface UnitOptions {
  /** Shown in Description. */
  version: string;
}

export function systemdUnit(o: UnitOptions): string {
  return `# retail-edge: the in-store gateway (edge-agent ${o.version}), installed by the bundle's install.sh.
# Config: ${CONFIG_DIR}/gateway.json; overrides (EDGE_MQTT_URL, EDGE_CREDENTIALS, LOG_LEVEL) in
# ${CONFIG_DIR}/environment. State (sequence numbers, outbox): ${STATE_DIR}. Logs: journalctl -u retail-edge.
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
ExecStart=${INSTALL_PREFIX}/current/bin/edge-agent run
WorkingDirectory=${STATE_DIR}
# The agent closes its open window and flushes the outbox on SIGTERM.
KillSignal=SIGTERM
TimeoutStopSec=30
Restart=always
RestartSec=10

# Hardening: read-only system, writable state dir only, no privileges to gain.
StateDirectory=retail-edge
StateDirectoryMode=0750
ConfigurationDirectory=retail-edge
ReadWritePaths=${STATE_DIR}
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
