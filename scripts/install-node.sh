#!/usr/bin/env bash
# Installs a Node.js release line for running the suite on it, from the npm registry's `node`
# package (it carries the official Linux, macOS and Windows binaries), beside whatever Node the
# machine has. Prints the directory to put first on PATH.
#
#   bash scripts/install-node.sh 24            # -> .../node-24/node_modules/.bin
#   PATH="$(bash scripts/install-node.sh 22):$PATH" npm test
#
# The install goes to $TIANPING_NODE_CACHE (default: ~/.cache/tianping/node), one folder per
# line, and is reused while it still answers with that line's version. Progress goes to stderr.
set -euo pipefail

if [[ $# -ne 1 || ! "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: install-node.sh MAJOR   (a Node.js release line, say 22 or 24)" >&2
  exit 2
fi
major="$1"
root="${TIANPING_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tianping/node}/node-$major"
bin="$root/node_modules/.bin"

answers() {
  [[ -x "$bin/node" ]] && [[ "$("$bin/node" --version 2>/dev/null)" == v"$major".* ]]
}

if ! answers; then
  echo "installing Node.js $major (the registry's node@$major package) into $root" >&2
  rm -rf "$root"
  mkdir -p "$root"
  # --prefix with no package.json of its own: nothing of the project's lockfile is touched.
  (cd "$root" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$major" >&2)
  if ! answers; then
    echo "install-node.sh: node@$major installed, but $bin/node does not answer with v$major.x" >&2
    exit 1
  fi
fi
echo "Node.js $("$bin/node" --version) at $bin" >&2
echo "$bin"
