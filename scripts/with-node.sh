#!/usr/bin/env bash
# Runs a command under another Node.js major: `scripts/with-node.sh 26 npm test`, or `scripts/with-node.sh dockerfile …`
# for the Dockerfile's (FROM node:<major>-…). The runtime comes from the npm registry (node-<platform>-<arch>, the
# binary package that the `node` package installs; no other download is possible here), into
# node_modules/.cache/node-<major>; its bin/ goes first on PATH and its headers are the ones node-gyp compiles native
# addons (better-sqlite3) against. When the running Node already has that major, the command runs as it is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=${1:?usage: scripts/with-node.sh <major|dockerfile> <command> [args…]}
shift
if [ "$major" = dockerfile ]; then
  major=$(sed -nE 's/^FROM node:([0-9]+)-.*/\1/p' "$root/Dockerfile" | head -n 1)
  [ -n "$major" ] || { echo "with-node: no FROM node:<major>-… line in the Dockerfile" >&2; exit 2; }
fi
if [ "$(node -p 'process.versions.node.split(".")[0]')" = "$major" ]; then exec "$@"; fi

package="node-$(node -p 'process.platform + "-" + process.arch')"
prefix="$root/node_modules/.cache/node-$major"
mkdir -p "$prefix"
# Always asked: the newest release of that major, as a node:<major> image gets.
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "$package@$major" >&2
home="$prefix/node_modules/$package"
export PATH="$home/bin:$PATH"
export npm_config_nodedir="$home"
echo "with-node: $(node --version) from $package" >&2
exec "$@"
