#!/usr/bin/env bash
# One-time set-up of a fresh machine: system packages (as root), npm dependencies.
# Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need[*]} with apt-get..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "Missing system packages: ${need[*]}" >&2
    echo "Install them, e.g.: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi

if ! command -v moto_server >/dev/null 2>&1; then
  echo 'moto_server (the local AWS emulator) is missing.' >&2
  echo 'Install it with: pip install "moto[server]==5.2.1"' >&2
  exit 1
fi

# Browsers come from the system (Debian's chromium); never download Playwright's.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund

echo
echo "Set up. Start the portal with: npm start   (then open http://localhost:3000/prod-hardening)"
echo "Run every test with:          npm test"
