// The first-boot script `edge-agent flash` puts on the boot partition. Pure: returns its text.
//
// Raspberry Pi OS runs it once as root, in place of the normal boot, through the kernel command line
// (`systemd.run=`, the mechanism Raspberry Pi Imager uses for its firstrun.sh), then reboots. It
// installs and enrols the gateway offline, takes the password off the boot partition and takes its
// hook out of cmdline.txt, so the reboot is a normal boot that starts the agent. It never exits
// non-zero: a failure would leave the Pi in kernel-command-line.target with no login. A failed step
// is logged; the card then boots normally with the provisioning file moved to /root (mode 0600) and
// the log saying how to finish by hand.
//
// RETAIL_EDGE_ROOT=DIR runs it against DIR instead of / (tests): the boot partition is then
// DIR/boot/firmware; install.sh gets --root DIR; no systemctl, user, hostname tool or Wi-Fi tool runs.
import { BUNDLE_PATHS, CONFIG_DIR, SERVICE_NAME, SERVICE_USER } from '../bundle/bundle-layout.js';
import { BOOT_FILES, BOOT_MOUNT, FIRSTBOOT_LOG } from './boot-files.js';

export interface FirstbootOptions {
  /** The bundle's wrapping folder (edge-agent-<version>-linux-<arch>). */
  bundleDir: string;
  version: string;
  storeId: string;
  gatewayId: string;
  /** Pass the update key on the boot partition to install.sh. */
  updateKey: boolean;
  hostname?: string;
  wifiCountry?: string;
  /** Another first-boot script cmdline.txt ran before (Imager's firstrun.sh); run first. */
  chained?: string;
}

/** Single-quotes a value for sh. */
export function shQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

