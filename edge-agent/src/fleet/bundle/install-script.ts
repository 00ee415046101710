// The bundle's install.sh (POSIX sh + coreutils) and its bin/edge-agent launcher. Pure: returns text.
//
// install.sh checks the bundle against SHA256SUMS (every file matches, none missing, none extra, no
// links), copies it to <root>/opt/retail-edge/<version> (a new directory renamed into place, so a
// half-copied version never exists under its name), switches the `current` link atomically
// (rename over it), installs the unit, and on a real system (root /) creates the service user and
// enables and (re)starts the service. Older versions stay for a rollback: relink `current`, restart.

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
  return `#!/bin/sh
# Installs this edge-agent bundle (linux-${o.arch}). Usage: ./install.sh [--root DIR] [--no-start]
#   --root DIR   install under DIR instead of / (for tests and image builds): no user, no systemctl
#   --no-start   install and enable, but do not (re)start the service
# Result: ${INSTALL_PREFIX}/<version> (this bundle, verified), ${INSTALL_PREFIX}/current -> <version>,
# /etc/systemd/system/${SERVICE_NAME}.service, ${CONFIG_DIR}/ (your gateway.json goes there).
# Rollback: ln -sfn <older version> ${INSTALL_PREFIX}/current && systemctl restart ${SERVICE_NAME}
set -eu

die() { echo "install.sh: $*" >&2; exit 1; }
usage() { sed -n '2,4p' "$0" | sed 's/^# \\{0,1\\}//'; }

ROOT=/
START=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a directory"; ROOT=$2; shift 2 ;;
    --root=*) ROOT=\${1#--root=}; shift ;;
    --no-start) START=no; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

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
trap 'rm -rf "$LISTS"' EXIT
sed 's/^[0-9a-f]\\{64\\} [ *]//' ${BUNDLE_PATHS.sums} | LC_ALL=C sort >"$LISTS/listed"
find . -type f ! -path ./${BUNDLE_PATHS.sums} | sed 's|^\\./||' | LC_ALL=C sort >"$LISTS/present"
if ! cmp -s "$LISTS/listed" "$LISTS/present"; then
  die "files not listed in SHA256SUMS: $(LC_ALL=C comm -13 "$LISTS/listed" "$LISTS/present" | head -n 5 | tr '\\n' ' ')"
fi

if [ "$ROOT" = / ]; then
  [ "$(uname -m)" = ${machine} ] || die "this bundle is for ${machine}, this machine is $(uname -m)"
  [ "$(id -u)" = 0 ] || die "run as root (or use --root DIR)"
fi
ROOT=\${ROOT%/}
PREFIX="$ROOT${INSTALL_PREFIX}"

# 2. The version directory: copied aside, checked again, renamed into place.
mkdir -p "$PREFIX"
TMP="$PREFIX/.$VERSION.installing.$$"
OLD="$PREFIX/.$VERSION.replaced.$$"
trap 'rm -rf "$LISTS" "$TMP"' EXIT
rm -rf "$TMP"
mkdir "$TMP"
cp -R -p "$HERE/." "$TMP/"
(cd "$TMP" && sha256sum --check --strict --quiet ${BUNDLE_PATHS.sums}) || die "the copy in $TMP does not match SHA256SUMS"
if [ -e "$PREFIX/$VERSION" ]; then mv "$PREFIX/$VERSION" "$OLD"; fi
mv "$TMP" "$PREFIX/$VERSION"
rm -rf "$OLD"

# 3. current -> <version>, switched by a rename so it always points at a whole version.
ln -s "$VERSION" "$PREFIX/.current.$$"
mv -T "$PREFIX/.current.$$" "$PREFIX/current"

# 4. The unit and the config directory (an existing config is never touched).
mkdir -p "$ROOT/etc/systemd/system" "$ROOT${CONFIG_DIR}"
cp "$HERE/${BUNDLE_PATHS.unit}" "$ROOT/etc/systemd/system/${SERVICE_NAME}.service"
chmod 0644 "$ROOT/etc/systemd/system/${SERVICE_NAME}.service"
echo "installed edge-agent $VERSION (linux-${o.arch}) in $PREFIX/$VERSION; current -> $VERSION"

if [ "$ROOT" != "" ]; then
  echo "root $ROOT: service user and systemctl skipped"
  exit 0
fi

# 5. On the board: the service user, then systemd.
if ! getent passwd ${SERVICE_USER} >/dev/null; then
  useradd --system --user-group --home-dir ${STATE_DIR} --no-create-home --shell /usr/sbin/nologin ${SERVICE_USER}
fi
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
