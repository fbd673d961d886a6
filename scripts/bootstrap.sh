#!/bin/sh
# Makes a fresh clone runnable with only Node.js and npm: installs the pinned pnpm when it is
# missing, then the workspace's dependencies when they are missing or older than the lockfile.
set -eu
cd "$(dirname "$0")/.."
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$want" ]; then
  echo "bootstrap: installing pnpm $want" >&2
  npm install --global --no-fund --no-audit "pnpm@$want" >&2
fi
if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  echo "bootstrap: installing dependencies" >&2
  pnpm install --frozen-lockfile >&2
fi