export function firstbootScript(o: FirstbootOptions): string {
  const q = shQuote;
  return `#!/bin/bash
# retail-edge first boot: installs edge-agent ${o.version} and enrols ${o.storeId}/${o.gatewayId}.
# Written by \`edge-agent flash\`; run once by systemd from cmdline.txt (systemd.run=), then the Pi reboots.
# Log: ${FIRSTBOOT_LOG}. RETAIL_EDGE_ROOT=DIR runs it against DIR instead of / (tests only).
set -u

ROOT=\${RETAIL_EDGE_ROOT:-}
ROOT=\${ROOT%/}
BOOT="$ROOT"${q(BOOT_MOUNT)}
LOG="$ROOT"${q(FIRSTBOOT_LOG)}
WORK="$ROOT/var/tmp/retail-edge-firstboot"
CONF="$ROOT"${q(CONFIG_DIR)}
SECURED="$ROOT/root/${BOOT_FILES.provision}"
BUNDLE_DIR=${q(o.bundleDir)}
HOSTNAME_WANTED=${q(o.hostname ?? '')}
WIFI_COUNTRY=${q(o.wifiCountry ?? '')}
UPDATE_KEY=${q(o.updateKey ? BOOT_FILES.updateKey : '')}
CHAINED=${q(o.chained ?? '')}

mkdir -p "$(dirname "$LOG")"
exec >>"$LOG" 2>&1
log() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) retail-edge-firstboot: $*"; }
FAILED=

# The hook comes out of cmdline.txt whatever happens, so the next boot is a normal one.
restore_cmdline() {
  sed -i -e 's/ systemd\\.run[^ ]*//g' -e 's/ systemd\\.unit=kernel-command-line\\.target//g' "$BOOT/cmdline.txt" &&
    log "cmdline.txt restored: $(cat "$BOOT/cmdline.txt")"
}

# The provisioning file holds the broker password: off the FAT partition in every case. After a
# failure it is kept on the root filesystem, root-only, to finish by hand.
clear_provisioning() {
  local f="$BOOT/${BOOT_FILES.provision}"
  [ -f "$f" ] || return 0
  if [ -n "$FAILED" ]; then
    mkdir -p "$(dirname "$SECURED")"
    (umask 077 && cp "$f" "$SECURED") && chmod 0600 "$SECURED" && log "provisioning file kept in $SECURED (mode 0600)"
  fi
  if command -v shred >/dev/null; then shred -u "$f"; else rm -f "$f"; fi
  log "provisioning file removed from the boot partition"
}

finish() {
  clear_provisioning
  restore_cmdline
  rm -f "$BOOT/${BOOT_FILES.firstboot}"
  rm -rf "$WORK"
  sync
  if [ -n "$FAILED" ]; then
    log "FAILED: $FAILED. The Pi boots normally; to finish by hand: extract the bundle, run its install.sh, then"
    log "  edge-agent enrol --provision $SECURED --config-out ${CONFIG_DIR}/gateway.json && rm $SECURED"
  else
    log "done: edge-agent ${o.version} installed, ${o.storeId}/${o.gatewayId} enrolled; the service starts after this reboot"
  fi
  exit 0
}

fail() {
  FAILED=$*
  log "error: $*"
  finish
}

log "start (edge-agent ${o.version}, ${o.storeId}/${o.gatewayId}, root \${ROOT:-/})"

# 0. A first-boot script that was hooked before ours (Raspberry Pi Imager's customisation) runs first.
if [ -n "$CHAINED" ]; then
  if [ -f "$ROOT$CHAINED" ]; then
    log "running $CHAINED first"
    bash "$ROOT$CHAINED" || log "warning: $CHAINED exited with $?"
  else
    log "warning: $CHAINED (hooked before us) is missing; skipped"
  fi
fi

# 1. The bundle, unpacked on the root filesystem (the FAT partition is small and has no modes).
[ -f "$BOOT/${BOOT_FILES.bundle}" ] || fail "$BOOT/${BOOT_FILES.bundle} is missing"
[ -f "$BOOT/${BOOT_FILES.provision}" ] || fail "$BOOT/${BOOT_FILES.provision} is missing"
rm -rf "$WORK"
mkdir -p "$WORK"
tar -xzf "$BOOT/${BOOT_FILES.bundle}" -C "$WORK" || fail "cannot unpack $BOOT/${BOOT_FILES.bundle}"
[ -x "$WORK/$BUNDLE_DIR/${BUNDLE_PATHS.install}" ] || fail "the bundle has no $BUNDLE_DIR/${BUNDLE_PATHS.install}"
log "bundle unpacked in $WORK/$BUNDLE_DIR"

# 2. The config and the credentials (mode 0600) from the provisioning file, with the bundled agent.
mkdir -p "$CONF"
"$WORK/$BUNDLE_DIR/${BUNDLE_PATHS.launcher}" enrol --provision "$BOOT/${BOOT_FILES.provision}" \\
  --config-out "$CONF/gateway.json" --force || fail "edge-agent enrol failed"
chmod 0600 "$CONF/credentials.json" || fail "cannot chmod $CONF/credentials.json"
if ! grep -qs '^EDGE_CREDENTIALS=' "$CONF/environment"; then
  echo "EDGE_CREDENTIALS=${CONFIG_DIR}/credentials.json" >>"$CONF/environment"
fi

# 3. The agent itself (install.sh verifies the bundle against its SHA256SUMS).
install_args=()
[ -z "$ROOT" ] || install_args+=(--root "$ROOT")
[ -z "$UPDATE_KEY" ] || install_args+=(--update-key "$BOOT/$UPDATE_KEY")
"$WORK/$BUNDLE_DIR/${BUNDLE_PATHS.install}" "\${install_args[@]}" || fail "install.sh failed"
log "installed"

# 4. On the Pi: the service user may read its credentials; the service starts on every boot.
if [ -z "$ROOT" ]; then
  if getent passwd ${SERVICE_USER} >/dev/null; then
    chown ${SERVICE_USER}:${SERVICE_USER} "$CONF/credentials.json" || fail "cannot chown the credentials"
  fi
  systemctl daemon-reload || log "warning: systemctl daemon-reload failed"
  systemctl enable ${SERVICE_NAME}.service || fail "systemctl enable ${SERVICE_NAME} failed"
fi
log "service ${SERVICE_NAME} enabled"

# 5. Hostname and Wi-Fi country, as Raspberry Pi Imager sets them.
if [ -n "$HOSTNAME_WANTED" ]; then
  CURRENT_HOSTNAME=$(tr -d ' \\t\\n\\r' <"$ROOT/etc/hostname" 2>/dev/null || true)
  if [ -z "$ROOT" ] && [ -x /usr/lib/raspberrypi-sys-mods/imager_custom ]; then
    /usr/lib/raspberrypi-sys-mods/imager_custom set_hostname "$HOSTNAME_WANTED" || log "warning: set_hostname failed"
  else
    mkdir -p "$ROOT/etc"
    echo "$HOSTNAME_WANTED" >"$ROOT/etc/hostname"
    if [ -n "$CURRENT_HOSTNAME" ] && [ -f "$ROOT/etc/hosts" ]; then
      sed -i "s/127\\.0\\.1\\.1.*$CURRENT_HOSTNAME/127.0.1.1\\t$HOSTNAME_WANTED/g" "$ROOT/etc/hosts"
    fi
  fi
  log "hostname $HOSTNAME_WANTED"
fi
if [ -n "$WIFI_COUNTRY" ] && [ -z "$ROOT" ]; then
  if command -v raspi-config >/dev/null; then
    raspi-config nonint do_wifi_country "$WIFI_COUNTRY" || log "warning: do_wifi_country failed"
  fi
  log "Wi-Fi country $WIFI_COUNTRY (also cfg80211.ieee80211_regdom on cmdline.txt)"
fi

# 6. The copies on the boot partition are no longer needed.
rm -f "$BOOT/${BOOT_FILES.bundle}" "$BOOT/${BOOT_FILES.updateKey}"
finish
`;
}
