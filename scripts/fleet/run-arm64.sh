#!/bin/sh
# Runs an arm64 Linux program on an x64 machine under qemu-user, as a Cortex-A72 (a Raspberry Pi 4):
#   scripts/fleet/run-arm64.sh PROGRAM [ARGS...]      e.g. the bundle's bin/node app/edge-agent/bin/edge-agent.js run …
# Needs Debian qemu-user-static and libc6/libstdc++6/libgcc-s1-arm64-cross (QEMU_LD_PREFIX points at them).
#
# onnxruntime reads /proc/cpuinfo to pick its kernels; under Debian's qemu 7.2 it sees the x86 host's
# file and the process dies with SIGSEGV before a session exists (measured). So by default it runs in a
# private mount namespace (unshare -m; root, or -r where user namespaces are allowed) with an arm64
# cpuinfo describing Cortex-A72 cores bind-mounted over /proc/cpuinfo. ARM64_FAKE_CPUINFO=0 turns it off.
# The PID stays the same through every exec, so signals (SIGTERM) reach the emulated program.
set -eu

: "${QEMU_LD_PREFIX:=/usr/aarch64-linux-gnu}"
export QEMU_LD_PREFIX
[ $# -ge 1 ] || { sed -n '2,3p' "$0" >&2; exit 2; }
command -v qemu-aarch64-static >/dev/null || { echo "run-arm64.sh: qemu-aarch64-static is missing (Debian qemu-user-static)" >&2; exit 127; }
[ -e "$QEMU_LD_PREFIX/lib/ld-linux-aarch64.so.1" ] || { echo "run-arm64.sh: no arm64 libc in $QEMU_LD_PREFIX (Debian libc6-arm64-cross)" >&2; exit 127; }

if [ "${ARM64_FAKE_CPUINFO:-1}" = 0 ]; then
  exec qemu-aarch64-static -cpu cortex-a72 "$@"
fi

# One Cortex-A72 entry (implementer 0x41 ARM, part 0xd08) per host CPU, as a Pi 4's 64-bit kernel prints it.
cpuinfo=$(mktemp "${TMPDIR:-/tmp}/cortex-a72-cpuinfo.XXXXXX")
cpus=$(nproc --all)
i=0
while [ "$i" -lt "$cpus" ]; do
  printf 'processor\t: %d\nBogoMIPS\t: 108.00\nFeatures\t: fp asimd evtstrm crc32 cpuid\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: 0xd08\nCPU revision\t: 3\n\n' "$i"
  i=$((i + 1))
done >"$cpuinfo"
printf 'Hardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B (emulated)\n' >>"$cpuinfo"

userns=
[ "$(id -u)" = 0 ] || userns=-r
# The file is removed once mounted; the mount keeps it alive for the program's lifetime.
# shellcheck disable=SC2016
exec unshare $userns -m sh -c 'mount --bind "$1" /proc/cpuinfo && rm -f "$1" && shift && exec qemu-aarch64-static -cpu cortex-a72 "$@"' run-arm64 "$cpuinfo" "$@"
