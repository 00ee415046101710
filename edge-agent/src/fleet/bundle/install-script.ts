// The bundle's install.sh (POSIX sh + coreutils) and its bin/edge-agent launcher. Pure: returns text.
//
// install.sh checks the bundle against SHA256SUMS (every file matches, none missing, none extra, no
// links) and lays out the A/B install the UpdateManager and the update launcher use (update/
// install-layout.ts), under <root>/opt/retail-edge:
//   slots/<idle>   this bundle (a new folder renamed into place; slots/a on a first install)
//   launcher/      the compiled update launcher (app/edge-agent/dist/src/fleet/update/*.js, node:* only)
//                  with a copy of the bundle's node, outside the slots so a broken slot cannot break rollback
//   state.json     the update state: this slot active, nothing pending (written before `current`)
//   current        -> slots/<idle>, switched atomically (rename over it)
//   update-key.pub the hub's ed25519 key from --update-key FILE (kept when not given; without one the
//                  gateway refuses updates, and install.sh says so)
// then installs the unit, and on a real system (root /) creates the service user, gives it the slots,
// state.json and `current` (the launcher and the key stay root's; the prefix is sticky so it cannot
// replace them) and enables and (re)starts the service. Installing a newer bundle again is a manual
// update: it goes into the idle slot and the previous slot stays as it was.

import {
  AB_CURRENT,
  AB_LAUNCHER_DIR,
  AB_PUBLIC_KEY_FILE,
  AB_SLOTS_DIR,
  AB_STATE_FILE,
  LAUNCHER_NODE,
} from '../update/install-layout.js';
import {
  BUNDLE_PATHS,
  type BundleArch,
  CONFIG_DIR,
  INSTALL_PREFIX,
  SERVICE_NAME,
  SERVICE_USER,
  STATE_DIR,
  UNAME_MACHINE,
} from './bundle-layout.js';

