#!/usr/bin/env bash
# Debian's etcd for bench:net's reference figure: it starts a 4-member etcd cluster on loopback and
# runs `etcdctl check perf --load=l` (Raft, no signatures) beside the testnet, so committed anchors/s
# can be read against etcd's writes/s measured in the same run. etcd comes from the distribution
# (etcd-server for the etcd binary, etcd-client for etcdctl), as chromium does for the browser tests.
# Idempotent and quiet: does nothing when both binaries are present. Needs root (or sudo); prints
# one line either way, the apt log only on failure.
set -euo pipefail

version() {
  etcd --version 2>/dev/null | head -n 1 || echo 'version unknown'
}

if command -v etcd >/dev/null 2>&1 && command -v etcdctl >/dev/null 2>&1; then
  echo "etcd: present ($(version))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The package's service is of no use to the bench (it starts its own members in a temporary
# directory); on a machine with systemd, the installed service is stopped and disabled again so
# that it holds no port and burns no CPU while benches run.
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends etcd-server etcd-client; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "etcd: install failed (apt-get install etcd-server etcd-client)" >&2
  exit 1
fi
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now etcd >/dev/null 2>&1 || true
fi
if ! command -v etcd >/dev/null 2>&1 || ! command -v etcdctl >/dev/null 2>&1; then
  echo "etcd: installed packages but etcd or etcdctl is not on PATH" >&2
  exit 1
fi
echo "etcd: installed ($(version))"
