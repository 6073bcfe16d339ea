#!/usr/bin/env bash
# Debian's tools for npm run chaos: faketime (clock skew, libfaketime), nftables (partitions inside
# network namespaces), iproute2 (the namespaces) and libjemalloc2 (the allocator nodes run with,
# docs/configuration.md "Memory"; without it they run on glibc malloc). Idempotent; needs root. A failure is reported
# and exits 0: without the tools the chaos run falls back to 127.0.0.1 and deny lists and says so,
# so a missing package never fails CI by itself.
set -uo pipefail

missing=()
[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 ] || [ -e /usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1 ] \
  || command -v faketime >/dev/null || missing+=(faketime)
command -v nft >/dev/null || missing+=(nftables)
command -v ip >/dev/null || missing+=(iproute2)
[ -e /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 ] || [ -e /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 ] || missing+=(libjemalloc2)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "chaos tools: present (faketime, nft, ip, jemalloc)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chaos tools: missing ${missing[*]} and not root; the chaos run degrades (see its notes)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Output only on failure: an apt log hides the results in CI.
if { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  echo "chaos tools: installed ${missing[*]}"
else
  tail -n 20 "$log" >&2
  echo "chaos tools: could not install ${missing[*]}; the chaos run degrades (see its notes)"
fi
exit 0