export function installScript(o: { arch: BundleArch }): string {
  const machine = UNAME_MACHINE[o.arch];
  const code = BUNDLE_PATHS.updateLauncher;
  return `#!/bin/sh
# Installs this edge-agent bundle (linux-${o.arch}). Usage: ./install.sh [--root DIR] [--update-key FILE] [--no-start]
#   --root DIR          install under DIR instead of / (for tests and image builds): no user, no systemctl
#   --update-key FILE   the hub's ed25519 public key (PEM); signed updates are refused until one is installed
#   --no-start          install and enable, but do not (re)start the service
# Result: the A/B install ${INSTALL_PREFIX}: this bundle in ${AB_SLOTS_DIR}/a (first install) or the idle slot
# (a manual update), ${AB_CURRENT} -> it, ${AB_STATE_FILE}, the update launcher in ${AB_LAUNCHER_DIR}/, ${AB_PUBLIC_KEY_FILE};
# /etc/systemd/system/${SERVICE_NAME}.service; ${CONFIG_DIR}/ (your gateway.json goes there).
# Going back by hand: run the older bundle's install.sh again.
set -eu

die() { echo "install.sh: $*" >&2; exit 1; }
usage() { sed -n '2,5p' "$0" | sed 's/^# \\{0,1\\}//'; }

ROOT=/
START=yes
KEY=
while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a directory"; ROOT=$2; shift 2 ;;
    --root=*) ROOT=\${1#--root=}; shift ;;
    --update-key) [ $# -ge 2 ] || die "--update-key needs a file"; KEY=$2; shift 2 ;;
    --update-key=*) KEY=\${1#--update-key=}; shift ;;
    --no-start) START=no; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

# The hub's key, checked before anything changes: an ed25519 SPKI PEM is three lines, and its base64
# is always 60 characters starting with MCowBQYDK2VwAyEA (the algorithm identifier).
if [ -n "$KEY" ]; then
  case "$KEY" in /*) ;; *) KEY="$(pwd)/$KEY" ;; esac
  [ -f "$KEY" ] || die "--update-key $KEY: no such file"
  if [ "$(sed -n 1p "$KEY")" != "-----BEGIN PUBLIC KEY-----" ] ||
    [ "$(sed -n 3p "$KEY")" != "-----END PUBLIC KEY-----" ] ||
    [ -n "$(sed -n 4p "$KEY")" ] ||
    ! sed -n 2p "$KEY" | grep -Eq '^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$'; then
    die "--update-key $KEY: not an ed25519 public key in PEM (SPKI) form"
  fi
fi

HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
[ -f ${BUNDLE_PATHS.version} ] && [ -f ${BUNDLE_PATHS.sums} ] || die "$HERE is not an edge-agent bundle (VERSION or SHA256SUMS missing)"
VERSION=$(head -n 1 ${BUNDLE_PATHS.version})
case "$VERSION" in
  '' | .* | */* | *[!A-Za-z0-9._+-]*) die "VERSION: bad version \\"$VERSION\\"" ;;
esac

# 1. The bundle is exactly what was built: every listed file matches, nothing unlisted, no links.
command -v sha256sum >/dev/null || die "sha256sum (coreutils) is required"
sha256sum --check --strict --quiet ${BUNDLE_PATHS.sums} || die "checksum mismatch: the bundle is damaged or was changed; not installed"
odd=$(find . ! -type f ! -type d | head -n 5)
[ -z "$odd" ] || die "unexpected links or special files in the bundle: $odd"
LISTS=$(mktemp -d)
TMP=
LTMP=
trap 'rm -rf "$LISTS" "$TMP" "$LTMP"' EXIT
sed 's/^[0-9a-f]\\{64\\} [ *]//' ${BUNDLE_PATHS.sums} | LC_ALL=C sort >"$LISTS/listed"
find . -type f ! -path ./${BUNDLE_PATHS.sums} | sed 's|^\\./||' | LC_ALL=C sort >"$LISTS/present"
if ! cmp -s "$LISTS/listed" "$LISTS/present"; then
  die "files not listed in SHA256SUMS: $(LC_ALL=C comm -13 "$LISTS/listed" "$LISTS/present" | head -n 5 | tr '\\n' ' ')"
fi
[ -f ${BUNDLE_PATHS.node} ] && [ -f ${code}/launch.js ] || die "the bundle has no ${BUNDLE_PATHS.node} or update launcher (${code}/launch.js)"

if [ "$ROOT" = / ]; then
  [ "$(uname -m)" = ${machine} ] || die "this bundle is for ${machine}, this machine is $(uname -m)"
  [ "$(id -u)" = 0 ] || die "run as root (or use --root DIR)"
fi
ROOT=\${ROOT%/}
PREFIX="$ROOT${INSTALL_PREFIX}"
mkdir -p "$PREFIX/${AB_SLOTS_DIR}"

# 2. The idle slot: the one \`current\` does not point at (slots/a on a first install).
ACTIVE=
if [ -L "$PREFIX/${AB_CURRENT}" ]; then
  case "$(readlink "$PREFIX/${AB_CURRENT}")" in
    ${AB_SLOTS_DIR}/a) ACTIVE=a ;;
    ${AB_SLOTS_DIR}/b) ACTIVE=b ;;
    *) echo "$PREFIX/${AB_CURRENT} -> $(readlink "$PREFIX/${AB_CURRENT}") is not a slot: switching to the A/B layout (that folder stays)" ;;
  esac
fi
case "$ACTIVE" in a) SLOT=b ;; *) SLOT=a ;; esac
if [ -f "$PREFIX/${AB_STATE_FILE}" ] && ! grep -q '"pending": null' "$PREFIX/${AB_STATE_FILE}"; then
  echo "an update was on probation; this install replaces it"
fi

# 3. The slot: copied aside, checked again, renamed into place.
TMP="$PREFIX/.$SLOT.installing.$$"
rm -rf "$TMP"
mkdir "$TMP"
cp -R -p "$HERE/." "$TMP/"
(cd "$TMP" && sha256sum --check --strict --quiet ${BUNDLE_PATHS.sums}) || die "the copy in $TMP does not match SHA256SUMS"
rm -rf "$PREFIX/${AB_SLOTS_DIR}/$SLOT"
mv "$TMP" "$PREFIX/${AB_SLOTS_DIR}/$SLOT"

# 4. The update launcher outside the slots, with its own node (it imports only node:* and its siblings).
LTMP="$PREFIX/.${AB_LAUNCHER_DIR}.installing.$$"
LOLD="$PREFIX/.${AB_LAUNCHER_DIR}.replaced.$$"
rm -rf "$LTMP"
mkdir "$LTMP"
cp -p "$HERE/${code}/"*.js "$LTMP/"
cp -p "$HERE/${BUNDLE_PATHS.node}" "$LTMP/${LAUNCHER_NODE}"
printf '{ "private": true, "type": "module" }\\n' >"$LTMP/package.json"
cp "$HERE/${BUNDLE_PATHS.version}" "$LTMP/VERSION"
if [ -e "$PREFIX/${AB_LAUNCHER_DIR}" ]; then mv "$PREFIX/${AB_LAUNCHER_DIR}" "$LOLD"; fi
mv "$LTMP" "$PREFIX/${AB_LAUNCHER_DIR}"
rm -rf "$LOLD"

# 5. The hub's key, beside the slots so that no bundle can replace its own trust anchor.
if [ -n "$KEY" ]; then
  cp "$KEY" "$PREFIX/.${AB_PUBLIC_KEY_FILE}.$$"
  chmod 0644 "$PREFIX/.${AB_PUBLIC_KEY_FILE}.$$"
  mv "$PREFIX/.${AB_PUBLIC_KEY_FILE}.$$" "$PREFIX/${AB_PUBLIC_KEY_FILE}"
  echo "update key installed: $PREFIX/${AB_PUBLIC_KEY_FILE}; signed updates from the hub are accepted"
elif [ -f "$PREFIX/${AB_PUBLIC_KEY_FILE}" ]; then
  echo "update key kept: $PREFIX/${AB_PUBLIC_KEY_FILE}"
else
  echo "no update key: signed updates from the hub will be REFUSED until one is installed (install.sh --update-key FILE)"
fi

# 6. state.json (this slot active, nothing pending), then current -> slots/<slot> by a rename. The
#    launcher trusts state.json and corrects \`current\` to match it, so the state goes first.
quote() { case "$1" in '' | .* | */* | *[!A-Za-z0-9._+-]*) echo null ;; *) echo "\\"$1\\"" ;; esac; }
KEPT=null
PREV=null
if [ -n "$ACTIVE" ]; then
  PREV="\\"$ACTIVE\\""
  if [ -f "$PREFIX/${AB_SLOTS_DIR}/$ACTIVE/VERSION" ]; then KEPT=$(quote "$(head -n 1 "$PREFIX/${AB_SLOTS_DIR}/$ACTIVE/VERSION")"); fi
fi
if [ "$SLOT" = a ]; then VA="\\"$VERSION\\""; VB=$KEPT; else VA=$KEPT; VB="\\"$VERSION\\""; fi
printf '{\\n  "active": "%s",\\n  "previous": %s,\\n  "versions": { "a": %s, "b": %s },\\n  "pending": null,\\n  "last": null\\n}\\n' \\
  "$SLOT" "$PREV" "$VA" "$VB" >"$PREFIX/.${AB_STATE_FILE}.$$"
mv "$PREFIX/.${AB_STATE_FILE}.$$" "$PREFIX/${AB_STATE_FILE}"
ln -s "${AB_SLOTS_DIR}/$SLOT" "$PREFIX/.${AB_CURRENT}.$$"
mv -T "$PREFIX/.${AB_CURRENT}.$$" "$PREFIX/${AB_CURRENT}"

# 7. The unit and the config directory (an existing config is never touched).
mkdir -p "$ROOT/etc/systemd/system" "$ROOT${CONFIG_DIR}"
cp "$HERE/${BUNDLE_PATHS.unit}" "$ROOT/etc/systemd/system/${SERVICE_NAME}.service"
chmod 0644 "$ROOT/etc/systemd/system/${SERVICE_NAME}.service"
echo "installed edge-agent $VERSION (linux-${o.arch}) in $PREFIX/${AB_SLOTS_DIR}/$SLOT; ${AB_CURRENT} -> ${AB_SLOTS_DIR}/$SLOT"
[ -z "$ACTIVE" ] || echo "slot $ACTIVE (version $KEPT) is kept as it was"

if [ "$ROOT" != "" ]; then
  echo "root $ROOT: service user, ownership and systemctl skipped"
  exit 0
fi

# 8. On the board: the service user owns what updates write (slots, state.json, current, downloads);
#    the prefix is root's, group-writable and sticky, so the launcher and the key cannot be replaced.
if ! getent passwd ${SERVICE_USER} >/dev/null; then
  useradd --system --user-group --home-dir ${STATE_DIR} --no-create-home --shell /usr/sbin/nologin ${SERVICE_USER}
fi
chown -R ${SERVICE_USER}:${SERVICE_USER} "$PREFIX/${AB_SLOTS_DIR}" "$PREFIX/${AB_STATE_FILE}"
chown -h ${SERVICE_USER}:${SERVICE_USER} "$PREFIX/${AB_CURRENT}"
if [ -d "$PREFIX/downloads" ]; then chown -R ${SERVICE_USER}:${SERVICE_USER} "$PREFIX/downloads"; fi
chown -R root:root "$PREFIX/${AB_LAUNCHER_DIR}"
chmod -R go-w "$PREFIX/${AB_LAUNCHER_DIR}"
chown root:${SERVICE_USER} "$PREFIX"
chmod 1775 "$PREFIX"
if [ ! -f ${CONFIG_DIR}/gateway.json ]; then
  echo "no ${CONFIG_DIR}/gateway.json yet: write it (see README \\"Configuration\\"), then: systemctl start ${SERVICE_NAME}"
  START=no
fi
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable ${SERVICE_NAME}.service
  if [ "$START" = yes ]; then systemctl restart ${SERVICE_NAME}.service; fi
else
  echo "systemd is not running here: unit installed, not enabled"
fi
`;
}

/** bin/edge-agent: runs the bundled agent with the bundled node, wherever the bundle was put. */
export function launcherScript(): string {
  return `#!/bin/sh
# edge-agent from this bundle: the bundled node running the bundled agent.
here=$(dirname "$(readlink -f "$0")")
exec "$here/node" "$here/../app/edge-agent/bin/edge-agent.js" "$@"
`;
}
