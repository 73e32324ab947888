#!/usr/bin/env bash
# Installs the export tests' npm packages exactly as package-lock.json says,
# unless node_modules already holds that lock file's install. Install
# scripts are not run (gift-pegjs needs none).
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.kurssi-installed
want="$(sha256sum package-lock.json | cut -d' ' -f1) $(node --version)"
if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
  echo "tests/export/node_modules is up to date"
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund
echo "$want" >"$stamp"
