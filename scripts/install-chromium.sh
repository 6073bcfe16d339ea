#!/usr/bin/env bash
# Debian's Chromium for the browser tests (test/browser): playwright-core drives it at
# /usr/bin/chromium. Playwright's own browser download cannot work here (no network but the package
# registries), so the browser comes from the distribution. Idempotent and quiet: does nothing when
# chromium is already installed. Needs root (CI runs as root); prints one line either way.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium: present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
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
# Recommends would bring udev, upower, mesa and printer tools, useless headless; of them only a
# font matters, for pages rendered to screenshots or PDF.
# Output only on failure: an apt log of hundreds of lines hides the test results in CI.
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "chromium: install failed" >&2
  exit 1
fi
echo "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
